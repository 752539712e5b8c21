#!/usr/bin/env bash
# Where the service spends its CPU in one benchmark scenario: JFR (built into the JDK) records the
# service while wrk drives the scenario, then the hottest methods and the share of samples per
# layer are printed. See bench/README.md "Profiling".
#
#   bench/profile.sh get_by_id            # 20 s of the scenario, after 5 s of warm-up
#   bench/profile.sh list_owner_first 30  # another scenario, 30 s
#   bench/profile.sh get_by_id 20 --service-opt crm.security.key-cache=false   # before/after a setting
#
# It runs bench/run.sh (same settings, same data set) for that one scenario without ceilings, and
# attaches a recording with jcmd when the scenario starts. Results: bench/results/profile-<name>-<timestamp>/
# (recording.jfr, hot-methods.txt, layers.txt, the run's own results).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SCENARIO=${1:?usage: bench/profile.sh <scenario> [seconds]}
DURATION=${2:-20}
JAVA_HOME_BENCH=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
# further options go to bench/run.sh (--service-opt K=V...): they name the results too
OPTS_TAG=$(for o in "${@:3}"; do [[ $o == --service-opt ]] || printf -- '-%s' "$o"; done | tr '/=' '__')
OUT="$BENCH_DIR/results/profile-$SCENARIO$OPTS_TAG-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"

"$BENCH_DIR/run.sh" --scenario "$SCENARIO" --duration "$DURATION" --warmup 5 --no-ceilings "${@:3}" \
  >"$OUT/run.log" 2>&1 &
runner=$!

# the service's pid, then the start of the measured scenario
pid=""
until [[ -n $pid ]]; do
  kill -0 "$runner" 2>/dev/null || { tail -20 "$OUT/run.log" >&2; exit 1; }
  pid=$(sed -n 's/.*service ready in .*, pid \([0-9]*\).*/\1/p' "$OUT/run.log" | tail -1)
  sleep 0.5
done
until grep -q "scenario $SCENARIO:" "$OUT/run.log"; do
  kill -0 "$runner" 2>/dev/null || { tail -20 "$OUT/run.log" >&2; exit 1; }
  sleep 0.2
done
# skip the first second of the scenario, stop a second before its end
sleep 1
"$JAVA_HOME_BENCH/bin/jcmd" "$pid" JFR.start name=profile settings=profile \
  duration="$((DURATION - 2))s" filename="$OUT/recording.jfr" >/dev/null
wait "$runner"

JFR="$JAVA_HOME_BENCH/bin/jfr"
"$JFR" view --width 200 hot-methods "$OUT/recording.jfr" >"$OUT/hot-methods.txt"
"$JFR" print --json --events jdk.ExecutionSample "$OUT/recording.jfr" | python3 -c '
import json, sys
# a sample counts for the first layer, from the top of its stack, that one of its frames is in
layers = [
    ("JSON (Jackson)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("JDBC driver (pgjdbc)", ("org.postgresql.",)),
    ("Hibernate", ("org.hibernate.",)),
    ("connection pool (Hikari)", ("com.zaxxer.",)),
    ("rate limit (Bucket4j)", ("io.github.bucket4j.",)),
    ("Spring Security", ("org.springframework.security.",)),
    ("the service", ("com.leadgencrm.",)),
    ("Spring MVC / Framework", ("org.springframework.",)),
    ("Tomcat", ("org.apache.",)),
    ("JDK networking", ("sun.nio.", "java.net.", "sun.net.")),
]
events = json.load(sys.stdin)["recording"]["events"]
counts = {}
for e in events:
    frames = [f["method"]["type"]["name"].replace("/", ".") for f in (e["values"]["stackTrace"] or {}).get("frames", [])]
    layer = "other (JDK, GC barriers, ...)"
    for frame in frames:
        hit = next((name for name, prefixes in layers if frame.startswith(prefixes)), None)
        if hit:
            layer = hit
            break
    counts[layer] = counts.get(layer, 0) + 1
total = sum(counts.values()) or 1
print(f"{total} CPU samples of the service (JFR jdk.ExecutionSample), by the innermost layer on the stack")
for layer, n in sorted(counts.items(), key=lambda kv: -kv[1]):
    print(f"{100 * n / total:5.1f}%  {layer}")
' >"$OUT/layers.txt"

grep -E '[0-9] req/s, p50' "$OUT/run.log" | tail -1 || true
cat "$OUT/layers.txt"
echo
head -25 "$OUT/hot-methods.txt"
echo "results: $OUT"
