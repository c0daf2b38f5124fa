# aicostd in a container: a build stage with the -dev packages and meson, and
# a runtime stage with only the runtime libraries (libcsv for the CLI's
# importer), the two binaries and the default catalogue. See
# docs/container.md (podman recipe, image size) and docs/deploy.md (probes,
# shutdown, Kubernetes).

FROM debian:bookworm-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      meson ninja-build pkg-config gcc libc6-dev python3 \
      libmicrohttpd-dev libjansson-dev libyaml-dev libcsv-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN meson setup /build -Dbuildtype=release -Dtests=false -Dwerror=true \
 && ninja -C /build cmd/aicostd/aicostd cmd/aicost/aicost \
 && install -D -s -m 0755 /build/cmd/aicostd/aicostd /out/usr/local/bin/aicostd \
 && install -D -s -m 0755 /build/cmd/aicost/aicost /out/usr/local/bin/aicost \
 && install -D -m 0644 config/catalogue.yaml /out/etc/aicost/catalogue.yaml \
 && install -D -m 0644 config/catalogue.d/api-prices.yaml /out/etc/aicost/catalogue.d/api-prices.yaml \
 && install -D -m 0644 config/catalogue.d/gpu-offers.yaml /out/etc/aicost/catalogue.d/gpu-offers.yaml

FROM debian:bookworm-slim
# OCI image annotations (github.com/opencontainers/image-spec, annotations.md)
# for registries and scanners. The version follows meson.build's; a release
# build passes the commit and the time:
#   podman build --build-arg REVISION=$(git rev-parse HEAD) \
#     --build-arg CREATED=$(date -u +%Y-%m-%dT%H:%M:%SZ) .
ARG VERSION=0.1.0
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="aicost" \
      org.opencontainers.image.description="AI training and inference cost projections over HTTP (aicostd) and a CLI (aicost)" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.documentation="docs/deploy.md" \
      org.opencontainers.image.base.name="docker.io/library/debian:bookworm-slim"
RUN apt-get update \
 && apt-get install -y --no-install-recommends libmicrohttpd12 libjansson4 libyaml-0-2 libcsv3 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log \
 && groupadd --system --gid 10001 aicost \
 && useradd --system --uid 10001 --gid aicost --no-create-home \
      --home-dir /nonexistent --shell /usr/sbin/nologin aicost
COPY --from=build /out/ /
# The file (and its drop-ins, /etc/aicost/catalogue.d: the generated API
# prices and GPU offers), not the embedded copy, so that a catalogue mounted
# over it is what serves, and SIGHUP reloads it.
ENV AICOST_CATALOGUE=/etc/aicost/catalogue.yaml
USER 10001:10001
EXPOSE 8080
# aicost probe is a plain-socket GET: the image needs no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["aicost", "probe", "--timeout", "2", "http://127.0.0.1:8080/healthz"]
ENTRYPOINT ["aicostd"]
CMD ["--listen", "0.0.0.0:8080"]
