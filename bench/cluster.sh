#!/usr/bin/env bash
# Herald as a cluster (issue 24): N nodes sharing K Redis shards on this machine, one command:
#
#   bench/cluster.sh                          2 and 3 nodes, each with 1 and 2 shards (about 20 minutes)
#   bench/cluster.sh --quick                  small scales (about 8 minutes with the build)
#   bench/cluster.sh --nodes=1,2,3 --shards=1,2   any lists; 1 node is the reference that reads every event
#   bench/cluster.sh --no-build ...           reuses the last build (target/, bench/target/)
#   bench/cluster.sh --baseline=7799e89       also runs that commit's Herald (built in bench/work/baseline),
#                                             one shard per node count: 7799e89 is the last build before
#                                             interest routing, where every node read every event
#
# Any other --name=value goes to the generator (--cluster-rate=1000; `--help` lists them). For every
# pair of N and K it starts K fresh redis-server on 127.0.0.1 (free ports from $CLUSTER_REDIS_PORT, 6391;
# never the machine's 6379), and N nodes made anew from the node template (heraldCluster1..N,
# bench/liberty/jvm.options and bench.env) on 127.0.0.1:$CLUSTER_PORT and up (9190), with
# HERALD_BROKER=redis, HERALD_STORE=redis, HERALD_REDIS_URL the first shard and, with K > 1,
# HERALD_REDIS_SHARDS every shard. The generator (workload `cluster`, ClusterTopics.java) runs many topics
# at a steady rate, then the publish capacity, and writes bench/work/cluster/<N>n<K>s-<build>.json; all is
# stopped before the next pair. At the end the runs are gathered into bench/results/<date>-cluster.json
# and printed as a table. Nodes and Redis are stopped at the end, also on failure or Ctrl-C.
# The generator is pinned to one core ($GENERATOR_CPUS, by default the machine's last; `taskset`) with
# one GC thread, as in bench/run.sh; the nodes and Redis are not pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. .ci/java.sh
WORK="$ROOT/bench/work"
RUNS="$WORK/cluster"
CLUSTER_PORT=${CLUSTER_PORT:-9190}
CLUSTER_REDIS_PORT=${CLUSTER_REDIS_PORT:-6391}
WLP="$ROOT/target/liberty/wlp"
NODE_PREFIX=heraldCluster
MAX_NODES=9

NODES_LIST=2,3
SHARDS_LIST=1,2
BUILD=true
BASELINE=
QUICK=()
GENERATOR_CPUS=${GENERATOR_CPUS:-$(( $(nproc) - 1 ))}
GENERATOR_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --nodes=*) NODES_LIST=${arg#--nodes=} ;;
    --shards=*) SHARDS_LIST=${arg#--shards=} ;;
    --quick) QUICK=(--quick) ;;
    --no-build) BUILD=false ;;
    --baseline=*) BASELINE=${arg#--baseline=} ;;
    --help) sed -n '2,/^[^#]/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; echo "generator options: --cluster-topics=10000 --cluster-rate=2000 ... (see BenchOptions.java)"; exit 0 ;;
    *) GENERATOR_ARGS+=("$arg") ;;
  esac
done
IFS=, read -r -a NODE_COUNTS <<< "$NODES_LIST"
IFS=, read -r -a SHARD_COUNTS <<< "$SHARDS_LIST"
for n in "${NODE_COUNTS[@]}"; do
  [[ "$n" =~ ^[1-9]$ ]] || { echo "--nodes: 1 to $MAX_NODES nodes, got '$n'" >&2; exit 2; }
done
for k in "${SHARD_COUNTS[@]}"; do
  [[ "$k" =~ ^[1-9]$ ]] || { echo "--shards: 1 to 9 shards, got '$k'" >&2; exit 2; }
done

say() { printf '\n[cluster] %s\n' "$*"; }

mkdir -p "$WORK" "$RUNS" "$ROOT/bench/results"
# One cluster run on the machine at a time, from any checkout: they would take each other's ports.
# The nodes and Redis are started with fd 9 closed, so a daemon left behind never holds the lock.
exec 9>/tmp/herald-cluster-bench.lock
if ! flock -n 9; then
  say "another bench/cluster.sh is running (/tmp/herald-cluster-bench.lock); waiting for it"
  flock 9
fi
ulimit -n "$(ulimit -Hn)"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
say "1-minute load average before the run: $LOAD_BEFORE; open-files limit $(ulimit -n)"

