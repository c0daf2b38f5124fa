# shellcheck shell=sh
# shellcheck disable=SC2154  # tmp is the sourcing script's
# TAP helpers shared by the tests/cli scripts: run a command, check its exit
# status, look in its stdout and stderr. Sourced after `tmp` is set.
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
  n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"
  sed 's/^/# stdout: /' "$tmp/out" | head -8; sed 's/^/# stderr: /' "$tmp/err" | head -12
}
# check NAME CONDITION...: ok when the condition (a command) succeeds.
check() { _what=$1; shift; if "$@"; then ok "$_what"; else not_ok "$_what"; fi; }
# run RC CMD...: runs CMD into $tmp/out and $tmp/err; true when it exits RC.
run() {
  want=$1; shift
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  [ "$got" -eq "$want" ] && return 0
  echo "# $*: exit $got, expected $want"
  return 1
}
has() { grep -qF -- "$2" "$tmp/$1"; }
lines() { wc -l <"$tmp/$1" | tr -d ' '; }
finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }
