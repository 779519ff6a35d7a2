#!/usr/bin/env bash
# Linux install test: build the .deb, install it the way a user does, use what it installed,
# remove it, and check that nothing is left behind.
#
#   sudo packaging/test-linux-install.sh [--no-maven] [--drop-caches]
#
# The app starts with --demo as the menu entry starts it (the desktop entry's Exec command, the
# start script bin/latchkey-app): cold (to its window) and warm (to the demo's sign-in screen,
# which needs the demo broker: the broker jar in the package, run on the bundled runtime); then
# once more, warm, through jpackage's own launcher bin/Latchkey (to its window). Each time its
# demo broker must end with it, also when the app is killed outright.
#
#   --no-maven     package the jars already built (CI runs this after mvn verify)
#   --drop-caches  drop the kernel's page cache before the first start, so the start time
#                  is a cold one (root only; slows everything else on the machine briefly)
#
# Needs root (dpkg), an X server (runs itself under xvfb-run when DISPLAY is unset), and
# xwininfo (x11-utils). The package depends on xdg-utils and GTK 3, and its menu entry needs
# a desktop menu (/etc/xdg/menus, e.g. from lxmenu-data); install those first (.ci/run
# does). Refuses to run where a latchkey package is already installed.
# Writes its logs and a screenshot (if ImageMagick's import is there) to target/install-test/.
set -euo pipefail
cd "$(dirname "$0")/.."

build_args=()
drop_caches=false
for arg in "$@"; do
  case "$arg" in
    --no-maven) build_args+=(--no-maven) ;;
    --drop-caches) drop_caches=true ;;
    *) echo "usage: $0 [--no-maven] [--drop-caches]" >&2; exit 2 ;;
  esac
done

die() { echo "install test FAILED: $*" >&2; exit 1; }
step() { printf '\n== install test: %s (%ss)\n' "$*" "$SECONDS"; }

[ "$(id -u)" -eq 0 ] || die "dpkg needs root; run it with sudo"
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || die "no DISPLAY and no xvfb-run; apt-get install xvfb xauth"
  exec xvfb-run -a -s '-screen 0 1440x900x24' "$0" "$@"
fi
command -v xwininfo >/dev/null || die "xwininfo not found; apt-get install x11-utils"
if dpkg-query -W -f='${Status}' latchkey 2>/dev/null | grep -q 'install ok installed'; then
  die "a latchkey package is already installed here; this test installs and removes its own. Remove it first: dpkg --purge latchkey"
fi

