"""/api/v1/openapi.json describes every route the bridge serves, and the answers the real daemon
gives validate against it; /api/v1/docs is a page of its own (nothing loaded from elsewhere)."""

from __future__ import annotations

import json
import re
from typing import Any

import aiohttp

from autobangumi.contract import methods
from tests.helpers import Server

_VAR = re.compile(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}")


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = doc["components"]["schemas"][name]
    return schema


def validate(doc: dict[str, Any], schema: dict[str, Any], value: Any, where: str = "$") -> list[str]:
    """The subset of JSON Schema the document uses; every object is closed (no unknown keys)."""
    schema = _resolve(doc, schema)
    if not schema:
        return []
    if "anyOf" in schema:
        options = [validate(doc, s, value, where) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{where}: matches no anyOf: {options}"]
    if "enum" in schema and value not in schema["enum"]:
        return [f"{where}: {value!r} not in enum"]
    kind = schema.get("type")
    checks = {
        "null": value is None,
        "boolean": isinstance(value, bool),
        "integer": isinstance(value, int) and not isinstance(value, bool),
        "number": isinstance(value, int | float) and not isinstance(value, bool),
        "string": isinstance(value, str),
        "array": isinstance(value, list),
        "object": isinstance(value, dict),
    }
    if kind is not None and not checks[kind]:
        return [f"{where}: {value!r} is not {kind}"]
    errors: list[str] = []
    if kind == "array":
        for i, item in enumerate(value):
            errors += validate(doc, schema["items"], item, f"{where}[{i}]")
    if kind == "object":
        props = schema.get("properties")
        if props is not None:
            errors += [f"{where}: missing {k}" for k in schema.get("required", []) if k not in value]
            errors += [f"{where}: unknown key {k}" for k in value if k not in props]
            for k, v in value.items():
                if k in props:
                    errors += validate(doc, props[k], v, f"{where}.{k}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for k, v in value.items():
                errors += validate(doc, extra, v, f"{where}.{k}")
    return errors


async def _doc(server: Server, http: aiohttp.ClientSession) -> dict[str, Any]:
    async with http.get(server.api + "/openapi.json") as resp:
        assert resp.status == 200
        assert resp.content_type == "application/json"
        body: dict[str, Any] = await resp.json()
    return body


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        out = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return out + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []


async def test_document_lists_every_binding(server: Server, http: aiohttp.ClientSession) -> None:
    doc = await _doc(server, http)  # no session needed
    assert doc["openapi"] == "3.1.0"
    op_ids: list[str] = []
    count = 0
    for info in methods():
        for b in info.bindings:
            path = _VAR.sub(lambda m: "{" + m.group(1) + "}", b.path)
            op = doc["paths"][path][b.verb.lower()]
            op_ids.append(op["operationId"])
            count += 1
            assert (op["security"] == []) is info.public, op["operationId"]
            for name in (m.group(1) for m in _VAR.finditer(b.path)):
                assert {"name": name, "in": "path"}.items() <= next(
                    p for p in op["parameters"] if p["name"] == name
                ).items()
    assert len(set(op_ids)) == len(op_ids) == count
    assert sum(len(v) for v in doc["paths"].values()) == count
    names = set(doc["components"]["schemas"])
    for ref in _refs(doc):
        assert ref.removeprefix("#/components/schemas/") in names, ref


async def test_real_answers_validate_against_the_document(ready: Server, http: aiohttp.ClientSession) -> None:
    doc = await _doc(ready, http)
    async with http.post(
        ready.api + "/rss/add", json={"url": "https://mikanani.me/RSS/Bangumi?bangumiId=1", "name": "x"}
    ) as resp:
        assert resp.status == 200, await resp.text()
    checked = 0
    for path in ("/status", "/config/get", "/rss", "/bangumi/get/all", "/passkey/list", "/auth/sessions"):
        async with http.get(ready.api + path) as resp:
            assert resp.status == 200, (path, await resp.text())
            body = await resp.json()
        schema = doc["paths"]["/api/v1" + path]["get"]["responses"]["200"]["content"]["application/json"]
        assert validate(doc, schema["schema"], body) == [], path
        checked += 1
    # And a body that does not fit is caught: the check can fail.
    rss_schema = doc["paths"]["/api/v1/rss"]["get"]["responses"]["200"]["content"]["application/json"]
    assert validate(doc, rss_schema["schema"], [{"id": "1"}])
    assert checked == 6
    async with http.get(ready.api + "/no/such/path") as resp:
        error = await resp.json()
    assert validate(doc, {"$ref": "#/components/schemas/ApiError"}, error) == []


async def test_docs_page_is_self_contained(server: Server, http: aiohttp.ClientSession) -> None:
    async with http.get(server.api + "/docs") as resp:
        assert resp.status == 200
        assert resp.content_type == "text/html"
        page = await resp.text()
    assert 'fetch("openapi.json")' in page
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page), (
        "loads something from elsewhere"
    )


async def test_every_served_route_is_in_the_served_document(
    server: Server, http: aiohttp.ClientSession
) -> None:
    """The routes the running app really has, against the document it serves and a document
    generated afresh from the descriptors: a route left out, or a stale document, fails here."""
    from autobangumi_bridge.openapi import openapi_document

    served = await _doc(server, http)
    assert served == json.loads(json.dumps(openapi_document())), "the served document is stale"
    assert server.running.runner is not None
    documented = {(path, verb) for path, ops in served["paths"].items() for verb in ops}
    # The document, its page (at both addresses), the web page, and the MCP endpoint (a protocol
    # of its own, described by the tools it lists, not by this document).
    own = {"/api/v1/openapi.json", "/api/v1/docs", "/api/docs", "/{tail}", "/mcp"}
    routed = set()
    for route in server.running.runner.app.router.routes():
        info = route.resource.get_info() if route.resource is not None else {}
        path = info.get("path") or info.get("formatter") or ""
        path = re.sub(r"\{([a-zA-Z0-9_.]+)(?::[^}]*)?\}", r"{\1}", path)
        if route.method in ("HEAD", "OPTIONS") or path in own:
            continue
        routed.add((path, route.method.lower()))
    assert routed, "no routes found"
    assert routed - documented == set(), "served but missing from the document"
    assert documented - routed == set(), "documented but not served"
