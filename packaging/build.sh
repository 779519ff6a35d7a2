#!/usr/bin/env bash
# Builds Latchkey's installer for the OS this runs on, with jpackage from JDK 25 (the one
# scripts/jdk.sh finds, as the build does):
#
#   packaging/build.sh deb | rpm     Linux (deb needs fakeroot; rpm needs rpmbuild)
#   packaging/build.sh msi           Windows, from Git Bash (needs the WiX Toolset)
#   packaging/build.sh dmg           macOS
#   packaging/build.sh app-image     any OS: only the application folder, for a quick look
#
#   --no-maven   use the jars already in app/, cli/ and broker/target (CI, after mvn verify)
#
# Everything comes from the build, so this keeps working as the modules grow: the main jars
# and main classes from the app's and the CLI's manifests, the broker's jar (the app's demo
# runs it as a process of its own), their lib/ folders as they are,
# the version from the POM (Implementation-Version in the app's manifest), and the JDK
# modules from those jars (module descriptors, jdeps) plus packaging/runtime-modules.txt.
#
# Output: target/installer/ (the installer); target/packaging/ (staged jars, the jlink'd
# runtime, the filled-in option files). Both are build output, never committed.
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "build.sh: $*" >&2; exit 1; }
step() { printf '\n== %s\n' "$*"; }

type=""
run_maven=true
for arg in "$@"; do
  case "$arg" in
    deb | rpm | msi | dmg | app-image) type=$arg ;;
    --no-maven) run_maven=false ;;
    -h | --help) usage ;;
    *) echo "build.sh: unknown argument '$arg'" >&2; usage ;;
  esac
done
[ -n "$type" ] || usage

case "$type" in
  deb | rpm) os=linux ;;
  msi) os=windows ;;
  dmg) os=macos ;;
  app-image)
    case "$(uname -s)" in
      Linux) os=linux ;; Darwin) os=macos ;; MINGW* | MSYS* | CYGWIN*) os=windows ;;
      *) die "unknown OS $(uname -s)" ;;
    esac ;;
esac

# --- tools -----------------------------------------------------------------------------
# The JDK the build uses (scripts/jdk.sh); Maven below runs on it too, and the OS scripts
# (packaging/<os>/resources.sh) read its JAVA_HOME.
. scripts/jdk.sh
latchkey_jdk || exit 1
export JAVA_HOME="$LATCHKEY_JDK"
jdk_bin="$JAVA_HOME/bin"
for tool in java jar jdeps jlink jpackage jimage; do
  [ -x "$jdk_bin/$tool" ] || [ -x "$jdk_bin/$tool.exe" ] || die "$jdk_bin/$tool not found. $JAVA_HOME must be a full JDK 25, not a JRE."
done
_latchkey_feature "$JAVA_HOME"
jdk_feature=$_lk_f
case "$type" in
  deb) command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null ||
         die "a .deb needs fakeroot and dpkg-deb: apt-get install fakeroot dpkg" ;;
  rpm) command -v rpmbuild >/dev/null || die "an .rpm needs rpmbuild: dnf install rpm-build (Debian: apt-get install rpm)" ;;
esac

work=target/packaging
dest=target/installer

# --- 1. the jars ---------------------------------------------------------------------------
if $run_maven; then
  step "building the jars (mvn -B -q -DskipTests package)"
  mvn -B -q -DskipTests package
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# manifest_attr <jar> <attribute>: one main attribute, with continuation lines joined.
manifest_attr() {
  rm -rf "$tmp/manifest" && mkdir "$tmp/manifest"
  (cd "$tmp/manifest" && "$jdk_bin/jar" --extract --file "$OLDPWD/$1" META-INF/MANIFEST.MF) 2>/dev/null || return 0
  tr -d '\r' <"$tmp/manifest/META-INF/MANIFEST.MF" |
    awk -v key="$2" '
      /^ / { if (found) value = value substr($0, 2); next }
      found { exit }
      index($0, key ": ") == 1 { found = 1; value = substr($0, length(key) + 3) }
      END { print value }'
}