out=target/install-test
rm -rf "$out" && mkdir -p "$out"
app_pid=""
installed=false
cleanup() {
  rm -rf "${app_home:-}"
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then kill -9 "$app_pid" 2>/dev/null || true; fi
  if $installed; then
    echo "install test: removing the package after a failure" >&2
    dpkg --purge latchkey >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

# --- build and install -------------------------------------------------------------------
step "building the .deb"
packaging/build.sh deb ${build_args[@]+"${build_args[@]}"} 2>&1 | tee "$out/build.log" ||
  die "packaging/build.sh deb failed (its output is above and in $out/build.log)"
deb=$(ls target/installer/latchkey_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || die "packaging/build.sh made no target/installer/latchkey_*.deb (see $out/build.log)"
installer_size=$(du -h "$deb" | cut -f1)

step "dpkg -i $deb"
installed=true
dpkg -i "$deb" 2>&1 | tee "$out/dpkg-install.log" ||
  die "dpkg -i failed (see $out/dpkg-install.log). Missing dependencies? apt-get install xdg-utils libgtk-3-0"
[ -x /opt/latchkey/bin/Latchkey ] || die "/opt/latchkey/bin/Latchkey was not installed"
desktop_entry=/usr/share/applications/latchkey-Latchkey.desktop
[ -f "$desktop_entry" ] || die "no desktop entry at $desktop_entry. A machine without a desktop menu gets none (the
package warns and carries on); to test it there, install a menu first: apt-get install lxmenu-data"
grep -q '^Categories=Development;' "$desktop_entry" || die "$desktop_entry is not in the Development menu"
# What a click on the menu entry runs: its Exec line without the field codes (%U and the like).
app_command=$(sed -n 's/^Exec=//p' "$desktop_entry" | sed 's/ *%[a-zA-Z]//g')
[ "$app_command" = /opt/latchkey/bin/latchkey-app ] ||
  die "$desktop_entry starts '$app_command', not the start script /opt/latchkey/bin/latchkey-app (packaging/linux/start-scripts.sh)"
[ -x "$app_command" ] || die "the desktop entry's command $app_command is not an executable file"

# --- the CLI, from PATH --------------------------------------------------------------------
step "latchkey --version"
[ "$(command -v latchkey)" = /usr/bin/latchkey ] || die "latchkey on PATH is '$(command -v latchkey)', not /usr/bin/latchkey"
[ "$(readlink -f /usr/bin/latchkey)" = /opt/latchkey/bin/latchkey ] ||
  die "/usr/bin/latchkey leads to '$(readlink -f /usr/bin/latchkey)', not the start script /opt/latchkey/bin/latchkey"
pom_version=$(cat target/packaging/pom-version)
for cli in latchkey /opt/latchkey/bin/latchkey-cli; do # the start script, and jpackage's launcher
  version_output=$("$cli" --version) || die "$cli --version failed (exit $?)"
  echo "$cli: $version_output"
  [[ "$version_output" == *"${pom_version:-?}"* ]] || die "$cli --version said '$version_output', expected version $pom_version"
done

# --- the CLI's AOT caches: each command starts from the cache ./latchkey would choose ----------
# (packaging/linux/cli-aot-choice.sh): the start script's exec line (sh -x) names the cache, and a
# class the command needs must come from it ("shared objects file"), or the JVM refused it.
step "the CLI's AOT caches"
cli_work=$(mktemp -d -t latchkey-cli-aot-XXXXXX)
git -C "$cli_work" init -q || die "git init failed in $cli_work"
# An agent's socket for the choice (nothing answers on it: the commands then go on without one).
# perl-base is essential on Debian.
perl -MIO::Socket::UNIX -e 'IO::Socket::UNIX->new(Local => $ARGV[0], Listen => 1) or die "$!\n"' "$cli_work/agent.sock" ||
  die "could not make a socket at $cli_work/agent.sock"
cli_cache() { # cli_cache <cache or -> <class or -> <socket> <latchkey args...>: starts from that cache
  local cache=$1 class=$2 sock=$3 trace
  shift 3
  trace=$(cd "$cli_work" && HOME="$cli_work" XDG_CONFIG_HOME="$cli_work/config" XDG_STATE_HOME="$cli_work/state" \
    XDG_RUNTIME_DIR= LATCHKEY_AGENT_SOCKET="$sock" JAVA_TOOL_OPTIONS=-Xlog:class+load=info \
    sh -x /usr/bin/latchkey "$@" 2>&1 </dev/null || true)
  if [ "$cache" = - ]; then
    ! grep -q -- '-XX:AOTCache=' <<<"$trace" || die "latchkey $* starts from an AOT cache; it should start without one"
  else
    grep -q -- "-XX:AOTCache=/opt/latchkey/lib/app/$cache " <<<"$trace" ||
      die "latchkey $* does not start from $cache: $(grep -m1 'exec ' <<<"$trace")"
    grep -q "$class source: shared objects file" <<<"$trace" ||
      die "latchkey $* names $cache but the JVM did not take $class from it (refused? its options differ from the training's)"
  fi
  echo "latchkey $* (agent socket: $([ -S "$sock" ] && echo yes || echo no)): ${cache/#-/no cache}"
}
cli_cache - - "$cli_work/none.sock" --version
cli_cache latchkey.aot dev.latchkey.cli.LatchkeyCommand "$cli_work/none.sock" --help
cli_cache latchkey-hook.aot dev.latchkey.cli.guard.PreCommitHook "$cli_work/none.sock" guard staged --hook
cli_cache - - "$cli_work/agent.sock" guard staged --hook
cli_cache latchkey.aot dev.latchkey.cli.run.RunCommand "$cli_work/none.sock" run -- true
cli_cache latchkey-run-agent.aot dev.latchkey.cli.run.RunLaunch "$cli_work/agent.sock" run -- true
rm -rf "$cli_work"

# --- the app's AOT cache (packaging/build.sh records it where xvfb-run is) ----------------------
step "the app's AOT cache"
aot=/opt/latchkey/lib/app/latchkey-app.aot
if [ -f "$aot" ]; then
  # The JVM of the desktop entry's command and of jpackage's launcher takes the app's classes from
  # it: a cache the JVM refused would make every start slower than none (it also leaves out the
  # JDK's own class data).
  for launcher in "$app_command" /opt/latchkey/bin/Latchkey; do
    loaded=$(JAVA_TOOL_OPTIONS=-Xlog:class+load=info "$launcher" --no-such-option 2>/dev/null || true)
    grep -q 'dev.latchkey.app.LaunchOptions source: shared objects file' <<<"$loaded" ||
      die "$launcher does not start from $aot (its JVM options differ from the training's?)"
  done
  # The training signed a demo user in: none of the dev IdP's tokens (JWTs) may be in the cache.
  if grep -qaE 'eyJhbGciOi|eyJraWQiOi|eyJ0eXAiOi' "$aot"; then die "a JWT is in $aot"; fi
  aot_note="AOT cache $(du -h "$aot" | cut -f1), used by the desktop entry's command and the launcher"
else
  aot_note="no AOT cache (packaged without xvfb-run)"
fi
echo "$aot_note"

# --- the app, from the installed launcher ----------------------------------------------------
# The app's window: viewable, titled "Latchkey...", at least 100x100. (GTK first creates an
# unmapped 10x10 leader window named after the launcher; that one does not count.)
app_window() {
  local id info
  for id in $(xwininfo -root -tree 2>/dev/null | awk '/^ *0x[0-9a-f]+ "Latchkey/ {print $1}'); do
    info=$(xwininfo -id "$id" 2>/dev/null) || continue
    grep -q 'Map State: IsViewable' <<<"$info" || continue
    [ "$(awk '/Width:/ {print $2}' <<<"$info")" -ge 100 ] && [ "$(awk '/Height:/ {print $2}' <<<"$info")" -ge 100 ] || continue
    xwininfo -root -tree | grep -m1 "^ *$id "
    return 0
  done
  return 1
}

# start_app <log> [command]: starts the installed app (the desktop entry's command, or the one
# given) in demo mode with a throwaway HOME, waits for its window, and sets start_ms to the time
# from exec to a viewable window.
app_home=$(mktemp -d -t latchkey-install-test-XXXXXX)
start_app() {
  local window=""
  started_ns=$(date +%s%N)
  HOME="$app_home" XDG_CONFIG_HOME="$app_home/.config" XDG_CACHE_HOME="$app_home/.cache" \
    XDG_DATA_HOME="$app_home/.local/share" XDG_STATE_HOME="$app_home/.local/state" \
    "${2:-$app_command}" --demo >"$1" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 600); do # up to 60 s
    window=$(app_window || true)
    [ -n "$window" ] && break
    kill -0 "$app_pid" 2>/dev/null || die "the app exited before showing a window; its output:
$(cat "$1")"
    sleep 0.1
  done
  [ -n "$window" ] || die "no Latchkey window within 60 s; the app's output:
$(cat "$1")"
  start_ms=$((($(date +%s%N) - started_ns) / 1000000))
  echo "window: $window"
}
# stop_app [SIGNAL]: stops the app (SIGTERM, or the signal given) and checks that its demo
# broker, a process of its own, ended with it.
stop_app() {
  local brokers pid
  brokers=$(demo_brokers)
  kill -"${1:-TERM}" "$app_pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=""
  for pid in $brokers; do
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      die "the demo broker (pid $pid) outlived the app (stopped with SIG${1:-TERM}) by 15 s"
    fi
  done
}
# demo_brokers: the app's demo broker processes (children running the broker jar).
demo_brokers() { pgrep -P "$app_pid" -f 'latchkey-broker\.jar' || true; }

