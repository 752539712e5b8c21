#!/usr/bin/env bash
# kill -9 of the service during a stream of writes and webhook deliveries. See faults/README.md.
#
#   faults/events-kill9.sh                      # about 1 minute (plus the build if no jar)
#   faults/events-kill9.sh --duration 60 --kill-at 20 --workers 8
#
# Like faults/run.sh: a throwaway PostgreSQL 15 cluster in a temp dir (trust auth, 127.0.0.1, a
# free port from 55432, fsync on), the jar built if missing, then faults/events_kill9.py starts the
# service (CRM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true: the receiver is local), a webhook receiver,
# streams writes, SIGKILLs the service, restarts it and checks that every acknowledged write has its
# event and that every event was delivered at least once. Results: faults/results/events-<timestamp>/
# (summary.json, service logs). Exit status 0 when every check passed, 1 when one failed, 2 on a
# usage or setup error. The service, the cluster and the temp dir are removed on every exit.
set -euo pipefail

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$FAULTS_DIR/.." && pwd)

PG_BIN=${FAULTS_PG_BIN:-/usr/lib/postgresql/15/bin}
JAVA_HOME_FAULTS=${FAULTS_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAR=${FAULTS_JAR:-}
PG_PORT=${FAULTS_PG_PORT:-55432}
HTTP_PORT=${FAULTS_HTTP_PORT:-18190}
RESULTS_ROOT=${FAULTS_RESULTS:-$FAULTS_DIR/results}
EXTRA=()

usage() {
  cat <<EOF
Usage: faults/events-kill9.sh [options]
  --workers N          concurrent writers (default 4)
  --duration S         seconds of writes (default 30)
  --kill-at S          second at which the service is killed (default 12)
  --after-restart S    seconds of writes after the restart (default 10)
  --drain S            seconds to wait for every delivery after the writes (default 180)
  --build              rebuild the jar even if it exists
Environment: as faults/run.sh (FAULTS_JAVA_HOME, FAULTS_JAR, FAULTS_PG_BIN, FAULTS_PG_PORT,
  FAULTS_HTTP_PORT, FAULTS_RESULTS).
EOF
}

BUILD=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workers|--duration|--kill-at|--after-restart|--drain)
      [[ ${2:-} =~ ^[0-9]+$ ]] || { echo "$1 needs a number" >&2; exit 2; }
      EXTRA+=("$1" "$2"); shift 2 ;;
    --build) BUILD=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "unknown option: $1" >&2; usage >&2; exit 2 ;;
  esac
done

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