# main_jar <module>: the one jar in <module>/target whose manifest names a Main-Class.
main_jar() {
  local module=$1 jar found=""
  for jar in "$module"/target/*.jar; do
    [ -f "$jar" ] || continue
    if [ -n "$(manifest_attr "$jar" Main-Class)" ]; then
      [ -z "$found" ] || die "$module/target has two runnable jars ($found, $jar); run 'mvn clean package'"
      found=$jar
    fi
  done
  [ -n "$found" ] || die "no runnable jar in $module/target. Build first: mvn -B -DskipTests package (or drop --no-maven)"
  [ -d "$module/target/lib" ] || die "$module/target/lib is missing; the module's maven-dependency-plugin fills it at 'package'"
  echo "$found"
}

app_jar=$(main_jar app)
cli_jar=$(main_jar cli)
# The app's demo runs the broker as a process of its own, from this jar beside the app's
# (dev.latchkey.app.demo.DemoBrokerProgram looks for it there, by this name).
broker_jar=$(main_jar broker)
[ "$(basename "$broker_jar")" = latchkey-broker.jar ] || die "the broker's jar is $broker_jar; the app's demo looks for latchkey-broker.jar"
app_main=$(manifest_attr "$app_jar" Main-Class)
cli_main=$(manifest_attr "$cli_jar" Main-Class)
pom_version=$(manifest_attr "$app_jar" Implementation-Version)
[ -n "$pom_version" ] || die "$app_jar has no Implementation-Version; keep addDefaultImplementationEntries in app/pom.xml"
# Installers want plain numbers (macOS: up to 3, Windows: up to 4, first below 256):
# 0.1.0-SNAPSHOT is packaged as 0.1.0.
version=${pom_version%%-*}
[[ "$version" =~ ^[0-9]{1,3}(\.[0-9]+){0,2}$ ]] || die "version '$pom_version' from the POM does not make an installer version (want N.N.N)"

echo "app:  $app_jar ($app_main)"
echo "cli:  $cli_jar ($cli_main)"
echo "demo broker: $broker_jar"
echo "version: $version (POM: $pom_version)"

# --- 2. stage what goes into the app folder ------------------------------------------------
# Both launchers share one folder: the main jars side by side (the app's, the CLI's, and the
# broker's that the app's demo runs), one lib/ with the union of their modules' dependencies.
# Each jar's manifest Class-Path names its own lib/ entries, so the app, the CLI and the demo
# broker each load exactly what their module resolved: no server class on the app's class path.
step "staging $work/input"
rm -rf "$work"
mkdir -p "$work/input/lib" "$dest"
echo "$pom_version" >"$work/pom-version"
cp "$app_jar" "$cli_jar" "$broker_jar" "$work/input/"
for lib in app/target/lib/*.jar cli/target/lib/*.jar broker/target/lib/*.jar; do
  target="$work/input/lib/$(basename "$lib")"
  if [ -e "$target" ]; then
    cmp -s "$lib" "$target" || die "two modules ship $(basename "$lib") with different contents; rebuild them (mvn clean package)"
  else
    cp "$lib" "$target"
  fi
done
echo "$(find "$work/input" -name '*.jar' | wc -l | tr -d ' ') jars, $(du -sh "$work/input" | cut -f1)"

# --- 3. the runtime: only the JDK modules the jars use -------------------------------------
step "finding JDK modules (jdeps) and linking the runtime (jlink)"
# Modular jars name their JDK modules in their descriptors; jdeps analyses the others (it
# cannot analyse a modular jar without resolving all it requires as modules, which the jars
# of a class-path app need not do). See packaging/JdkModulesOfJars.java.
"$jdk_bin/java" packaging/JdkModulesOfJars.java "$work"/input/*.jar "$work"/input/lib/*.jar >"$tmp/jars"
declared_modules=$(sed -n 's/^jdk-modules: //p' "$tmp/jars")
plain_jars=()
while IFS= read -r jar; do plain_jars+=("$jar"); done < <(sed -n 's/^plain: //p' "$tmp/jars")
found_modules=java.base
if ((${#plain_jars[@]})); then
  found_modules=$("$jdk_bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$jdk_feature" \
    --class-path "$work/input/lib/*" "${plain_jars[@]}" 2>"$tmp/jdeps.err" | tail -1) ||
    die "jdeps failed: $(grep -v '^Warning: split package' "$tmp/jdeps.err" | head -5)"
fi
[[ "$found_modules" =~ ^[a-z.,]+$ ]] || die "jdeps did not print a module list (got: $found_modules)"
echo "jdeps, ${#plain_jars[@]} plain jars: $found_modules"
echo "module descriptors of the other jars: ${declared_modules:-none}"
found_modules="$found_modules${declared_modules:+,$declared_modules}"
available=$("$jdk_bin/java" --list-modules | sed 's/@.*//')
modules=$found_modules
while read -r module; do
  case "$module" in '' | \#*) continue ;; esac
  if grep -qx "$module" <<<"$available"; then
    modules="$modules,$module"
  else
    echo "note: this JDK has no $module (packaging/runtime-modules.txt); skipped"
  fi
done <packaging/runtime-modules.txt
modules=$(tr ',' '\n' <<<"$modules" | sort -u | paste -sd, -)
echo "modules: $modules"

# --strip-debug etc. are what jpackage would pass itself; the CDS archive of the JDK's own
# classes shortens every start of the app and the CLI.
"$jdk_bin/jlink" --add-modules "$modules" --output "$work/runtime" \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive
# The second CDS archive serves heaps over 32 GB only (no compressed oops): 15 MB for nothing.
rm -f "$work"/runtime/lib/server/classes_nocoops.jsa "$work"/runtime/bin/server/classes_nocoops.jsa
echo "$modules" | tr ',' '\n' >"$work/runtime-modules.list"
echo "runtime: $(du -sh "$work/runtime" | cut -f1) ($(tr ',' '\n' <<<"$modules" | wc -l | tr -d ' ') modules)"

# --- 4. fill in the option files ----------------------------------------------------------
case "$os" in
  linux) icon=icons/png/latchkey-512.png ;;
  windows) icon=icons/latchkey.ico ;;
  macos) icon=icons/latchkey.icns ;;
