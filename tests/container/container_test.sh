#!/usr/bin/env bash
# Builds the real Dockerfile with podman, runs the image, and checks it from
# outside as a platform team would: readiness, a projection, the health probe
# inside the image, a non-root user, the image's metadata, a clean SIGTERM.
# Speaks TAP. Usage: container_test.sh SOURCE_DIR WORK_DIR
#
# There is no Docker engine and no registry here, so (docs/container.md):
# the base image debian:bookworm-slim is made with debootstrap and imported
# once (kept in podman's store), podman runs with runc and cgroupfs, builds
# and containers use the host network, and nofile/nproc ulimits are set to
# 1024 because the sandbox cannot raise them.
set -uo pipefail

src=$1
work=$2
image=localhost/aicost:test
name="aicost-ct-$$"
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; }
finish() { echo "1..$n"; exit $((failed > 0)); }
skip_all() { echo "1..0 # SKIP $1"; exit 0; }

sudo_=()
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || skip_all "needs root or passwordless sudo for podman and debootstrap"
  sudo_=(sudo -n)
fi
for tool in podman debootstrap python3; do
  command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is not installed (.ci/test installs it)"
done

podman_=("${sudo_[@]}" podman --runtime runc --cgroup-manager cgroupfs --events-backend file)
limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

# --- base image ------------------------------------------------------------
# A stand-in for Docker Hub's debian:bookworm-slim: minbase, trimmed the way
# the official slim images are (no docs, man pages or locales; apt lists and
# caches cleaned), so the image size reported below is representative.
make_base() {
  local root="$work/rootfs"
  "${sudo_[@]}" rm -rf "$root"
  "${sudo_[@]}" debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || return 1
  # shellcheck disable=SC2016  # $1 and $root expand in the inner shell
  "${sudo_[@]}" sh -e -c '
    root=$1
    cat >"$root/etc/apt/sources.list" <<EOS
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOS
    cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<EOS
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOS
    echo "APT::Keep-Downloaded-Packages \"false\";" >"$root/etc/apt/apt.conf.d/docker-clean"
    find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete
    rm -rf "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
           "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb \
           "$root"/var/log/*.log "$root"/var/log/apt/*
  ' sh "$root" || return 1
  "${sudo_[@]}" tar -C "$root" -c . | "${podman_[@]}" import - debian:bookworm-slim >/dev/null || return 1
  "${sudo_[@]}" rm -rf "$root"
}

if "${podman_[@]}" image exists debian:bookworm-slim; then
  ok "base image debian:bookworm-slim (cached in podman's store)"
elif make_base; then
  ok "base image debian:bookworm-slim made with debootstrap --variant=minbase"
else
  not_ok "base image debian:bookworm-slim (see $work/debootstrap.log)"
  finish
fi

# --- build -----------------------------------------------------------------
# --format docker: the OCI format has no HEALTHCHECK, podman would drop it.
if "${podman_[@]}" build --format docker --network host --pull=never "${limits[@]}" \
     -t "$image" -f "$src/Dockerfile" "$src" >"$work/build.log" 2>&1; then
  ok "podman build of the Dockerfile"
else
  tail -n 30 "$work/build.log" | sed 's/^/# /'
  not_ok "podman build of the Dockerfile (see $work/build.log)"
  finish
fi
size=$("${podman_[@]}" image inspect --format '{{.Size}}' "$image")
echo "# image size: $((size / 1000 / 1000)) MB ($size bytes)"

# The image carries what docs/deploy.md promises to orchestrators.
config=$("${podman_[@]}" image inspect --format \
  '{{json .Config.Healthcheck.Test}} {{json .Config.ExposedPorts}} {{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.User}}' "$image")
echo "# config: $config"
want='["CMD","aicost","probe","--timeout","2","http://127.0.0.1:8080/healthz"] {"8080/tcp":{}} ["aicostd"] ["--listen","0.0.0.0:8080"] 10001:10001'
if [ "$config" = "$want" ]; then
  ok "image metadata: HEALTHCHECK via aicost probe, EXPOSE 8080, aicostd --listen 0.0.0.0:8080, user 10001"
else
  echo "# wanted: $want"
  not_ok "image metadata"
fi

# OCI labels, the version in step with meson.build's.
version=$(sed -n "s/^  version: '\\(.*\\)',$/\\1/p" "$src/meson.build")
labels=$("${podman_[@]}" image inspect --format \
  '{{index .Config.Labels "org.opencontainers.image.title"}} {{index .Config.Labels "org.opencontainers.image.version"}}' "$image")
