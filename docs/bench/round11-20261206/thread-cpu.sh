#!/bin/bash
# thread-cpu.sh JAR [SCRIPT]: CPU ticks per thread name of the service over 10 s of a wrk script
# (bench/wrk/SCRIPT.lua, default create) at 16 connections, after WARM (default 25) s of it; from
# the root of a clone with crm_bench loaded (bench/run.sh). JOPTS: more JVM options.
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
export BENCH_TOKEN=benchadmin.bench_secret_4f9c2e7a1b BENCH_KEY_ID=benchadmin BENCH_SECRET=bench_secret_4f9c2e7a1b BENCH_MAX_ID=1000000 BENCH_BATCH_SIZE=500 BENCH_SCRIPT_NAME=x WRK_JSON=/tmp/w.json
SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:5432/crm_bench?reWriteBatchedInserts=true" SPRING_DATASOURCE_USERNAME=postgres PORT=18081 CRM_BOOTSTRAP_KEY=$BENCH_TOKEN CRM_RATE_LIMIT_PER_SECOND=1000000 CRM_RATE_LIMIT_BURST=1000000 $J -Xmx256m -XX:+UseParallelGC $JOPTS -jar $1 > /tmp/svc-t.log 2>&1 &
pid=$!
until curl -sf localhost:18081/actuator/health/readiness >/dev/null; do sleep 0.5; done
wrk -t2 -c16 -d${WARM:-25}s -s bench/wrk/${2:-create}.lua http://127.0.0.1:18081 >/dev/null
snap() { for t in /proc/$pid/task/*; do echo "$(cat $t/comm | tr ' ' '_' | sed 's/[0-9]*$//') $(awk '{print $14+$15}' $t/stat)"; done; }
snap > /tmp/t0; date +%s.%N > /tmp/tmark0
wrk -t2 -c16 -d10s -s bench/wrk/${2:-create}.lua http://127.0.0.1:18081 | grep Requests
snap > /tmp/t1; date +%s.%N > /tmp/tmark1
kill $pid; wait $pid 2>/dev/null
python3 - <<'PY'
import collections
def load(f):
    c=collections.Counter()
    for l in open(f):
        n,v=l.rsplit(' ',1); c[n]+=int(v)
    return c
a=load('/tmp/t0'); b=load('/tmp/t1')
d={k:b[k]-a.get(k,0) for k in b}
for k,v in sorted(d.items(), key=lambda x:-x[1])[:12]: print(v,k)
PY
