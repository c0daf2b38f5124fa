#!/bin/sh
# shellcheck disable=SC2016  # dollars in single quotes are amounts, not expansions
# The CI examples of docs/examples (a GitHub Actions workflow, a GitLab CI
# job): their YAML parses with the shape each CI expects, and the very
# `aicost diff` lines they run work: run here in a repository whose base
# commit holds tests/data/diff/old and whose working tree holds .../new,
# with the CI's variables set to that base. Usage: examples.sh AICOST.
set -u
AICOST=$1
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
EX=$ROOT/docs/examples

for f in "$EX/github-actions-aicost-diff.yml" "$EX/gitlab-ci-aicost-diff.yml"; do
  check "$(basename "$f"): valid YAML of its CI's shape, runs aicost diff" \
    sh -c "python3 '$(dirname "$0")/ci_commands.py' '$f' >'$tmp/lines' 2>'$tmp/err'"
  repo=$tmp/repo-$(basename "$f" .yml)
  fixture_repo "$repo"
  base=$(cd "$repo" && git rev-parse HEAD)
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
