#!/usr/bin/env bash
# Herald against Nchan, same machine, same load generator, one command:
#
#   bench/run.sh            the full suite (about 30 minutes)
#   bench/run.sh --quick    small scales (about 4 minutes)
#   bench/run.sh --jfr ...  also records a JFR profile of Herald to bench/work/herald.jfr
#   bench/run.sh --no-build ...  reuses the last build (target/), e.g. to try a server setting
#   bench/run.sh --redraw=bench/results/<date>.json   runs nothing: draws that run's charts and the
#                           generated part of BENCHMARKS.md (or of --report=FILE) again from its file
#
# Any other --name=value goes to the generator (bench/run.sh --quick --workloads=fanout;
# `--help` lists them). It builds Herald, starts it as its own node (heraldBench, from the node
# template, JVM options from bench/liberty/jvm.options, limits lifted by bench/liberty/bench.env) on
# 127.0.0.1:$HERALD_PORT with its default durable store (a fresh data file each run), a second
# one, heraldBenchMemory, the same but with HERALD_STORE=memory in its environment, on
# 127.0.0.1:$HERALD_MEMORY_PORT for the workloads that compare the two stores (publish, batch, chat),
# and a third, heraldBenchJaxrs, the same but with HERALD_STREAM_TRANSPORT=jaxrs, on
# 127.0.0.1:$HERALD_JAXRS_PORT for those that compare the two stream transports (fanout); each of
# these two only when one of its workloads runs; installs nginx-light and libnginx-mod-nchan when
# missing, starts nginx with Nchan on 127.0.0.1:$NCHAN_PORT from a config it writes under bench/work/,
# runs the workloads (one server loaded at a time), and writes bench/results/<date>.json, the charts beside it
# as SVG (<date>-deliveries.svg, -p99, -cpu, -memory, -ratio: Herald against Nchan, plain files any
# browser shows), and the generated part of BENCHMARKS.md, charts above its tables. All servers are
# stopped at the end.
# The generator is pinned to one core ($GENERATOR_CPUS, by default the machine's last; `taskset`) with
# one GC thread, so it can never take more than that core from the servers, which are not pinned.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
. .ci/java.sh
WORK="$ROOT/bench/work"
HERALD_PORT=${HERALD_PORT:-9190}
HERALD_HTTPS_PORT=${HERALD_HTTPS_PORT:-$((HERALD_PORT + 363))}
NCHAN_PORT=${NCHAN_PORT:-9191}
HERALD_MEMORY_PORT=${HERALD_MEMORY_PORT:-9192}
HERALD_MEMORY_HTTPS_PORT=${HERALD_MEMORY_HTTPS_PORT:-$((HERALD_MEMORY_PORT + 363))}
HERALD_JAXRS_PORT=${HERALD_JAXRS_PORT:-9193}
HERALD_JAXRS_HTTPS_PORT=${HERALD_JAXRS_HTTPS_PORT:-$((HERALD_JAXRS_PORT + 363))}
SERVER=heraldBench
MEMORY_SERVER=heraldBenchMemory
JAXRS_SERVER=heraldBenchJaxrs
WLP="$ROOT/target/liberty/wlp"
HERALD_PID_FILE="$WLP/usr/servers/.pid/$SERVER.pid"
MEMORY_PID_FILE="$WLP/usr/servers/.pid/$MEMORY_SERVER.pid"
JAXRS_PID_FILE="$WLP/usr/servers/.pid/$JAXRS_SERVER.pid"
NGINX_PID_FILE="$WORK/nginx.pid"

JFR=false
BUILD=true
REDRAW=
GENERATOR_CPUS=${GENERATOR_CPUS:-$(( $(nproc) - 1 ))}
GENERATOR_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --jfr) JFR=true ;;
    --no-build) BUILD=false ;;
    # A relative path is from where the script was started (cd above moved to the root).
    --redraw=*) REDRAW=${arg#--redraw=}; [[ "$REDRAW" = /* ]] || REDRAW="$OLDPWD/$REDRAW" ;;
    --help) sed -n '2,/^[^#]/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; echo "generator options: --workloads=fanout,idle,storm,churn,slow,topics,publish,batch,chat --targets=herald,nchan,herald-memory,herald-jaxrs --memory-workloads=publish,batch,chat --jaxrs-workloads=fanout --fanout-subs=... (see BenchOptions.java)"; exit 0 ;;
    *) GENERATOR_ARGS+=("$arg") ;;
  esac
done

say() { printf '\n[bench] %s\n' "$*"; }

# The generator, a Maven project of its own (bench/pom.xml); its tests run with it.
GENERATOR_GOALS=(-B -q -f bench/pom.xml package dependency:build-classpath "-Dmdep.outputFile=$WORK/classpath.txt")

if [ -n "$REDRAW" ]; then
  # No server, no load: the charts and the report from a finished run's file.
  [ -f "$REDRAW" ] || { echo "no results file $REDRAW" >&2; exit 1; }
  mkdir -p "$WORK"
  if $BUILD || [ ! -f "$WORK/classpath.txt" ]; then
    ./mvnw -o "${GENERATOR_GOALS[@]}" 2>/dev/null || ./mvnw "${GENERATOR_GOALS[@]}"
  fi
  exec java -cp "$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")" dev.herald.bench.Redraw "--redraw=$REDRAW" "${GENERATOR_ARGS[@]}"
