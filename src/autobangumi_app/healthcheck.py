"""`autobangumi healthcheck`: ask the running web server's /api/v1/health whether it is up.

The container's HEALTHCHECK runs it, so it must find the port and address the server uses, by
the same precedence as `autobangumi serve`: a flag, then AB_WEBUI_PORT / AB_HOST, then
`program.webui_port` in config.json, then 7892 on every address. It only reads: no folder or
file is created, so running it as another user (Docker runs health checks as the image's
user) leaves nothing behind. Exit 0 healthy, 1 not (Docker's meaning of the two).
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
import urllib.error
import urllib.request
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_PORT", "probe_address", "run", "webui_port"]

DEFAULT_PORT = 7892
_WILDCARDS = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1", "[::]": "::1"}


def _valid_port(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    try:
        port = int(value)
    except (TypeError, ValueError):
        return None
    return port if 1 <= port <= 65535 else None


def _config_port(config_file: Path) -> int | None:
    try:
        data = json.loads(config_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no config yet (first start) or unreadable: the server uses its default
    program = data.get("program") if isinstance(data, dict) else None
    return _valid_port(program.get("webui_port")) if isinstance(program, dict) else None


def webui_port(flag: str | None, env: Mapping[str, str], config_file: Path) -> int:
    """The HTTP port: flag > AB_WEBUI_PORT > config.json program.webui_port > 7892."""
    for candidate in (flag, env.get("AB_WEBUI_PORT")):
        if candidate:
            port = _valid_port(candidate)
            if port is None:
                raise ValueError(candidate)
            return port
    return _config_port(config_file) or DEFAULT_PORT


def probe_address(host: str) -> str:
    """Where to knock for a server bound to `host`: a wildcard address means loopback."""
    host = _WILDCARDS.get(host.strip(), host.strip())
    try:
        if ipaddress.ip_address(host.strip("[]")).version == 6:
            return f"[{host.strip('[]')}]"
    except ValueError:
        pass  # a host name
    return host


def run(args: argparse.Namespace) -> int:
    from autobangumi_daemon.paths import AppPaths

    config_file = AppPaths.from_env(args.config_dir, None).config_file
    try:
        port = webui_port(args.port, os.environ, config_file)
    except ValueError as err:
        print(
            f"unhealthy: the port {err} is not a number from 1 to 65535. / "
            f"不健康：端口 {err} 不是 1 到 65535 之间的数字。",
            file=sys.stderr,
        )
        return 1
    url = f"http://{probe_address(args.host)}:{port}/api/v1/health"
    # No proxy: an HTTP_PROXY meant for feeds must not carry a loopback probe elsewhere.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=args.timeout) as resp:
            body = json.loads(resp.read())
    except (OSError, ValueError) as err:
        reason = getattr(err, "reason", None) or err
        print(f"unhealthy: {url}: {reason} / 不健康：{url}：{reason}", file=sys.stderr)
        return 1
    if not isinstance(body, dict) or body.get("status") != "ok":
        print(f"unhealthy: {url} answered {body!r} / 不健康：{url} 的应答为 {body!r}", file=sys.stderr)
        return 1
    print(f"healthy: {url} (version {body.get('version', '?')})")
    return 0
