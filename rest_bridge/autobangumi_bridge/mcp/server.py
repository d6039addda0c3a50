"""The MCP server: tools, resources and prompts answered through the bridge's transport.

Every tool call and resource read becomes one call of the contract method behind it, through
the same Transport the REST routes use, so the daemon's dispatcher authenticates and validates
it exactly as it does a gRPC or REST call. Errors come back as tool errors carrying the
daemon's English and Chinese messages.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import Any

import mcp_types as types
import orjson
from google.api import httpbody_pb2
from google.protobuf import json_format
from google.protobuf.message import Message
from mcp.server.context import ServerRequestContext
from mcp.server.lowlevel import Server
from mcp.shared.exceptions import MCPError

from autobangumi import __version__
from autobangumi.jsonmap import from_json_dict, to_json_dict
from autobangumi.jsontypes import find_type_error
from autobangumi.rpc import ApiError, Caller
from autobangumi_bridge.mcp.catalog import ResourceSpec, ToolSpec, resource_specs, tool_specs
from autobangumi_bridge.transport import Transport

__all__ = ["LOG_TAIL_LINES", "STREAM_MAX_RESULTS", "STREAM_SECONDS", "CallerOf", "build_server"]

# A search may answer hundreds of series over a minute; an assistant needs the first few.
STREAM_MAX_RESULTS = 50
STREAM_SECONDS = 60.0
LOG_TAIL_LINES = 200

Context = ServerRequestContext[Any, Any]
# Makes a fresh Caller for one request (the dispatcher writes the identity into it).
CallerOf = Callable[[Context], Caller]

INSTRUCTIONS = (
    "AutoBangumi follows anime: feeds (RSS) bring release titles, rules (one per followed show) "
    "decide which releases are downloaded, and downloaded files are renamed into a media library. "
    "To follow a show, find its feed with search_bangumi (or analyze_rss on a feed URL), then call "
    "subscribe_rss with the proposed rule. To find out why an episode was not downloaded, look at "
    "list_feed_items for the show's feed: each item says what was decided and why."
)

_PROMPTS = (
    types.Prompt(
        name="explain_release_title",
        description="Explain, part by part, how AutoBangumi reads one release title.",
        arguments=[
            types.PromptArgument(
                name="title",
                description="The release title, e.g. [Lilith-Raws] Sousou no Frieren - 05 [1080p]",
                required=True,
            )
        ],
    ),
    types.Prompt(
        name="why_not_downloaded",
        description="Find out why an episode of a followed show was not downloaded.",
        arguments=[
            types.PromptArgument(name="show", description="The show's title.", required=True),
            types.PromptArgument(name="episode", description="The episode number.", required=False),
        ],
    ),
)


def _text(value: Any) -> str:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()


def _error(en: str, zh: str) -> types.CallToolResult:
    return types.CallToolResult(content=[types.TextContent(text=f"{en}\n{zh}")], is_error=True)


def _request(spec_info: Any, arguments: dict[str, Any]) -> Message | tuple[str, str]:
    """The request message from the tool's arguments, or (en, zh) saying what is wrong."""
    cls: type[Message] = spec_info.request_cls
    problem = find_type_error(cls.DESCRIPTOR, arguments)
    if problem is not None:
        return problem.messages()
    try:
        return from_json_dict(arguments, cls)
    except json_format.ParseError:
        return "An argument has a value of the wrong type.", "参数中有类型错误的值。"


async def _collect(
    transport: Transport, spec: ToolSpec, msg: Message, caller: Caller
) -> tuple[list[Any], bool]:
    """A streaming method's results, bounded in count and time; (results, truncated)."""
    results: list[Any] = []
    stream = transport.stream(spec.info, msg, caller).__aiter__()
    truncated = False
    try:
        async with asyncio.timeout(STREAM_SECONDS):
            async for item in stream:
                if len(results) == STREAM_MAX_RESULTS:
                    truncated = True
                    break
                results.append(to_json_dict(item))
    except TimeoutError:
        truncated = True
    finally:
        aclose = getattr(stream, "aclose", None)
        if aclose is not None:
            with contextlib.suppress(Exception):
                await aclose()
    return results, truncated


