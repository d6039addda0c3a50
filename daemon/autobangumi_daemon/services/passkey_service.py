"""PasskeyService: WebAuthn registration and login, and the user's own passkeys.

Challenges live in the `passkey_challenge` table, so any bridge and a restarted daemon can
finish a ceremony that another one started. A challenge is found by the value the browser
signed, deleted as it is used (so it works once, whatever the outcome) and ignored after
five minutes; expired ones are purged whenever a new one is issued.

Statuses follow AutoBangumi 3.2 (contract §3.2): a missing, used or expired challenge and a
registration that fails verification answer 400 (sent as OUT_OF_RANGE, which the bridge maps
to 400; INVALID_ARGUMENT is its 422), never 401, because the WebUI logs the user out on any
401. Every refused passkey login answers 401 and counts as a failed login for throttling,
exactly like a wrong password.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf import json_format, struct_pb2
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from autobangumi.rpc import Caller
from autobangumi.v1 import auth_pb2, common_pb2, passkey_pb2
from autobangumi_daemon.auth import webauthn
from autobangumi_daemon.auth.webauthn import RelyingParty, WebAuthnError
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Passkey, PasskeyChallenge, User
from autobangumi_daemon.errors import BadRequest, bad_request, invalid, not_found, unauthenticated

__all__ = ["PasskeyService"]

CHALLENGE_TTL = timedelta(minutes=5)
# Auth options are open to anyone: bound what a flood of them can leave in the table.
MAX_PENDING_CHALLENGES = 1000
REGISTER, AUTH = "register", "auth"

_USER_NOT_FOUND = ("User not found.", "用户不存在。")
_CHALLENGE_GONE = (
    "Challenge not found or expired. Please try again.",
    "挑战值不存在或已过期，请重试。",
)


def _bad_request(msg_en: str, msg_zh: str) -> BadRequest:
    """AutoBangumi's 400 (see the module docstring)."""
    return bad_request(msg_en, msg_zh)


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(dt: datetime | None) -> str | None:
    return None if dt is None else _as_utc(dt).isoformat()


