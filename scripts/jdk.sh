#!/bin/sh
# shellcheck shell=sh
# The JDK Latchkey builds and runs with: JDK 25 or newer, looked for in the order the Maven
# build looks (pom.xml, maven-toolchains-plugin's select-jdk-toolchain): the JVM Maven itself
# runs on (JAVA_HOME, else `java` on PATH) when that is new enough; else the JDKs named by
# JAVA<n>_HOME variables and those in the usual install folders, an LTS first, then the newest.
# The one lookup behind ./latchkey, ./latchkey-app, bench/, packaging/build.sh and .ci/run.
#
#   . scripts/jdk.sh && latchkey_jdk || exit 1
#       sets LATCHKEY_JDK to the JDK's folder, or says on stderr where to get one (status 1)
#   scripts/jdk.sh
#       prints that folder, e.g. for Maven itself: JAVA_HOME=$(scripts/jdk.sh) mvn ...
#
# POSIX sh (./latchkey sources it from /bin/sh). Helpers hand back results in _lk_* variables,
# not on stdout: each $(...) forks, and ./latchkey runs this before every command.

LATCHKEY_JDK_FEATURE=25

# _latchkey_feature HOME: sets _lk_f to the Java feature version of the JDK in HOME (25 for
# 25.0.1, 8 for 1.8.0), or to nothing. The release file answers without starting a JVM.
_latchkey_feature() {
  _lk_v=""
  if [ -f "$1/release" ]; then
    while IFS= read -r _lk_line; do
      case "$_lk_line" in JAVA_VERSION=*) _lk_v=${_lk_line#*=} && break ;; esac
    done <"$1/release"
    _lk_v=${_lk_v#\"}
  elif [ -x "$1/bin/java" ]; then
    _lk_v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  fi
  _lk_v=${_lk_v#1.}
  _lk_f=${_lk_v%%[!0-9]*}
}

# _latchkey_ok HOME: HOME holds a runnable JDK of a version Latchkey can use (_lk_f says which).
_latchkey_ok() {
  _lk_f=""
  [ -n "$1" ] && [ -x "$1/bin/java" ] || return 1
  _latchkey_feature "$1"
  [ -n "$_lk_f" ] && [ "$_lk_f" -ge "$LATCHKEY_JDK_FEATURE" ]
}

# _latchkey_path_java_home: sets _lk_home to the folder of the `java` on PATH, or to nothing.
_latchkey_path_java_home() {
  _lk_home=""
  _lk_java=$(command -v java) || return 0
  _lk_home=$(readlink -f "$_lk_java" 2>/dev/null) && _lk_home=${_lk_home%/bin/java}
  if [ ! -f "$_lk_home/release" ]; then # a launcher stub (macOS /usr/bin/java): ask the JVM
    _lk_home=$("$_lk_java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
  fi
}

# _latchkey_consider SOURCE HOME: makes HOME the LATCHKEY_JDK if Latchkey can use it and it
# ranks before the one chosen so far: an LTS first, then a JAVA<n>_HOME variable before a
# folder, then the newest (the toolchains plugin's order: lts, env, version).
_latchkey_consider() {
  _latchkey_ok "$2" || return 0
  case "$_lk_f" in 25) _lk_rank=0 ;; *) _lk_rank=2 ;; esac # the LTS releases the plugin knows
  [ "$1" = env ] || _lk_rank=$((_lk_rank + 1))
  _lk_rank=$((_lk_rank * 10000 + 9999 - _lk_f))
  if [ -z "$LATCHKEY_JDK" ] || [ "$_lk_rank" -lt "$_lk_best" ]; then
    LATCHKEY_JDK=$2
    _lk_best=$_lk_rank
  fi
}

# _latchkey_discover: considers the JDKs of JAVA<n>_HOME variables and of the folders the
# toolchains plugin searches.
_latchkey_discover() {
  _lk_env=$(env)
  while IFS= read -r _lk_line; do
    case "$_lk_line" in JAVA*_HOME=*) _latchkey_consider env "${_lk_line#*=}" ;; esac
  done <<END_OF_ENV
$_lk_env
END_OF_ENV
  for _lk_root in "$HOME/.jdks" "$HOME/.m2/jdks" "$HOME/.sdkman/candidates/java" "$HOME/.gradle/jdks" \
    "$HOME/.jenv/versions" "$HOME/.jbang/cache/jdks" "$HOME/.asdf/installs/java" "$HOME/.jabba/jdk" \
    "$HOME/scoop/apps" "/c/Program Files/Java" /Library/Java/JavaVirtualMachines \
    "$HOME/Library/Java/JavaVirtualMachines" /usr/jdk /usr/java /opt/java /usr/lib/jvm; do
    for _lk_dir in "$_lk_root"/*; do
      [ -d "$_lk_dir/Contents/Home" ] && _lk_dir="$_lk_dir/Contents/Home"
      _latchkey_consider dir "$_lk_dir"
    done
  done
}

# latchkey_jdk: sets LATCHKEY_JDK, or says on stderr where to get a JDK and returns 1.
latchkey_jdk() {
  LATCHKEY_JDK=""
  if [ -n "${JAVA_HOME:-}" ]; then
    _lk_maven_jvm=$JAVA_HOME
  else
    _latchkey_path_java_home
    _lk_maven_jvm=$_lk_home
  fi
  if _latchkey_ok "$_lk_maven_jvm"; then
    LATCHKEY_JDK=$_lk_maven_jvm
    return 0
  fi
  _latchkey_discover
  [ -z "$LATCHKEY_JDK" ] || return 0

  _latchkey_feature "$_lk_maven_jvm"
  if [ -n "${JAVA_HOME:-}" ]; then
    _lk_seen="JAVA_HOME ($JAVA_HOME) is Java ${_lk_f:-of an unknown version}"
  elif [ -n "$_lk_maven_jvm" ]; then
    _lk_seen="\`java\` on PATH is Java ${_lk_f:-of an unknown version}"
  else
    _lk_seen="there is no \`java\` on PATH"
  fi
  cat >&2 <<END_OF_MESSAGE
${0##*/}: Latchkey needs a JDK $LATCHKEY_JDK_FEATURE or newer, and found none: $_lk_seen, and neither
JAVA<n>_HOME variables nor the usual folders (/usr/lib/jvm, /Library/Java/JavaVirtualMachines,
~/.sdkman, ~/.jdks, ...) hold one. Install one (https://adoptium.net, or your OS's packages,
e.g. openjdk-$LATCHKEY_JDK_FEATURE-jdk), then run this again; it is found by itself.
END_OF_MESSAGE
  return 1
}

# latchkey_pages: sets LATCHKEY_PAGES to the JVM option for transparent huge pages where the kernel
# gives them on request (madvise or always), or to nothing where it has them off: there the JVM
# would warn on every start (docs/performance.md). Read with the shell's own `read`, no process.
# The installed start script does the same (packaging/linux/cli-aot-choice.sh), without this file.
latchkey_pages() {
  LATCHKEY_PAGES=""
  [ -r /sys/kernel/mm/transparent_hugepage/enabled ] || return 0
  read -r _lk_thp </sys/kernel/mm/transparent_hugepage/enabled || _lk_thp=""
  case $_lk_thp in *"[never]"*) ;; *"["*"]"*) LATCHKEY_PAGES=-XX:+UseTransparentHugePages ;; esac
}

# Run rather than sourced: print the folder.
case "${0##*/}" in
  jdk.sh) latchkey_jdk && echo "$LATCHKEY_JDK" ;;
esac
