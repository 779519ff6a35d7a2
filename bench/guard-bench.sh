#!/usr/bin/env bash
# Leak guard benchmark (docs/guard.md). Prints:
#   1. the fingerprint file's size for 10,000 received values;
#   2. a 10,000-line staged diff scanned against those 10,000 values: the scan's own time in a
#      fresh JVM (median of N runs), with a run that only starts, loads and reads (the baseline)
#      alternating with it; then the same in a JVM started as the hook starts (its AOT cache);
#   3. the pre-commit hook end to end against `latchkey --version`, alternating A B C A B C,
#      medians and the difference: without an agent, and with one serving the guard's scans (the
#      agent's socket server and service with this user's guard, as `latchkey agent` runs them;
#      the installed hook asks it with curl, and starts no JVM for a clean commit);
#   4. the corpus (values in plain, base64, URL-encoded, hex, split over lines, inside JSON, YAML,
#      .env, properties, Dockerfile and shell files): how many cases were caught;
#   5. this repository's tree and history scanned with those fingerprints on: the findings;
#   6. the built-in pattern rules on a public sample of fake keys (bench/guard/fake-keys.tsv),
#      and gitleaks' default rules on the same sample when GITLEAKS_CONFIG names its
#      config/gitleaks.toml (run by Latchkey's engine; a gitleaks binary is not needed).
# Needs Maven, git and a JDK 25 (scripts/jdk.sh finds it) and a Secret Service: without a session
# bus it starts one with a throwaway keyring, as CI does.
#   bench/guard-bench.sh [--no-build] [--before DIR] [ROUNDS]
# --before DIR: another checkout, built (e.g. main's), timed in the same loops (scan and hook rows),
# reading a fingerprint file it writes itself (of the same values; its format may be older).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec dbus-run-session -- bash .ci/with-keyring "$0" "$@"
fi
. scripts/jdk.sh
latchkey_jdk || exit 1
build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
before=""
if [ "${1:-}" = "--before" ]; then before=$(cd "$2" && pwd); shift 2; fi
rounds=${1:-11}
if [ "$build" = 1 ]; then
  mvn -B -q -pl cli -am package -DskipTests
  mvn -B -q -pl core -am test-compile -DskipTests
