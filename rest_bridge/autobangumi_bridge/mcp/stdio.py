"""`autobangumi mcp`: the same MCP server over stdin and stdout, for desktop clients that
start a process. It reaches a running daemon over gRPC, like `autobangumi bridge`, with one
token for the whole session; the daemon authenticates every call as it does the bridge's.
"""

from __future__ import annotations

import sys

from mcp.server.stdio import stdio_server

from autobangumi.contract import methods
from autobangumi.rpc import MCP_SURFACE, SURFACE_KEY, ApiError, Caller
from autobangumi_bridge.mcp.http import ADMISSION_METHOD
from autobangumi_bridge.mcp.server import Context, build_server
from autobangumi_bridge.transport import GrpcTransport

__all__ = ["run_stdio"]


def _caller(token: str | None) -> Caller:
    # No client address: the daemon takes the connection's own (loopback for a local daemon),
    # so security.mcp_whitelist applies to the machine this process runs on.
    return Caller(token=token, metadata={SURFACE_KEY: MCP_SURFACE})


async def run_stdio(daemon: str, token: str | None) -> int:
    transport = GrpcTransport(daemon)
    try:
        admission = next(m for m in methods() if m.path == ADMISSION_METHOD)
        try:
            await transport.unary(admission, admission.request_cls(), _caller(token))
        except ApiError as err:
            # Refused before the session starts, so the client shows why instead of a list of
            # tools that would all fail.
            print(f"autobangumi: {err.msg_en} / {err.msg_zh}", file=sys.stderr)
            return 2

        def caller_of(ctx: Context) -> Caller:
            return _caller(token)

        server = build_server(transport, caller_of)
        async with stdio_server() as (read_stream, write_stream):
            await server.run(read_stream, write_stream, server.create_initialization_options())
        return 0
    finally:
        await transport.close()
