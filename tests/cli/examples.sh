#!/bin/sh
# shellcheck disable=SC2016  # dollars in single quotes are amounts, not expansions
# The CI examples of docs/examples (a GitHub Actions workflow, a GitLab CI
# job): their YAML parses with the shape each CI expects, and the very
# `aicost diff` lines they run work: run here in a repository whose base
# commit holds tests/data/diff/old and whose working tree holds .../new,
# with the CI's variables set to that base. Usage: examples.sh AICOST.
set -u
AICOST=$1
ROOT=${AICOST_SOURCE_ROOT:?}
D=$ROOT/tests/data/diff
EX=$ROOT/docs/examples
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset AICOST_CATALOGUE
export GIT_CONFIG_NOSYSTEM=1 GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
  GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org HOME="$tmp"
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
: >"$tmp/out"
: >"$tmp/err"

for f in "$EX/github-actions-aicost-diff.yml" "$EX/gitlab-ci-aicost-diff.yml"; do
  check "$(basename "$f"): valid YAML of its CI's shape, runs aicost diff" \
    sh -c "python3 '$(dirname "$0")/ci_commands.py' '$f' >'$tmp/lines' 2>'$tmp/err'"
  repo=$tmp/repo-$(basename "$f" .yml)
  mkdir -p "$repo/config/scenarios"
  cp "$D"/old/* "$repo/config/scenarios/"
  (cd "$repo" && git init -q && git add -A && git commit -qm base) >/dev/null 2>&1
  base=$(cd "$repo" && git rev-parse HEAD)
  # the GitHub job compares with origin/<base branch>: a remote of that name here
  (cd "$repo" && git update-ref refs/remotes/origin/main "$base")
  rm "$repo/config/scenarios/"*
  cp "$D"/new/* "$repo/config/scenarios/"
  mkdir -p "$tmp/bin"
  ln -sf "$AICOST" "$tmp/bin/aicost"
  while IFS= read -r line; do
    # the fixtures pass the launch's budget: the gate's status, 3, and a comment
    check "  $line: exit 3, a Markdown comment" sh -c "cd '$repo' &&
      PATH='$tmp/bin':\$PATH BASE_REF=origin/main CI_MERGE_REQUEST_DIFF_BASE_SHA=$base
      status=0; $line; [ \$status -eq 3 ] && head -1 aicost-diff.md | grep -qx '<!-- aicost-diff -->' &&
      grep -q '^| support-bot | changed |' aicost-diff.md"
  done <"$tmp/lines"
done

finish
