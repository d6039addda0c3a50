"""Connection test for the unauthenticated setup wizard (`POST /setup/test-downloader`).

The wizard runs before any user exists, so this function is reachable by anyone who can reach
the daemon, and it must reach LAN and loopback hosts (that is where downloaders live). To keep it
from being a general-purpose HTTP client for strangers, it:

* speaks only the selected client's own login/handshake (one or two requests), never a GET of
  an arbitrary page, and never follows redirects (a redirect is "not that server");
* reads at most a few KiB of any answer;
* answers from fixed bilingual templates only; nothing the remote host sent is echoed, except a
  version number that passed a strict digits-and-dots pattern.
"""

from __future__ import annotations

import asyncio
import json
import re
import ssl as ssl_module
from dataclasses import dataclass
from typing import Any

import aiohttp
import yarl

from autobangumi_daemon.adapters.streams import read_capped

from .aria2 import rpc_url as aria2_rpc_url
from .base import basic_auth_header, join_url, parse_host, tcp_port_open
from .transmission import SESSION_HEADER
from .transmission import rpc_url as transmission_rpc_url

PROBE_TIMEOUT = 5.0
_MAX_BODY = 4096
_VERSION = re.compile(r"^v?\d{1,4}(\.\d{1,6}){0,3}([-.]?[A-Za-z0-9]{0,12})?$")
_NAMES = {
    "qbittorrent": "qBittorrent",
    "transmission": "Transmission",
    "aria2": "aria2",
    "mock": "mock",
}


@dataclass(frozen=True, slots=True)
class ProbeResult:
    success: bool
    message_en: str
    message_zh: str
    #: Machine-readable outcome: ok, invalid, unreachable, timeout, not_that_server,
    #: auth_failed, key_refused, banned, tls_error, unsupported_type.
    reason: str = "ok"


def _result(reason: str, kind: str, version: str = "") -> ProbeResult:
    name = _NAMES.get(kind, kind)
    ver = f" {version}" if version else ""
    en, zh = {
        "ok": (f"Connected to {name}{ver}.", f"已成功连接到 {name}{ver}。"),
        "unreachable": (
            "Cannot connect: nothing is listening at this host and port, or it is not reachable "
            "from the AutoBangumi server.",
            "无法连接：该地址和端口没有服务在监听，或 AutoBangumi 服务器无法访问它。",
        ),
        "timeout": (
            "The connection timed out: check the host, port and firewall.",
            "连接超时：请检查地址、端口和防火墙。",
        ),
        "not_that_server": (
            f"Something answered at this address, but it is not a {name} WebUI/RPC endpoint. "
            "Check the port, the path, and the SSL setting.",
            f"该地址有服务响应，但不是 {name} 的 WebUI/RPC 接口。请检查端口、路径和 SSL 设置。",
        ),
        "auth_failed": (
            f"{name} rejected the username or password.",
            f"{name} 拒绝了用户名或密码。",
        ),
        "key_refused": (
            f"{name} refused the API key (set a username and password to log in instead).",
            f"{name} 拒绝了 API 密钥（可填写用户名和密码改用登录）。",
        ),
        "banned": (
            f"{name} refuses this address (banned after too many failed logins, or not in its "
            "allowed list). Wait for the ban to expire or restart the downloader.",
            f"{name} 拒绝了本机地址（登录失败次数过多被封禁，或不在允许列表中）。"
            "请等待封禁解除或重启下载器。",
        ),
        "tls_error": (
            "TLS/SSL handshake failed: the SSL setting probably does not match the server "
            "(HTTPS enabled for a plain HTTP port, or the reverse).",
            "TLS/SSL 握手失败：SSL 设置可能与服务器不符（对普通 HTTP 端口启用了 HTTPS，或相反）。",
        ),
        "invalid": (
            "Invalid address: use host:port or an http(s):// URL.",
            "地址无效：请使用 host:port 或 http(s):// 网址。",
        ),
        "unsupported_type": (
            "Unknown downloader type; choose qBittorrent, Transmission or aria2.",
            "未知的下载器类型；请选择 qBittorrent、Transmission 或 aria2。",
        ),
    }[reason]
    return ProbeResult(reason == "ok", en, zh, reason)


