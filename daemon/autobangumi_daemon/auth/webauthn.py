"""WebAuthn ceremonies on py_webauthn: the relying party, options, and response checks.

No database and no sessions here: the passkey service stores challenges and keys. Every
failure is a `WebAuthnError` carrying an English and a Chinese message, so the service can
answer with whatever status its contract asks for.

Origin and rp id are checked here before py_webauthn runs, so that the two mistakes a
deployment actually makes (a reverse proxy that hides the public origin, an rp id that does
not match the site) get a message naming the cause instead of a generic failure.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

# py_webauthn pulls in cryptography and pyOpenSSL (about 15 MB): it is imported by the
# functions below, on the first passkey operation, not when the daemon starts.
if TYPE_CHECKING:
    from webauthn.helpers.cose import COSEAlgorithmIdentifier
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor

__all__ = [
    "RP_NAME",
    "TIMEOUT_MS",
    "Assertion",
    "NewCredential",
    "RelyingParty",
    "WebAuthnError",
    "authentication_options",
    "b64url",
    "b64url_decode",
    "client_challenge",
    "credential_id",
    "registration_options",
    "relying_party",
    "user_handle",
    "verify_assertion",
    "verify_registration",
]

log = logging.getLogger(__name__)

RP_NAME = "AutoBangumi"
TIMEOUT_MS = 60_000
DEFAULT_HOST = "localhost:7892"


# What AutoBangumi offers: ES256 (every platform authenticator) and RS256 (Windows Hello).
def _algorithms() -> list[COSEAlgorithmIdentifier]:
    from webauthn.helpers.cose import COSEAlgorithmIdentifier

    return [COSEAlgorithmIdentifier.ECDSA_SHA_256, COSEAlgorithmIdentifier.RSASSA_PKCS1_v1_5_SHA_256]


_DEFAULT_PORTS = {"http": 80, "https": 443}


class WebAuthnError(Exception):
    """A refused ceremony, with the reason in English and Chinese."""

    def __init__(self, msg_en: str, msg_zh: str) -> None:
        super().__init__(msg_en)
        self.msg_en = msg_en
        self.msg_zh = msg_zh


@dataclass(frozen=True, slots=True)
class RelyingParty:
    id: str
    origin: str
    name: str = RP_NAME


@dataclass(frozen=True, slots=True)
class NewCredential:
    credential_id: str  # base64url, no padding
    public_key: str  # standard base64 of the COSE key
    sign_count: int
    aaguid: str
    backup_eligible: bool
    backup_state: bool


@dataclass(frozen=True, slots=True)
class Assertion:
    sign_count: int
    backup_state: bool


# -- encodings ---------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64url_decode(text: str) -> bytes:
    """Strict base64url (padding optional): stray characters are an error, not ignored."""
    text = text.strip().rstrip("=")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError):
        raise WebAuthnError("Malformed base64url data.", "base64url 数据格式错误。") from None


def user_handle(user_id: int) -> bytes:
    # AutoBangumi's user handle is the decimal user id; keeping it lets passkeys made by it
    # (or by us for it) keep working in both directions.
    return str(user_id).encode()


def credential_id(credential: Mapping[str, Any]) -> str:
    """The credential's id as stored (base64url without padding), from the browser's JSON."""
    raw = credential.get("rawId") or credential.get("id")
    if not isinstance(raw, str) or not raw:
        raise WebAuthnError("The passkey response has no credential id.", "Passkey 响应缺少凭据 ID。")
    return b64url(b64url_decode(raw))


# -- the relying party -------------------------------------------------------------------


def _origin_of(url: str) -> str | None:
    """scheme://host[:port] of a URL, lower-cased, default port dropped; None if not http(s)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname
    if scheme not in _DEFAULT_PORTS or not host:
        return None
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        return f"{scheme}://{host}:{port}"
    return f"{scheme}://{host}"


def _first(value: str | None) -> str:
    # Proxy chains append: "https, http" means the outermost hop spoke https.
    return (value or "").split(",")[0].strip()


