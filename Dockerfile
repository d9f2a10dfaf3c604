# Ringdesk box image (amd64 or arm64: build it on the machine it runs on, or with buildx).
#
#   docker build -t ringdesk .
#   docker volume create ringdesk-data
#   docker run -it --rm -v ringdesk-data:/data ringdesk ringdesk init --admin yamada
#       (asks the admin's password; prints the recovery code once: write it down)
#   docker run -d --name ringdesk --restart on-failure --network host \
#       --device /dev/ttyACM0 --group-add dialout -v ringdesk-data:/data ringdesk
#
# Data: everything the box keeps (vault, encrypted database, recordings, ringdesk.toml) is in
#   the /data volume; nothing else in the container needs to survive it.
# Devices: pass each line device with --device: a USB modem, ND adapter or the line card
#   (/dev/ttyACM0, /dev/ttyUSB0; in ringdesk.toml name the path as seen inside), a USB sound
#   card (--device /dev/snd --group-add audio). On the host, install
#   deploy/udev/77-ringdesk-modem.rules so ModemManager leaves the modem alone.
# Network: host networking lets zeroconf announce the box to the office's desks; without it
#   publish the API (-p 8443:8443) and give desks the box's address by hand.
# Health: the HEALTHCHECK is a TLS handshake with the box's API on 127.0.0.1:8443 (change it
#   with the [api] port in ringdesk.toml).

FROM python:3.11-slim-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential portaudio19-dev \
    && rm -rf /var/lib/apt/lists/*
ARG UV_VERSION=0.13.9
RUN pip install --no-cache-dir "uv==${UV_VERSION}"
ENV UV_PROJECT_ENVIRONMENT=/opt/ringdesk UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
WORKDIR /src
COPY pyproject.toml uv.lock README.md ./
# the dependencies first: a code change does not rebuild this layer
RUN uv sync --frozen --no-dev --no-install-project
COPY appliance appliance
COPY tui tui
COPY drivers drivers
COPY firmware_bridge firmware_bridge
COPY backups backups
RUN uv sync --frozen --no-dev --no-editable

FROM python:3.11-slim-bookworm
# Debian's packages are not pinned: the image takes bookworm's security updates when rebuilt
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libopus0 libportaudio2 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --user-group --groups dialout,audio --home-dir /data \
        --shell /usr/sbin/nologin ringdesk \
    && install -d -o ringdesk -g ringdesk -m 0700 /data
COPY --from=build /opt/ringdesk /opt/ringdesk
ENV PATH=/opt/ringdesk/bin:$PATH RINGDESK_DATA=/data PYTHONUNBUFFERED=1
USER ringdesk
WORKDIR /data
VOLUME ["/data"]
EXPOSE 8443
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import socket, ssl; c = ssl.create_default_context(); c.check_hostname = False; c.verify_mode = ssl.CERT_NONE; c.wrap_socket(socket.create_connection(('127.0.0.1', 8443), 5)).close()"]
CMD ["ringdesk", "box", "--host", "0.0.0.0"]