def build_server(transport: Transport, caller_of: CallerOf) -> Server[Any]:
    tools = {spec.name: spec for spec in tool_specs()}
    resources = {spec.uri: spec for spec in resource_specs()}

    async def list_tools(ctx: Context, params: types.PaginatedRequestParams | None) -> types.ListToolsResult:
        return types.ListToolsResult(
            tools=[
                types.Tool(
                    name=s.name,
                    description=s.description,
                    input_schema=s.input_schema,
                    output_schema=s.output_schema,
                )
                for s in tools.values()
            ]
        )

    async def call_tool(ctx: Context, params: types.CallToolRequestParams) -> types.CallToolResult:
        spec = tools.get(params.name)
        if spec is None:
            return _error(f"There is no tool named {params.name!r}.", f"没有名为 {params.name!r} 的工具。")
        msg = _request(spec.info, dict(params.arguments or {}))
        if isinstance(msg, tuple):
            return _error(*msg)
        caller = caller_of(ctx)
        try:
            if spec.info.server_streaming:
                results, truncated = await _collect(transport, spec, msg, caller)
                value: Any = {"results": results, "truncated": truncated}
            else:
                value = to_json_dict(await transport.unary(spec.info, msg, caller))
        except ApiError as err:
            return _error(err.msg_en, err.msg_zh)
        return types.CallToolResult(content=[types.TextContent(text=_text(value))], structured_content=value)

    async def list_resources(
        ctx: Context, params: types.PaginatedRequestParams | None
    ) -> types.ListResourcesResult:
        return types.ListResourcesResult(
            resources=[
                types.Resource(name=s.name, uri=s.uri, description=_resource_text(s), mime_type=s.mime_type)
                for s in resources.values()
            ]
        )

    async def read_resource(
        ctx: Context, params: types.ReadResourceRequestParams
    ) -> types.ReadResourceResult:
        spec = resources.get(str(params.uri))
        if spec is None:
            raise MCPError(
                types.INVALID_PARAMS, f"There is no resource {params.uri}. / 没有资源 {params.uri}。"
            )
        try:
            result = await transport.unary(spec.info, spec.info.request_cls(), caller_of(ctx))
        except ApiError as err:
            raise MCPError(types.INVALID_REQUEST, f"{err.msg_en} / {err.msg_zh}") from None
        if isinstance(result, httpbody_pb2.HttpBody):
            lines = result.data.decode("utf-8", "replace").splitlines()
            text = "\n".join(lines[-LOG_TAIL_LINES:])
        else:
            text = _text(to_json_dict(result))
        return types.ReadResourceResult(
            contents=[types.TextResourceContents(uri=spec.uri, mime_type=spec.mime_type, text=text)]
        )

    async def list_prompts(
        ctx: Context, params: types.PaginatedRequestParams | None
    ) -> types.ListPromptsResult:
        return types.ListPromptsResult(prompts=list(_PROMPTS))

    async def get_prompt(ctx: Context, params: types.GetPromptRequestParams) -> types.GetPromptResult:
        args = params.arguments or {}
        if params.name == "explain_release_title":
            title = args.get("title", "").strip()
            if not title:
                raise MCPError(types.INVALID_PARAMS, "The prompt needs a title. / 此提示需要标题。")
            text = (
                f"Explain how AutoBangumi reads this release title: {title}\n"
                "Call the explain_title tool with it, then go through the spans in order: say which "
                "part of the title became which field (group, titles, season, episode, resolution, "
                "subtitles...), and point out anything it could not read."
            )
        elif params.name == "why_not_downloaded":
            show = args.get("show", "").strip()
            if not show:
                raise MCPError(types.INVALID_PARAMS, "The prompt needs a show. / 此提示需要番剧名称。")
            episode = args.get("episode", "").strip()
            which = f"episode {episode} of {show}" if episode else f"an episode of {show}"
            text = (
                f"Find out why {which} was not downloaded.\n"
                "1. Find the show's rule with list_bangumi (is it disabled, or does a filter exclude "
                "the release?).\n2. Find its feed with list_rss (is the feed enabled and healthy?).\n"
                "3. Look at that feed's items with list_feed_items: each says what was decided and why.\n"
                "4. Check list_downloads in case it is downloading or stalled.\nThen explain the cause "
                "and what the user could change."
            )
        else:
            raise MCPError(types.INVALID_PARAMS, f"There is no prompt {params.name!r}. / 没有此提示。")
        return types.GetPromptResult(
            messages=[types.PromptMessage(role="user", content=types.TextContent(text=text))]
        )

    return Server(
        "autobangumi",
        version=__version__,
        title="AutoBangumi",
        instructions=INSTRUCTIONS,
        on_list_tools=list_tools,
        on_call_tool=call_tool,
        on_list_resources=list_resources,
        on_read_resource=read_resource,
        on_list_prompts=list_prompts,
        on_get_prompt=get_prompt,
    )


def _resource_text(spec: ResourceSpec) -> str:
    if spec.mime_type == "text/plain":
        return f"{spec.description} The resource holds its last {LOG_TAIL_LINES} lines."
    return spec.description
