"""Login, sessions and tokens.

A login creates a row in `session` and a JWT (HS256, per-install secret) naming it by `sid`.
Every call checks the JWT's signature and expiry, then that its session is still open, from
an in-memory copy of the open sessions, so checking costs a few microseconds and a restart
logs nobody out. The command line (`autobangumi user ...`) changes the same rows from another
process while the daemon runs, so the copy is reloaded from the database when it is older
than SESSION_RECHECK: one query a second at most, however many calls arrive.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import ipaddress
import logging
import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from autobangumi.rpc import Identity
from autobangumi_daemon.auth.passwords import hash_password, verify_password
from autobangumi_daemon.auth.throttle import LoginThrottle
from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.db.models import ApiToken, Session, User
from autobangumi_daemon.errors import forbidden, invalid, not_found, throttled, unauthenticated
from autobangumi_daemon.files import write_atomic

__all__ = ["AuthManager", "validate_credentials"]

log = logging.getLogger(__name__)

SESSION_TTL = timedelta(days=7)
TOKEN_USE_RESOLUTION = 60.0  # seconds: how precise an API token's last_used_at is
# Seconds the in-memory sessions may lag behind the database (another process's changes).
SESSION_RECHECK = 1.0
_USERNAME = re.compile(r"^[A-Za-z0-9_]{4,20}$")
_BAD_LOGIN = ("Incorrect username or password.", "用户名或密码错误。")


@dataclass(slots=True)
class _Open:
    user_id: int
    username: str
    expires: float  # unix seconds


def validate_credentials(username: str | None, password: str | None) -> None:
    """AutoBangumi's rules: username 4-20 of [A-Za-z0-9_], password at least 8 characters."""
    if username is not None and not _USERNAME.match(username):
        raise invalid(
            "The username must be 4 to 20 letters, digits or underscores.",
            "用户名须为 4 到 20 位字母、数字或下划线。",
        )
    if password is not None and len(password) < 8:
        raise invalid("The password must be at least 8 characters long.", "密码长度至少为 8 位。")


def _now() -> datetime:
    return datetime.now(UTC)


#: Verified session tokens remembered at most (one per browser or client, in practice).
VERIFIED_TOKENS = 1024


