# Window timing shared by the app benches (bench/startup.sh, bench/startup-floors.sh --app), sourced
# after bench/lib/timing.sh, with `work`, `java` and `die` set and an X display. Gives:
#   bench_hellofx                compiles the JavaFX "hello" window against the app's JavaFX jars;
#                                sets hellofx (a command line), javafx_cp and hellofx_dir
#   window_times NAME COMMAND TITLE [READY_TITLE]
#                                one start of COMMAND in a process group of its own: adds the time to
#                                a viewable window whose name starts with TITLE to ms[NAME], and with
#                                READY_TITLE the time until the window's name is READY_TITLE to
#                                ms[NAME-ready]; then stops the group

bench_hellofx() {
  javafx_cp=$(find app/target/lib -name 'javafx-*.jar' | sort | paste -sd:)
  [ -n "$javafx_cp" ] || die "no JavaFX jars in app/target/lib; build first: mvn -B -q -DskipTests package"
  hellofx_dir=$work/hellofx
  mkdir -p "$hellofx_dir"
  cat >"$hellofx_dir/HelloFx.java" <<'JAVA'
public class HelloFx extends javafx.application.Application {
  @Override public void start(javafx.stage.Stage stage) {
    stage.setScene(new javafx.scene.Scene(new javafx.scene.control.Label("hello"), 800, 600));
    stage.setTitle("Hello FX bench");
    stage.show();
  }
}
JAVA
  cat >"$hellofx_dir/HelloFxMain.java" <<'JAVA'
public class HelloFxMain { public static void main(String[] a) { javafx.application.Application.launch(HelloFx.class, a); } }
JAVA
  "$LATCHKEY_JDK/bin/javac" -cp "$javafx_cp" -d "$hellofx_dir" "$hellofx_dir"/*.java
  hellofx="'$java' --enable-native-access=ALL-UNNAMED -cp '$hellofx_dir:$javafx_cp' HelloFxMain"
}

window_times() {
  local name=$1 command=$2 title=$3 ready=${4:-} t0 pid window="" now
  t0=$(now_us)
  set -m
  bash -c "exec $command" >"$work/$name.log" 2>&1 &
  pid=$!
  set +m
  while [ -z "$window" ]; do
    kill -0 "$pid" 2>/dev/null || die "$name ended before its window showed: $(tail -5 "$work/$name.log")"
    (($(now_us) - t0 < 120000000)) || die "$name: no window within 120 s"
    window=$(xdotool search --onlyvisible --name "^$title" 2>/dev/null | head -1 || true)
    [ -n "$window" ] || sleep 0.02
  done
  now=$(now_us)
  ms[$name]+="$(((now - t0) / 1000)) "
  if [ -n "$ready" ]; then
    while [ "$(xdotool getwindowname "$window" 2>/dev/null || true)" != "$ready" ]; do
      kill -0 "$pid" 2>/dev/null || die "$name ended before '$ready': $(tail -5 "$work/$name.log")"
      (($(now_us) - t0 < 180000000)) || die "$name: not '$ready' within 180 s"
      sleep 0.02
    done
    now=$(now_us)
    ms[$name-ready]+="$(((now - t0) / 1000)) "
  fi
  stop_group "$pid"
}

# stop_group PID: ends the process group PID leads (TERM, then KILL after 30 s).
stop_group() {
  kill -TERM -- "-$1" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -KILL -- "-$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}
