"""Passkeys end to end: a software authenticator against the real daemon and bridge.

Every ceremony goes over HTTP with the browser's headers (Origin) and cookie jar; refusals
must come back with the contract's status and a message in both languages.
"""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import aiohttp
import cbor2
import grpc
import pytest
from google.protobuf import json_format
from grpc import aio
from sqlalchemy import select, update
from yarl import URL

from autobangumi.v1 import auth_pb2, passkey_pb2
from autobangumi_app.server import Running, start_bridge
from autobangumi_daemon.auth.passwords import hash_password
from autobangumi_daemon.auth.webauthn import relying_party
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.db.models import Passkey, PasskeyChallenge, Session, User
from autobangumi_daemon.services import passkey_service
from tests.helpers import USERNAME, Server, complete_setup, new_session
from tests.passkey_authenticator import SoftAuthenticator, b64url, b64url_decode

# -- helpers ---------------------------------------------------------------------------------


def _ctx(server: Server) -> AppContext:
    assert server.running.daemon is not None and server.running.daemon.ctx is not None
    return server.running.daemon.ctx


def _hdr(server: Server) -> dict[str, str]:
    # What a browser on the WebUI page sends with every fetch.
    return {"Origin": server.base, "Sec-Fetch-Site": "same-origin"}


async def _post(
    http: aiohttp.ClientSession, server: Server, path: str, body: object = None, **kw: Any
) -> tuple[int, Any]:
    headers = kw.pop("headers", None) or _hdr(server)
    async with http.post(server.api + path, json=body, headers=headers, **kw) as resp:
        return resp.status, await resp.json()


def _refused(status: int, body: Any, want_status: int, *words: str) -> None:
    assert status == want_status, body
    assert body["status"] is False and body["msg_zh"], body
    assert body["msg_zh"] != body["msg_en"], body  # really translated
    for word in words:
        assert word.lower() in body["msg_en"].lower(), body


async def _register(
    http: aiohttp.ClientSession, server: Server, device: SoftAuthenticator, name: str = "My laptop"
) -> dict[str, Any]:
    status, options = await _post(http, server, "/passkey/register/options")
    assert status == 200, options
    response = device.create(options)
    status, body = await _post(
        http, server, "/passkey/register/verify", {"name": name, "attestation_response": response}
    )
    assert status == 200, body
    assert body["msg_en"] == f"Passkey '{name}' registered successfully" and name in body["msg_zh"]
    return response


async def _auth_options(
    http: aiohttp.ClientSession, server: Server, username: str | None = USERNAME
) -> dict[str, Any]:
    status, options = await _post(
        http, server, "/passkey/auth/options", {"username": username} if username else {}
    )
    assert status == 200 and isinstance(options, dict), options
    return options


async def _login(
    http: aiohttp.ClientSession, server: Server, credential: dict[str, Any], username: str | None = USERNAME
) -> tuple[int, Any]:
    body: dict[str, Any] = {"credential": credential}
    if username is not None:
        body["username"] = username
    return await _post(http, server, "/passkey/auth/verify", body)


@pytest.fixture
def device(ready: Server) -> SoftAuthenticator:
    return SoftAuthenticator(origin=ready.base)


@pytest.fixture
async def anon() -> AsyncIterator[aiohttp.ClientSession]:
    """A second browser with an empty cookie jar."""
    async with new_session() as session:
        yield session


async def _key_rows(server: Server) -> list[Passkey]:
    async with _ctx(server).db() as s:
        return list((await s.scalars(select(Passkey).order_by(Passkey.id))).all())


# -- the happy path --------------------------------------------------------------------------


