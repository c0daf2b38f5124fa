# shellcheck shell=bash
# Shared by .ci/serve and .ci/test: find the tree, get root when a package is
# missing, and install only what dpkg says is not there, so a second run
# touches neither apt nor the network.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export DEBIAN_FRONTEND=noninteractive
apt_updated=

# Root on a minimal system has no sudo; a normal user goes through sudo.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -E "$@"
  else
    echo "aicost: need root or sudo to run: $*" >&2
    return 1
  fi
}

# Prints each named package that dpkg does not report as installed.
missing_packages() {
  local p
  for p in "$@"; do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null)" != installed ]; then
      printf '%s\n' "$p"
    fi
  done
}

# apt_need [--no-install-recommends] PACKAGE...
apt_need() {
  local opts=() miss=()
  if [ "${1-}" = --no-install-recommends ]; then
    opts+=("$1")
    shift
  fi
  mapfile -t miss < <(missing_packages "$@")
  if [ "${#miss[@]}" -eq 0 ]; then
    return 0
  fi
  echo "aicost: installing ${miss[*]}"
  if [ -z "$apt_updated" ]; then
    as_root apt-get update -q
    apt_updated=1
  fi
  as_root apt-get install -y -q "${opts[@]}" "${miss[@]}"
}

# What building and running aicostd needs (python3 runs src/tools/embed.py).
# shellcheck disable=SC2034  # used by the scripts that source this file
BUILD_PACKAGES=(meson ninja-build pkg-config gcc python3
                libmicrohttpd-dev libjansson-dev libyaml-dev libcsv-dev)

# Configures DIR once; later runs let ninja reconfigure by itself, which keeps
# a second run incremental. A half-configured dir is wiped and set up again.
meson_dir() {
  local dir=$1
  shift
  if [ -f "$ROOT/$dir/build.ninja" ]; then
    return 0
  fi
  rm -rf "${ROOT:?}/$dir"
  meson setup "$ROOT/$dir" "$ROOT" "$@"
}