def _as_utc(dt: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    return dt if dt.tzinfo is not None else dt.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class _Pending:
    challenge: str
    user_id: int | None
    rp_id: str
    origin: str
    expires_at: datetime


def _as_dict(value: struct_pb2.Struct) -> dict[str, Any]:
    data: dict[str, Any] = json_format.MessageToDict(value)
    return data


def _struct(data: Mapping[str, Any]) -> struct_pb2.Struct:
    out = struct_pb2.Struct()
    out.update(data)
    return out


class PasskeyService:
    SERVICE = "autobangumi.v1.PasskeyService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- helpers ---------------------------------------------------------------------
    def _rp(self, caller: Caller) -> RelyingParty:
        sec = self.ctx.config.config.security
        return webauthn.relying_party(caller.metadata, sec.webauthn_rp_id, sec.webauthn_origin)

    async def _session_user(self, caller: Caller) -> User:
        """The logged-in user; an API token has no user, so it gets AutoBangumi's 404."""
        user_id = caller.identity.user_id if caller.identity else None
        user = None
        if user_id is not None:
            async with self.ctx.db() as s:
                user = await s.get(User, user_id)
        if user is None:
            raise not_found(*_USER_NOT_FOUND)
        return user

    async def _issue_challenge(self, purpose: str, user_id: int | None, rp: RelyingParty, value: str) -> None:
        now = _now()
        async with self.ctx.db.begin() as s:
            await s.execute(delete(PasskeyChallenge).where(PasskeyChallenge.expires_at < now))
            s.add(
                PasskeyChallenge(
                    challenge=value,
                    purpose=purpose,
                    user_id=user_id,
                    rp_id=rp.id,
                    origin=rp.origin,
                    expires_at=now + CHALLENGE_TTL,
                )
            )
            await s.flush()
            pending = await s.scalar(select(func.count()).select_from(PasskeyChallenge)) or 0
            if pending > MAX_PENDING_CHALLENGES:
                oldest = (
                    select(PasskeyChallenge.id)
                    .order_by(PasskeyChallenge.id)
                    .limit(pending - MAX_PENDING_CHALLENGES)
                )
                await s.execute(delete(PasskeyChallenge).where(PasskeyChallenge.id.in_(oldest)))

    async def _take_challenge(self, credential: Mapping[str, Any], purpose: str) -> _Pending | None:
        """Remove and return the live challenge this response signed, or None.

        Only the caller whose DELETE removed the row goes on, so two bridges racing with
        the same response cannot both use it.
        """
        value = webauthn.client_challenge(credential)
        async with self.ctx.db.begin() as s:
            row = await s.scalar(
                select(PasskeyChallenge).where(
                    PasskeyChallenge.challenge == value, PasskeyChallenge.purpose == purpose
                )
            )
            if row is None:
                return None
            pending = _Pending(row.challenge, row.user_id, row.rp_id, row.origin, _as_utc(row.expires_at))
            gone = await s.execute(
                delete(PasskeyChallenge)
                .where(PasskeyChallenge.id == row.id)
                .execution_options(synchronize_session=False)
            )
            if not gone.rowcount:  # type: ignore[attr-defined]
                return None
        return pending if pending.expires_at > _now() else None

    # -- registration ----------------------------------------------------------------
    async def RegisterOptions(
        self, req: passkey_pb2.PasskeyRegisterOptionsRequest, caller: Caller
    ) -> passkey_pb2.PasskeyOptions:
        user = await self._session_user(caller)
        rp = self._rp(caller)
        async with self.ctx.db() as s:
            existing = (
                await s.scalars(select(Passkey.credential_id).where(Passkey.user_id == user.id))
            ).all()
        options, challenge = webauthn.registration_options(rp, user.id, user.username, existing)
        await self._issue_challenge(REGISTER, user.id, rp, challenge)
        return passkey_pb2.PasskeyOptions(options=_struct(options))

    async def RegisterVerify(
        self, req: passkey_pb2.PasskeyRegisterVerifyRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        user = await self._session_user(caller)
        name = req.name.strip()
        if not 1 <= len(name) <= 64:
            raise invalid("The passkey name must be 1 to 64 characters.", "Passkey 名称须为 1 到 64 个字符。")
        credential = _as_dict(req.attestation_response)
        try:
            challenge = await self._take_challenge(credential, REGISTER)
            if challenge is None or challenge.user_id != user.id:
                raise _bad_request(*_CHALLENGE_GONE)
            rp = RelyingParty(id=challenge.rp_id, origin=challenge.origin)
            new = await asyncio.to_thread(webauthn.verify_registration, credential, challenge.challenge, rp)
        except WebAuthnError as exc:
            raise _bad_request(
                f"Invalid registration response: {exc.msg_en}", f"注册响应无效：{exc.msg_zh}"
            ) from None
        try:
            async with self.ctx.db.begin() as s:
                taken = await s.scalar(select(Passkey.id).where(Passkey.credential_id == new.credential_id))
                if taken is not None:
                    raise _bad_request("This passkey is already registered.", "该 Passkey 已经注册过了。")
                s.add(
                    Passkey(
                        user_id=user.id,
                        name=name,
                        credential_id=new.credential_id,
                        public_key=new.public_key,
                        sign_count=new.sign_count,
                        aaguid=new.aaguid,
                        created_at=_now(),
                        backup_eligible=new.backup_eligible,
                        backup_state=new.backup_state,
                    )
                )
        except IntegrityError:  # the same key registered twice at once
            raise _bad_request("This passkey is already registered.", "该 Passkey 已经注册过了。") from None
        return common_pb2.ApiMessage(
            msg_en=f"Passkey '{name}' registered successfully", msg_zh=f"Passkey「{name}」注册成功"
        )

    # -- login -----------------------------------------------------------------------
    async def AuthOptions(
        self, req: passkey_pb2.PasskeyAuthOptionsRequest, caller: Caller
    ) -> passkey_pb2.PasskeyOptions:
        auth = self.ctx.auth
        auth.check_allowlist(caller.client_ip)
        auth.check_throttle(caller.client_ip)
        rp = self._rp(caller)
        user_id: int | None = None
        allowed: list[str] | None = None
        if req.HasField("username") and req.username:
            async with self.ctx.db() as s:
                user_id = await s.scalar(select(User.id).where(User.username == req.username))
                if user_id is None:
                    # Probing for user names costs the same as guessing passwords.
                    auth.throttle.failure(caller.client_ip)
                    raise not_found(*_USER_NOT_FOUND)
                allowed = list(
                    (await s.scalars(select(Passkey.credential_id).where(Passkey.user_id == user_id))).all()
                )
            if not allowed:
                raise _bad_request("No passkeys registered for this user.", "该用户尚未注册任何 Passkey。")
        options, challenge = webauthn.authentication_options(rp, allowed)
        await self._issue_challenge(AUTH, user_id, rp, challenge)
        return passkey_pb2.PasskeyOptions(options=_struct(options))

    async def AuthVerify(
        self, req: passkey_pb2.PasskeyAuthVerifyRequest, caller: Caller
    ) -> auth_pb2.TokenResponse:
        auth = self.ctx.auth
        ip = caller.client_ip
        auth.check_allowlist(ip)
        auth.check_throttle(ip)
        try:
            user_id, username = await self._verify_login(req, caller)
        except WebAuthnError as exc:
            auth.throttle.failure(ip)
            raise unauthenticated(exc.msg_en, exc.msg_zh) from None
        auth.throttle.success(ip)
        token = await auth.open_session(user_id, username, ip, "passkey")
        return auth_pb2.TokenResponse(access_token=token, token_type="bearer")

    async def _verify_login(
        self, req: passkey_pb2.PasskeyAuthVerifyRequest, caller: Caller
    ) -> tuple[int, str]:
        """The (user id, username) a login response proves; WebAuthnError for any refusal."""
        credential = _as_dict(req.credential)
        if not credential:
            raise WebAuthnError("Invalid passkey credential.", "Passkey 凭据无效。")
        challenge = await self._take_challenge(credential, AUTH)
        if challenge is None:
            raise WebAuthnError(*_CHALLENGE_GONE)
        cred_id = webauthn.credential_id(credential)
        async with self.ctx.db() as s:
            key = await s.scalar(select(Passkey).where(Passkey.credential_id == cred_id))
            if key is None:
                raise WebAuthnError("Passkey not found.", "未找到该 Passkey。")
            owner = await s.get(User, key.user_id)
            named = None
            if req.HasField("username") and req.username:
                named = await s.scalar(select(User).where(User.username == req.username))
                if named is None:
                    raise WebAuthnError(*_USER_NOT_FOUND)
        if owner is None:
            raise WebAuthnError(*_USER_NOT_FOUND)
        response = credential.get("response")
        handle = response.get("userHandle") if isinstance(response, dict) else None
        if (
            (named is not None and named.id != owner.id)
            or (challenge.user_id is not None and challenge.user_id != owner.id)
            or (handle and webauthn.b64url_decode(str(handle)) != webauthn.user_handle(owner.id))
        ):
            raise WebAuthnError("Passkey does not belong to specified user.", "该 Passkey 不属于指定的用户。")
        rp = RelyingParty(id=challenge.rp_id, origin=challenge.origin)
        result = await asyncio.to_thread(
            webauthn.verify_assertion, credential, challenge.challenge, rp, key.public_key, key.sign_count
        )
        async with self.ctx.db.begin() as s:
            # Compare-and-set on the counter: of two logins racing with one counter value,
            # only the first may pass.
            done = await s.execute(
                update(Passkey)
                .where(Passkey.id == key.id, Passkey.sign_count == key.sign_count)
                .values(sign_count=result.sign_count, backup_state=result.backup_state, last_used_at=_now())
            )
        if not done.rowcount:  # type: ignore[attr-defined]
            raise WebAuthnError(
                "The passkey was used twice at once; please try again.",
                "该 Passkey 被同时使用了两次，请重试。",
            )
        return owner.id, owner.username

    # -- the user's passkeys ---------------------------------------------------------
    async def ListPasskeys(
        self, req: passkey_pb2.ListPasskeysRequest, caller: Caller
    ) -> passkey_pb2.ListPasskeysResponse:
        user_id = caller.identity.user_id if caller.identity else None
        if user_id is None:
            return passkey_pb2.ListPasskeysResponse()
        async with self.ctx.db() as s:
            rows = (
                await s.scalars(select(Passkey).where(Passkey.user_id == user_id).order_by(Passkey.id))
            ).all()
        out = passkey_pb2.ListPasskeysResponse()
        for row in rows:
            item = out.passkeys.add(
                id=row.id,
                name=row.name,
                created_at=_iso(row.created_at) or "",
                backup_eligible=row.backup_eligible,
            )
            if row.last_used_at is not None:
                item.last_used_at = _iso(row.last_used_at) or ""
            if row.aaguid is not None:
                item.aaguid = row.aaguid
        return out

    async def DeletePasskey(
        self, req: passkey_pb2.DeletePasskeyRequest, caller: Caller
    ) -> common_pb2.ApiMessage:
        user_id = caller.identity.user_id if caller.identity else None
        async with self.ctx.db.begin() as s:
            result = await s.execute(
                delete(Passkey).where(Passkey.id == req.passkey_id, Passkey.user_id == user_id)
            )
        if not result.rowcount:  # type: ignore[attr-defined]
            raise not_found(
                f"Passkey not found (passkey_id {req.passkey_id}).",
                f"未找到该 Passkey（passkey_id 为 {req.passkey_id}）。",
            )
        return common_pb2.ApiMessage(msg_en="Passkey deleted successfully", msg_zh="Passkey 删除成功")
