#!/usr/bin/env bash
# Keychain benchmark: how long a fresh JVM takes to open the keychain and read one entry (what
# every CLI command does before its own work), through libsecret (Linux's path) and through
# java-keyring (the fallback), against a bare JVM that prints "hello". Runs A B C A B C ... in
# a private session bus with gnome-keyring, prints each one's median and its ratio to the bare
# JVM's. JVM flags as the `latchkey` launcher's.
#   bench/keychain-bench.sh [ROUNDS]             build core, then measure (default 15 rounds)
#   bench/keychain-bench.sh --no-build [ROUNDS]  measure what core/target holds
set -euo pipefail
cd "$(dirname "$0")/.."
build=true
if [ "${1:-}" = "--no-build" ]; then build=false; shift; fi
rounds=${1:-15}
cp_file=core/target/bench-classpath.txt
if $build; then
  mvn -B -q -pl core -am -DskipTests package dependency:build-classpath \
    -DincludeScope=runtime -Dmdep.outputFile="$PWD/$cp_file"
fi
[ -s "$cp_file" ] || { echo "keychain-bench: $cp_file is missing; run without --no-build" >&2; exit 2; }
cp="core/target/test-classes:core/target/classes:$(cat "$cp_file")"

if [ -z "${LATCHKEY_BENCH_INSIDE:-}" ]; then
  # A throwaway keyring in a private session, as .ci/with-keyring makes one.
  exec env LATCHKEY_BENCH_INSIDE=1 dbus-run-session -- bash .ci/with-keyring "$0" --no-build "$rounds"
fi

java=(java -XX:TieredStopAtLevel=1 -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$cp")
main=dev.latchkey.core.keychain.bench.KeychainFirstRead
"${java[@]}" "$main" setup
"${java[@]}" "$main" read
"${java[@]}" -Dlatchkey.libsecret=none "$main" read 2>/dev/null

declare -A ms
names=(hello libsecret java-keyring)
for ((i = 0; i < rounds; i++)); do
  for name in "${names[@]}"; do
    case $name in
      hello) cmd=("${java[@]}" "$main" hello) ;;
      libsecret) cmd=("${java[@]}" "$main" read) ;;
      java-keyring) cmd=("${java[@]}" -Dlatchkey.libsecret=none "$main" read) ;;
    esac
    t0=$(date +%s%N)
    "${cmd[@]}" >/dev/null 2>&1 || { echo "keychain-bench: $name failed" >&2; exit 1; }
    t1=$(date +%s%N)
    ms[$name]+="$(( (t1 - t0) / 1000000 )) "
  done
done
"${java[@]}" "$main" clean

. bench/lib/timing.sh
base=$(median "${ms[hello]}")
echo "fresh JVM, open the keychain and read one entry; median of $rounds, A B C interleaved:"
for name in "${names[@]}"; do
  m=$(median "${ms[$name]}")
  printf '  %-13s %6d ms  %5.2fx bare JVM  (+%d ms)   [%s]\n' "$name" "$m" "$(awk -v m="$m" -v b="$base" 'BEGIN { print m / b }')" \
    "$((m - base))" "${ms[$name]% }"
done