esac
fill() { # fill <template> <output>: replace the @TOKENS@ build.sh knows
  sed -e "s|@VERSION@|$version|g" \
      -e "s|@APP_JAR@|$(basename "$app_jar")|g" -e "s|@APP_MAIN_CLASS@|$app_main|g" \
      -e "s|@CLI_JAR@|$(basename "$cli_jar")|g" -e "s|@CLI_MAIN_CLASS@|$cli_main|g" \
      -e "s|@ICON@|$icon|g" -e "s|@CLI_LAUNCHER@|${cli_launcher:-}|g" "$1" >"$2"
  if grep -q '@[A-Z_]*@' "$2"; then die "$1 has a token build.sh does not know: $(grep -o '@[A-Z_]*@' "$2" | head -1)"; fi
}
fill jpackage.cfg "$work/jpackage.cfg"
# The installer step takes a finished app image, and jpackage refuses launcher options then.
grep -vE '^--(main-jar|main-class|java-options|arguments|add-launcher)([ =]|$)' "$work/jpackage.cfg" >"$work/jpackage-installer.cfg"
fill "packaging/$os/latchkey-cli.properties" "$work/latchkey-cli.properties"

resources="$work/resources"
mkdir -p "$resources"
# The OS-specific part: each script adds resources and jpackage options (os_args).
os_args=()
# shellcheck source=packaging/linux/resources.sh
source "packaging/$os/resources.sh"

# --- 5. jpackage: the app image, then the installer from it ------------------------------
step "jpackage --type app-image"
image_args=()
[ ! -f "packaging/$os/jpackage-$os-image.cfg" ] || image_args+=(@"packaging/$os/jpackage-$os-image.cfg")
rm -rf "$work/image"
"$jdk_bin/jpackage" @"$work/jpackage.cfg" ${image_args[@]+"${image_args[@]}"} \
  --type app-image --dest "$work/image" \
  --input "$work/input" --runtime-image "$work/runtime" \
  --add-launcher latchkey-cli="$work/latchkey-cli.properties"

