"""The MCP catalog is the contract: every method marked as a tool is a tool of the running
server, described by its proto comment, with schemas that hold for what it really answers."""

from __future__ import annotations

import re
from typing import Any

import aiohttp
import jsonschema
import pytest

from autobangumi.contract import methods
from autobangumi.v1 import options_pb2
from autobangumi_bridge.mcp.catalog import comments, resource_specs, tool_name, tool_specs
from autobangumi_bridge.mcp.http import ADMISSION_METHOD
from tests.helpers import Server, login
from tests.mcp.clients import mcp_client

MCP_TOOL: Any = options_pb2.mcp_tool
MCP_RESOURCE: Any = options_pb2.mcp_resource


def _marked() -> dict[str, str]:
    """gRPC path -> expected tool name, read from the method options themselves."""
    out = {}
    for info in methods():
        opts: Any = info.descriptor.GetOptions()
        if opts.Extensions[MCP_TOOL]:
            out[info.path] = tool_name(info)
    return out


async def test_every_marked_rpc_is_a_tool_of_the_running_server(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    marked = _marked()
    assert len(marked) >= 15 and ADMISSION_METHOD in marked
    token = await login(ready, http)
    async with mcp_client(ready.base, token) as client:
        listed = {t.name: t for t in (await client.list_tools()).tools}
    missing = set(marked.values()) - set(listed)
    assert not missing, f"RPCs marked (mcp_tool) without a generated tool: {sorted(missing)}"
    assert set(listed) == set(marked.values()), "a tool no RPC is marked for"
    for name, tool in listed.items():
        assert tool.description, f"tool {name} has no description: comment its RPC in proto/"


def test_descriptions_are_sentences_naming_tools_not_rpcs() -> None:
    rpc_names = {info.name for info in methods() if info.path in _marked()}
    for spec in tool_specs():
        text = spec.description
        assert text and text[0].isupper() and text.endswith((".", ")")), (spec.name, text)
        assert len(text) >= 20, (spec.name, text)
        named = set(re.findall(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b", text)) & rpc_names
        assert not named, f"{spec.name}: {named} should read as tool names"
    # The comments come from the contract's own files, fields included.
    assert comments().fields[("autobangumi.v1.RssItem", "url")] == "The feed's http(s) URL."


def _required_lists(schema: Any) -> list[Any]:
    if isinstance(schema, dict):
        own = [schema["required"]] if isinstance(schema.get("required"), list) else []
        return own + [r for v in schema.values() for r in _required_lists(v)]
    if isinstance(schema, list):
        return [r for v in schema for r in _required_lists(v)]
    return []


def test_schemas_are_valid_json_schema_objects() -> None:
    validator = jsonschema.Draft202012Validator
    for spec in tool_specs():
        for schema in (spec.input_schema, spec.output_schema):
            validator.check_schema(schema)
            assert schema["type"] == "object"
        # Inputs: every field may be left out, as protobuf's defaults fill it in.
        assert not _required_lists(spec.input_schema), spec.name
        assert _required_lists(spec.output_schema), spec.name  # answers always carry their fields
    by_name = {s.name: s for s in tool_specs()}
    title = by_name["explain_title"].input_schema
    assert validator(title).is_valid({"title": "x"}) and not validator(title).is_valid({"title": 5})


def test_resources_need_no_arguments_and_are_described() -> None:
    specs = {s.name: s for s in resource_specs()}
    assert set(specs) == {"rules", "feeds", "log"}
    for spec in specs.values():
        assert spec.description and spec.uri == f"autobangumi://{spec.name}"
        assert not spec.info.request_cls.DESCRIPTOR.fields, f"{spec.info.path}: a resource takes no arguments"
    assert specs["log"].mime_type == "text/plain" and specs["rules"].mime_type == "application/json"


@pytest.mark.parametrize(
    ("tool", "arguments"),
    [
        ("get_status", {}),
        ("get_overview", {}),
        ("list_bangumi", {}),
        ("list_rss", {}),
        ("list_providers", {}),
        ("explain_title", {"title": "[Nekomoe kissaten][Summer Pockets][05][1080p][JPSC].mp4"}),
    ],
)
async def test_answers_match_their_output_schema(
    ready: Server, http: aiohttp.ClientSession, tool: str, arguments: dict[str, Any]
) -> None:
    spec = next(s for s in tool_specs() if s.name == tool)
    token = await login(ready, http)
    async with mcp_client(ready.base, token) as client:
        result = await client.call_tool(tool, arguments)
    assert not result.is_error, result.content
    jsonschema.Draft202012Validator(spec.output_schema).validate(result.structured_content)