class AuthManager:
    def __init__(self, secret_file: Path, config: ConfigStore, db: async_sessionmaker[AsyncSession]) -> None:
        self._secret_file = secret_file
        self._config = config
        self._db = db
        self._secret = b""
        self._open: dict[str, _Open] = {}
        # Session JWTs whose signature was already checked: token -> (session id, exp). The
        # WebUI sends the same token with every call, and verifying HS256 is most of a small
        # call's cost. The session itself is still looked up in `_open` on every call.
        self._verified: dict[str, tuple[str, float]] = {}
        self._token_used: dict[int, float] = {}  # token id -> monotonic time of the last write
        self._synced = 0.0  # monotonic time of the last reload of `_open`
        # Held by every change of the sessions and by the reload, so that a reload that read
        # the table just before a login or a logout cannot undo it in memory.
        self._lock = asyncio.Lock()
        self.account_exists = False  # kept current by the reload and by account creation
        self.throttle = LoginThrottle()

    # -- start-up --------------------------------------------------------------------
    async def start(self) -> None:
        self._secret = self._load_secret()
        self._verified.clear()
        async with self._db.begin() as s:
            await s.execute(delete(Session).where(Session.expires_at < _now()))
        async with self._lock:
            await self._reload()

    async def _reload(self) -> None:
        """The open sessions and whether the account exists, as the database has them now."""
        self._synced = time.monotonic()
        async with self._db() as s:
            rows = (
                await s.execute(
                    select(Session.id, Session.user_id, Session.expires_at, User.username).join(
                        User, User.id == Session.user_id
                    )
                )
            ).all()
            self.account_exists = await s.scalar(select(User.id).limit(1)) is not None
        self._open = {
            row.id: _Open(row.user_id, row.username, _as_utc(row.expires_at).timestamp()) for row in rows
        }

    async def _recheck(self) -> None:
        if time.monotonic() - self._synced < SESSION_RECHECK:
            return
        async with self._lock:
            if time.monotonic() - self._synced < SESSION_RECHECK:
                return  # another call reloaded while this one waited
            try:
                await self._reload()
            except SQLAlchemyError:
                # A locked or briefly unreachable database: keep the copy, try again soon.
                log.warning("Could not reload the sessions from the database.", exc_info=True)

    def _load_secret(self) -> bytes:
        f = self._secret_file
        if f.exists():
            text = f.read_text().strip()
            if len(text) >= 32:
                return text.encode()
        text = secrets.token_hex(32)
        write_atomic(f, text.encode(), mode=0o600)
        return text.encode()

    # -- accounts --------------------------------------------------------------------
    async def has_user(self) -> bool:
        """Whether the account exists, read from the database (it may have been created by
        the command line since the daemon started)."""
        async with self._db() as s:
            found = bool(await s.scalar(select(func.count()).select_from(User)))
        self.account_exists = found
        return found

    async def set_account(self, username: str, password: str) -> None:
        """Create the account, or rename and re-password the existing one (one-user install)."""
        validate_credentials(username, password)
        hashed = await hash_password(password)
        async with self._lock, self._db.begin() as s:
            user = await s.scalar(select(User).order_by(User.id).limit(1))
            if user is None:
                s.add(User(username=username, password=hashed, created_at=_now()))
            else:
                user.username = username
                user.password = hashed
                # A new password ends every session opened with the old one.
                await s.execute(delete(Session).where(Session.user_id == user.id))
                self._drop_user_sessions(user.id)
        self.account_exists = True

    async def account_name(self) -> str | None:
        """The one account's name, None before it exists."""
        async with self._db() as s:
            name: str | None = await s.scalar(select(User.username).order_by(User.id).limit(1))
            return name

    async def set_password(self, username: str, password: str) -> bool:
        """Change the password of `username`, or create that account when none exists yet
        (True when created). Another name is refused: renaming is `rename`, never a side effect."""
        validate_credentials(username, password)
        current = await self.account_name()
        if current is not None and current != username:
            raise not_found(
                f"There is no account named {username!r} (the account is {current!r}); "
                f"to change its name run: autobangumi user rename {current} {username}",
                f"没有名为 {username!r} 的账户（现有账户为 {current!r}）；"
                f"如需改名请运行：autobangumi user rename {current} {username}",
            )
        hashed = await hash_password(password)
        async with self._lock, self._db.begin() as s:
            user = await s.scalar(select(User).where(User.username == username))
            if user is None:
                s.add(User(username=username, password=hashed, created_at=_now()))
                self.account_exists = True
                return True
            user.password = hashed
            # A new password ends every session opened with the old one.
            await s.execute(delete(Session).where(Session.user_id == user.id))
            self._drop_user_sessions(user.id)
        return False

    async def rename(self, old: str, new: str) -> None:
        """Give the account `old` the name `new`; its sessions end (they carry the old name)."""
        validate_credentials(new, None)
        async with self._lock, self._db.begin() as s:
            user = await s.scalar(select(User).where(User.username == old))
            if user is None:
                raise not_found(f"There is no account named {old!r}.", f"没有名为 {old!r} 的账户。")
            if old == new:
                return
            user.username = new
            await s.execute(delete(Session).where(Session.user_id == user.id))
            self._drop_user_sessions(user.id)

    # -- login -----------------------------------------------------------------------
    def check_allowlist(self, client_ip: str) -> None:
        nets = list(self._config.config.security.login_whitelist)
        if nets and not _ip_in(client_ip, nets):
            raise forbidden("IP not in login whitelist", "IP 不在登录白名单中")

    def check_throttle(self, client_ip: str) -> None:
        wait = self.throttle.retry_after(client_ip)
        if wait > 0:
            secs = int(wait) + 1
            raise throttled(
                f"Too many failed logins. Try again in {secs} seconds.",
                f"登录失败次数过多，请在 {secs} 秒后重试。",
                retry_after=secs,
            )

    async def login(self, username: str, password: str, client_ip: str) -> str:
        self.check_allowlist(client_ip)
        self.check_throttle(client_ip)
        if not password:
            self.throttle.failure(client_ip)
            raise unauthenticated("Incorrect password format.", "密码格式不正确。")
        async with self._db() as s:
            user = await s.scalar(select(User).where(User.username == username))
        if not await verify_password(password, user.password if user else None) or user is None:
            self.throttle.failure(client_ip)
            raise unauthenticated(*_BAD_LOGIN)
        self.throttle.success(client_ip)
        return await self.open_session(user.id, user.username, client_ip, "password")

    async def open_session(self, user_id: int, username: str, client_ip: str, method: str) -> str:
        sid = secrets.token_urlsafe(24)
        now = _now()
        expires = now + SESSION_TTL
        async with self._lock, self._db.begin() as s:
            s.add(
                Session(
                    id=sid,
                    user_id=user_id,
                    created_at=now,
                    expires_at=expires,
                    client_ip=client_ip,
                    method=method,
                )
            )
            self._open[sid] = _Open(user_id, username, expires.timestamp())
        return self._token(sid, username, expires)

    def _token(self, sid: str, username: str, expires: datetime) -> str:
        claims = {"sub": username, "sid": sid, "exp": int(expires.timestamp()), "iat": int(time.time())}
        return jwt.encode(claims, self._secret, algorithm="HS256")

    # -- machine tokens ---------------------------------------------------------------
    async def create_api_token(self, name: str) -> tuple[int, str]:
        """A new long-lived token; only its SHA-256 is stored, so it is shown once."""
        token = "abt_" + secrets.token_urlsafe(32)
        async with self._db.begin() as s:
            row = ApiToken(name=name[:64] or "token", token_hash=_digest(token), created_at=_now())
            s.add(row)
            await s.flush()
            return row.id, token

    async def list_api_tokens(self) -> list[ApiToken]:
        """The tokens not revoked, oldest first."""
        async with self._db() as s:
            q = select(ApiToken).where(ApiToken.revoked_at.is_(None)).order_by(ApiToken.id)
            return list((await s.scalars(q)).all())

    async def get_api_token(self, token_id: int) -> ApiToken | None:
        async with self._db() as s:
            row = await s.get(ApiToken, token_id)
        return row if row is not None and row.revoked_at is None else None

    async def revoke_api_token(self, token_id: int) -> bool:
        """Revoke at once. The row stays, marked, so SQLite never hands its id out again."""
        async with self._db.begin() as s:
            result = await s.execute(
                update(ApiToken)
                .where(ApiToken.id == token_id, ApiToken.revoked_at.is_(None))
                .values(revoked_at=_now())
            )
        self._token_used.pop(token_id, None)
        return bool(getattr(result, "rowcount", 0))

    async def _note_token_use(self, token_id: int) -> None:
        # At most one write a minute per token: a busy script must not turn reads into writes.
        now = time.monotonic()
        last = self._token_used.get(token_id)
        if last is not None and now - last < TOKEN_USE_RESOLUTION:
            return
        self._token_used[token_id] = now
        async with self._db.begin() as s:
            await s.execute(update(ApiToken).where(ApiToken.id == token_id).values(last_used_at=_now()))

    # -- sessions --------------------------------------------------------------------
    async def list_sessions(self) -> list[Session]:
        """The open (unexpired) login sessions, newest first."""
        await self._recheck()
        now = time.time()
        async with self._db() as s:
            rows = list((await s.scalars(select(Session).order_by(Session.created_at.desc()))).all())
        return [r for r in rows if r.id in self._open and self._open[r.id].expires >= now]

    async def end_session(self, sid: str) -> bool:
        """End a session: calls with its JWT are refused from the next one on."""
        async with self._lock, self._db.begin() as s:
            known = self._open.pop(sid, None) is not None
            result = await s.execute(delete(Session).where(Session.id == sid))
        return known or bool(getattr(result, "rowcount", 0))

    # -- per call --------------------------------------------------------------------
    async def authenticate(self, token: str | None) -> Identity:
        """The caller's identity, or UNAUTHENTICATED. Session JWTs are checked in memory;
        only opaque machine tokens cost one indexed lookup (so a revoke acts at once)."""
        if not token:
            raise unauthenticated()
        await self._recheck()
        for static in self._config.config.security.login_tokens:
            if static and hmac.compare_digest(static.encode(), token.encode()):
                return Identity(username="api_token_user", kind="api_token")
        if token.count(".") != 2:
            async with self._db() as s:
                found = (
                    await s.execute(
                        select(ApiToken.id, ApiToken.name).where(
                            ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None)
                        )
                    )
                ).first()
            if found is None:
                raise unauthenticated()
            await self._note_token_use(found.id)
            return Identity(username=f"token:{found.name}", kind="api_token")
        known = self._verified.get(token)
        if known is not None and known[1] > time.time():
            sid = known[0]
        else:
            try:
                claims: dict[str, Any] = jwt.decode(
                    token, self._secret, algorithms=["HS256"], options={"require": ["exp", "sub", "sid"]}
                )
            except jwt.PyJWTError:
                self._verified.pop(token, None)
                raise unauthenticated() from None
            sid = str(claims["sid"])
            if len(self._verified) >= VERIFIED_TOKENS:
                self._verified.clear()  # a bound, not an LRU: refilling costs one decode each
            self._verified[token] = (sid, float(claims["exp"]))
        open_ = self._open.get(sid)
        if open_ is None or open_.expires < time.time():
            raise unauthenticated("Session expired. Please log in again.", "会话已过期，请重新登录。")
        return Identity(username=open_.username, kind="session", session_id=sid, user_id=open_.user_id)

    async def authenticate_mcp(self, token: str | None, client_ip: str) -> Identity:
        """An MCP client's identity: any token `authenticate` accepts, a token listed in
        security.mcp_tokens, or no token from an address in security.mcp_whitelist (as in
        AutoBangumi). The last two reach only the methods marked as MCP tools or resources."""
        security = self._config.config.security
        if token:
            for static in security.mcp_tokens:
                if static and hmac.compare_digest(static.encode(), token.encode()):
                    return Identity(username="mcp_token_user", kind="mcp_token")
            return await self.authenticate(token)
        if _ip_in(client_ip, list(security.mcp_whitelist)):
            return Identity(username="mcp_whitelist", kind="mcp_whitelist")
        raise unauthenticated(
            "This MCP client needs an API token (Authorization: Bearer), a token from "
            "security.mcp_tokens, or an address listed in security.mcp_whitelist.",
            "此 MCP 客户端需要 API 令牌（Authorization: Bearer）、security.mcp_tokens 中的令牌，"
            "或其地址在 security.mcp_whitelist 中。",
        )

    async def refresh(self, identity: Identity) -> str:
        if identity.session_id is None or identity.user_id is None:
            raise unauthenticated("Only a login session can be refreshed.", "只有登录会话可以刷新。")
        expires = _now() + SESSION_TTL
        async with self._lock, self._db.begin() as s:
            row = await s.get(Session, identity.session_id)
            open_ = self._open.get(identity.session_id)
            if row is None or open_ is None:
                raise unauthenticated()
            row.expires_at = expires
            open_.expires = expires.timestamp()
        return self._token(identity.session_id, identity.username, expires)

    async def logout(self, identity: Identity) -> None:
        if identity.session_id is None:
            return
        async with self._lock, self._db.begin() as s:
            await s.execute(delete(Session).where(Session.id == identity.session_id))
            self._open.pop(identity.session_id, None)

    async def update_credentials(self, identity: Identity, username: str | None, password: str | None) -> str:
        if identity.user_id is None or identity.session_id is None:
            raise not_found("User not found.", "用户不存在。")
        validate_credentials(username, password)
        hashed = await hash_password(password) if password else None
        async with self._lock:
            async with self._db.begin() as s:
                user = await s.get(User, identity.user_id)
                if user is None:
                    raise not_found("User not found.", "用户不存在。")
                if username and username != user.username:
                    taken = await s.scalar(
                        select(User.id).where(User.username == username, User.id != user.id)
                    )
                    if taken is not None:
                        raise invalid("That username is taken.", "该用户名已被使用。")
                    user.username = username
                if hashed:
                    user.password = hashed
                    # Other browsers logged in with the old password are logged out.
                    await s.execute(
                        delete(Session).where(Session.user_id == user.id, Session.id != identity.session_id)
                    )
                new_name = user.username
            if hashed:
                self._drop_user_sessions(identity.user_id, keep=identity.session_id)
            for open_ in self._open.values():
                if open_.user_id == identity.user_id:
                    open_.username = new_name
            current = self._open.get(identity.session_id)
            if current is None:
                raise unauthenticated("Session expired. Please log in again.", "会话已过期，请重新登录。")
            expires = datetime.fromtimestamp(current.expires, UTC)
        return self._token(identity.session_id, new_name, expires)

    def _drop_user_sessions(self, user_id: int, keep: str | None = None) -> None:
        for sid in [k for k, v in self._open.items() if v.user_id == user_id and k != keep]:
            del self._open[sid]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _as_utc(dt: datetime) -> datetime:
    # SQLite returns naive datetimes even for timezone-aware columns.
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


def _ip_in(client_ip: str, nets: list[str]) -> bool:
    """Whether the address is in one of the CIDR networks (bad entries are skipped)."""
    try:
        addr = ipaddress.ip_address(client_ip.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        addr = addr.ipv4_mapped
    for net in nets:
        try:
            if addr in ipaddress.ip_network(net.strip(), strict=False):
                return True
        except ValueError:
            continue
    return False