# jpackage puts every jar of --input on each launcher's class path. Keep only the launcher's
# own main jar: its manifest Class-Path then brings exactly its module's lib/ jars, so the
# CLI does not see the app's jars (a second logging backend, JavaFX) and starts faster.
image=$(find "$work/image" -mindepth 1 -maxdepth 1 | head -1)
restrict_classpath() { # restrict_classpath <launcher name> <main jar>
  local cfg
  cfg=$(find "$image" -path "*/app/$1.cfg" | head -1)
  [ -n "$cfg" ] || die "no $1.cfg in the app image $image; has jpackage changed its layout?"
  # Windows writes $APPDIR\<jar> and may end lines with CR; compare in one spelling.
  awk -v keep="app.classpath=\$APPDIR/$2" '
    { line = $0; sub(/\r$/, "", line); gsub(/\\/, "/", line) }
    line !~ /^app\.classpath=/ || line == keep { print; if (line == keep) kept = 1 }
    END { exit kept ? 0 : 1 }' "$cfg" >"$tmp/cfg" ||
    die "$cfg does not put $2 on the class path; has jpackage changed its launcher config?"
  cat "$tmp/cfg" >"$cfg"
}
restrict_classpath Latchkey "$(basename "$app_jar")"
restrict_classpath latchkey-cli "$(basename "$cli_jar")"

# --- 6. an AOT cache for the app, recorded on the image's own runtime ---------------------------
# As the Maven build does for ./latchkey-app (docs/performance.md): HeadlessAotTraining runs the
# demo once on an X server of its own (xvfb-run) and writes latchkey-app.aot beside the jars; the
# app's launcher starts from it. A cache fits only the runtime and jars it was recorded with, so it
# is recorded here, on this image. Without xvfb-run (or off Linux) the training says so and the
# launcher runs without. The demo broker's cache it also records is left out of the package: it
# would add about 60 MB installed (12 MB to the .deb) for a faster start of the demo only.
app_cfg=$(find "$image" -path "*/app/Latchkey.cfg" | head -1)
app_dir=$(dirname "$app_cfg")
image_java=$(find "$image" -path '*/bin/java' -type f | head -1)
if [ "$os" = linux ] && [ -n "$image_java" ]; then
  step "AOT training on the image's runtime"
  "$image_java" -cp "$app_dir/$(basename "$app_jar")" dev.latchkey.app.HeadlessAotTraining \
    "$app_dir/latchkey-app.aot" "$app_dir/latchkey-broker.jar" "$work/aot-training"
  if [ -f "$app_dir/latchkey-app.aot" ]; then
    # The training's JVM options match the launcher's (jpackage.cfg: --enable-native-access, C1 only,
    # -XX:+UseSerialGC); logging off, as a cache the JVM refuses anyway costs time, not output.
    awk '{ print } $0 == "[JavaOptions]" {
           print "java-options=-XX:AOTCache=$APPDIR/latchkey-app.aot"
           print "java-options=-Xlog:aot=off"
           print "java-options=-Xlog:cds=off" }' "$app_cfg" >"$tmp/cfg"
    cat "$tmp/cfg" >"$app_cfg"
    grep -q 'AOTCache=' "$app_cfg" || die "$app_cfg has no [JavaOptions] section; has jpackage changed its launcher config?"
    echo "AOT cache: $(du -h "$app_dir/latchkey-app.aot" | cut -f1)"
  fi
  rm -f "$app_dir/demo-broker.aot"

  # The CLI's caches, as the Maven build records them for ./latchkey (cli/pom.xml), on this runtime
  # and with the CLI launcher's own JVM options: the daily commands' (latchkey.aot), `run` through an
  # agent's (latchkey-run-agent.aot) and the pre-commit hook's (latchkey-hook.aot). Its start script
  # chooses one per command (packaging/linux/cli-aot-choice.sh). No keychain, display or network.
  step "AOT training of the CLI on the image's runtime"
  cli_cfg=$(find "$image" -path "*/app/latchkey-cli.cfg" | head -1)
  [ -n "$cli_cfg" ] || die "no latchkey-cli.cfg in the app image $image; has jpackage changed its layout?"
  cli_options=()
  while IFS= read -r option; do cli_options+=("$option"); done < <(sed -n 's/\r$//; s/^java-options=//p' "$cli_cfg")
  for option in "${cli_options[@]}"; do
    case "$option" in *'$'*) die "$cli_cfg has an option the CLI's training cannot pass: $option" ;; esac
  done
  # Absolute paths: the trainings resolve their files from folders of their own.
  cli_dir=$(cd "$app_dir" && pwd)
  cli_work=$(cd "$work" && pwd)
  cli_cp="$cli_dir/$(basename "$cli_jar")"
  rm -rf "$cli_dir"/latchkey.aot "$cli_dir"/latchkey-run-agent.aot "$cli_dir"/latchkey-hook.aot \
    "$cli_work/aot-cli-training" "$cli_work/aot-hook-training"
  # Classes only, no method profiles, as the Maven build records them (cli/pom.xml).
  no_profiles=(-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining)
  "$image_java" "${cli_options[@]}" "${no_profiles[@]}" -XX:AOTCacheOutput="$cli_dir/latchkey.aot" -Xlog:aot=error,cds=error \
    -Dlatchkey.aot.runAgent="$cli_dir/latchkey-run-agent.aot" -Dlatchkey.aot.jvmOptions="${cli_options[*]}" \
    -cp "$cli_cp" dev.latchkey.cli.startup.AotTraining "$cli_dir/latchkey-broker.jar" "$cli_work/aot-cli-training" \
    2>&1 | tee "$tmp/cli-training.log"
  "$image_java" "${cli_options[@]}" "${no_profiles[@]}" -XX:AOTCacheOutput="$cli_dir/latchkey-hook.aot" -Xlog:aot=error,cds=error \
    -cp "$cli_cp" dev.latchkey.cli.startup.HookAotTraining "$cli_work/aot-hook-training" 2>&1 | tee -a "$tmp/cli-training.log"
  # The trainings exit 0 when a step fails (the cache then holds what ran so far): not good enough here.
  ! grep -q 'stopped early\|was left out' "$tmp/cli-training.log" ||
    die "the CLI's AOT training did not run through: $(grep -m1 'stopped early\|was left out' "$tmp/cli-training.log")"
  for cache in latchkey.aot latchkey-run-agent.aot latchkey-hook.aot; do
    [ -f "$cli_dir/$cache" ] || die "the CLI's AOT training did not write $cache (its output says why)"
    echo "CLI AOT cache $cache: $(du -h "$cli_dir/$cache" | cut -f1)"
  done
