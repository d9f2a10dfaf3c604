# Ringdesk box image (x86-64 or aarch64). Build: docker build -t ringdesk .
# First: docker run -it -v ringdesk-data:/data ringdesk ringdesk init   (note the recovery code)
# Run:   docker run --device /dev/ttyACM0 -v ringdesk-data:/data --network host ringdesk
# (host networking lets zeroconf announce the box on the office LAN)
FROM python:3.11-slim-bookworm

RUN apt-get update \
    && apt-get install -y --no-install-recommends portaudio19-dev build-essential libopus0 \
    && rm -rf /var/lib/apt/lists/*

ENV UV_PROJECT_ENVIRONMENT=/opt/ringdesk RINGDESK_DATA=/data PATH=/opt/ringdesk/bin:$PATH
RUN pip install --no-cache-dir uv==0.13.9

WORKDIR /src
COPY pyproject.toml uv.lock README.md ./
COPY appliance appliance
COPY tui tui
COPY drivers drivers
COPY firmware_bridge firmware_bridge
COPY backups backups
RUN uv sync --frozen --no-dev

VOLUME /data
EXPOSE 8443
CMD ["ringdesk", "box", "--host", "0.0.0.0"]
