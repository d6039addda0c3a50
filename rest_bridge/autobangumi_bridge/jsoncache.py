"""The JSON of each route's last large answer, reused while the daemon answers the same.

Writing a message as AutoBangumi's JSON walks every field in Python, which dominates a call
such as `/bangumi/get/all` with hundreds of rules; the daemon's binary encoding of the same
message is made in C in a fraction of that time. So each route keeps the binary form of its
last answer beside its JSON, and when the next answer encodes to the same bytes the JSON is
reused. The key is the answer itself, so a changed rule, feed or setting can never be served
from the cache: there is nothing to invalidate, with one daemon or several bridges.
"""

from __future__ import annotations

from collections.abc import Callable

from google.protobuf.message import Message

__all__ = ["MIN_CACHED_BYTES", "EncodedAnswer"]

#: Answers smaller than this are written each time: comparing would cost about as much.
MIN_CACHED_BYTES = 256


class EncodedAnswer:
    """One slot: the last answer of one route (one response type) and its JSON bytes."""

    __slots__ = ("_json", "_wire")

    def __init__(self) -> None:
        self._wire: bytes | None = None
        self._json = b""

    def json(self, message: Message, encode: Callable[[Message], bytes]) -> bytes:
        wire = message.SerializeToString(deterministic=True)
        if len(wire) < MIN_CACHED_BYTES:
            return encode(message)
        if wire == self._wire:
            return self._json
        body = encode(message)
        self._wire, self._json = wire, body
        return body
