# shellcheck shell=bash disable=SC2154  # sourced by build.sh, which sets tmp, image and die
# Linux part of packaging/build.sh (sourced): start scripts beside jpackage's launchers.
#
# jpackage's Linux launcher asks the package manager which package owns it (`rpm -qf`, then
# `dpkg -S`, twice each) before it starts the JVM: about 0.9 s on every start of the app and of
# every `latchkey` command (docs/performance.md). A start script runs the image's own `java`
# with exactly the options the launcher would pass (its lib/app/<name>.cfg: class path, main
# class, JVM options with the AOT cache) and so starts the JVM at once. The desktop entry and
# /usr/bin/latchkey start these scripts; jpackage's launchers stay in bin/ and keep working.

# start_script [--aot-choice FILE] <launcher> <script> [option...]: writes bin/<script> from
# lib/app/<launcher>.cfg. Besides the launcher's options it passes -Djpackage.app-path (as the
# launcher does; here the path of the script, or of the launcher where the options given name it)
# and the options given. With --aot-choice, FILE (shell) sets $aot from the command's arguments:
# the AOT cache to start from, or empty for none.
start_script() {
  local choice=/dev/null launcher script cfg out
  if [ "$1" = --aot-choice ]; then choice=$2; shift 2; fi
  launcher=$1 script=$2
  shift 2
  cfg=$(find "$image" -path "*/lib/app/$launcher.cfg" | head -1)
  [ -n "$cfg" ] || die "no lib/app/$launcher.cfg in the app image $image; has jpackage changed its layout?"
  out=$(dirname "$(dirname "$(dirname "$cfg")")")/bin/$script
  # Each value double-quoted with \ " ` $ escaped, then jpackage's $APPDIR, $BINDIR and $ROOTDIR
  # turned into the script's own variables: the image works wherever it is (a package, an app
  # image anywhere, /usr/bin/latchkey a link to it).
  awk -v launcher="$launcher" -v script="$script" -v extra="$*" -v choice="$choice" '
    function quoted(value) {
      gsub(/[\\"`$]/, "\\\\&", value)
      gsub(/\\\$APPDIR/, "$app", value); gsub(/\\\$BINDIR/, "$bin", value); gsub(/\\\$ROOTDIR/, "$root", value)
      if (value ~ /\\\$/) { bad = "a launcher variable this script does not know: " value; exit 1 }
      return "\"" value "\""
    }
    { sub(/\r$/, "") }
    /^\[/ { section = $0; next }
    /^[ \t]*(#|$)/ { next }
    section == "[Application]" && /^app\.classpath=/ { classpath = classpath (classpath == "" ? "" : ":") substr($0, 15); next }
    section == "[Application]" && /^app\.mainclass=/ { main = substr($0, 15); next }
    section == "[JavaOptions]" && /^java-options=/ { options = options " \\\n  " quoted(substr($0, 14)); next }
    { bad = "a line this script does not know: " section " " $0; exit 1 }
    END {
      if (bad != "") { print bad > "/dev/stderr"; exit 1 }
      if (classpath == "" || main == "") { print "no app.classpath or app.mainclass" > "/dev/stderr"; exit 1 }
      print "#!/bin/sh"
      print "# Starts what bin/" launcher " starts, with its options (lib/app/" launcher ".cfg), on the bundled"
      print "# runtime, without the launcher asking the package manager which package it belongs to first."
      print "# Written by packaging/build.sh; the AOT cache it names fits this image only."
      print "self=$(readlink -f -- \"$0\") || self=$0"
      print "bin=${self%/*}"
      print "root=${bin%/*}"
      print "app=$root/lib/app"
      chosen = 0
      while ((getline line < choice) > 0) { print line; chosen = 1 }
      if (chosen) {
        print "if [ -n \"$aot\" ]; then"
        print "  exec \"$root/lib/runtime/bin/java\"" options " \\"
        print "    -XX:AOTCache=\"$aot\" -Xlog:aot=off -Xlog:cds=off \\"
        if (extra != "") print "    " extra " \\"
        print "    -cp " quoted(classpath) " " main " \"$@\""
        print "fi"
      }
      print "exec \"$root/lib/runtime/bin/java\"" options " \\"
      if (extra != "") print "  " extra " \\"
      print "  -cp " quoted(classpath) " " main " \"$@\""
    }' "$cfg" >"$tmp/start-script" || die "cannot write bin/$script from $cfg: has jpackage changed its launcher config?"
  cp "$tmp/start-script" "$out"
  chmod 755 "$out"
}
