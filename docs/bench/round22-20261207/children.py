"""What a frame's CPU samples are spent in: the frames called right under it, by share of all samples.

  jfr print --json --stack-depth 96 --events jdk.ExecutionSample recording.jfr > samples.json
  python3 children.py samples.json PATTERN [DEPTH [ROWS]]

For each sample whose stack holds a frame matching PATTERN (its outermost one), the DEPTH frames
it called (default 1) name the row; "(self)" is a sample in the frame itself.
"""
import collections
import json
import sys

events = json.load(open(sys.argv[1]))["recording"]["events"]
pattern = sys.argv[2]
depth = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rows = int(sys.argv[4]) if len(sys.argv) > 4 else 25

callees = collections.Counter()
under = 0
for event in events:
    # innermost frame first
    frames = [
        f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
        for f in event["values"]["stackTrace"]["frames"]
    ]
    matches = [i for i, frame in enumerate(frames) if pattern in frame]
    if not matches:
        continue
    outermost = max(matches)
    under += 1
    called = frames[max(outermost - depth, 0):outermost][::-1]
    callees[" > ".join(called) if called else "(self)"] += 1

print(f"{under} samples under {pattern} ({under * 100 / len(events):.1f}%)")
for name, count in callees.most_common(rows):
    print(f"{count * 100 / len(events):5.1f}% {count:5d} {name}")