step "starting $app_command --demo (the desktop entry's command) on $DISPLAY"
first_kind="first start after install"
if $drop_caches; then
  sync
  if echo 3 >/proc/sys/vm/drop_caches 2>/dev/null; then first_kind="cold start (page cache dropped)"; fi
fi
start_app "$out/app.log"
first_ms=$start_ms
echo "$first_kind to window: ${first_ms} ms"
if command -v import >/dev/null; then
  sleep 2 # let the first frame paint
  import -window root "$out/installed-app.png" 2>/dev/null || true
fi
stop_app

step "starting it again (warm), until the demo's sign-in screen"
start_app "$out/app-warm.log"
warm_ms=$start_ms
echo "warm start to window: ${warm_ms} ms"
# The demo broker starts beside the window, from the broker jar in the package on the bundled
# runtime; the sign-in screen shows once it answers (the window's title ends in "Sign in").
for _ in $(seq 1 1200); do # up to 120 s
  xwininfo -root -tree 2>/dev/null | grep -q '"Latchkey.*Sign in"' && break
  kill -0 "$app_pid" 2>/dev/null || die "the app exited before its demo's sign-in screen; its output:
$(cat "$out/app-warm.log")"
  sleep 0.1
done
xwininfo -root -tree 2>/dev/null | grep -q '"Latchkey.*Sign in"' || die "the demo's sign-in screen did not show within 120 s; the app's output:
$(cat "$out/app-warm.log")
the demo broker's log:
$(cat "$app_home/.local/state/latchkey/demo-broker.log" 2>/dev/null)"
sign_in_ms=$((($(date +%s%N) - started_ns) / 1000000))
echo "warm start to the demo's sign-in screen: ${sign_in_ms} ms"
broker_pid=$(demo_brokers | head -1)
[ -n "$broker_pid" ] || die "the sign-in screen shows, but no demo broker process runs under the app"
[ "$(readlink "/proc/$broker_pid/exe")" = /opt/latchkey/lib/runtime/bin/java ] ||
  die "the demo broker runs on $(readlink "/proc/$broker_pid/exe"), not the bundled runtime"
