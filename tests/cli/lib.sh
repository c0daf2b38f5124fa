# shellcheck shell=sh
# What the tests/cli scripts share: a scratch directory ($tmp, removed on
# exit) and a clean environment, TAP helpers (run a command, check its exit
# status, look in its stdout and stderr), and a git repository of the diff
# fixtures. Sourced first; AICOST_SOURCE_ROOT is the source tree.
ROOT=${AICOST_SOURCE_ROOT:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset AICOST_CATALOGUE AICOST_SCENARIOS
: >"$tmp/out"
: >"$tmp/err"
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
run() { run_rc "$@"; }
run_rc() {
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

# fixture_repo DIR: a git repository whose one commit holds
# tests/data/diff/old as config/scenarios (also as origin/main, the base a
# pull request's job compares with) and whose working tree holds .../new.
fixture_repo() {
  mkdir -p "$1/config/scenarios"
  cp "$ROOT"/tests/data/diff/old/* "$1/config/scenarios/"
  (cd "$1" && git init -q && git add -A && git commit -qm base &&
     git update-ref refs/remotes/origin/main HEAD) >/dev/null 2>&1 || echo "# git set-up failed"
  rm "$1/config/scenarios/"*
  cp "$ROOT"/tests/data/diff/new/* "$1/config/scenarios/"
}
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org HOME="$tmp"
