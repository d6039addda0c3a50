"""A software WebAuthn authenticator plus the browser's part, for tests.

It answers creation and request options the way a browser with a platform passkey does:
ES256 keys, `none` attestation objects in CBOR, authenticator data with the UP/UV/BE/BS
flags and a signature counter, clientDataJSON, and ECDSA signatures over
authenticatorData || SHA-256(clientDataJSON). Every knob a test needs to play a broken or
hostile client (origin, rp id, counter, tampering) is a keyword argument.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from dataclasses import dataclass, field
from typing import Any

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

__all__ = ["Credential", "SoftAuthenticator", "b64url", "b64url_decode"]

UP, UV, BE, BS, AT = 0x01, 0x04, 0x08, 0x10, 0x40
AAGUID = bytes.fromhex("adce000235bcc60a648b0b25f1f05503")  # any 16 bytes; reported back as a UUID


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass
class Credential:
    id: bytes
    key: ec.EllipticCurvePrivateKey
    rp_id: str
    user_handle: bytes
    sign_count: int = 0

    def cose_public_key(self) -> bytes:
        nums = self.key.public_key().public_numbers()
        return cbor2.dumps(
            {1: 2, 3: -7, -1: 1, -2: nums.x.to_bytes(32, "big"), -3: nums.y.to_bytes(32, "big")}
        )


@dataclass
class SoftAuthenticator:
    """One device holding discoverable ES256 credentials, and the page origin it runs on."""

    origin: str
    backup_eligible: bool = True
    backup_state: bool = True
    credentials: dict[bytes, Credential] = field(default_factory=dict)

    def _flags(self, extra: int) -> int:
        flags = UP | UV | extra
        if self.backup_eligible:
            flags |= BE
            if self.backup_state:
                flags |= BS
        return flags

    def make_credential(self, rp_id: str, user_handle: bytes) -> Credential:
        """A new key pair, without any ceremony (for rows a test writes into the database)."""
        cred = Credential(os.urandom(32), ec.generate_private_key(ec.SECP256R1()), rp_id, user_handle)
        self.credentials[cred.id] = cred
        return cred

    def _client_data(self, kind: str, challenge: str, origin: str | None) -> bytes:
        data = {"type": kind, "challenge": challenge, "origin": origin or self.origin, "crossOrigin": False}
        return json.dumps(data, separators=(",", ":")).encode()

    def create(
        self, options: dict[str, Any], *, origin: str | None = None, rp_id: str | None = None
    ) -> dict[str, Any]:
        """navigator.credentials.create(): a RegistrationResponseJSON."""
        algs = [p["alg"] for p in options["pubKeyCredParams"]]
        assert -7 in algs, algs
        excluded = {b64url_decode(c["id"]) for c in options.get("excludeCredentials", [])}
        assert not excluded & set(self.credentials), "InvalidStateError: already registered"
        cred = self.make_credential(rp_id or options["rp"]["id"], b64url_decode(options["user"]["id"]))
        cose = cred.cose_public_key()
        attested = AAGUID + struct.pack(">H", len(cred.id)) + cred.id + cose
        auth_data = (
            hashlib.sha256(cred.rp_id.encode()).digest()
            + bytes([self._flags(AT)])
            + struct.pack(">I", cred.sign_count)
            + attested
        )
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options["challenge"], origin)
        return {
            "id": b64url(cred.id),
            "rawId": b64url(cred.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal", "hybrid"],
            },
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
        }

    def get(
        self,
        options: dict[str, Any],
        *,
        credential: Credential | None = None,
        origin: str | None = None,
        rp_id: str | None = None,
        counter: int | None = None,
        user_handle: bytes | None = None,
        tamper: bool = False,
    ) -> dict[str, Any]:
        """navigator.credentials.get(): an AuthenticationResponseJSON.

        Without `credential` it picks one as a browser would: from allowCredentials, else
        (discoverable mode) any credential of the rp id.
        """
        if credential is None:
            allowed = [b64url_decode(c["id"]) for c in options.get("allowCredentials", [])]
            pool = [c for c in self.credentials.values() if c.rp_id == options["rpId"]]
            if allowed:
                pool = [c for c in pool if c.id in allowed]
            assert pool, "NotAllowedError: no credential for this site"
            credential = pool[0]
        if counter is None:
            credential.sign_count += 1
            counter = credential.sign_count
        auth_data = (
            hashlib.sha256((rp_id or credential.rp_id).encode()).digest()
            + bytes([self._flags(0)])
            + struct.pack(">I", counter)
        )
        client_data = self._client_data("webauthn.get", options["challenge"], origin)
        signature = credential.key.sign(
            auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        if tamper:
            # Flip a bit in the signed data after signing: a man in the middle's edit.
            auth_data = auth_data[:-1] + bytes([auth_data[-1] ^ 0x01])
        return {
            "id": b64url(credential.id),
            "rawId": b64url(credential.id),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(client_data),
                "authenticatorData": b64url(auth_data),
                "signature": b64url(signature),
                "userHandle": b64url(credential.user_handle if user_handle is None else user_handle),
            },
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
        }
