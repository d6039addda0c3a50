"""Decoding the daemon's google.rpc.Status details without protobuf (bytes built by hand here)."""

from __future__ import annotations

import pytest
from custom_components.autobangumi.status_details import (
    StatusDetails,
    StatusDetailsCodec,
    parse_status_details,
)
from grpclib.const import Status


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    """A length-delimited field (wire type 2)."""
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _any(type_name: str, value: bytes) -> bytes:
    return _field(1, f"type.googleapis.com/{type_name}".encode()) + _field(2, value)


def _status(*details: bytes, code: int = 14) -> bytes:
    return _varint(1 << 3) + _varint(code) + _field(2, b"down") + b"".join(_field(3, d) for d in details)


def _error_info(reason: str, domain: str) -> bytes:
    return _any("google.rpc.ErrorInfo", _field(1, reason.encode()) + _field(2, domain.encode()))


LOCALIZED = _any("google.rpc.LocalizedMessage", _field(1, b"zh-CN") + _field(2, "下载器".encode()))


def test_the_reason_is_read_among_the_localized_messages() -> None:
    blob = _status(LOCALIZED, _error_info("DOWNLOADER_AUTH_FAILED", "autobangumi.v1"), LOCALIZED)
    assert parse_status_details(blob) == StatusDetails("DOWNLOADER_AUTH_FAILED")
    codec = StatusDetailsCodec()
    assert codec.decode(Status.UNAVAILABLE, "down", blob).reason == "DOWNLOADER_AUTH_FAILED"


def test_no_reason_a_foreign_domain_or_garbage_give_none() -> None:
    assert parse_status_details(_status(LOCALIZED)) == StatusDetails()
    assert parse_status_details(_status(_error_info("DOWNLOADER_AUTH_FAILED", "example.com"))).reason == ""
    assert parse_status_details(b"\x08") == StatusDetails()  # cut off inside the code's varint
    # A broken ErrorInfo (its reason is not UTF-8) is skipped; a good one after it still counts.
    broken = _any("google.rpc.ErrorInfo", b"\x0a\x02\xff\xfe")
    good = _error_info("DOWNLOADER_BANNED", "autobangumi.v1")
    assert parse_status_details(_status(broken, good)).reason == "DOWNLOADER_BANNED"


def test_the_client_never_encodes_details() -> None:
    with pytest.raises(NotImplementedError):
        StatusDetailsCodec().encode(Status.UNAVAILABLE, "x", None)