class _Outcome(Exception):
    def __init__(self, reason: str, version: str = "") -> None:
        super().__init__(reason)
        self.reason = reason
        self.version = version


def _clean_version(value: Any) -> str:
    text = str(value).strip() if value is not None else ""
    return text if _VERSION.match(text) else ""


async def _read(resp: aiohttp.ClientResponse) -> bytes:
    return await read_capped(resp.content, _MAX_BODY, truncate=True)


async def _probe_qbittorrent_key(session: aiohttp.ClientSession, base: yarl.URL, key: str) -> str | None:
    """qBittorrent 5.2+'s API key: one bearer-authorised GET of the version, no login.

    None means "log in instead", the adapter's fallback: an older qBittorrent knows no key and
    answers 403, a newer one refuses a wrong key with 401; either way the username is tried."""
    headers = {"Authorization": f"Bearer {key}"}
    async with session.get(join_url(base, "api/v2/app/version"), headers=headers, allow_redirects=False) as r:
        body = (await _read(r)).decode("utf-8", "replace")
        status = r.status
    if status == 200:
        return _clean_version(body)
    if status in (401, 403):
        return None
    raise _Outcome("not_that_server")


async def _probe_qbittorrent(
    session: aiohttp.ClientSession, base: yarl.URL, user: str, pw: str, key: str = ""
) -> str:
    if key:
        version = await _probe_qbittorrent_key(session, base, key)
        if version is not None:
            return version
        if not user:
            raise _Outcome("key_refused")  # as the adapter: no username, nothing to fall back to
    login = join_url(base, "api/v2/auth/login")
    async with session.post(login, data={"username": user, "password": pw}, allow_redirects=False) as r:
        body = (await _read(r)).decode("utf-8", "replace").strip()
        status = r.status
    if status == 403:
        raise _Outcome("banned" if "banned" in body.lower() else "not_that_server")
    if status == 401 and "www-authenticate" not in {k.lower() for k in r.headers}:
        raise _Outcome("auth_failed")  # qBittorrent 5.1.2+ answers a wrong password with 401
    if status == 200 and body == "Fails.":
        raise _Outcome("auth_failed")
    if not (status == 204 or (status == 200 and body == "Ok.")):
        raise _Outcome("not_that_server")
    version = ""
    async with session.get(join_url(base, "api/v2/app/version"), allow_redirects=False) as r:
        if r.status == 200:
            version = _clean_version((await _read(r)).decode("utf-8", "replace"))
        elif r.status in (401, 403, 404):
            # Said `Ok.` to a login but does not serve the API with that session: not qBittorrent.
            raise _Outcome("not_that_server")
    async with session.post(join_url(base, "api/v2/auth/logout"), allow_redirects=False) as r:
        await _read(r)
    return version


async def _probe_transmission(session: aiohttp.ClientSession, base: yarl.URL, user: str, pw: str) -> str:
    url = transmission_rpc_url(base)
    auth = basic_auth_header(user, pw)
    payload = {"method": "session-get", "tag": 1}
    headers: dict[str, str] = {}
    for _ in range(2):
        async with session.post(url, json=payload, headers=auth | headers, allow_redirects=False) as r:
            body = await _read(r)
            status = r.status
            sid = r.headers.get(SESSION_HEADER)
            www_auth = r.headers.get("WWW-Authenticate", "")
        if status == 409 and sid and not headers:
            headers = {SESSION_HEADER: sid}  # the anti-CSRF handshake; resend once with the id
            continue
        break
    if status == 401:
        raise _Outcome("auth_failed" if "transmission" in www_auth.lower() else "not_that_server")
    if status in (403, 421):
        text = body.decode("utf-8", "replace").lower()
        known = ("unauthorized ip", "too many unsuccessful", "whitelist", "transmission")
        raise _Outcome("banned" if any(k in text for k in known) else "not_that_server")
    if status != 200:
        raise _Outcome("not_that_server")
    try:
        data = json.loads(body)
    except ValueError:
        raise _Outcome("not_that_server") from None
    args = data.get("arguments") if isinstance(data, dict) else None
    if not (isinstance(data, dict) and data.get("result") == "success" and isinstance(args, dict)):
        raise _Outcome("not_that_server")
    if "rpc-version" not in args:
        raise _Outcome("not_that_server")
    return _clean_version(str(args.get("version", "")).split(" ")[0])


