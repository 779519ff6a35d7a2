#!/usr/bin/env bash
# Broker benchmark: dev-mode start time of the server binary, resolve latency for 1 and 50
# refs (median over 1,000 calls each) over loopback HTTP, and from 4 parallel clients the
# sandbox-token mints per second and the access requests created and auto-approved per second.
# Needs Maven and a JDK 25, like the build (scripts/jdk.sh finds it).
#   bench/broker-bench.sh            build the broker, then measure
#   bench/broker-bench.sh --no-build measure the jar already in broker/target
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
latchkey_jdk || exit 1
if [ "${1:-}" != "--no-build" ]; then
  mvn -B -q -pl broker package -DskipTests
  mvn -B -q -pl broker test-compile
fi
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
mvn -B -q -pl broker dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >/dev/null
"$LATCHKEY_JDK/bin/java" -cp "broker/target/test-classes:broker/target/classes:$(cat "$cp")" \
  dev.latchkey.broker.bench.BrokerBench broker/target/latchkey-broker.jar