fi

# --- 7. start scripts beside the launchers (Linux) -------------------------------------------
# bin/latchkey-app (the desktop entry's command) and bin/latchkey (/usr/bin/latchkey links to it)
# run the image's java with the launchers' options: jpackage's Linux launcher asks the package
# manager about itself first, about 0.9 s a start (packaging/linux/start-scripts.sh). The app's
# git hooks start the CLI's script too (-Dlatchkey.cli).
if [ "$os" = linux ]; then
  step "start scripts: bin/latchkey-app, bin/latchkey"
  # shellcheck source=packaging/linux/start-scripts.sh
  source packaging/linux/start-scripts.sh
  # shellcheck disable=SC2016 # $bin is the script's own variable
  start_script --aot-choice packaging/linux/cli-aot-choice.sh latchkey-cli latchkey '-Djpackage.app-path="$bin/latchkey"' '$thp'
  # shellcheck disable=SC2016
  start_script Latchkey latchkey-app '-Djpackage.app-path="$bin/Latchkey"' '-Dlatchkey.cli="$bin/latchkey"'
fi

if [ "$type" = app-image ]; then
  step "done"
  echo "$image ($(du -sh "$image" | cut -f1))"
  exit 0
fi

step "jpackage --type $type"
rm -f "$dest"/*."$type"
"$jdk_bin/jpackage" @"$work/jpackage-installer.cfg" @"packaging/$os/jpackage-$os.cfg" \
  --type "$type" --dest "$dest" --app-image "$image" \
  --resource-dir "$resources" \
  ${os_args[@]+"${os_args[@]}"}

step "done"
echo "runtime: $(du -sh "$work/runtime" | cut -f1), modules: $modules"
for file in "$dest"/*."$type"; do
  [ -e "$file" ] && echo "installer: $file ($(du -h "$file" | cut -f1))"
done
