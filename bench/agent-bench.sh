#!/usr/bin/env bash
# Agent benchmark (docs/agent.md, docs/performance.md): what the local agent buys the CLI.
#   1. `latchkey run` with 10 references through a running agent, and without one, each as the
#      median wall time of ROUNDS runs and a ratio to a bare JVM printing "hello" timed in the
#      same loop, in alternation (A B A B ...); with --baseline DIR the same two rows of the build
#      in DIR, in the same loop, through an agent of its own (DIR/latchkey agent on another socket);
#   2. 20 `latchkey run` at once against one agent at the moment its access token is due: how many
#      token refreshes the dev IdP saw (its log has one line per refresh) and how many runs failed;
#   3. a launch's refresh endpoint: GETs by curl from inside the launched program, after a
#      warm-up, p50/p90/p99/max; with --baseline DIR, ROUNDS launches of this build alternated with
#      ROUNDS of the build in DIR (A B A B ..., each through its own agent), each side's GETs pooled.
# Signed in for real (device flow confirmed on the dev IdP's form, session in a real Secret
# Service), against a development broker on loopback holding 10 generated secrets whose access
# tokens live 60 s (so the agent refreshes during the run).
#
#   mvn -B -q -DskipTests package && bench/agent-bench.sh [--rounds N] [--gets N] [--warmup N]
#                                                          [--endpoint-only | --run-only] [--baseline DIR]
# --endpoint-only runs part 3 alone; --run-only part 1 alone. --baseline DIR: DIR holds another build's launcher as a
# checkout has it (DIR/latchkey, DIR/scripts, DIR/cli/target with latchkey.jar, lib/, latchkey.aot),
# e.g. copied from a build of main: mkdir -p B/cli && cp -r latchkey scripts B && cp -r cli/target B/cli
#
# Needs: dbus-run-session, gnome-keyring-daemon, secret-tool, curl (Debian: dbus gnome-keyring
# libsecret-tools curl).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=10 gets=1000 warmup=200 endpoint_only="" run_only="" baseline=""
args=("$@")
usage="usage: bench/agent-bench.sh [--rounds N] [--gets N] [--warmup N] [--endpoint-only | --run-only] [--baseline DIR]"
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --gets) gets=$2; shift ;;
    --warmup) warmup=$2; shift ;;
    --endpoint-only) endpoint_only=1 ;;
    --run-only) run_only=1 ;;
    --baseline) baseline=$(cd "$2" && pwd) || exit 2; shift ;;
    -h | --help) echo "$usage"; exit 0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "agent-bench: $*" >&2; exit 1; }
[ -z "$endpoint_only" ] || [ -z "$run_only" ] || { echo "$usage" >&2; exit 2; }

. scripts/jdk.sh
latchkey_jdk || exit 1
for jar in cli/target/latchkey.jar broker/target/latchkey-broker.jar; do
  [ -f "$jar" ] || die "$jar is missing; build first: mvn -B -q -DskipTests package"
done
if [ -n "$baseline" ] && { [ ! -x "$baseline/latchkey" ] || [ ! -f "$baseline/cli/target/latchkey.jar" ]; }; then
  die "--baseline $baseline has no latchkey launcher with cli/target/latchkey.jar"
