#!/usr/bin/env bash
# The floors under the start-up rows (docs/performance.md, "the floors"): programs that do only
# part of what Latchkey does, each as the median of ROUNDS runs in alternation with a baseline.
# The CLI's floors, against a bare JVM hello:
#   the hello with the CLI's AOT cache and class path (what the cache alone costs at start);
#   a picocli program with one subcommand, without an AOT cache and with one of its own;
#   a JVM that opens the keychain and reads one entry through Latchkey's keychain path (core's
#   public Keychains.open(): libsecret through the foreign-function API on Linux), without an AOT
#   cache and with one of its own;
#   secret-tool reading the same entry.
# With --app, the app's floors instead, against a JavaFX hello window (Xvfb), in the same loop as
# ./latchkey-app's own first window and usable demo sign-in screen:
#   the demo broker started as the app starts it (broker jar, its AOT cache when the build made
#   one), to its "listening on" line;
#   the JavaFX hello from a jpackage app image through the image's launcher, and the same hello on
#   that image's runtime without the launcher (the launcher's own cost).
# Runs inside a private session bus with an unlocked gnome-keyring (as .ci/with-keyring does).
#
#   mvn -B -q -DskipTests package && bench/startup-floors.sh [--rounds N] [--app]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=10 app=false
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --app) app=true ;;
    *) echo "usage: bench/startup-floors.sh [--rounds N] [--app]" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "startup-floors: $*" >&2; exit 1; }
. scripts/jdk.sh
latchkey_jdk || exit 1
[ -f cli/target/latchkey.jar ] || die "cli/target/latchkey.jar is missing; build first: mvn -B -q -DskipTests package"
if [ -z "${LATCHKEY_FLOORS_INSIDE:-}" ]; then
  if $app; then
    for tool in xvfb-run xdotool jpackage; do
      command -v "$tool" >/dev/null || [ -x "$LATCHKEY_JDK/bin/$tool" ] || die "$tool not found (Debian: xvfb xauth xdotool)"
    done
    exec env LATCHKEY_FLOORS_INSIDE=1 dbus-run-session -- xvfb-run -a -s '-screen 0 1440x900x24' \
      bash .ci/with-keyring "$0" --rounds "$rounds" --app
  fi
  exec env LATCHKEY_FLOORS_INSIDE=1 dbus-run-session -- bash .ci/with-keyring "$0" --rounds "$rounds"
fi
work=$(mktemp -d -t latchkey-startup-floors-XXXXXX)
trap 'rm -rf "$work"' EXIT
. bench/lib/signed-in.sh
bench_home
bench_hello
. bench/lib/timing.sh
if $app; then
  . bench/lib/app-floors.sh
  exit
fi
lib=cli/target/lib
picocli=$(ls "$lib"/picocli-*.jar)
libs=$(ls "$lib"/*.jar | paste -sd:)
mkdir -p "$work/floors"
cat >"$work/floors/PicoHello.java" <<'JAVA'
import picocli.CommandLine;
import picocli.CommandLine.Command;
@Command(name = "pico", mixinStandardHelpOptions = true, subcommands = PicoHello.Run.class)
public class PicoHello implements Runnable {
  public void run() { }
  @Command(name = "run") static class Run implements Runnable {
    @CommandLine.Parameters(arity = "0..*") java.util.List<String> command;
    @CommandLine.Option(names = "--env") java.util.List<String> env;
    public void run() { System.out.println("hello"); }
  }
  public static void main(String[] a) { System.exit(new CommandLine(new PicoHello()).execute(a)); }
}
JAVA
cat >"$work/floors/KeychainRead.java" <<'JAVA'
import dev.latchkey.core.keychain.CredentialKey;
import dev.latchkey.core.keychain.Keychains;
public class KeychainRead {
  public static void main(String[] a) throws Exception {
    var store = Keychains.open();
    var key = new CredentialKey("latchkey:startup-floor", "ada");
    if (a.length > 0) store.write(key, "startup-floor-value-0123456789");
    if (store.read(key).isEmpty()) throw new IllegalStateException("no entry in " + store.mode());
  }
}
JAVA
"$LATCHKEY_JDK/bin/javac" -cp "$libs" -d "$work/floors" "$work/floors"/*.java
(cd "$work/floors" && "$LATCHKEY_JDK/bin/jar" cf pico.jar PicoHello*.class && "$LATCHKEY_JDK/bin/jar" cf keychain.jar KeychainRead.class)
pico_cp="$work/floors/pico.jar:$picocli"
keychain_cp="$work/floors/keychain.jar:$libs"
c1="-XX:TieredStopAtLevel=1"
native=--enable-native-access=ALL-UNNAMED
"$java" $c1 $native -cp "$keychain_cp" KeychainRead write
# Each program's own cache, trained on one run (quietly, as the build does; picocli is the jar the
# build rewrote for the current class-file version, so the cache holds it).
"$java" -XX:AOTCacheOutput="$work/pico.aot" $c1 -Xlog:aot=error,cds=error -cp "$pico_cp" PicoHello run -- true >/dev/null
"$java" -XX:AOTCacheOutput="$work/keychain.aot" $c1 -Xlog:aot=error,cds=error $native -cp "$keychain_cp" KeychainRead >/dev/null
quiet="-Xlog:aot=off -Xlog:cds=off"
declare -A cmd_of=(
  [cached-hello]="'$java' $c1 -XX:AOTCache=cli/target/latchkey.aot $quiet -cp 'cli/target/latchkey.jar:$work/hello' Hello"
  [pico]="'$java' $c1 -Xshare:auto -cp '$pico_cp' PicoHello run -- true"
  [pico-cached]="'$java' $c1 -XX:AOTCache='$work/pico.aot' $quiet -cp '$pico_cp' PicoHello run -- true"
  [keychain]="'$java' $c1 -Xshare:auto $native -cp '$keychain_cp' KeychainRead"
  [keychain-cached]="'$java' $c1 -XX:AOTCache='$work/keychain.aot' $quiet $native -cp '$keychain_cp' KeychainRead"
  [secret-tool]="secret-tool lookup service latchkey:startup-floor account ada >/dev/null"
)
rows=(cached-hello pico pico-cached keychain keychain-cached secret-tool)
[ -f cli/target/latchkey.aot ] || { echo "startup-floors: no cli/target/latchkey.aot: its row is left out" >&2; rows=("${rows[@]:1}"); }
alternate "$rounds" "${rows[@]}"
declare -A label=([cached-hello]="bare JVM hello with the CLI's AOT cache and class path"
  [pico]='picocli hello, one subcommand, no AOT cache' [pico-cached]='picocli hello, one subcommand, its own AOT cache'
  [keychain]="keychain read through Latchkey's path, no AOT cache" [keychain-cached]="keychain read through Latchkey's path, its own AOT cache"
  [secret-tool]='`secret-tool lookup` (libsecret from C)')
base=$(median "${ms[hello]}")
echo "Latchkey start-up floors, $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$LATCHKEY_JDK/release" | tr -d '"'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| floor | median | ratio |"
echo "|---|---|---|"
echo "| bare JVM hello | $(awk -v m="$base" 'BEGIN { printf "%.2f s", m / 1000 }') | 1.00× |"
for row in "${rows[@]}"; do
  m=$(median "${ms[$row]}")
  echo "| ${label[$row]} | $(awk -v m="$m" 'BEGIN { printf "%.2f s", m / 1000 }') | $(awk -v m="$m" -v b="$base" 'BEGIN { printf "%.2f×", m / b }') |"
done