if [ -n "$version" ] && [ "$labels" = "aicost $version" ]; then
  ok "OCI labels: org.opencontainers.image.title and .version ($version)"
else
  not_ok "OCI labels: got '$labels', wanted 'aicost $version'"
fi

# --- run ---------------------------------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() { "${podman_[@]}" rm -f -t 0 "$name" >/dev/null 2>&1 || true; }
trap cleanup EXIT
# The image's HEALTHCHECK names port 8080; here the port is a free one, so the
# same probe is given with that port, and run on demand below rather than by
# a timer (podman's timers need systemd).
health="[\"aicost\",\"probe\",\"--timeout\",\"2\",\"http://127.0.0.1:$port/healthz\"]"
if "${podman_[@]}" run -d --name "$name" --network host "${limits[@]}" \
     --health-cmd "$health" --health-interval disable \
     "$image" --listen "127.0.0.1:$port" >/dev/null; then
  ok "podman run on 127.0.0.1:$port"
else
  not_ok "podman run"
  finish
fi

# Readiness: poll until 200 (the catalogue loads at start), 30 s at most.
base="http://127.0.0.1:$port"
if python3 - "$base/readyz" <<'EOF'; then
import sys, time, urllib.request
deadline = time.monotonic() + 30
while True:
    try:
        with urllib.request.urlopen(sys.argv[1], timeout=2) as r:
            sys.exit(0 if r.status == 200 else 1)
    except Exception as e:
        if time.monotonic() > deadline:
            print(f"# {e}")
            sys.exit(1)
        time.sleep(0.2)
EOF
  ok "GET /readyz answers 200 through the container"
else
  "${podman_[@]}" logs "$name" 2>&1 | tail -n 20 | sed 's/^/# /'
  not_ok "GET /readyz answers 200 through the container"
fi

# The article's case: 5,000,000 requests a day at $0.005 is $25,000 a day.
if python3 - "$base/v1/projections" <<'EOF'; then
import json, sys, urllib.request
scenario = {"name": "article", "horizon_days": 365,
            "training": {"cost_usd": 100000000},
            "inference": {"cost_per_request_usd": 0.005},
            "traffic": {"requests_per_day": 5000000}}
req = urllib.request.Request(sys.argv[1], data=json.dumps(scenario).encode(),
                             headers={"Content-Type": "application/json",
                                      "Accept": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=10) as r:
        body = json.load(r)
except urllib.error.HTTPError as e:
    print(f"# HTTP {e.code}: {e.read()[:500]!r}")
    sys.exit(1)
daily = body["inference"]["daily_usd"]
print(f"# inference.daily_usd = {daily!r}")
sys.exit(0 if daily == 25000 else 1)
EOF
  ok "POST /v1/projections: 5,000,000 x \$0.005 gives daily_usd 25000"
else
  not_ok "POST /v1/projections: 5,000,000 x \$0.005 gives daily_usd 25000"
fi

# The health check runs aicost probe inside the runtime image (its libraries
# are there), as the image's user, and podman sees the container healthy.
if "${podman_[@]}" healthcheck run "$name"; then
  ok "podman healthcheck run (aicost probe $base/healthz inside the container): healthy"
else
  not_ok "podman healthcheck run: unhealthy"
fi
# shellcheck disable=SC2016  # expands inside the container
ids=$("${podman_[@]}" exec "$name" sh -c 'echo "$(id -u):$(id -g) $(id -un):$(id -gn)"' 2>/dev/null)
if [ "$ids" = "10001:10001 aicost:aicost" ]; then
  ok "the service runs as the non-root user aicost (10001:10001)"
else
  not_ok "the service runs as the non-root user aicost (got '$ids')"
fi

# Orchestrators stop with SIGTERM: the server must exit 0 well within the
# grace period, not be killed.
"${podman_[@]}" stop -t 20 "$name" >/dev/null 2>&1
code=$("${podman_[@]}" inspect --format '{{.State.ExitCode}}' "$name")
if [ "$code" = 0 ]; then
  ok "SIGTERM: aicostd exits 0"
else
  "${podman_[@]}" logs "$name" 2>&1 | tail -n 5 | sed 's/^/# /'
  not_ok "SIGTERM: aicostd exits $code"
fi

finish