fi

mkdir -p "$WORK" "$ROOT/bench/results"
# Every subscriber is a socket on each side: take all the open files the hard limit allows.
ulimit -n "$(ulimit -Hn)"
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
say "1-minute load average before the run: $LOAD_BEFORE; open-files limit $(ulimit -n)"

# --- nginx with Nchan -------------------------------------------------------------------------
NCHAN_MODULE=/usr/lib/nginx/modules/ngx_nchan_module.so
need=()
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
[ -e "$NCHAN_MODULE" ] || need+=(libnginx-mod-nchan)
if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  apt-get update -qq
  if [[ " ${need[*]} " == *" libnginx-mod-nchan "* ]] && apt-cache policy libnginx-mod-nchan | grep -q 'Candidate: (none)'; then
    echo "libnginx-mod-nchan is not in this machine's apt sources (apt-cache policy libnginx-mod-nchan)" >&2
    exit 1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

cleanup() {
  set +e
  if [ -f "$NGINX_PID_FILE" ] && kill -0 "$(cat "$NGINX_PID_FILE")" 2>/dev/null; then
    nginx -c "$WORK/nginx.conf" -p "$WORK/" -s quit 2>/dev/null
  fi
  if [ -x "$WLP/bin/server" ]; then
    "$WLP/bin/server" stop "$SERVER" >/dev/null 2>&1
    for s in "$MEMORY_SERVER" "$JAXRS_SERVER"; do
      [ -d "$WLP/usr/servers/$s" ] && "$WLP/bin/server" stop "$s" >/dev/null 2>&1
    done
  fi
}
trap cleanup EXIT
cleanup   # a run that was interrupted may have left any server up

OPEN_FILES=$(ulimit -n)
cat > "$WORK/nginx.conf" <<EOF
# Written by bench/run.sh: Nchan on 127.0.0.1:$NCHAN_PORT for the benchmark.
load_module $NCHAN_MODULE;
worker_processes 2;
worker_rlimit_nofile $OPEN_FILES;
pid $NGINX_PID_FILE;
error_log $WORK/nginx-error.log warn;
events {
  worker_connections $OPEN_FILES;
  multi_accept on;
}
http {
  access_log off;
  client_body_temp_path $WORK/nginx-body;
  proxy_temp_path $WORK/nginx-proxy;
  nchan_shared_memory_size 256m;
  server {
    listen 127.0.0.1:$NCHAN_PORT;
    # POST publishes to channel ?id=, DELETE deletes it (its subscribers' streams end).
    location = /pub {
      nchan_publisher;
      nchan_channel_id \$arg_id;
      nchan_message_buffer_length 1000;
      nchan_message_timeout 1h;
    }
    # EventSource subscribers; resume with Last-Event-ID; new ones start at the next message, as in Herald.
    location = /sub {
      nchan_subscriber eventsource;
      nchan_channel_id \$arg_id;
      nchan_subscriber_first_message newest;
    }
  }
}
EOF
say "starting nginx $(nginx -v 2>&1 | sed 's/.*\///') with Nchan on 127.0.0.1:$NCHAN_PORT"
nginx -c "$WORK/nginx.conf" -p "$WORK/"

# --- Herald ---------------------------------------------------------------------------------------
HEAP=$(grep -E '^-Xm[sx]' "$ROOT/bench/liberty/jvm.options" | tr '\n' ' ' | sed 's/ $//')
say "building Herald and the load generator; server $SERVER with $HEAP on 127.0.0.1:$HERALD_PORT"
# Herald (the WAR and the node template), then the generator.
MVN_GOALS=(-B -q -DskipTests package)
if $BUILD || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -o "${MVN_GOALS[@]}" 2>/dev/null || ./mvnw "${MVN_GOALS[@]}"
  ./mvnw -o "${GENERATOR_GOALS[@]}" 2>/dev/null || ./mvnw "${GENERATOR_GOALS[@]}"
fi

GENERATOR_CP="$ROOT/bench/target/classes:$(cat "$WORK/classpath.txt")"
# The targets this run loads, as the generator works them out from --targets and the workloads: a server
# that none of the run's workloads loads (the memory one without publish, batch or chat, the JAX-RS one
# without fanout, by default) is not started, and takes no CPU or memory from the others.
TARGETS=" $(java -cp "$GENERATOR_CP" dev.herald.bench.BenchMain --servers "${GENERATOR_ARGS[@]}") "

