#!/usr/bin/env bash
# Start-up benchmark (docs/performance.md): how long `latchkey` takes for the daily commands and
# how long the desktop app takes to its first window and to a usable sign-in screen, each as the
# median wall time of ROUNDS runs and as a ratio to a baseline measured in the same loop, in
# alternation (A B A B ...):
#   CLI rows  against a bare JVM printing "hello" (java -XX:TieredStopAtLevel=1 -Xshare:auto);
#   app rows  against a JavaFX "hello" window on the same X display.
# The CLI runs signed in (the real device flow, confirmed on the dev IdP's form) with a real
# Secret Service, against a development broker on loopback holding 10 generated secrets.
# Starts all of that itself: a private session bus with an unlocked gnome-keyring (as
# .ci/with-keyring does), Xvfb for the app rows, the broker, a throwaway HOME.
#
#   mvn -B -q -DskipTests package && bench/startup.sh [--rounds N] [--app-rounds N] [--no-app] [--no-cli] [--before DIR]
#
# --before DIR also times the CLI's rows with DIR/latchkey and the app's with DIR/latchkey-app
# (another checkout, built), in the same loop and against the same baseline, for a before/after
# table from one run. --no-cli leaves the CLI's rows out (and the broker and sign-in they need).
# Beside `run -- true`, `status` and `run` with references it prints each row's floor, timed in the
# same loop: bench/lib/floors/Floor.java doing only the work the row cannot do without, on the JVM,
# options, class path and AOT cache ./latchkey uses; what a row takes over it is Latchkey's.
#
# Needs: dbus-run-session, gnome-keyring-daemon, secret-tool, curl; for the app rows xvfb-run
# and xdotool (Debian: dbus gnome-keyring libsecret-tools curl xvfb xauth xdotool). The installed
# app (/opt/latchkey, packaging/build.sh deb) gets a row of its own when it is installed, started
# as its menu entry starts it (/opt/latchkey/bin/latchkey-app), and through jpackage's launcher.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD

rounds=10 app_rounds=10 app=true cli=true before=""
args=("$@")
while (($#)); do
  case $1 in
    --rounds) rounds=$2; shift ;;
    --app-rounds) app_rounds=$2; shift ;;
    --no-app) app=false ;;
    --no-cli) cli=false ;;
    --before) before=$(cd "$2" && pwd) || exit 2; shift ;;
    *) echo "usage: bench/startup.sh [--rounds N] [--app-rounds N] [--no-app] [--no-cli] [--before DIR]" >&2; exit 2 ;;
  esac
  shift
done
die() { echo "startup-bench: $*" >&2; exit 1; }

. scripts/jdk.sh
latchkey_jdk || exit 1
jars=(cli/target/latchkey.jar broker/target/latchkey-broker.jar)
! $app || jars+=(app/target/latchkey-app.jar)
for jar in "${jars[@]}"; do
  [ -f "$jar" ] || die "$jar is missing; build first: mvn -B -q -DskipTests package"
done
[ -z "$before" ] || [ -x "$before/latchkey" ] || die "--before $before: no latchkey launcher there"
[ -z "$before" ] || ! $app || [ -f "$before/app/target/latchkey-app.jar" ] || die "--before $before: its app is not built"

if [ -z "${LATCHKEY_STARTUP_BENCH_INSIDE:-}" ]; then
  for tool in dbus-run-session gnome-keyring-daemon secret-tool curl; do
    command -v "$tool" >/dev/null || die "$tool not found (Debian: dbus gnome-keyring libsecret-tools curl)"
  done
  display=()
  if $app; then
    if command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
      display=(xvfb-run -a -s '-screen 0 1440x900x24')
    else
      echo "startup-bench: no xvfb-run or xdotool: the app rows are left out (Debian: xvfb xauth xdotool)" >&2
      args+=(--no-app)
    fi
  fi
  exec env LATCHKEY_STARTUP_BENCH_INSIDE=1 dbus-run-session -- "${display[@]}" bash .ci/with-keyring "$0" "${args[@]}"
fi

