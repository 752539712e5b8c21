#!/usr/bin/env bash
# rss-sampler.sh OUTDIR: follows the service JVM (the one running opportunities-service), and keeps
# its status, smaps_rollup and RSS per mapping at each new largest VmRSS (4 MiB steps, sampled each
# second), with NMT's summary when the JVM runs with -XX:NativeMemoryTracking=summary.
out=$1; mkdir -p "$out"; max=0; last=""
while true; do
  pid=$(pgrep -f 'opportunities-service.*\.jar' | head -1)
  if [[ -z $pid ]]; then sleep 0.5; continue; fi
  if [[ $pid != "$last" ]]; then max=0; last=$pid; fi
  rss=$(awk '/^VmRSS:/ {print $2}' /proc/$pid/status 2>/dev/null || echo 0)
  if (( rss > max + 4096 )); then
    max=$rss
    { date -u +%T; cat /proc/$pid/status | grep -E 'VmRSS|VmHWM|RssAnon|RssFile|RssShmem|Threads'; } > "$out/status.$pid"
    cat /proc/$pid/smaps_rollup > "$out/rollup.$pid" 2>/dev/null
    # RSS per mapping, grouped by path (anon as [anon])
    awk '/^[0-9a-f]+-[0-9a-f]+ /{name=($6==""?"[anon]":$6)} /^Rss:/{r[name]+=$2} END{for(n in r) printf "%8d %s\n", r[n]/1024, n}' /proc/$pid/smaps | sort -rn | head -25 > "$out/maps.$pid"
    awk '/^[0-9a-f]+-[0-9a-f]+ /{m=$1" "$6} /^Rss:/{printf "%8d %s\n", $2/1024, m}' /proc/$pid/smaps | sort -rn | head -15 >> "$out/maps.$pid"
    "${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"/bin/jcmd $pid VM.native_memory summary > "$out/nmt.$pid" 2>/dev/null
  fi
  sleep 1
done
