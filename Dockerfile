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

# Runtime stage: non-root, config and data as volumes, web page on 7892 and gRPC on 7893.
FROM python:3.11-slim-bookworm
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    AB_CONFIG_DIR=/app/config \
    AB_DATA_DIR=/app/data
RUN groupadd --system --gid 1000 ab \
    && useradd --system --uid 1000 --gid ab --home-dir /app --shell /usr/sbin/nologin ab \
    && mkdir -p /app/config /app/data \
    && chown -R ab:ab /app
# The web page is inside the package (autobangumi_bridge/webui); AB_WEB_DIR can still replace it.
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
USER 1000:1000
VOLUME ["/app/config", "/app/data"]
EXPOSE 7892 7893
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:7892/api/v1/health', timeout=4).status == 200 else 1)"]
ENTRYPOINT ["autobangumi"]
CMD ["serve"]