# Only what this script started: its own node names and the Redis whose pid files it wrote.
BASE_DIR="$WORK/baseline"
stop_nodes() {   # in this checkout's Liberty and the baseline's
  local pids=() wlp
  for wlp in "$WLP" "$BASE_DIR/target/liberty/wlp"; do
    [ -x "$wlp/bin/server" ] || continue
    for i in $(seq 1 "$MAX_NODES"); do
      if [ -f "$wlp/usr/servers/.pid/$NODE_PREFIX$i.pid" ]; then
        "$wlp/bin/server" stop "$NODE_PREFIX$i" >/dev/null 2>&1 &
        pids+=($!)
      fi
    done
  done
  [ ${#pids[@]} -eq 0 ] || wait "${pids[@]}" 2>/dev/null || true
}
stop_redis() {
  local f pid
  for f in "$RUNS"/redis-*.pid; do
    [ -f "$f" ] || continue
    pid=$(cat "$f")
    if [ "$(ps -p "$pid" -o comm= 2>/dev/null)" = redis-server ]; then
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
    rm -f "$f"
  done
}
GATHER=false   # set once runs start: from then on whatever finished is gathered, even if a later run fails
gather() {
  GATHER=false
  ls "$RUNS"/*.json >/dev/null 2>&1 || return 0
  say "gathering the runs${1:+ ($1)}"
  generator "--cluster-summary=$RUNS" --results=bench/results "--load-before=$LOAD_BEFORE" "--notes=$NOTES${1:+ Interrupted: $1.}" \
    2>&1 | tee -a "$WORK/cluster-last-run.log"
}
cleanup() {
  set +e
  stop_nodes
  stop_redis
  $GATHER && gather "only the runs that finished"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
cleanup   # a run that was interrupted may have left its own nodes or Redis up
set -e    # cleanup turned it off

port_busy() { ss -Htln "sport = :$1" 2>/dev/null | grep -q .; }
MOST=$(printf '%s\n' "${NODE_COUNTS[@]}" | sort -n | tail -1)
for i in $(seq 0 $(( MOST - 1 ))); do
  if port_busy $((CLUSTER_PORT + i)) || port_busy $((CLUSTER_PORT + i + 363)); then
    echo "port $((CLUSTER_PORT + i)) or $((CLUSTER_PORT + i + 363)) is in use (bench/run.sh's servers?); set CLUSTER_PORT" >&2
    exit 1
  fi
done

# --- build (as bench/run.sh) -----------------------------------------------------------------------------
HEAP=$(grep -E '^-Xm[sx]' "$ROOT/bench/liberty/jvm.options" | tr '\n' ' ' | sed 's/ $//')
MVN_GOALS=(-B -q -DskipTests package)
GENERATOR_GOALS=(-B -q -f bench/pom.xml package dependency:build-classpath "-Dmdep.outputFile=$WORK/classpath.txt")
if $BUILD || [ ! -f "$WORK/classpath.txt" ]; then
  say "building Herald and the load generator"
  ./mvnw -o "${MVN_GOALS[@]}" 2>/dev/null || ./mvnw "${MVN_GOALS[@]}"
  ./mvnw -o "${GENERATOR_GOALS[@]}" 2>/dev/null || ./mvnw "${GENERATOR_GOALS[@]}"
fi
if [ -n "$BASELINE" ]; then
  BASELINE=$(git rev-parse --short "$BASELINE^{commit}")
  # That commit's files (git archive: no worktree registered), built once and kept for the next run.
  if [ "$(cat "$BASE_DIR/.baseline-commit" 2>/dev/null)" != "$BASELINE" ] || [ ! -d "$BASE_DIR/target/liberty/wlp/templates/servers/herald" ]; then
    say "building the baseline, $BASELINE, in $BASE_DIR"
    rm -rf "$BASE_DIR"
    mkdir -p "$BASE_DIR"
    git archive "$BASELINE" | tar -x -C "$BASE_DIR"
    (cd "$BASE_DIR" && { ./mvnw -o "${MVN_GOALS[@]}" 2>/dev/null || ./mvnw "${MVN_GOALS[@]}"; })
    echo "$BASELINE" > "$BASE_DIR/.baseline-commit"
  fi
fi

PIN=()
if [ "$(nproc)" -gt 1 ] && command -v taskset >/dev/null 2>&1; then
  PIN=(taskset -c "$GENERATOR_CPUS")
fi
generator() {
  "${PIN[@]}" java -Xms512m -Xmx512m -XX:+UseParallelGC -XX:ParallelGCThreads=1 -XX:+MaxFDLimit -Djava.awt.headless=true \
    -cp "$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")" dev.herald.bench.BenchMain "$@"
}
NOTES="Herald at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' with local changes')."

# --- one cluster -------------------------------------------------------------------------------------------
REDIS_PORTS=()
start_redis() {   # K shards on the next free ports
  REDIS_PORTS=()
  local port=$CLUSTER_REDIS_PORT
  while [ ${#REDIS_PORTS[@]} -lt "$1" ]; do
    if [ "$port" != 6379 ] && ! port_busy "$port"; then
      redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --pidfile "$RUNS/redis-$port.pid" --logfile "$RUNS/redis-$port.log" --dir "$RUNS" >/dev/null 9>&-
      for i in $(seq 1 50); do
        redis-cli -h 127.0.0.1 -p "$port" ping >/dev/null 2>&1 && break
        [ "$i" = 50 ] && { echo "redis-server on port $port did not answer; see $RUNS/redis-$port.log" >&2; exit 1; }
        sleep 0.1
      done
      REDIS_PORTS+=("$port")
    fi
    port=$((port + 1))
  done
}

start_nodes() {   # N nodes of the Liberty in $2 over the shards in REDIS_PORTS
  local n=$1 wlp=$2 urls=() p
  for p in "${REDIS_PORTS[@]}"; do urls+=("redis://127.0.0.1:$p"); done
  local shards=""
  [ ${#urls[@]} -gt 1 ] && shards=$(IFS=,; echo "${urls[*]}")
  local pids=()
  for i in $(seq 1 "$n"); do
    local name=$NODE_PREFIX$i
    rm -rf "$wlp/usr/servers/$name"
    "$wlp/bin/server" create "$name" --template=herald >/dev/null
    cp "$ROOT/bench/liberty/jvm.options" "$wlp/usr/servers/$name/"
    (
      set -a
      . "$ROOT/bench/liberty/bench.env"
      set +a
      export HTTP_PORT=$((CLUSTER_PORT + i - 1)) HTTPS_PORT=$((CLUSTER_PORT + i - 1 + 363)) HERALD_NODE_ID=$name \
        HERALD_BROKER=redis HERALD_STORE=redis HERALD_REDIS_URL=${urls[0]} \
        HERALD_REDIS_PREFIX=herald: HERALD_SESSION_SECRET=cluster-bench-secret-of-32-or-more-characters
      # One shard: the setting left out, everything on HERALD_REDIS_URL.
      if [ -n "$shards" ]; then export HERALD_REDIS_SHARDS=$shards; else unset HERALD_REDIS_SHARDS; fi
      "$wlp/bin/server" start "$name" >/dev/null 9>&-
    ) &
    pids+=($!)
  done
  wait "${pids[@]}"
  for i in $(seq 1 "$n"); do
    local port=$((CLUSTER_PORT + i - 1))
    for t in $(seq 1 240); do
      curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
      [ "$t" = 240 ] && { echo "node $NODE_PREFIX$i on port $port did not become ready; see $wlp/usr/servers/$NODE_PREFIX$i/logs" >&2; exit 1; }
      sleep 0.5
    done
  done
  SHARDS_VALUE=$shards
}

run_cluster() {   # N nodes, K shards, the build ("this" or a commit) and its Liberty
  local n=$1 k=$2 build=$3 wlp=$4
  start_redis "$k"
  start_nodes "$n" "$wlp"
  say "$n nodes of $build (${NODE_PREFIX}1..$n on 127.0.0.1:$CLUSTER_PORT..$((CLUSTER_PORT + n - 1)), $HEAP) over $k Redis (ports ${REDIS_PORTS[*]}); HERALD_REDIS_SHARDS='$SHARDS_VALUE'"
  local nodes=() pidfiles=() redis=() redispids=() i p
  for i in $(seq 1 "$n"); do
    nodes+=("127.0.0.1:$((CLUSTER_PORT + i - 1))")
    pidfiles+=("$wlp/usr/servers/.pid/$NODE_PREFIX$i.pid")
  done
  for p in "${REDIS_PORTS[@]}"; do
    redis+=("127.0.0.1:$p")
    redispids+=("$RUNS/redis-$p.pid")
  done
  if ! generator "${QUICK[@]}" --workloads=cluster "--cluster-build=$build" \
    "--cluster-nodes=$(IFS=,; echo "${nodes[*]}")" "--cluster-node-pids=$(IFS=,; echo "${pidfiles[*]}")" \
    "--cluster-redis=$(IFS=,; echo "${redis[*]}")" "--cluster-redis-pids=$(IFS=,; echo "${redispids[*]}")" \
    "--cluster-out=$RUNS/${n}n${k}s-$build.json" "--load-before=$(cut -d' ' -f1 /proc/loadavg)" "--herald-heap=$HEAP" \
    "--notes=$NOTES HERALD_REDIS_SHARDS='$SHARDS_VALUE'." "${GENERATOR_ARGS[@]}" 2>&1 | tee -a "$WORK/cluster-last-run.log"; then
    echo "the generator failed on $n nodes x $k shards ($build); see $WORK/cluster-last-run.log" >&2
    exit 1
  fi
  stop_nodes
  stop_redis
}

rm -f "$RUNS"/*.json
: > "$WORK/cluster-last-run.log"
GATHER=true
for n in "${NODE_COUNTS[@]}"; do
  # The baseline just before this build's runs of the same size, so both meet the machine in much the same state.
  [ -z "$BASELINE" ] || run_cluster "$n" 1 "$BASELINE" "$BASE_DIR/target/liberty/wlp"
  for k in "${SHARD_COUNTS[@]}"; do
    run_cluster "$n" "$k" this "$WLP"
  done
done

gather
