#!/usr/bin/env bash
# Replica benchmark: 1 broker process against 3 on one PostgreSQL (a throwaway cluster made with
# the postgresql package's initdb), in alternating rounds. Concurrent clients file reviewed
# requests through one replica and approve them through another, each with its event stream on
# a third; prints decisions per second, approval latency and event delivery (p50/p99) per round,
# then the medians and 3-over-1 ratios. Needs JDK 25, Maven and PostgreSQL's server binaries.
#   bench/replica-bench.sh [--no-build] [rounds] [seconds per round] [clients]   (defaults 3 15 8)
# MVN_ARGS adds Maven options (such as -o, offline).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--no-build" ]; then
  shift
else
  mvn -B -q -pl broker -am package -DskipTests ${MVN_ARGS:-}
fi
cp=$(mktemp)
trap 'rm -f "$cp"' EXIT
# Through the reactor (-am): the project's own modules come from their target folders, never
# from an installed copy. Test classes too: the bench itself lives there.
mvn -B -q -pl broker -am -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp" ${MVN_ARGS:-} >/dev/null
java -Dlatchkey.brokerJar=broker/target/latchkey-broker.jar \
  -cp "broker/target/test-classes:broker/target/classes:$(cat "$cp")" \
  dev.latchkey.broker.replicas.ReplicaBench "$@"