def relying_party(
    metadata: Mapping[str, str], rp_id_override: str = "", origin_override: str = ""
) -> RelyingParty:
    """The RP for a request: Origin, else Referer, else forwarded headers and Host.

    `security.webauthn_origin` / `webauthn_rp_id` win when set, for a reverse proxy that
    rewrites the headers; the rp id otherwise is the origin's host name.
    """
    origin = _origin_of(origin_override) if origin_override.strip() else None
    if origin is None:
        header = metadata.get("origin", "")
        origin = _origin_of(header) if header and header != "null" else None
    if origin is None and metadata.get("referer"):
        origin = _origin_of(metadata["referer"])
    if origin is None:
        scheme = _first(metadata.get("x-forwarded-proto")).lower() or "http"
        host = _first(metadata.get("x-forwarded-host")) or _first(metadata.get("host")) or DEFAULT_HOST
        origin = _origin_of(f"{scheme}://{host}") or f"http://{DEFAULT_HOST}"
    rp_id = rp_id_override.strip().lower() or (urlsplit(origin).hostname or "localhost")
    return RelyingParty(id=rp_id, origin=origin)


# -- options -----------------------------------------------------------------------------


def _descriptors(credential_ids: Sequence[str]) -> list[PublicKeyCredentialDescriptor]:
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor

    out = []
    for cid in credential_ids:
        try:
            out.append(PublicKeyCredentialDescriptor(id=b64url_decode(cid)))
        except WebAuthnError:
            continue  # a damaged stored id must not block everyone else's options
    return out


def registration_options(
    rp: RelyingParty, user_id: int, username: str, existing: Sequence[str]
) -> tuple[dict[str, Any], str]:
    """Creation options as browser JSON, and their challenge (base64url)."""
    from webauthn import generate_registration_options
    from webauthn.helpers import options_to_json_dict
    from webauthn.helpers.structs import (
        AttestationConveyancePreference,
        AuthenticatorSelectionCriteria,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    options = generate_registration_options(
        rp_id=rp.id,
        rp_name=rp.name,
        user_id=user_handle(user_id),
        user_name=username,
        user_display_name=username,
        timeout=TIMEOUT_MS,
        attestation=AttestationConveyancePreference.NONE,
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.PREFERRED,
        ),
        exclude_credentials=_descriptors(existing),
        supported_pub_key_algs=_algorithms(),
    )
    return options_to_json_dict(options), b64url(options.challenge)


def authentication_options(rp: RelyingParty, allowed: Sequence[str] | None) -> tuple[dict[str, Any], str]:
    """Request options as browser JSON, and their challenge. `allowed=None` is discoverable mode."""
    from webauthn import generate_authentication_options
    from webauthn.helpers import options_to_json_dict
    from webauthn.helpers.structs import UserVerificationRequirement

    options = generate_authentication_options(
        rp_id=rp.id,
        timeout=TIMEOUT_MS,
        allow_credentials=_descriptors(allowed) if allowed is not None else None,
        user_verification=UserVerificationRequirement.PREFERRED,
    )
    data = options_to_json_dict(options)
    if allowed is None:
        # Discoverable mode: no list at all, so the browser offers every passkey for the site.
        data.pop("allowCredentials", None)
    return data, b64url(options.challenge)


# -- responses ---------------------------------------------------------------------------


def _malformed(what: str) -> WebAuthnError:
    return WebAuthnError(f"The passkey's {what} is malformed.", f"Passkey 的 {what} 格式错误。")


def _response_field(credential: Mapping[str, Any], name: str) -> bytes:
    response = credential.get("response")
    value = response.get(name) if isinstance(response, Mapping) else None
    if not isinstance(value, str) or not value:
        raise WebAuthnError(f"The passkey response has no {name}.", f"Passkey 响应缺少 {name}。")
    return b64url_decode(value)


def _client_data(credential: Mapping[str, Any]) -> dict[str, Any]:
    raw = _response_field(credential, "clientDataJSON")
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        raise _malformed("clientDataJSON")
    return data


def client_challenge(credential: Mapping[str, Any]) -> str:
    """The challenge the browser signed (base64url, no padding): the key to the stored one."""
    challenge = _client_data(credential).get("challenge")
    if not isinstance(challenge, str) or not challenge:
        raise WebAuthnError("The passkey response has no challenge.", "Passkey 响应缺少挑战值。")
    return b64url(b64url_decode(challenge))


def _check_origin(credential: Mapping[str, Any], rp: RelyingParty) -> None:
    origin = _client_data(credential).get("origin")
    if origin != rp.origin:
        raise WebAuthnError(
            f"The passkey was used on {origin!s} but this server is {rp.origin}. Behind a reverse proxy, "
            "set security.webauthn_origin.",
            f"Passkey 使用的来源为 {origin!s}，而本服务器为 {rp.origin}。如使用反向代理，"
            "请设置 security.webauthn_origin。",
        )


