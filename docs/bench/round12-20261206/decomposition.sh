#!/bin/bash
# As run on 2026-12-06, 04:37-05:08, on 2481ba8: three jars through bench/run.sh, alternated, two rounds.
#   with:    the jar of 2481ba8 (/tmp/bt: a clone of this repository)
#   noproj:  the same tree with OpportunityStates.background() returning at once (no background projection)
#   without: the same tree with EventRecorder.recordAll returning 0 (as bench/events-cost.sh builds it)
# The two variant trees were copies made with `git archive HEAD`, edited by hand, built with
# ./mvnw -q package -DskipTests -Dmaven.test.skip=true. Results: decomposition-2481ba8.txt.
set -e
cd /tmp/bt
OUT=/tmp/decomp-$(date -u +%H%M%S); mkdir -p $OUT
for run in 1 2; do
  for side in with noproj without; do
    case $side in with) jar=/tmp/bt/target/opportunities-service-0.1.0-SNAPSHOT.jar;; noproj) jar=$(ls /tmp/noproj/target/opportunities-service-*.jar);; without) jar=$(ls /tmp/noev/target/opportunities-service-*.jar);; esac
    echo "== $run $side $(date +%T)" >> $OUT/progress
    BENCH_JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 BENCH_JAR=$jar bench/run.sh --scenario create,patch,batch_create --no-ceilings --no-aot-cache --duration 10 --warmup ${WARMUP:-60} --results $OUT/$side-$run > $OUT/$side-$run.log 2>&1
  done
done
for f in $OUT/*/summary.csv; do echo "$f"; cut -d, -f1-6 $f | grep -E 'create|patch'; done > $OUT/all.txt
echo done >> $OUT/progress