# Every node is made anew each run from the template `package` laid out, the way the docs make a
# node, with the benchmark's JVM options; they differ only in their environment (the rest of the
# arguments): ports, HERALD_STORE=memory for the memory server, HERALD_STREAM_TRANSPORT=jaxrs for the
# JAX-RS one. The durable ones start from an empty data file every run: runs stay comparable, and the
# file does not grow with earlier runs' one-off topics.
PORTS=()
start_node() {
  local name=$1 port=$2 https=$3
  shift 3
  rm -rf "$WLP/usr/servers/$name"
  "$WLP/bin/server" create "$name" --template=herald >/dev/null
  cp "$ROOT/bench/liberty/jvm.options" "$WLP/usr/servers/$name/"
  env HTTP_PORT="$port" HTTPS_PORT="$https" "$@" "$WLP/bin/server" start "$name" >/dev/null
  PORTS+=("$port")
}
set -a; . "$ROOT/bench/liberty/bench.env"; set +a
start_node "$SERVER" "$HERALD_PORT" "$HERALD_HTTPS_PORT"
if [[ "$TARGETS" == *" herald-memory "* ]]; then
  start_node "$MEMORY_SERVER" "$HERALD_MEMORY_PORT" "$HERALD_MEMORY_HTTPS_PORT" HERALD_STORE=memory
fi
if [[ "$TARGETS" == *" herald-jaxrs "* ]]; then
  start_node "$JAXRS_SERVER" "$HERALD_JAXRS_PORT" "$HERALD_JAXRS_HTTPS_PORT" HERALD_STREAM_TRANSPORT=jaxrs
fi
for port in "${PORTS[@]}"; do
  for i in $(seq 1 240); do
    if curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1; then break; fi
    [ "$i" = 240 ] && { echo "Herald on port $port did not become ready; see $WLP/usr/servers/*/logs" >&2; exit 1; }
    sleep 0.5
  done
done
# A JAX-RS server that came up on the servlet (a setting lost on the way) would compare the servlet with itself.
if [[ "$TARGETS" == *" herald-jaxrs "* ]]; then
  metrics=$(curl -fs "http://127.0.0.1:$HERALD_JAXRS_PORT/metrics?scope=application" || true)
  if ! grep -q '^herald_stream_transport{.*transport="jaxrs"' <<<"$metrics"; then
    echo "$JAXRS_SERVER on port $HERALD_JAXRS_PORT does not say transport=\"jaxrs\" in herald_stream_transport (/metrics)" >&2
    exit 1
  fi
fi
HERALD_PID=$(cat "$HERALD_PID_FILE")
ready="Herald ready (pid $HERALD_PID, durable store)"
if [[ "$TARGETS" == *" herald-memory "* ]]; then
  ready+=", Herald on the memory store ready (pid $(cat "$MEMORY_PID_FILE"), 127.0.0.1:$HERALD_MEMORY_PORT)"
fi
if [[ "$TARGETS" == *" herald-jaxrs "* ]]; then
  ready+=", Herald on the JAX-RS transport ready (pid $(cat "$JAXRS_PID_FILE"), 127.0.0.1:$HERALD_JAXRS_PORT)"
fi
say "$ready, Nchan ready (pid $(cat "$NGINX_PID_FILE"))"

if $JFR; then
  jcmd "$HERALD_PID" JFR.start name=bench settings=profile filename="$WORK/herald.jfr" >/dev/null
  say "JFR recording Herald to $WORK/herald.jfr"
fi

# --- the generator --------------------------------------------------------------------------------
# A small, steady JVM pinned to one core: it shares the machine with both servers, cannot take more than
# that core from them, and reports its own CPU beside every figure.
PIN=()
if [ "$(nproc)" -gt 1 ] && command -v taskset >/dev/null 2>&1; then
  PIN=(taskset -c "$GENERATOR_CPUS")
  say "generator pinned to CPU $GENERATOR_CPUS of 0-$(( $(nproc) - 1 )) (taskset -c $GENERATOR_CPUS), one GC thread; the servers are not pinned"
fi
set +e
"${PIN[@]}" java -Xms512m -Xmx512m -XX:+UseParallelGC -XX:ParallelGCThreads=1 -XX:+MaxFDLimit -Djava.awt.headless=true \
  -cp "$GENERATOR_CP" dev.herald.bench.BenchMain \
  "--herald=127.0.0.1:$HERALD_PORT" "--nchan=127.0.0.1:$NCHAN_PORT" "--herald-memory=127.0.0.1:$HERALD_MEMORY_PORT" \
  "--herald-jaxrs=127.0.0.1:$HERALD_JAXRS_PORT" \
  "--herald-pid=$HERALD_PID_FILE" "--nchan-pid=$NGINX_PID_FILE" "--herald-memory-pid=$MEMORY_PID_FILE" \
  "--herald-jaxrs-pid=$JAXRS_PID_FILE" \
  "--load-before=$LOAD_BEFORE" "--herald-heap=$HEAP" \
  "--notes=Herald at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' with local changes')." \
  "${GENERATOR_ARGS[@]}" 2>&1 | tee "$WORK/last-run.log"
status=${PIPESTATUS[0]}
set -e

if $JFR; then
  jcmd "$HERALD_PID" JFR.stop name=bench >/dev/null && say "JFR: $WORK/herald.jfr (jfr print --events jdk.ExecutionSample $WORK/herald.jfr)"
fi
exit "$status"