def _check_rp_id(rp_id_hash: bytes, rp: RelyingParty) -> None:
    if rp_id_hash != hashlib.sha256(rp.id.encode()).digest():
        raise WebAuthnError(
            f"The passkey belongs to another site, not to rp id {rp.id}. Check security.webauthn_rp_id.",
            f"该 Passkey 属于其他站点，而非 rp id {rp.id}。请检查 security.webauthn_rp_id。",
        )


def verify_registration(credential: Mapping[str, Any], challenge: str, rp: RelyingParty) -> NewCredential:
    """Check a navigator.credentials.create() answer. CPU-bound: call it off the event loop."""
    from webauthn import verify_registration_response
    from webauthn.helpers import parse_attestation_object
    from webauthn.helpers.exceptions import WebAuthnException
    from webauthn.helpers.structs import CredentialDeviceType

    _check_origin(credential, rp)
    try:
        attestation = parse_attestation_object(_response_field(credential, "attestationObject"))
    except WebAuthnError:
        raise
    except Exception:  # py_webauthn and cbor2 raise several kinds for damaged data
        raise _malformed("attestationObject") from None
    _check_rp_id(attestation.auth_data.rp_id_hash, rp)
    try:
        verified = verify_registration_response(
            credential=dict(credential),
            expected_challenge=b64url_decode(challenge),
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
            require_user_verification=False,
            supported_pub_key_algs=_algorithms(),
        )
    except WebAuthnException as exc:
        # The library's own wording goes to the log; the user gets a sentence in each language.
        log.info("Passkey registration not verified: %s", exc)
        raise WebAuthnError(
            "The passkey registration could not be verified: the browser's answer does not match "
            "this server's request.",
            "Passkey 注册校验失败：浏览器的响应与本服务器的请求不符。",
        ) from None
    return NewCredential(
        credential_id=b64url(verified.credential_id),
        public_key=base64.b64encode(verified.credential_public_key).decode("ascii"),
        sign_count=verified.sign_count,
        aaguid=verified.aaguid,
        backup_eligible=verified.credential_device_type == CredentialDeviceType.MULTI_DEVICE,
        backup_state=verified.credential_backed_up,
    )


def verify_assertion(
    credential: Mapping[str, Any], challenge: str, rp: RelyingParty, public_key: str, sign_count: int
) -> Assertion:
    """Check a navigator.credentials.get() answer, counter included. CPU-bound."""
    from webauthn import verify_authentication_response
    from webauthn.helpers import parse_authenticator_data
    from webauthn.helpers.exceptions import WebAuthnException

    _check_origin(credential, rp)
    try:
        auth_data = parse_authenticator_data(_response_field(credential, "authenticatorData"))
    except WebAuthnError:
        raise
    except Exception:
        raise _malformed("authenticatorData") from None
    _check_rp_id(auth_data.rp_id_hash, rp)
    try:
        key = base64.b64decode(public_key, validate=True)
    except (binascii.Error, ValueError):
        raise WebAuthnError("The stored passkey is damaged.", "已保存的 Passkey 数据已损坏。") from None
    try:
        # The counter is compared below, after the signature: only a genuine answer may
        # report a clone, and the message can then say so plainly.
        verified = verify_authentication_response(
            credential=dict(credential),
            expected_challenge=b64url_decode(challenge),
            expected_rp_id=rp.id,
            expected_origin=rp.origin,
            credential_public_key=key,
            credential_current_sign_count=0,
            require_user_verification=False,
        )
    except WebAuthnException as exc:
        if "signature" in str(exc).lower():
            raise WebAuthnError("The passkey's signature is not valid.", "Passkey 签名无效。") from None
        log.info("Passkey assertion not verified: %s", exc)
        raise WebAuthnError(
            "Passkey verification failed: the browser's answer does not match this server's request.",
            "Passkey 校验失败：浏览器的响应与本服务器的请求不符。",
        ) from None
    new = verified.new_sign_count
    if (new or sign_count) and new <= sign_count:
        raise WebAuthnError(
            f"The passkey's signature counter went backwards ({new} after {sign_count}); it may have "
            "been cloned, so it is refused.",
            f"Passkey 签名计数器倒退（{sign_count} 之后为 {new}），该 Passkey 可能已被复制，已拒绝。",
        )
    return Assertion(sign_count=new, backup_state=verified.credential_backed_up)
