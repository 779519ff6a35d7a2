# The app's floors (bench/startup-floors.sh --app), sourced with work, java, die and ms set and an X
# display: ./latchkey-app's first window and usable demo sign-in screen, the demo broker's own start,
# and a JavaFX hello from a jpackage app image with and without its launcher, each in alternation
# with a JavaFX hello window from the JDK (A B A B ...).
for jar in app/target/latchkey-app.jar broker/target/latchkey-broker.jar; do
  [ -f "$jar" ] || die "$jar is missing; build first: mvn -B -q -DskipTests package"
done
. bench/lib/window.sh
bench_hellofx

# broker_ready_times NAME COMMAND: one start of COMMAND (a broker) in a process group of its own:
# adds the time to its "listening on" line to ms[NAME]; then stops it.
broker_ready_times() {
  local name=$1 command=$2 t0 pid
  t0=$(now_us)
  set -m
  bash -c "exec $command" >"$work/$name.log" 2>&1 </dev/null &
  pid=$!
  set +m
  until grep -q '^Latchkey broker listening on ' "$work/$name.log"; do
    kill -0 "$pid" 2>/dev/null || die "$name ended before it listened: $(tail -5 "$work/$name.log")"
    (($(now_us) - t0 < 120000000)) || die "$name: not listening within 120 s"
    sleep 0.01
  done
  ms[$name]+="$((($(now_us) - t0) / 1000)) "
  stop_group "$pid"
}

# The demo broker as the app starts it (dev.latchkey.app.demo.DemoBrokerProgram): the same JVM
# options, and the AOT cache the app's build recorded for it when it is no older than the jar.
broker_jar=broker/target/latchkey-broker.jar broker_aot=app/target/demo-broker.aot
broker_cmd="'$java' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
broker_label="demo broker to \"listening on\", as the app starts it, no AOT cache (none built)"
if [ -f "$broker_aot" ] && [ ! "$broker_jar" -nt "$broker_aot" ]; then
  broker_cmd+=" -XX:AOTCache='$broker_aot' -Xlog:aot=off -Xlog:cds=off"
  broker_label="demo broker to \"listening on\", as the app starts it (its AOT cache)"
fi
broker_cmd+=" -jar '$broker_jar' --dev --port 0"

# A jpackage app image of the hello, on a runtime linked for it with the JDK's class data (as
# packaging/build.sh links the app's), with the app's launcher options (jpackage.cfg).
echo "startup-floors: a jpackage app image of the JavaFX hello ..." >&2
jdk_bin=$LATCHKEY_JDK/bin
"$jdk_bin/jlink" --add-modules java.base,java.desktop,java.logging,java.xml,jdk.unsupported \
  --strip-debug --no-header-files --no-man-pages --generate-cds-archive --output "$work/fx-runtime"
mkdir -p "$work/fx-input"
(cd "$hellofx_dir" && "$jdk_bin/jar" cf "$work/fx-input/hellofx.jar" ./*.class)
cp ${javafx_cp//:/ } "$work/fx-input/"
"$jdk_bin/jpackage" --type app-image --name HelloFx --dest "$work/fx-image" --input "$work/fx-input" \
  --main-jar hellofx.jar --main-class HelloFxMain --runtime-image "$work/fx-runtime" \
  --java-options --enable-native-access=ALL-UNNAMED --java-options -XX:+UseSerialGC
image=$work/fx-image/HelloFx
image_cp=$(ls "$image"/lib/app/*.jar | paste -sd:)
image_cmd="'$image/bin/HelloFx'"
image_java_cmd="'$image/lib/runtime/bin/java' --enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -cp '$image_cp' HelloFxMain"

echo "startup-floors: app, $rounds rounds (a JavaFX hello window before each) ..." >&2
for ((i = 0; i < rounds; i++)); do
  window_times fxhello "$hellofx" "Hello FX bench"
  window_times app "./latchkey-app" "Latchkey" "Latchkey — Sign in"
  window_times fxhello "$hellofx" "Hello FX bench"
  broker_ready_times broker "$broker_cmd"
  window_times fxhello "$hellofx" "Hello FX bench"
  window_times image "$image_cmd" "Hello FX bench"
  window_times fxhello "$hellofx" "Hello FX bench"
  window_times image-java "$image_java_cmd" "Hello FX bench"
done

secs() { awk -v m="$1" 'BEGIN { printf "%.2f s", m / 1000 }'; }
ratio() { awk -v m="$1" -v b="$2" 'BEGIN { printf "%.2f×", m / b }'; }
fx=$(median "${ms[fxhello]}")
first=$(median "${ms[app]}") ready=$(median "${ms[app-ready]}") broker=$(median "${ms[broker]}")
launched=$(median "${ms[image]}") direct=$(median "${ms[image-java]}")
echo "Latchkey app start-up floors, $(sed -n 's/^JAVA_RUNTIME_VERSION=//p' "$LATCHKEY_JDK/release" | tr -d '"'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| what | median | ratio |"
echo "|---|---|---|"
echo "| JavaFX hello window (Xvfb) | $(secs "$fx") | 1.00× (median of $(wc -w <<<"${ms[fxhello]}"), one before each row) |"
echo "| \`./latchkey-app\` first window | $(secs "$first") | $(ratio "$first" "$fx") |"
echo "| \`./latchkey-app\` demo sign-in screen usable | $(secs "$ready") | $(ratio "$ready" "$fx") |"
echo "| $broker_label | $(secs "$broker") | $(ratio "$broker" "$fx") |"
echo "| JavaFX hello, jpackage app image, through its launcher | $(secs "$launched") | $(ratio "$launched" "$fx") |"
echo "| JavaFX hello, the same image's runtime \`java\`, no launcher | $(secs "$direct") | $(ratio "$direct" "$fx") |"
echo
echo "- the jpackage launcher's own cost: $(secs $((launched - direct))) a start; on \`./latchkey-app\`'s first window" \
  "that is $(ratio $((first + launched - direct)) "$first") the jar's (an installed app's floor against the jar)"
echo "- the demo broker alone takes $(ratio "$broker" "$fx") a JavaFX hello to listen; the sign-in screen is usable" \
  "$(secs $((ready - first))) after the app's first window"
echo
echo "samples (ms):"
for name in "${!ms[@]}"; do echo "  $name: ${ms[$name]% }"; done | sort