async def test_register_list_log_in_both_ways_and_delete(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    status, options = await _post(http, ready, "/passkey/register/options")
    assert status == 200
    assert options["rp"] == {"name": "AutoBangumi", "id": "127.0.0.1"}
    assert b64url_decode(options["user"]["id"]) == b"1"
    assert options["user"]["name"] == options["user"]["displayName"] == USERNAME
    assert [p["alg"] for p in options["pubKeyCredParams"]] == [-7, -257]
    assert options["authenticatorSelection"]["residentKey"] == "required"
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert options["attestation"] == "none" and options["timeout"] == 60000
    assert options["excludeCredentials"] == []
    assert len(b64url_decode(options["challenge"])) >= 32

    response = device.create(options)
    status, body = await _post(
        http, ready, "/passkey/register/verify", {"name": "My laptop", "attestation_response": response}
    )
    assert status == 200, body
    assert body == {
        "msg_en": "Passkey 'My laptop' registered successfully",
        "msg_zh": "Passkey「My laptop」注册成功",
    }

    # Stored as the contract says (§3.2/§5.5).
    (row,) = await _key_rows(ready)
    assert row.credential_id == response["id"] and "=" not in row.credential_id
    cose = base64.b64decode(row.public_key, validate=True)
    assert cbor2.loads(cose)[3] == -7
    assert row.sign_count == 0 and row.backup_eligible and row.backup_state
    assert row.aaguid == "adce0002-35bc-c60a-648b-0b25f1f05503" and row.transports is None

    async with http.get(ready.api + "/passkey/list") as resp:
        assert resp.status == 200
        listed = await resp.json()
    assert listed == [
        {
            "id": row.id,
            "name": "My laptop",
            "created_at": listed[0]["created_at"],
            "last_used_at": None,
            "backup_eligible": True,
            "aaguid": "adce0002-35bc-c60a-648b-0b25f1f05503",
        }
    ]
    assert datetime.fromisoformat(listed[0]["created_at"]).tzinfo is not None

    # A second registration excludes the first key.
    status, options = await _post(http, ready, "/passkey/register/options")
    assert [c["id"] for c in options["excludeCredentials"]] == [response["id"]]

    # Log in by username in a browser without a cookie.
    async with anon.get(ready.api + "/passkey/list") as resp:
        assert resp.status == 401
    options = await _auth_options(anon, ready)
    assert options["rpId"] == "127.0.0.1" and options["userVerification"] == "preferred"
    assert [c["id"] for c in options["allowCredentials"]] == [response["id"]]
    status, body = await _login(anon, ready, device.get(options))
    assert status == 200, body
    assert body["token_type"] == "bearer" and body["access_token"].count(".") == 2
    assert anon.cookie_jar.filter_cookies(URL(ready.base))["token"].value == body["access_token"]
    async with anon.get(ready.api + "/passkey/list") as resp:
        assert resp.status == 200
        (item,) = await resp.json()
    assert item["last_used_at"] is not None
    async with anon.get(ready.api + "/config/get") as resp:
        assert resp.status == 200

    # Usernameless (discoverable): no allowCredentials, the browser offers every key.
    async with new_session() as third:
        options = await _auth_options(third, ready, username=None)
        assert "allowCredentials" not in options
        status, body = await _login(third, ready, device.get(options), username=None)
        assert status == 200, body
        async with third.get(ready.api + "/config/get") as resp:
            assert resp.status == 200

    (row,) = await _key_rows(ready)
    assert row.sign_count == 2 and row.last_used_at is not None
    async with _ctx(ready).db() as s:
        methods = (await s.scalars(select(Session.method).order_by(Session.created_at))).all()
    assert list(methods) == ["password", "passkey", "passkey"]

    status, body = await _post(http, ready, "/passkey/delete", {"passkey_id": row.id})
    assert status == 200 and body["msg_en"] == "Passkey deleted successfully"
    async with http.get(ready.api + "/passkey/list") as resp:
        assert await resp.json() == []
    status, body = await _post(http, ready, "/passkey/delete", {"passkey_id": row.id})
    _refused(status, body, 404, "not found")
    # The deleted key no longer logs anyone in.
    async with new_session() as fourth:
        options = await _auth_options(fourth, ready, username=None)
        status, body = await _login(fourth, ready, device.get(options), username=None)
        _refused(status, body, 401, "passkey not found")
        status, body = await _post(fourth, ready, "/passkey/auth/options", {"username": USERNAME})
        _refused(status, body, 400, "no passkeys")


async def test_challenges_outlive_the_bridge_and_a_restart(
    ready: Server, http: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    await _register(http, ready, device)
    # Options from the in-process bridge, answer through a standalone bridge over gRPC.
    other: Running = await start_bridge(ready.grpc_target, "127.0.0.1", 0)
    try:
        async with new_session() as browser:
            url = f"http://127.0.0.1:{other.http_port}/api/v1/passkey/auth/verify"
            options = await _auth_options(browser, ready)
            async with browser.post(
                url, json={"credential": device.get(options)}, headers=_hdr(ready)
            ) as resp:
                assert resp.status == 200, await resp.text()
                assert "token=" in resp.headers["Set-Cookie"]
    finally:
        await other.stop()
    # A restart in the middle of a ceremony does not lose the challenge.
    async with new_session() as browser:
        options = await _auth_options(browser, ready)
        await ready.restart()
        status, body = await _login(browser, ready, device.get(options))
        assert status == 200, body


async def test_passkey_login_over_grpc(ready: Server, http: aiohttp.ClientSession) -> None:
    device = SoftAuthenticator(origin="https://ab.example.org")
    # Register from the same public origin, as a browser behind a proxy would.
    hdr = {"Origin": "https://ab.example.org", "Sec-Fetch-Site": "same-origin"}
    status, options = await _post(http, ready, "/passkey/register/options", headers=hdr)
    assert options["rp"]["id"] == "ab.example.org"
    status, body = await _post(
        http,
        ready,
        "/passkey/register/verify",
        {"name": "Phone", "attestation_response": device.create(options)},
        headers=hdr,
    )
    assert status == 200, body
    md = (("x-http-origin", "https://ab.example.org"),)
    async with aio.insecure_channel(ready.grpc_target) as ch:
        opts = ch.unary_unary(
            "/autobangumi.v1.PasskeyService/AuthOptions",
            request_serializer=passkey_pb2.PasskeyAuthOptionsRequest.SerializeToString,
            response_deserializer=passkey_pb2.PasskeyOptions.FromString,
        )
        verify = ch.unary_unary(
            "/autobangumi.v1.PasskeyService/AuthVerify",
            request_serializer=passkey_pb2.PasskeyAuthVerifyRequest.SerializeToString,
            response_deserializer=lambda b: b,
        )
        listing = ch.unary_unary(
            "/autobangumi.v1.PasskeyService/ListPasskeys",
            request_serializer=passkey_pb2.ListPasskeysRequest.SerializeToString,
            response_deserializer=passkey_pb2.ListPasskeysResponse.FromString,
        )
        got = await opts(passkey_pb2.PasskeyAuthOptionsRequest(), metadata=md)
        options = json_format.MessageToDict(got.options)
        assert options["rpId"] == "ab.example.org"
        req = passkey_pb2.PasskeyAuthVerifyRequest()
        req.credential.update(device.get(options))
        token = auth_pb2.TokenResponse.FromString(await verify(req, metadata=md)).access_token
        keys = await listing(
            passkey_pb2.ListPasskeysRequest(), metadata=(("authorization", f"Bearer {token}"),)
        )
        assert [k.name for k in keys.passkeys] == ["Phone"]
        # The same answer twice: the challenge is gone.
        with pytest.raises(aio.AioRpcError) as exc:
            await verify(req, metadata=md)
        assert exc.value.code() == grpc.StatusCode.UNAUTHENTICATED


# -- who may register -----------------------------------------------------------------------


async def test_registration_needs_a_user_session(ready: Server, http: aiohttp.ClientSession) -> None:
    async with http.patch(
        ready.api + "/config/update", json={"security": {"login_tokens": ["machine-token-123456"]}}
    ) as resp:
        assert resp.status == 200
    async with new_session() as machine:
        hdr = {"Authorization": "Bearer machine-token-123456", "Origin": ready.base}
        status, body = await _post(machine, ready, "/passkey/register/options", headers=hdr)
        _refused(status, body, 404, "user not found")
        status, body = await _post(machine, ready, "/passkey/register/verify", {"name": "x"}, headers=hdr)
        _refused(status, body, 404, "user not found")
        status, body = await _post(machine, ready, "/passkey/register/options")
        assert status == 401
    status, body = await _post(
        http, ready, "/passkey/register/verify", {"name": "", "attestation_response": {}}
    )
    _refused(status, body, 422, "name")
    status, body = await _post(
        http, ready, "/passkey/register/verify", {"name": "n" * 65, "attestation_response": {}}
    )
    _refused(status, body, 422, "name")
    status, body = await _post(
        http, ready, "/passkey/register/verify", {"name": "ok", "attestation_response": {"id": "x"}}
    )
    _refused(status, body, 400, "invalid registration response")


async def test_registering_the_same_key_twice_is_refused(
    ready: Server, http: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    response = await _register(http, ready, device)
    status, options = await _post(http, ready, "/passkey/register/options")
    # A browser would refuse (excludeCredentials); the same attestation answering a fresh
    # challenge must be refused by the server too.
    client_data = json.loads(b64url_decode(response["response"]["clientDataJSON"]))
    client_data["challenge"] = options["challenge"]
    replay = {
        **response,
        "response": {**response["response"], "clientDataJSON": b64url(json.dumps(client_data).encode())},
    }
    status, body = await _post(
        http, ready, "/passkey/register/verify", {"name": "Again", "attestation_response": replay}
    )
    _refused(status, body, 400, "already registered")


# -- refusals -------------------------------------------------------------------------------


async def test_replayed_challenges_are_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    response = await _register(http, ready, device)
    status, body = await _post(
        http, ready, "/passkey/register/verify", {"name": "Again", "attestation_response": response}
    )
    _refused(status, body, 400, "challenge not found or expired")
    assert len(await _key_rows(ready)) == 1

    options = await _auth_options(anon, ready)
    answer = device.get(options)
    status, body = await _login(anon, ready, answer)
    assert status == 200
    anon.cookie_jar.clear()
    status, body = await _login(anon, ready, answer)
    _refused(status, body, 401, "challenge not found or expired")
    assert "token" not in anon.cookie_jar.filter_cookies(URL(ready.base))


async def test_expired_challenges_are_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    async def expire_all() -> None:
        past = datetime.now(UTC) - timedelta(seconds=1)
        async with _ctx(ready).db.begin() as s:
            await s.execute(update(PasskeyChallenge).values(expires_at=past))

    status, options = await _post(http, ready, "/passkey/register/options")
    await expire_all()
    status, body = await _post(
        http,
        ready,
        "/passkey/register/verify",
        {"name": "Late", "attestation_response": device.create(options)},
    )
    _refused(status, body, 400, "expired")
    assert await _key_rows(ready) == []

    device = SoftAuthenticator(origin=ready.base)
    await _register(http, ready, device)
    options = await _auth_options(anon, ready)
    await expire_all()
    status, body = await _login(anon, ready, device.get(options))
    _refused(status, body, 401, "expired")
    # Expired rows are purged when the next challenge is issued.
    await _auth_options(anon, ready)
    async with _ctx(ready).db() as s:
        left = (await s.scalars(select(PasskeyChallenge))).all()
    assert len(left) == 1 and left[0].expires_at.replace(tzinfo=UTC) > datetime.now(UTC)


async def test_pending_challenges_are_bounded(
    ready: Server, anon: aiohttp.ClientSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(passkey_service, "MAX_PENDING_CHALLENGES", 3)
    issued = [(await _auth_options(anon, ready, username=None))["challenge"] for _ in range(5)]
    async with _ctx(ready).db() as s:
        left = (await s.scalars(select(PasskeyChallenge.challenge).order_by(PasskeyChallenge.id))).all()
    assert list(left) == issued[-3:]


async def test_a_wrong_origin_is_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    status, options = await _post(http, ready, "/passkey/register/options")
    status, body = await _post(
        http,
        ready,
        "/passkey/register/verify",
        {"name": "Phish", "attestation_response": device.create(options, origin="https://evil.example")},
    )
    _refused(status, body, 400, "invalid registration response", "https://evil.example", ready.base)
    assert "webauthn_origin" in body["msg_zh"]

    device = SoftAuthenticator(origin=ready.base)
    await _register(http, ready, device)
    options = await _auth_options(anon, ready)
    status, body = await _login(anon, ready, device.get(options, origin="https://evil.example"))
    _refused(status, body, 401, "https://evil.example")


async def test_a_wrong_rp_id_is_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    status, options = await _post(http, ready, "/passkey/register/options")
    status, body = await _post(
        http,
        ready,
        "/passkey/register/verify",
        {"name": "Other", "attestation_response": device.create(options, rp_id="evil.example")},
    )
    _refused(status, body, 400, "another site", "rp id 127.0.0.1")

    device = SoftAuthenticator(origin=ready.base)
    await _register(http, ready, device)
    options = await _auth_options(anon, ready)
    status, body = await _login(anon, ready, device.get(options, rp_id="evil.example"))
    _refused(status, body, 401, "another site")


async def test_a_tampered_signature_is_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    await _register(http, ready, device)
    options = await _auth_options(anon, ready)
    status, body = await _login(anon, ready, device.get(options, tamper=True))
    _refused(status, body, 401, "signature")
    (row,) = await _key_rows(ready)
    assert row.sign_count == 0 and row.last_used_at is None
    # A signature made by another key over the right data is refused the same way.
    options = await _auth_options(anon, ready)
    answer = device.get(options)
    foreign = SoftAuthenticator(origin=ready.base).make_credential("127.0.0.1", b"1")
    signed_by_other = device.get(options, credential=foreign)
    answer["response"]["signature"] = signed_by_other["response"]["signature"]
    status, body = await _login(anon, ready, answer)
    _refused(status, body, 401, "signature")
    assert "token" not in anon.cookie_jar.filter_cookies(URL(ready.base))


async def test_an_unknown_credential_is_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    await _register(http, ready, device)
    stranger = SoftAuthenticator(origin=ready.base)
    stranger.make_credential("127.0.0.1", b"1")
    options = await _auth_options(anon, ready, username=None)
    status, body = await _login(anon, ready, stranger.get(options), username=None)
    _refused(status, body, 401, "passkey not found")
    options = await _auth_options(anon, ready)
    status, body = await _login(anon, ready, {"id": "x", "rawId": "x"})
    _refused(status, body, 401)
    status, body = await _post(anon, ready, "/passkey/auth/verify", {})
    _refused(status, body, 401, "invalid passkey credential")
    status, body = await _post(anon, ready, "/passkey/auth/options", {"username": "nobody_here"})
    _refused(status, body, 404, "user not found")


async def test_another_users_credential_is_refused(
    ready: Server,
    http: aiohttp.ClientSession,
    anon: aiohttp.ClientSession,
    device: SoftAuthenticator,
) -> None:
    await _register(http, ready, device)
    # A second account with its own passkey, written straight into the database.
    other_device = SoftAuthenticator(origin=ready.base)
    async with _ctx(ready).db.begin() as s:
        other = User(
            username="second_user",
            password=await hash_password("second-pass-1"),
            created_at=datetime.now(UTC),
        )
        s.add(other)
        await s.flush()
        other_id = other.id
        cred = other_device.make_credential("127.0.0.1", str(other_id).encode())
        s.add(
            Passkey(
                user_id=other_id,
                name="Theirs",
                credential_id=b64url(cred.id),
                public_key=base64.b64encode(cred.cose_public_key()).decode(),
                created_at=datetime.now(UTC),
            )
        )
    (mine, theirs) = await _key_rows(ready)

    # Their key, offered for my username: refused (and the challenge was issued for me).
    options = await _auth_options(anon, ready)
    status, body = await _login(anon, ready, other_device.get(options, credential=cred))
    _refused(status, body, 401, "does not belong")
    # Discoverable mode with my name claimed in the verify call: refused.
    options = await _auth_options(anon, ready, username=None)
    status, body = await _login(anon, ready, other_device.get(options, credential=cred))
    _refused(status, body, 401, "does not belong")
    # Their key claiming my user handle: refused.
    options = await _auth_options(anon, ready, username=None)
    status, body = await _login(
        anon, ready, other_device.get(options, credential=cred, user_handle=b"1"), username=None
    )
    _refused(status, body, 401, "does not belong")
    # I neither see nor delete their key.
    async with http.get(ready.api + "/passkey/list") as resp:
        assert [k["id"] for k in await resp.json()] == [mine.id]
    status, body = await _post(http, ready, "/passkey/delete", {"passkey_id": theirs.id})
    _refused(status, body, 404, "not found")
    assert len(await _key_rows(ready)) == 2
    # Their own genuine discoverable login opens a session for them, not for me.
    options = await _auth_options(anon, ready, username=None)
    status, body = await _login(anon, ready, other_device.get(options, credential=cred), username=None)
    assert status == 200, body
    async with _ctx(ready).db() as s:
        last = await s.scalar(select(Session).order_by(Session.created_at.desc()).limit(1))
    assert last is not None and last.user_id == other_id and last.method == "passkey"
    async with anon.get(ready.api + "/passkey/list") as resp:
        assert [k["name"] for k in await resp.json()] == ["Theirs"]


async def test_a_counter_regression_is_refused(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    await _register(http, ready, device)
    for expected in (1, 5):
        options = await _auth_options(anon, ready)
        status, body = await _login(anon, ready, device.get(options, counter=expected))
        assert status == 200, body
    (row,) = await _key_rows(ready)
    assert row.sign_count == 5
    for stale in (5, 3, 0):
        options = await _auth_options(anon, ready)
        status, body = await _login(anon, ready, device.get(options, counter=stale))
        _refused(status, body, 401, "counter", "cloned")
    (row,) = await _key_rows(ready)
    assert row.sign_count == 5


async def test_authenticators_without_a_counter_keep_working(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    # Synced passkeys (iCloud, Google) always report 0: that is "no counter", not a clone.
    await _register(http, ready, device)
    for _ in range(2):
        options = await _auth_options(anon, ready)
        status, body = await _login(anon, ready, device.get(options, counter=0))
        assert status == 200, body


# -- login policy ---------------------------------------------------------------------------


async def test_failed_passkey_logins_are_throttled(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    await _register(http, ready, device)
    for _ in range(5):
        options = await _auth_options(anon, ready)
        status, _body = await _login(anon, ready, device.get(options, tamper=True))
        assert status == 401
    status, body = await _post(anon, ready, "/passkey/auth/options", {"username": USERNAME})
    _refused(status, body, 429, "too many")
    status, body = await _login(anon, ready, {"id": "x"})
    _refused(status, body, 429, "too many")


async def test_the_login_allowlist_applies(
    ready: Server, http: aiohttp.ClientSession, anon: aiohttp.ClientSession, device: SoftAuthenticator
) -> None:
    await _register(http, ready, device)
    options = await _auth_options(anon, ready)
    async with http.patch(
        ready.api + "/config/update", json={"security": {"login_whitelist": ["10.0.0.0/8"]}}
    ) as resp:
        assert resp.status == 200
    status, body = await _login(anon, ready, device.get(options))
    _refused(status, body, 403, "whitelist")
    status, body = await _post(anon, ready, "/passkey/auth/options", {})
    _refused(status, body, 403, "whitelist")


# -- relying party --------------------------------------------------------------------------


def test_the_relying_party_comes_from_the_request() -> None:
    rp = relying_party({"origin": "https://ab.example.org", "referer": "https://x.example/", "host": "h:1"})
    assert (rp.id, rp.origin) == ("ab.example.org", "https://ab.example.org")
    rp = relying_party({"origin": "null", "referer": "http://Media.LAN:7892/#/config", "host": "h:1"})
    assert (rp.id, rp.origin) == ("media.lan", "http://media.lan:7892")
    rp = relying_party(
        {"x-forwarded-proto": "https, http", "x-forwarded-host": "ab.example.org:443", "host": "in:7892"}
    )
    assert (rp.id, rp.origin) == ("ab.example.org", "https://ab.example.org")
    rp = relying_party({"host": "192.168.1.5:7892"})
    assert (rp.id, rp.origin) == ("192.168.1.5", "http://192.168.1.5:7892")
    rp = relying_party({"host": "[::1]:7892"})
    assert (rp.id, rp.origin) == ("::1", "http://[::1]:7892")
    rp = relying_party({})
    assert (rp.id, rp.origin) == ("localhost", "http://localhost:7892")
    rp = relying_party({"origin": "http://10.0.0.2:7892"}, "ab.example.org", "https://ab.example.org/")
    assert (rp.id, rp.origin) == ("ab.example.org", "https://ab.example.org")
    rp = relying_party({"origin": "http://10.0.0.2:7892"}, "", "https://ab.example.org:8443")
    assert (rp.id, rp.origin) == ("ab.example.org", "https://ab.example.org:8443")


async def test_config_and_forwarded_headers_set_the_relying_party(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    hdr = {"X-Forwarded-Proto": "https", "X-Forwarded-Host": "bangumi.example.net"}
    status, options = await _post(http, ready, "/passkey/register/options", headers=hdr)
    assert options["rp"]["id"] == "bangumi.example.net"
    async with http.patch(
        ready.api + "/config/update",
        json={"security": {"webauthn_rp_id": "example.net", "webauthn_origin": "https://ab.example.net"}},
    ) as resp:
        assert resp.status == 200, await resp.text()
    status, options = await _post(http, ready, "/passkey/register/options")
    assert options["rp"]["id"] == "example.net"
    device = SoftAuthenticator(origin="https://ab.example.net")
    status, body = await _post(
        http,
        ready,
        "/passkey/register/verify",
        {"name": "Proxy", "attestation_response": device.create(options)},
    )
    assert status == 200, body
    async with new_session() as browser:
        options = await _auth_options(browser, ready)
        assert options["rpId"] == "example.net"
        status, body = await _login(browser, ready, device.get(options))
        assert status == 200, body


async def test_setup_is_needed_before_anyone_has_a_passkey(
    server: Server, http: aiohttp.ClientSession
) -> None:
    # Before setup there is no user: discoverable options work, a named user is 404.
    status, body = await _post(http, server, "/passkey/auth/options", {"username": USERNAME})
    _refused(status, body, 404, "user not found")
    await complete_setup(server, http)
    status, body = await _post(http, server, "/passkey/auth/options", {"username": USERNAME})
    _refused(status, body, 400, "no passkeys")
