# Sourced by the bench scripts that start the service from jars given on their command line
# (large-values.sh, export.sh): start JAR LOG and stop, with the production JVM settings of README
# "In production" on JDK 25 (BENCH_JAVA_HOME). The script sets PORT, DB and KEY (keyId.secret: the
# bootstrap key); PGHOST/PGPORT/PGUSER default to this machine's PostgreSQL.
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
JAVA=${BENCH_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
pid=

start() { # jar log: returns once the service is ready
  CRM_BOOTSTRAP_KEY="$KEY" CRM_RATE_LIMIT_PER_SECOND=0 \
    "$JAVA" -Xmx256m -XX:+UseParallelGC -XX:TrimNativeHeapInterval=1000 -XX:+UseCompactObjectHeaders \
    -XX:+ExitOnOutOfMemoryError \
    -jar "$1" --server.port="$PORT" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" \
    --spring.datasource.username="$PGUSER" >"$2" 2>&1 &
  pid=$!
  for _ in $(seq 240); do
    curl -sf "localhost:$PORT/actuator/health/readiness" >/dev/null && return 0
    sleep 0.5
  done
  echo "the service did not start: $2" >&2
  exit 1
}

stop() { [[ -n $pid ]] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; pid=; }
trap stop EXIT

rest() { curl -s -H "Authorization: Bearer $KEY" "$@"; }