demo_log="$app_home/.local/state/latchkey/demo-broker.log"
[ "$(stat -c %a "$demo_log" 2>/dev/null)" = 600 ] || die "the demo broker's log $demo_log is not 0600: $(ls -l "$demo_log" 2>&1)"
grep -q 'listening on' "$demo_log" || die "the demo broker's log lacks its start: $(cat "$demo_log")"
if grep -q 'listening on\|DEVELOPMENT MODE' "$out/app.log" "$out/app-warm.log"; then
  die "the demo broker's output reached the app's own output"
fi
# A crash: the app killed outright leaves no demo broker behind (it stops when its stdin ends).
stop_app KILL
cp "$demo_log" "$out/demo-broker.log"
missing_class='NoClassDefFoundError|ClassNotFoundException|FindException|UnsatisfiedLinkError|NoSuchMethodError'
if grep -Eq "$missing_class" "$out/app.log" "$out/app-warm.log" "$out/demo-broker.log"; then
  die "the installed app or its demo broker could not load something; is a JDK module missing from the runtime (packaging/runtime-modules.txt)?
$(grep -Eh -m5 "$missing_class" "$out/app.log" "$out/app-warm.log" "$out/demo-broker.log")"
fi

step "starting it through jpackage's launcher: /opt/latchkey/bin/Latchkey --demo (warm)"
start_app "$out/app-launcher.log" /opt/latchkey/bin/Latchkey
launcher_ms=$start_ms
echo "warm start through jpackage's launcher to window: ${launcher_ms} ms"
stop_app
if grep -Eq "$missing_class" "$out/app-launcher.log"; then
  die "the app started by jpackage's launcher could not load something: $(grep -Eh -m5 "$missing_class" "$out/app-launcher.log")"
fi
rm -rf "$app_home"

# --- remove, and check nothing is left -------------------------------------------------------
step "dpkg --purge latchkey"
dpkg --purge latchkey 2>&1 | tee "$out/dpkg-purge.log" || die "dpkg --purge latchkey failed (see $out/dpkg-purge.log)"
installed=false
leftovers=()
[ ! -e /opt/latchkey ] || leftovers+=("/opt/latchkey: $(find /opt/latchkey | head -5 | tr '\n' ' ')")
{ [ ! -e /usr/bin/latchkey ] && [ ! -L /usr/bin/latchkey ]; } || leftovers+=(/usr/bin/latchkey)
for file in /usr/share/applications/latchkey-*.desktop; do [ ! -e "$file" ] || leftovers+=("$file"); done
((${#leftovers[@]} == 0)) || die "left behind after purge: ${leftovers[*]}"
dpkg-query -W -f='${Status}' latchkey 2>/dev/null | grep -q 'install ok installed' && die "dpkg still lists latchkey as installed"

step "PASSED"
echo "result: installer $(basename "$deb") ($installer_size)"
echo "result: the desktop entry's command ($app_command): $first_kind to window ${first_ms} ms; warm start ${warm_ms} ms, to the demo's sign-in screen ${sign_in_ms} ms"
echo "result: jpackage's launcher (/opt/latchkey/bin/Latchkey): warm start to window ${launcher_ms} ms"
echo "result: runtime $(du -sh target/packaging/runtime | cut -f1), modules $(paste -sd, target/packaging/runtime-modules.list); $aot_note"
