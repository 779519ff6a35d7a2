# shellcheck shell=sh disable=SC2154  # pasted into bin/latchkey by start-scripts.sh, which sets $app
# Which AOT cache this command starts from, chosen as ./latchkey chooses (docs/performance.md);
# packaging/build.sh records the caches on this image's runtime. The JVM loads every class of a
# cache as it starts: `--version` starts without one; while an agent serves (docs/agent.md), the
# pre-commit hook only hands it the diff (no cache) and `run` takes the cache of a launch through
# an agent; without an agent the hook scans by itself from its own, smaller cache. The socket is
# looked for where the agent puts it (AgentPaths); a wrong guess costs only time.
aot=$app/latchkey.aot
if [ $# -eq 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then
  aot=
fi
agent_serves() {
  [ "${LATCHKEY_AGENT:-}" != off ] || return 1
  sock=${LATCHKEY_AGENT_SOCKET:-}
  if [ -z "$sock" ] && [ -n "${XDG_RUNTIME_DIR:-}" ]; then
    sock=$XDG_RUNTIME_DIR/latchkey/agent.sock
  elif [ -z "$sock" ]; then
    sock=${XDG_CONFIG_HOME:-$HOME/.config}/latchkey/run/agent.sock
  fi
  [ -S "$sock" ]
}
if [ "$*" = "guard staged --hook" ]; then
  if agent_serves; then aot=; else aot=$app/latchkey-hook.aot; fi
elif [ "${1:-}" = run ] && agent_serves; then
  aot=$app/latchkey-run-agent.aot
fi
[ -z "$aot" ] || [ -f "$aot" ] || aot=
# Transparent huge pages for the JVM's own memory where the kernel gives them on request, as
# ./latchkey does (scripts/jdk.sh's latchkey_pages, which this image does not hold; docs/performance.md):
# not where they are off, or the JVM warns on every command, nor for the agent, which starts once and stays.
thp=
if [ "${1:-}" != agent ] && [ -r /sys/kernel/mm/transparent_hugepage/enabled ]; then
  read -r thp_mode </sys/kernel/mm/transparent_hugepage/enabled || thp_mode=
  case $thp_mode in *"[never]"*) ;; *"["*"]"*) thp=-XX:+UseTransparentHugePages ;; esac
fi