[[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || die "no PostgreSQL binaries in $PG_BIN (FAULTS_PG_BIN)"
[[ -x $JAVA_HOME_FAULTS/bin/java ]] || die "no java in $JAVA_HOME_FAULTS (FAULTS_JAVA_HOME)"
command -v python3 >/dev/null || die "python3 is needed"
command -v runuser >/dev/null || die "runuser is needed (util-linux)"
id postgres >/dev/null 2>&1 || die "a 'postgres' system user is needed: PostgreSQL refuses to run as root"

# ---------------------------------------------------------------------------------------------
# Cleanup: on every exit, whatever happened
TMP=""
LOAD_PID=""
cleanup() {
  local rc=$?
  [[ $rc -ne 0 && -n $TMP ]] && log "cleaning up (exit $rc)"
  trap - EXIT INT TERM
  if [[ -n $LOAD_PID ]] && kill -0 "$LOAD_PID" 2>/dev/null; then
    kill -TERM "$LOAD_PID" 2>/dev/null || true
    sleep 1
    kill -KILL "$LOAD_PID" 2>/dev/null || true
  fi
  if [[ -n $TMP && -d $TMP ]]; then
    # the service: load.py writes the pid of each instance it starts
    if [[ -f $TMP/service.pid ]]; then
      local pid
      pid=$(cat "$TMP/service.pid")
      if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    if [[ -f $TMP/pgdata/postmaster.pid ]]; then
      runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$TMP/pgdata" -m immediate -w stop >/dev/null 2>&1 || true
      # postmaster.pid may outlive a failed stop: kill the postmaster by its own pid
      local pgpid
      pgpid=$(head -1 "$TMP/pgdata/postmaster.pid" 2>/dev/null || true)
      if [[ -n $pgpid ]] && kill -0 "$pgpid" 2>/dev/null; then kill -KILL "$pgpid" 2>/dev/null || true; fi
    fi
    [[ -f $TMP/postgres.log && -n ${RESULTS:-} ]] && cp "$TMP/postgres.log" "$RESULTS/postgres.log" 2>/dev/null || true
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Ports: the first free one from the given start
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
  local p=$1
  while port_in_use "$p" || ss -Hltn "sport = :$p" 2>/dev/null | grep -q .; do
    p=$((p + 1))
    ((p < $1 + 200)) || die "no free port from $1"
  done
  echo "$p"
}
PG_PORT=$(free_port "$PG_PORT")
HTTP_PORT=$(free_port "$HTTP_PORT")

# ---------------------------------------------------------------------------------------------
# Jar
if [[ -z $JAR ]]; then
  JAR=$(ls "$REPO_DIR"/target/opportunities-service-*.jar 2>/dev/null | grep -v -e '-plain' -e '\.original$' | head -1 || true)
  if [[ -z $JAR || $BUILD -eq 1 ]]; then
    log "building the jar (./mvnw -q -DskipTests package in $REPO_DIR)"
    (cd "$REPO_DIR" && ./mvnw -q -DskipTests package) || die "the build failed"
    JAR=$(ls "$REPO_DIR"/target/opportunities-service-*.jar | grep -v -e '-plain' -e '\.original$' | head -1)
  fi
fi
[[ -f $JAR ]] || die "no jar at $JAR"

# ---------------------------------------------------------------------------------------------
# Results and the throwaway cluster
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RESULTS=$RESULTS_ROOT/events-$STAMP
mkdir -p "$RESULTS"
TMP=$(mktemp -d /tmp/crm-faults.XXXXXX)
# PostgreSQL runs as postgres: it needs the dir for its socket, lock file and log
chmod 755 "$TMP"
chown postgres "$TMP"
log "results: $RESULTS"
log "throwaway cluster in $TMP (port $PG_PORT), service on port $HTTP_PORT, jar $JAR"

runuser -u postgres -- "$PG_BIN/initdb" -D "$TMP/pgdata" -A trust -U postgres -E UTF8 --no-instructions \
  >"$RESULTS/initdb.log" 2>&1 || { cat "$RESULTS/initdb.log" >&2; die "initdb failed"; }
cat >>"$TMP/pgdata/postgresql.conf" <<EOF

# crm faults run (events, kill -9)
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$TMP'
fsync = on
synchronous_commit = on
full_page_writes = on
max_connections = 100
EOF
touch "$TMP/postgres.log"
chown postgres "$TMP/postgres.log"
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$TMP/pgdata" -l "$TMP/postgres.log" -w -t 60 start >/dev/null ||
  { cat "$TMP/postgres.log" >&2; die "PostgreSQL did not start"; }
log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') up on 127.0.0.1:$PG_PORT"

# The service runs from a copy of the jar: a rebuild during the run cannot change what the restart
# starts, and a broad 'pkill -f <jar name>' elsewhere on the machine does not hit this run.
cp "$JAR" "$TMP/service-under-test.jar"

# ---------------------------------------------------------------------------------------------
# The run (events_kill9.py starts the service, the receiver, kills, restarts, checks)
set +e
CRM_WEBHOOKS_ALLOW_PRIVATE_NETWORKS=true python3 -u "$FAULTS_DIR/events_kill9.py" \
  --java "$JAVA_HOME_FAULTS/bin/java" --jar "$TMP/service-under-test.jar" \
  --pg-port "$PG_PORT" --http-port "$HTTP_PORT" --tmp "$TMP" --results "$RESULTS" \
  ${EXTRA[@]+"${EXTRA[@]}"} &
LOAD_PID=$!
wait "$LOAD_PID"
RC=$?
LOAD_PID=""
set -e
if [[ $RC -eq 0 ]]; then
  log "all checks passed; results in $RESULTS"
elif [[ $RC -eq 1 ]]; then
  log "CHECKS FAILED; results in $RESULTS"
else
  log "the run did not complete (exit $RC); results in $RESULTS"
fi
exit "$RC"
