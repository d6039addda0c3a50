"""bcrypt hashing, run off the event loop (a hash costs ~0.2 s of CPU by design)."""

from __future__ import annotations

import asyncio

import bcrypt

__all__ = ["hash_password", "verify_password"]

_dummy: bytes | None = None


def _dummy_hash() -> bytes:
    """Verifying against this when the user does not exist keeps the timing the same, so the
    answer's delay does not tell which usernames exist. Made on first need, not at import
    (a bcrypt hash costs 0.2 s of start-up)."""
    global _dummy
    if _dummy is None:
        _dummy = bcrypt.hashpw(b"not-a-password", bcrypt.gensalt(rounds=12))
    return _dummy


async def hash_password(password: str) -> str:
    digest = await asyncio.to_thread(bcrypt.hashpw, password.encode(), bcrypt.gensalt(rounds=12))
    return digest.decode()


async def verify_password(password: str, hashed: str | None) -> bool:
    target = hashed.encode() if hashed else await asyncio.to_thread(_dummy_hash)
    try:
        ok = await asyncio.to_thread(bcrypt.checkpw, password.encode(), target)
    except ValueError:  # a malformed stored hash never matches
        return False
    return ok and hashed is not None
