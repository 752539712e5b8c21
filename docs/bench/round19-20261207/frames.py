"""Share of a JFR recording's CPU samples whose stack holds a frame matching each pattern.

  jfr print --json --stack-depth 96 --events jdk.ExecutionSample recording.jfr > samples.json
  python3 frames.py samples.json AbstractHandlerMethodMapping.lookupHandlerMethod ...
"""
import json
import sys

events = json.load(open(sys.argv[1]))["recording"]["events"]
for pattern in sys.argv[2:]:
    hits = sum(
        1
        for e in events
        if any(
            pattern in f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
            for f in e["values"]["stackTrace"]["frames"]
        )
    )
    print(f"{hits * 100 / len(events):5.1f}% {hits:5d} {pattern}")
print(len(events), "samples")
