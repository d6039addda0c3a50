# syntax=docker/dockerfile:1
# Build stage: a wheel-installed virtualenv, so the runtime image carries no build tools.
FROM python:3.11-slim-bookworm AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY src ./src
COPY daemon ./daemon
COPY rest_bridge ./rest_bridge
RUN python -m venv /opt/venv \
    && /opt/venv/bin/pip install --no-cache-dir --disable-pip-version-check .

# Runtime stage: config and data as volumes, web page on 7892 and gRPC on 7893. The container
# starts as root only for its entrypoint, which gives the two folders to PUID:PGID, sets UMASK
# and then runs the program as that user (setpriv, from util-linux in the base image).
FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    AB_CONFIG_DIR=/app/config \
    AB_DATA_DIR=/app/data \
    PUID=1000 \
    PGID=1000 \
    UMASK=022
# The web page ships inside the bridge package (autobangumi_bridge/webui).
COPY --from=build /opt/venv /opt/venv
COPY --chmod=755 docker/entrypoint.sh /usr/local/bin/autobangumi-entrypoint
WORKDIR /app
VOLUME ["/app/config", "/app/data"]
EXPOSE 7892 7893
# Reads the port and address the way `serve` does (AB_WEBUI_PORT, AB_HOST, config.json).
HEALTHCHECK --interval=30s --timeout=10s --start-period=20s --retries=3 \
    CMD ["autobangumi", "healthcheck"]
ENTRYPOINT ["autobangumi-entrypoint", "autobangumi"]
CMD ["serve"]