fi
java="$LATCHKEY_JDK/bin/java"
cp="core/target/test-classes:core/target/classes:cli/target/lib/*"
bench() { "$java" -XX:TieredStopAtLevel=1 -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$cp" dev.latchkey.core.guard.GuardBench "$@"; }
bench_before() { (cd "$before" && "$java" -XX:TieredStopAtLevel=1 -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$cp" dev.latchkey.core.guard.GuardBench "$@"); }
# The same measurement in a JVM started as the hook starts when it scans by itself (./latchkey):
# C1 only, from the hook's AOT cache (HookAotTraining), the CLI's jar and its class path first
# (the cache requires them; the bench's own classes come after). -XX:AOTMode=on: a cache that
# cannot be used is an error, not a run without it. Transparent huge pages where ./latchkey asks for them.
latchkey_pages
thp=$LATCHKEY_PAGES
bench_hooklike() { "$java" -XX:TieredStopAtLevel=1 $thp -XX:AOTCache=cli/target/latchkey-hook.aot -XX:AOTMode=on \
  -Xlog:aot=error -Xlog:cds=error -cp cli/target/latchkey.jar:core/target/test-classes dev.latchkey.core.guard.GuardBench "$@"; }
bench_hooklike_before() { (cd "$before" && bench_hooklike "$@"); }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config"
mkdir -p "$HOME"
state="$XDG_STATE_HOME/latchkey/guard"
median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
now() { date +%s%N; }

echo "== 1. fingerprint file"
bench prepare "$state" 10000
# The build before records the same values in a file of its own: its format may be older.
before_home="$work/state-before"
if [ -n "$before" ]; then
  bench_before prepare "$before_home/latchkey/guard" 10000 >/dev/null
fi

echo "== 2. scan of a 10,000-line diff against 10,000 values (fresh JVM each, $rounds rounds)"
# This repository's main sources: code as developers write it, without the fake keys its tests and
# demo seed hold on purpose (those are allowed by path in .latchkey-guard.toml, and a bare diff has no path).
{ git ls-files '*/src/main/*.java' ':!:*/seed/DemoOrganisation.java' | xargs cat 2>/dev/null || true; } \
  | head -10000 > "$work/diff.txt" || true
: > "$work/scan.txt"; : > "$work/base.txt"; : > "$work/scan-before.txt"; : > "$work/hooklike.txt"; : > "$work/hooklike-before.txt"
scanned() { sed -E 's/.* scan [0-9]+ lines ([0-9.]+) ms.*/\1/' "$1" | median; }
for _ in $(seq "$rounds"); do
  bench baseline "$state" "$work/diff.txt" >/dev/null
  bench scan "$state" "$work/diff.txt" | tee -a "$work/scan.txt" >/dev/null
  bench_hooklike scan "$state" "$work/diff.txt" >> "$work/hooklike.txt"
  if [ -n "$before" ]; then
    bench_before scan "$before_home/latchkey/guard" "$work/diff.txt" >> "$work/scan-before.txt"
    bench_hooklike_before scan "$before_home/latchkey/guard" "$work/diff.txt" >> "$work/hooklike-before.txt"
  fi
done
tail -1 "$work/scan.txt"
if [ -n "$before" ]; then
  printf 'before (%s): scan median %s ms\n' "$before" "$(scanned "$work/scan-before.txt")"
fi
printf 'as the hook starts (C1 only, the hook'"'"'s AOT cache): scan median %s ms (matchers and rules ready: median %s ms)\n' \
  "$(scanned "$work/hooklike.txt")" "$(sed -E 's/.*ready in ([0-9.]+) ms.*/\1/' "$work/hooklike.txt" | median)"
if [ -n "$before" ]; then
  printf 'before, as the hook starts: scan median %s ms\n' "$(scanned "$work/hooklike-before.txt")"
fi
for part in RULES KNOWN; do # where the time goes: the same scan without the pattern rules, then without fingerprints
  : > "$work/part.txt"
  for _ in $(seq "$rounds"); do env "GUARD_BENCH_NO_$part=1" "$java" -XX:TieredStopAtLevel=1 -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$cp" \
    dev.latchkey.core.guard.GuardBench scan "$state" "$work/diff.txt" >> "$work/part.txt"; done
  printf 'scan without %s median %s ms\n' "$(echo "$part" | tr A-Z a-z)" \
    "$(sed -E 's/.* scan [0-9]+ lines ([0-9.]+) ms.*/\1/' "$work/part.txt" | median)"
done
# The same scan where an agent runs it: in a JVM that has scanned before (full JIT, as the agent runs).
"$java" -XX:+TieredCompilation -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$cp" dev.latchkey.core.guard.GuardBench \
  warm "$state" "$work/diff.txt" 40
printf 'scan median %s ms; fingerprint file load median %s ms; keychain median %s ms\n' \
  "$(sed -E 's/.* scan [0-9]+ lines ([0-9.]+) ms.*/\1/' "$work/scan.txt" | median)" \
  "$(sed -E 's/.*fingerprints ([0-9.]+) ms.*/\1/' "$work/scan.txt" | median)" \
  "$(sed -E 's/^keychain ([0-9.]+) ms.*/\1/' "$work/scan.txt" | median)"

echo "== 3. pre-commit hook end to end vs latchkey --version ($rounds rounds, alternating)"
repo="$work/repo"
mkdir -p "$repo"
git -C "$repo" init -q
cp "$work/diff.txt" "$repo/Big.java"
git -C "$repo" add Big.java
./latchkey guard install "$repo" >/dev/null
if [ -n "$before" ]; then
  cp -r "$repo" "$work/repo-before"
  rm -f "$work/repo-before/.git/hooks/pre-commit" "$work/repo-before/.git/hooks/pre-push"
  "$before/latchkey" guard install "$work/repo-before" >/dev/null
fi
# The JVM itself in the background (not the bench function's subshell), so $! is the agent's pid;
# with the full JIT, as ./latchkey starts `latchkey agent`.
"$java" -XX:+TieredCompilation -Xshare:auto --enable-native-access=ALL-UNNAMED -cp "$cp" dev.latchkey.core.guard.GuardBench \
  agent "$state" "$work/agent.sock" > "$work/agent.out" 2>&1 &
agent_pid=$!
trap 'kill "$agent_pid" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 300); do [ -S "$work/agent.sock" ] && break; sleep 0.1; done
[ -S "$work/agent.sock" ] || { echo "the bench's agent did not start: $(cat "$work/agent.out")" >&2; exit 1; }
ms() { echo $(( ($(now) - $1) / 1000000 )); }
hook() { # DIR SOCKET [STATE_HOME]: the pre-commit hook in DIR, the agent looked for on SOCKET
  (cd "$1" && XDG_STATE_HOME="${3:-$XDG_STATE_HOME}" LATCHKEY_AGENT_SOCKET="$2" .git/hooks/pre-commit >/dev/null 2>&1) \
    || { echo "the hook stopped the clean diff" >&2; exit 1; }
}
: > "$work/a.txt"; : > "$work/b.txt"; : > "$work/c.txt"; : > "$work/d.txt"; : > "$work/e.txt"
for _ in $(seq "$rounds"); do
  t=$(now); ./latchkey --version >/dev/null; ms "$t" >> "$work/a.txt"
  t=$(now); hook "$repo" "$work/none.sock"; ms "$t" >> "$work/b.txt"
  t=$(now); hook "$repo" "$work/agent.sock"; ms "$t" >> "$work/c.txt"
  if [ -n "$before" ]; then
    t=$(now); hook "$work/repo-before" "$work/none.sock" "$before_home"; ms "$t" >> "$work/d.txt"
    t=$(now); hook "$work/repo-before" "$work/agent.sock" "$before_home"; ms "$t" >> "$work/e.txt"
  fi
done
a=$(median < "$work/a.txt"); b=$(median < "$work/b.txt"); c=$(median < "$work/c.txt")
row() { awk -v a="$a" -v b="$2" -v what="$1" 'BEGIN { printf "%s median %.0f ms; difference to --version %+.0f ms; ratio %.2f\n", what, b, b - a, b / a }'; }
printf 'latchkey --version median %.0f ms\n' "$a"
row "pre-commit hook, no agent" "$b"
row "pre-commit hook, agent running" "$c"
if [ -n "$before" ]; then
  row "before: pre-commit hook, no agent" "$(median < "$work/d.txt")"
  row "before: pre-commit hook, agent running" "$(median < "$work/e.txt")"
fi
grep -v '^agent ready' "$work/agent.out" >&2 || true
kill "$agent_pid" 2>/dev/null || true

echo "== 4. corpus"
bench corpus "$state" "$work/corpus"

echo "== 5. this repository, with the fingerprints on"
tree=$(./latchkey guard scan --json . | grep -c '"fingerprint"' || true)
history=$(./latchkey guard history --json | grep -c '"fingerprint"' || true)
echo "tree: $tree findings; history (every branch): $history findings"

echo "== 6. pattern rules on bench/guard/fake-keys.tsv"
bench rules bench/guard/fake-keys.tsv
if [ -n "${GITLEAKS_CONFIG:-}" ]; then
  bench rules bench/guard/fake-keys.tsv "$GITLEAKS_CONFIG"
else
  echo "(set GITLEAKS_CONFIG to gitleaks' config/gitleaks.toml to compare with its default rules)"
fi