fi
if [ -z "${LATCHKEY_AGENT_BENCH_INSIDE:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon secret-tool curl; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: dbus gnome-keyring libsecret-tools curl)"
  done
  exec env LATCHKEY_AGENT_BENCH_INSIDE=1 dbus-run-session -- bash .ci/with-keyring "$0" "${args[@]}"
fi

# --- set up: a throwaway HOME, the baseline, the broker, a signed-in session, the agent ---------
work=$(mktemp -d -t latchkey-agent-bench-XXXXXX)
broker_pid="" agent_pid="" base_agent_pid=""
cleanup() {
  [ -z "$agent_pid" ] || kill "$agent_pid" 2>/dev/null || true
  [ -z "$base_agent_pid" ] || kill "$base_agent_pid" 2>/dev/null || true
  [ -z "$broker_pid" ] || kill "$broker_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. bench/lib/signed-in.sh
bench_home
export XDG_RUNTIME_DIR=$work/run
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset LATCHKEY_AGENT LATCHKEY_AGENT_SOCKET
socket=$XDG_RUNTIME_DIR/latchkey/agent.sock
bench_hello
bench_broker --dev-bulk-secrets 10 --dev-token-ttl 60s
bench_login
bench_bulk_env

# start_agent LAUNCHER OUT: LAUNCHER's agent in the background (on $LATCHKEY_AGENT_SOCKET when set),
# serving once it says so and its status goes through it; sets started_pid.
start_agent() {
  "$1" agent >"$2" 2>&1 &
  started_pid=$!
  for _ in $(seq 1 300); do
    grep -q 'latchkey agent: serving' "$2" && break
    kill -0 "$started_pid" 2>/dev/null || die "$1 agent ended: $(cat "$2")"
    sleep 0.1
  done
  "$1" status | grep -q "via agent (pid $started_pid)" || die "$1 status does not go through its agent"
}
start_agent ./latchkey "$work/agent.out"
agent_pid=$started_pid
# The baseline build's launches go through an agent of the baseline's own, on a socket of its own.
base_socket=$XDG_RUNTIME_DIR/latchkey/baseline.sock
if [ -n "$baseline" ]; then
  LATCHKEY_AGENT_SOCKET=$base_socket start_agent "$baseline/latchkey" "$work/base-agent.out"
  base_agent_pid=$started_pid
fi

declare -A cmd_of
. bench/lib/timing.sh
after=0 before=0 failures=0 fellback=0
if [ -z "$endpoint_only" ]; then
cmd_of[agent]="./latchkey run --env-file $work/bulk.env -- true"
cmd_of[alone]="LATCHKEY_AGENT=off ./latchkey run --env-file $work/bulk.env -- true"
rows=(agent alone)
if [ -n "$baseline" ]; then
  cmd_of[agent-base]="LATCHKEY_AGENT_SOCKET=$base_socket '$baseline/latchkey' run --env-file $work/bulk.env -- true"
  cmd_of[alone-base]="LATCHKEY_AGENT=off '$baseline/latchkey' run --env-file $work/bulk.env -- true"
  rows=(agent agent-base alone alone-base)
fi
for row in "${rows[@]}"; do
  out=$(bash -c "${cmd_of[$row]}" 2>&1) || die "'${cmd_of[$row]}' failed: $out"
  [ -z "$out" ] || die "'${cmd_of[$row]}' said: $out"
done

# --- 1. timing -----------------------------------------------------------------------------------
echo "agent-bench: $rounds rounds (a bare JVM hello before each command) ..." >&2
run_loads="$(cut -d' ' -f1 /proc/loadavg)"
alternate "$rounds" "${rows[@]}"
run_loads+=" → $(cut -d' ' -f1 /proc/loadavg)"

if [ -z "$run_only" ]; then
# --- 2. 20 at once when the agent's token is due ---------------------------------------------------
refreshes() { cat "$work/broker.out" "$work/broker.err" | grep -c 'dev IdP: tokens refreshed' || true; }
status=$(curl -s --max-time 2 --unix-socket "$socket" http://agent/v1/status)
expires=$(sed -n 's/.*"accessTokenExpiresAt":"\([^"]*\)".*/\1/p' <<<"$status")
[ -n "$expires" ] || die "the agent's status has no token expiry: $status"
# The agent reads its token again (and the session refreshes it) when less than 30 s are left.
due=$(($(date -d "$expires" +%s) - 30))
wait_s=$((due - $(date +%s) + 1))
((wait_s > 0)) || wait_s=0
echo "agent-bench: waiting ${wait_s}s until the agent's token is due, then 20 runs at once ..." >&2
# Counted from before the due moment: the agent refreshes ahead of its calls (AgentRefresher), so the one
# refresh may come just before the runs; whoever makes it, the IdP must see one, not one per run.
before=$(refreshes)
sleep "$wait_s"
pids=()
for i in $(seq 1 20); do
  ./latchkey run --env-file "$work/bulk.env" -- true >"$work/burst-$i.out" 2>&1 &
  pids+=($!)
done
failures=0
for i in "${!pids[@]}"; do
  if ! wait "${pids[$i]}"; then
    failures=$((failures + 1))
    echo "agent-bench: burst run $((i + 1)) failed: $(cat "$work/burst-$((i + 1)).out")" >&2
  fi
done
sleep 1
after=$(refreshes)
fellback=$(cat "$work"/burst-*.out | grep -c 'working without it' || true)
fi

fi
loads=()
if [ -z "$run_only" ]; then

# --- 3. the refresh endpoint -----------------------------------------------------------------------
# One curl inside the launch makes WARMUP + GETS requests (one connection each: the endpoint answers
# one request per connection); the first WARMUP are dropped (the launch's JIT and caches warming).
cat >"$work/poll.sh" <<'SH'
urls=()
for _ in $(seq 1 $((WARMUP + GETS))); do urls+=("$LATCHKEY_CREDENTIALS_URL"); done
curl -s -H "Authorization: Bearer $LATCHKEY_CREDENTIALS_TOKEN" -w '\nT %{http_code} %{time_total}\n' "${urls[@]}" \
  | sed -n 's/^T //p' | tail -n "+$((WARMUP + 1))"
SH
# endpoint_run LAUNCHER OUT: one launch of LAUNCHER polling its endpoint; the GETs' codes and seconds in OUT.
endpoint_run() {
  env WARMUP="$warmup" GETS="$gets" ${3:+LATCHKEY_AGENT_SOCKET="$3"} "$1" run --refresh-endpoint --env-file "$work/bulk.env" --sandbox T=payments-sandbox:10m \
    -- bash "$work/poll.sh" >"$2" 2>"$work/gets.err" || die "the refresh-endpoint launch of $1 failed: $(cat "$work/gets.err")"
  local ok
  ok=$(awk '$1 == 200' "$2" | wc -l)
  [ "$ok" -eq "$gets" ] || die "only $ok of $gets GETs answered 200: $(sort "$2" | uniq -c | head)"
}
: >"$work/gets.out" && : >"$work/gets-base.out"
if [ -n "$baseline" ]; then
  echo "agent-bench: refresh endpoint, $rounds launches of this build alternated with $rounds of $baseline ..." >&2
  for ((i = 0; i < rounds; i++)); do
    endpoint_run ./latchkey "$work/one.out" && cat "$work/one.out" >>"$work/gets.out"
    endpoint_run "$baseline/latchkey" "$work/one.out" "$base_socket" && cat "$work/one.out" >>"$work/gets-base.out"
    loads+=("$(cut -d' ' -f1 /proc/loadavg)")
  done
else
  endpoint_run ./latchkey "$work/gets.out"
  loads+=("$(cut -d' ' -f1 /proc/loadavg)")
fi
fi
# pct FILE P: the P-th percentile (100: the max) of FILE's answered GETs, in ms.
pct() { awk '$1 == 200 { print $2 * 1000 }' "$1" | sort -n | awk -v p="$2" '{ a[NR] = $1 } END { i = int(NR * p / 100); if (i < 1) i = 1; printf "%.2f", a[i] }'; }
dist() { echo "p50 $(pct "$1" 50) ms, p90 $(pct "$1" 90) ms, p99 $(pct "$1" 99) ms, max $(pct "$1" 100) ms"; }
count() { awk '$1 == 200' "$1" | wc -l; }

# --- the table -------------------------------------------------------------------------------------
ratio() { awk -v m="$1" -v b="$2" 'BEGIN { printf "%.2f×", m / b }'; }
secs() { awk -v m="$1" 'BEGIN { printf "%.2f s", m / 1000 }'; }
aot=$(if [ -f cli/target/latchkey.aot ]; then echo "AOT cache cli/target/latchkey.aot"; else echo "no AOT cache"; fi)
echo "Latchkey agent, $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$LATCHKEY_JDK/release" | tr -d '"'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $aot"
echo
echo "| what | figure | ratio / target | baseline |"
echo "|---|---|---|---|"
if [ -z "$endpoint_only" ]; then
base=$(median "${ms[hello]}")
echo "| bare JVM hello | $(secs "$base") | 1.00× | median of $((rounds * ${#rows[@]})), one before each command |"
m=$(median "${ms[agent]}")
echo "| \`latchkey run --env-file F -- true\` (10 references) through the agent | $(secs "$m") | $(ratio "$m" "$base") (target ≤ 2.5×) | bare JVM, $rounds runs |"
if [ -n "$baseline" ]; then
  m=$(median "${ms[agent-base]}")
  echo "| the same, baseline build, through its own agent | $(secs "$m") | $(ratio "$m" "$base") | bare JVM, $rounds runs, alternated |"
fi
m=$(median "${ms[alone]}")
echo "| the same without an agent (\`LATCHKEY_AGENT=off\`) | $(secs "$m") | $(ratio "$m" "$base") | bare JVM, $rounds runs |"
if [ -n "$baseline" ]; then
  m=$(median "${ms[alone-base]}")
  echo "| the same without an agent, baseline build | $(secs "$m") | $(ratio "$m" "$base") | bare JVM, $rounds runs, alternated |"
fi
fi
if [ -z "$endpoint_only" ] && [ -z "$run_only" ]; then
echo "| 20 \`latchkey run\` at once when the agent's token is due | $((after - before)) token refresh(es) at the dev IdP, $failures failed, $fellback worked alone | target 1 refresh, 0 failures | – |"
fi
if [ -z "$run_only" ]; then
echo "| refresh endpoint GET (curl inside the launch, loopback) | $(dist "$work/gets.out") | target p99 < 5 ms | $(count "$work/gets.out") GETs after $warmup warm-up each |"
if [ -n "$baseline" ]; then
  echo "| the same, baseline build ($baseline), alternated | $(dist "$work/gets-base.out") | p99 ratio $(awk -v a="$(pct "$work/gets.out" 99)" -v b="$(pct "$work/gets-base.out" 99)" 'BEGIN { printf "%.2f", a / b }') | $(count "$work/gets-base.out") GETs |"
fi
fi
echo
[ -n "$endpoint_only" ] || echo "load (1 min) before → after the timed runs: $run_loads"
[ -n "$run_only" ] || echo "load (1 min) after each endpoint round: ${loads[*]}"
[ -n "$endpoint_only" ] || echo
[ -n "$endpoint_only" ] || echo "samples (ms):"
for name in "${!ms[@]}"; do echo "  $name: ${ms[$name]% }"; done | sort