# --- set up: a throwaway HOME, the baselines, the broker, a signed-in session ----------------
work=$(mktemp -d -t latchkey-startup-bench-XXXXXX)
broker_pid=""
cleanup() {
  [ -z "$broker_pid" ] || kill "$broker_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. bench/lib/signed-in.sh
bench_home
bench_hello
. bench/lib/timing.sh
cli_rows=()
if $cli; then
  bench_broker --dev-bulk-secrets 10
  # Sign in as a person does: latchkey login shows a code, the demo user confirms it on the form.
  bench_login
  bench_bulk_env
  echo -n bench-floor-value | secret-tool store --label='latchkey start-up bench' service latchkey-bench account ada

  # The floors (bench/lib/floors/Floor.java): only the work a row cannot do without, on the JVM,
  # options, class path and AOT cache ./latchkey uses; what a row takes beyond its floor is Latchkey's.
  mkdir -p "$work/floor"
  "$LATCHKEY_JDK/bin/javac" -cp cli/target/latchkey.jar -d "$work/floor" bench/lib/floors/Floor.java
  (cd "$work/floor" && "$LATCHKEY_JDK/bin/jar" cf floor.jar Floor.class)
  # No --enable-native-access: the JVM refuses an AOT cache recorded without it (latchkey.jar's
  # manifest grants it to ./latchkey); the floor's keychain read only warns once on stderr.
  floor="'$java' -XX:TieredStopAtLevel=1 -cp 'cli/target/latchkey.jar:$work/floor/floor.jar'"
  # Transparent huge pages where ./latchkey asks for them (the kernel gives them on request).
  latchkey_pages
  [ -z "$LATCHKEY_PAGES" ] || floor+=" $LATCHKEY_PAGES"
  [ ! -f cli/target/latchkey.aot ] || floor+=" -XX:AOTCache=cli/target/latchkey.aot -Xlog:aot=off -Xlog:cds=off"

  declare -A cmd_of
  cmd_of[version]="./latchkey --version"
  cmd_of[run]="./latchkey run -- true"
  cmd_of[status]="./latchkey status"
  cmd_of[refs]="./latchkey run --env-file $work/bulk.env -- true"
  cmd_of[floor]="secret-tool lookup service latchkey-bench account ada >/dev/null; true"
  cmd_of[run-floor]="$floor Floor run true"
  cmd_of[status-floor]="$floor Floor status '$url' >/dev/null"
  cmd_of[refs-floor]="$floor Floor refs '$url' '$work/bulk.env' true"
  declare -A floor_of=([run]=run-floor [status]=status-floor [refs]=refs-floor)
  cli_rows=(version run run-floor status status-floor refs refs-floor floor)
  if [ -n "$before" ]; then
    for row in version run status refs; do
      cmd_of[before-$row]="$before/${cmd_of[$row]#./}"
    done
    floor_of+=([before-run]=run-floor [before-status]=status-floor [before-refs]=refs-floor)
    cli_rows=(before-version version before-run run run-floor before-status status status-floor before-refs refs refs-floor floor)
  fi
  for row in "${cli_rows[@]}"; do # each works before it is timed
    bash -c "${cmd_of[$row]}" >"$work/check.out" 2>&1 || die "'${cmd_of[$row]}' failed: $(cat "$work/check.out")"
  done

  # --- timing ------------------------------------------------------------------------------------
  echo "startup-bench: CLI, $rounds rounds (a bare JVM hello before each command) ..." >&2
  alternate "$rounds" "${cli_rows[@]}"
fi

# --- the app -----------------------------------------------------------------------------------
installed=false
if $app; then
  . bench/lib/window.sh
  bench_hellofx
  if dpkg-query -W -f='${Status}' latchkey 2>/dev/null | grep -q 'install ok installed' && [ -x /opt/latchkey/bin/latchkey-app ]; then
    installed=true
  fi
  echo "startup-bench: app, $app_rounds rounds (JavaFX hello window, then the app) ..." >&2
  # "Usable": the title reads "Latchkey — Sign in", which the sign-in screen takes only once its code
  # and a working "Open browser" show ("Latchkey — Getting a sign-in code" before; SignInView.titleOf).
  for ((i = 0; i < app_rounds; i++)); do
    window_times fxhello "$hellofx" "Hello FX bench"
    window_times app "./latchkey-app" "Latchkey" "Latchkey — Sign in"
    if [ -n "$before" ]; then
      window_times fxhello "$hellofx" "Hello FX bench"
      window_times before-app "'$before/latchkey-app'" "Latchkey" "Latchkey — Sign in"
    fi
    if $installed; then
      window_times fxhello "$hellofx" "Hello FX bench"
      window_times installed "/opt/latchkey/bin/latchkey-app --demo" "Latchkey" "Latchkey — Sign in"
      window_times fxhello "$hellofx" "Hello FX bench"
      window_times installed-launcher "/opt/latchkey/bin/Latchkey --demo" "Latchkey"
    fi
  done
fi

# --- the table ---------------------------------------------------------------------------------
ratio() { awk -v m="$1" -v b="$2" 'BEGIN { printf "%.2f×", m / b }'; }
secs() { awk -v m="$1" 'BEGIN { printf "%.2f s", m / 1000 }'; }
aot=$(caches=$(ls cli/target/latchkey.aot app/target/latchkey-app.aot app/target/demo-broker.aot 2>/dev/null | paste -sd, - | sed 's/,/, /g')
  if [ -n "$caches" ]; then echo "AOT caches $caches"; else echo "no AOT cache"; fi)
echo "Latchkey start-up, $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$LATCHKEY_JDK/release" | tr -d '"'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $aot"
echo
echo "| what | median | ratio | baseline | its floor | over the floor |"
echo "|---|---|---|---|---|---|"
if $cli; then
  base=$(median "${ms[hello]}")
  echo "| bare JVM hello | $(secs "$base") | 1.00× | median of $((rounds * ${#cli_rows[@]})), one before each command | | |"
  declare -A label=([version]='`latchkey --version`' [run]='`latchkey run -- true`' [status]='`latchkey status`'
    [refs]='`latchkey run --env-file F -- true` (10 references)' [floor]='`secret-tool lookup …; true` (native floor)'
    [run-floor]='floor of `run -- true`: the JVM as ./latchkey starts it, starts `true` through pipes, waits'
    [status-floor]='floor of `status`: that JVM, the session token read from the keychain (2 reads), `GET /v1/me`'
    [refs-floor]='floor of 10 references: that JVM, the token read, one `POST /v1/secrets:resolve`, `true` with the values')
  for row in version run status refs; do label[before-$row]="before: ${label[$row]}"; done
  for row in "${cli_rows[@]}"; do
    m=$(median "${ms[$row]}")
    beside="| | |"
    if [ -n "${floor_of[$row]:-}" ]; then
      f=$(median "${ms[${floor_of[$row]}]}")
      beside="| $(secs "$f"), $(ratio "$f" "$base") | +$(secs $((m - f))) |"
    fi
    echo "| ${label[$row]} | $(secs "$m") | $(ratio "$m" "$base") | bare JVM, $rounds runs $beside"
  done
fi
if $app; then
  fx=$(median "${ms[fxhello]}")
  echo "| JavaFX hello window (Xvfb) | $(secs "$fx") | 1.00× | median of $(wc -w <<<"${ms[fxhello]}") | | |"
  first=$(median "${ms[app]}")
  echo "| \`./latchkey-app\` first window | $(secs "$first") | $(ratio "$first" "$fx") | JavaFX hello, $app_rounds runs | | |"
  m=$(median "${ms[app-ready]}")
  echo "| \`./latchkey-app\` demo sign-in screen usable | $(secs "$m") | $(ratio "$m" "$fx") | JavaFX hello, $app_rounds runs | | |"
  if [ -n "$before" ]; then
    m=$(median "${ms[before-app]}")
    echo "| before: \`./latchkey-app\` first window | $(secs "$m") | $(ratio "$m" "$fx") | JavaFX hello, $app_rounds runs | | |"
    m=$(median "${ms[before-app-ready]}")
    echo "| before: \`./latchkey-app\` demo sign-in screen usable | $(secs "$m") | $(ratio "$m" "$fx") | JavaFX hello, $app_rounds runs | | |"
  fi
  if $installed; then
    m=$(median "${ms[installed]}")
    echo "| installed app, as its menu entry starts it (bin/latchkey-app), first window, warm | $(secs "$m") | $(ratio "$m" "$fx") ($(ratio "$m" "$first") the jar's) | JavaFX hello, $app_rounds runs | | |"
    m=$(median "${ms[installed-ready]}")
    echo "| installed app demo sign-in screen usable | $(secs "$m") | $(ratio "$m" "$fx") | JavaFX hello, $app_rounds runs | | |"
    m=$(median "${ms[installed-launcher]}")
    echo "| installed app through jpackage's launcher (bin/Latchkey) first window, warm | $(secs "$m") | $(ratio "$m" "$fx") ($(ratio "$m" "$first") the jar's) | JavaFX hello, $app_rounds runs | | |"
  else
    echo "| installed app | – | – | no latchkey package installed (packaging/build.sh deb; cold start: packaging/test-linux-install.sh --drop-caches) | | |"
  fi
fi
echo
echo "samples (ms):"
for name in "${!ms[@]}"; do echo "  $name: ${ms[$name]% }"; done | sort
