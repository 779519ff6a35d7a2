#!/usr/bin/env bash
# Broker load bench: the server binary under bounded load from loopback clients, for one broker
# on its embedded database, one on PostgreSQL, and three on one PostgreSQL. Per setup and phase
# (resolves, sandbox-token mints, resolves with 1,000 idle event streams open, auto-approved
# access requests) it prints calls per second, p50/p99/p99.9 latency, errors, the brokers'
# resident memory, and their heap after a full GC with the streams open. docs/broker.md explains it.
#
#   bench/broker-load.sh                         build, then every setup, 60 s per phase
#   bench/broker-load.sh --no-build --seconds 20 --setups embedded,postgres
#   options: --seconds N  --warmup N  --clients N  --streams N  --broker-heap 256m
#            --setups embedded,postgres,replicas3  --phases resolve,mint,streams,request
#
# Needs Maven and a JDK 25, like the build (scripts/jdk.sh finds it). The PostgreSQL
# setups make a throwaway cluster with the machine's PostgreSQL binaries (Debian package
# postgresql; PG_BIN names their folder elsewhere), run as the postgres user when this script
# runs as root, since initdb refuses root; without them those setups are skipped. PG_OPTS adds
# server settings (such as "-c synchronous_commit=off", to see what commits cost). MVN_ARGS adds
# Maven options (such as -o, offline).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/jdk.sh
latchkey_jdk || exit 1
export JAVA_HOME="$LATCHKEY_JDK"
export PATH="$JAVA_HOME/bin:$PATH"

build=1
args=()
setups="embedded,postgres,replicas3"
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --setups) setups="$2"; args+=("$1" "$2"); shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done

if [ "$build" = 1 ]; then
  mvn -B -q -pl broker -am package -DskipTests ${MVN_ARGS:-}
fi
cp_file=$(mktemp)
pg_dir=""
cleanup() {
  rm -f "$cp_file"
  if [ -n "$pg_dir" ]; then
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
trap cleanup EXIT
# Through the reactor (-am): the project's own modules come from their target folders, never
# from an installed copy. Test classes too: the bench itself lives there.
mvn -B -q -pl broker -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" ${MVN_ARGS:-} >/dev/null

pg_bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
as_pg=()
if [[ "$setups" == *postgres* || "$setups" == *replicas* ]] && [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; then
  pg_dir=$(mktemp -d)
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  for port in $(shuf -i 20000-60000 -n 50); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U latchkey --auth=trust -E UTF8 >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c max_connections=200 ${PG_OPTS:-}" start >/dev/null
  args+=(--postgres "jdbc:postgresql://127.0.0.1:$port/postgres?user=latchkey")
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway)"
fi

echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
java -cp "broker/target/test-classes:broker/target/classes:$(cat "$cp_file")" \
  dev.latchkey.broker.bench.LoadBench --jar broker/target/latchkey-broker.jar "${args[@]}"