async def _probe_aria2(session: aiohttp.ClientSession, base: yarl.URL, secret: str) -> str:
    url = aria2_rpc_url(base)
    payload = {
        "jsonrpc": "2.0",
        "id": "ab-probe",
        "method": "aria2.getVersion",
        "params": [f"token:{secret}"],
    }
    async with session.post(url, json=payload, allow_redirects=False) as r:
        body = await _read(r)
        status = r.status
    try:
        data = json.loads(body)
    except ValueError:
        raise _Outcome("not_that_server") from None
    if not isinstance(data, dict) or data.get("jsonrpc") != "2.0":
        raise _Outcome("not_that_server")
    err = data.get("error")
    if isinstance(err, dict):
        if err.get("message") == "Unauthorized":
            raise _Outcome("auth_failed")
        raise _Outcome("not_that_server")
    result = data.get("result")
    if status != 200 or not isinstance(result, dict) or "version" not in result:
        raise _Outcome("not_that_server")
    return _clean_version(result.get("version"))


async def test_connection(
    type: str,
    host: str,
    username: str,
    password: str,
    ssl: bool,
    *,
    api_key: str = "",
    time_limit: float = PROBE_TIMEOUT,
) -> ProbeResult:
    """Try to log in to a downloader; never raises, always a bilingual ProbeResult.

    `api_key` (qBittorrent only) is tried first, and the username and password after a refused
    key, exactly as the qBittorrent adapter connects."""
    kind = (type or "").strip().lower()
    if kind not in _NAMES:
        return _result("unsupported_type", kind)
    if kind == "mock":
        return _result("ok", kind)  # it lives inside the daemon: nothing to reach
    try:
        base = parse_host(host or "", ssl)
    except ValueError:
        return _result("invalid", kind)
    # No certificate verification (self-signed WebUI certs are normal, and AutoBangumi never
    # verified), but a failed handshake is still reported as a TLS error. Proxies from the
    # environment are ignored (trust_env=False): the downloader is on the LAN.
    connector = aiohttp.TCPConnector(ssl=False, limit=2, force_close=True)
    jar = aiohttp.CookieJar(unsafe=True)  # qBittorrent's SID cookie on an IP address host
    client_timeout = aiohttp.ClientTimeout(total=time_limit, sock_connect=min(3.0, time_limit))
    try:
        async with aiohttp.ClientSession(
            connector=connector, cookie_jar=jar, timeout=client_timeout, trust_env=False
        ) as session:
            if kind == "qbittorrent":
                version = await _probe_qbittorrent(session, base, username, password, api_key.strip())
            elif kind == "transmission":
                version = await _probe_transmission(session, base, username, password)
            else:
                version = await _probe_aria2(session, base, password)
        return _result("ok", kind, version)
    except _Outcome as out:
        return _result(out.reason, kind, out.version)
    except (aiohttp.ClientSSLError, ssl_module.SSLError):
        return _result("tls_error", kind)
    except aiohttp.ClientConnectorError as exc:
        if isinstance(exc.os_error, ssl_module.SSLError):
            return _result("tls_error", kind)
        return _result("unreachable", kind)
    except TimeoutError:
        # Over HTTPS, a port that takes the TCP connection but never finishes the handshake is
        # a plain-HTTP port (qBittorrent just waits for a request line): say so.
        if base.scheme == "https" and await asyncio.to_thread(tcp_port_open, base):
            return _result("tls_error", kind)
        return _result("timeout", kind)
    except (aiohttp.ServerDisconnectedError, aiohttp.ClientResponseError, aiohttp.ClientPayloadError):
        # A garbled or cut-off answer: typically plain HTTP sent to an HTTPS port.
        return _result("not_that_server", kind)
    except (aiohttp.ClientError, OSError, ValueError):
        return _result("unreachable", kind)
