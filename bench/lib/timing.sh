# Wall-time helpers shared by the start-up benches (sourced; the caller defines die).
# ms[NAME] collects one sample per run, in milliseconds, separated by spaces.

now_us() { echo "${EPOCHREALTIME/./}"; }
declare -A ms
# timed NAME COMMAND...: runs it once, adds its wall time in ms to ms[NAME].
timed() {
  local name=$1 t0 t1
  shift
  t0=$(now_us)
  "$@" >/dev/null 2>&1 || die "$name failed during the loop"
  t1=$(now_us)
  ms[$name]+="$(((t1 - t0) / 1000)) "
}
# alternate ROUNDS ROW...: ROUNDS times, for each ROW, the bare JVM hello ($hello) then the row's
# command (${cmd_of[ROW]}), so every row has a baseline measured just before it (A B A B ...).
alternate() {
  local rounds=$1 i row
  shift
  for ((i = 0; i < rounds; i++)); do
    for row in "$@"; do
      timed hello bash -c "$hello"
      timed "$row" bash -c "${cmd_of[$row]}"
    done
  done
}
# median "SAMPLES": the middle sample (the lower one of an even count).
median() { tr ' ' '\n' <<<"$1" | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
