"""MCP SDK client sessions on a running bridge, for the MCP tests."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx2
from mcp import Client
from mcp.client.streamable_http import streamable_http_client

__all__ = ["mcp_client"]


@asynccontextmanager
async def mcp_client(base: str, token: str | None, mode: str = "auto") -> AsyncIterator[Client]:
    """An SDK client session on the bridge at `base` (its /mcp), sending `token` as a Bearer token."""
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx2.AsyncClient(headers=headers, timeout=httpx2.Timeout(30.0, read=60.0)) as http:
        transport = streamable_http_client(base + "/mcp", http_client=http)
        async with Client(transport, mode=mode) as client:
            yield client
