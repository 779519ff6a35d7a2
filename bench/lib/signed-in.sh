# Sourced by the CLI benches (bench/startup.sh, bench/agent-bench.sh) after scripts/jdk.sh found
# LATCHKEY_JDK, with `work` set to a throwaway folder and `die` defined. Gives:
#   bench_home                  a throwaway HOME with XDG folders under it; sets java
#   bench_hello                 compiles the bare JVM "hello"; sets hello (a command line)
#   bench_broker ARGS...        starts the dev broker jar with ARGS; sets broker_pid and url
#   bench_login                 `latchkey login` as a person does it, the demo user confirming the
#                               code on the dev IdP's form; the session must land in the keychain
#   bench_bulk_env              writes $work/bulk.env: 10 references to the broker's bulk secrets

bench_home() {
  export JAVA_HOME=$LATCHKEY_JDK HOME=$work/home
  export XDG_CONFIG_HOME=$HOME/.config XDG_CACHE_HOME=$HOME/.cache XDG_DATA_HOME=$HOME/.local/share XDG_STATE_HOME=$HOME/.local/state
  mkdir -p "$HOME"
  unset LATCHKEY_BROKER
  java=$LATCHKEY_JDK/bin/java
}

bench_hello() {
  mkdir -p "$work/hello"
  echo 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }' >"$work/hello/Hello.java"
  "$LATCHKEY_JDK/bin/javac" -d "$work/hello" "$work/hello/Hello.java"
  hello="'$java' -XX:TieredStopAtLevel=1 -Xshare:auto -cp '$work/hello' Hello"
}

bench_broker() {
  "$java" -jar broker/target/latchkey-broker.jar --dev --port 0 "$@" >"$work/broker.out" 2>"$work/broker.err" &
  broker_pid=$!
  url=""
  for _ in $(seq 1 600); do
    url=$(sed -n 's/^Latchkey broker listening on //p' "$work/broker.out")
    [ -n "$url" ] && break
    kill -0 "$broker_pid" 2>/dev/null || die "the dev broker ended: $(cat "$work/broker.err")"
    sleep 0.1
  done
  [ -n "$url" ] || die "the dev broker did not start within 60 s"
}

bench_login() {
  # Made first: under load the loop below may read before the background login has opened them.
  : >"$work/login.out" && : >"$work/login.err"
  ./latchkey login --broker "$url" --no-browser >"$work/login.out" 2>"$work/login.err" &
  local login_pid=$! code="" form
  for _ in $(seq 1 300); do
    code=$(sed -n 's/.*enter the code \([^ ]*\).*/\1/p' "$work/login.err")
    [ -n "$code" ] && break
    kill -0 "$login_pid" 2>/dev/null || die "latchkey login ended early: $(cat "$work/login.err")"
    sleep 0.1
  done
  [ -n "$code" ] || die "latchkey login showed no code within 30 s"
  form=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 --data-urlencode "user_code=$code" -d user=ada "$url/dev-idp/device")
  [ "$form" = 200 ] || die "the dev IdP's form answered $form"
  wait "$login_pid" || die "latchkey login failed: $(cat "$work/login.err")"
  grep -q 'keychain' "$work/login.out" || die "the session is not in the keychain: $(cat "$work/login.out")"
}

bench_bulk_env() {
  for i in $(seq 1 10); do printf 'BULK_%02d=latchkey://perf/bulk/secret-%05d\n' "$i" "$i"; done >"$work/bulk.env"
}
