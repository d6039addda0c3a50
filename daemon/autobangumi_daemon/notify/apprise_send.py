"""Generic Apprise URLs: sent by Apprise in a worker thread, after an address check.

Apprise connects by itself (its `requests` client, which reads HTTPS_PROXY / HTTP_PROXY from
the environment), so the SSRF guard cannot sit in its connector. Instead the URL's host is
resolved first and every address it resolves to must be permitted by the policy. A host that
does not resolve is, for many Apprise schemes, not a host at all (`tgram://TOKEN/CHAT`):
it is let through, except while the setup wizard is open, where only targets shown to be
public are used. What remains: Apprise resolves the name again when it connects, so a DNS
answer that changes in between is not seen, and a scheme's fixed service host is not checked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from typing import Any, cast

from autobangumi_daemon.errors import DaemonError
from autobangumi_daemon.netguard import PRIVATE, NetPolicy, blocked_reason, literal_address, target_host
from autobangumi_daemon.notify.providers import ProviderError

__all__ = ["check_apprise_target", "send_apprise"]


async def check_apprise_target(url: str, policy: NetPolicy, *, must_resolve: bool) -> None:
    """Raise ProviderError when the URL's host is (or resolves to) an address not permitted."""
    try:
        host = target_host(url)
    except DaemonError:
        if must_resolve:
            raise ProviderError("The URL names no host.", "该 URL 没有主机名。") from None
        return
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError):
            if must_resolve:
                raise ProviderError(
                    f"{host} cannot be resolved; while setup is open only public hosts are used.",
                    f"无法解析 {host}；初始设置完成前只能使用公网主机。",
                ) from None
            return
        addresses = [ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]) for info in infos]
    if not addresses or any(not policy.permits(a) for a in addresses):
        # While setup is open the LAN opt-in does not apply, so it is not suggested either.
        raise ProviderError(*(PRIVATE if must_resolve else blocked_reason(host)))


def _send_blocking(url: str, title: str, body: str, attach: str | None) -> tuple[bool, str]:
    # Apprise loads ~100 service modules: imported on the first message, not at start-up.
    import apprise

    ap = apprise.Apprise()
    if not ap.add(url):
        return False, "the provider URL was not accepted"
    with cast(Any, apprise).LogCapture(level=apprise.logging.WARNING, fmt="%(message)s") as logs:
        ok = bool(ap.notify(body=body, title=title, attach=attach))
        detail = logs.getvalue().strip().splitlines()
    return ok, (detail[-1][:200] if detail else "")


async def send_apprise(url: str, title: str, body: str, attach: str | None, limit: float) -> tuple[bool, str]:
    try:
        return await asyncio.wait_for(asyncio.to_thread(_send_blocking, url, title, body, attach), limit)
    except TimeoutError:
        return False, "timed out"
