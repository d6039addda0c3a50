"""Every RPC's validation errors, walked through the bridge: both languages, no internal text.

For each method of the contract that takes input, its REST route is called as a logged-in user
with malformed requests only: no body, a wrong type for each field (nested fields too), an id
that does not exist. Each 4xx answer must carry msg_en and msg_zh, the Chinese text must be
Chinese (no English sentence in it), neither may show parser or exception text, and where one
field is at fault both must name it. Malformed requests are refused before anything runs, and
ids that do not exist touch nothing, so no probe can reset, delete or shut down anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from google.protobuf.descriptor import FieldDescriptor

from autobangumi.contract import HttpBinding, MethodInfo, methods
from autobangumi.jsonmap import is_ordered_map
from tests.helpers import Server

BAD_ID = 987654321
CJK = re.compile(r"[\u4e00-\u9fff]")
# Three Latin words in a row is an English sentence (field names like network.mikan_base_url,
# "true 或 false", "HTTP 404" or "JSON" are not).
LATIN_SENTENCE = re.compile(r"[A-Za-z']+(?:[ ,]+[A-Za-z']+){2,}")
QUOTED = re.compile(r"'[^']*'")  # the client's own value, quoted back
INTERNAL = (
    "Traceback",
    "Exception",
    "Error:",
    "Failed to parse",
    "invalid literal",
    "bytes-like",
    "got '",
    "<class",
    "NoneType",
    "object has no attribute",
    "json_format",
    "ParseError",
    "TypeError",
    "ValueError",
    "KeyError",
    "[Engine]",
    "[引擎]",
)
# The field a request without a body lacks, for methods whose body is one JSON object.
REQUIRED_WHEN_EMPTY = {
    "AddRss": "url",
    "AnalyzeRss": "url",
    "CollectRss": "rss_link",
    "SubscribeRss": "rss_link",
    "TagTorrent": "hash",
    "PauseTorrents": "hashes",
    "ResumeTorrents": "hashes",
    "DeleteTorrents": "hashes",
}


@dataclass(frozen=True)
class Probe:
    method: MethodInfo
    binding: HttpBinding
    kind: str  # "missing body", "wrong type", "bad id"
    url: str
    body: Any  # None: no body
    field: str | None  # the field the answer must name
    must_refuse: bool  # a 4xx is the only right answer


def _repeated(fd: Any) -> bool:
    flag = getattr(fd, "is_repeated", None)
    return bool(flag) if flag is not None else bool(fd.label == FieldDescriptor.LABEL_REPEATED)


def _is_map(fd: Any) -> bool:
    return fd.message_type is not None and (fd.message_type.GetOptions().map_entry or is_ordered_map(fd))


_INTS = {
    FieldDescriptor.TYPE_INT32,
    FieldDescriptor.TYPE_INT64,
    FieldDescriptor.TYPE_UINT32,
    FieldDescriptor.TYPE_UINT64,
    FieldDescriptor.TYPE_SINT32,
    FieldDescriptor.TYPE_SINT64,
}


def _wrong(fd: Any) -> Any:
    """A JSON value no reading of field `fd` accepts."""
    if _is_map(fd):
        return ["not", "an", "object"]
    if _repeated(fd):
        return "not a list"
    if fd.message_type is not None:
        name = fd.message_type.full_name
        if name in ("google.protobuf.Value", "google.protobuf.Struct"):
            return None  # anything goes there
        if name == "google.protobuf.FieldMask":
            return {"paths": 1}
        return "not an object"
    if fd.type == FieldDescriptor.TYPE_STRING or fd.type == FieldDescriptor.TYPE_BYTES:
        return {"not": "a string"}
    if fd.type == FieldDescriptor.TYPE_BOOL:
        return "maybe"
    if fd.type == FieldDescriptor.TYPE_ENUM:
        return {"not": "a name"}
    return "not a number"


def _nested(desc: Any, prefix: str, depth: int) -> list[tuple[str, list[str], Any]]:
    """(JSON path, keys to it, wrong value) for every field of `desc`, nested messages too."""
    out: list[tuple[str, list[str], Any]] = []
    for fd in desc.fields:
        path = f"{prefix}{fd.name}"
        wrong = _wrong(fd)
        if wrong is not None:
            out.append((path, [fd.name], wrong))
        mt = fd.message_type
        if mt is not None and depth < 3 and not _repeated(fd) and mt.full_name.startswith("autobangumi."):
            for sub_path, keys, value in _nested(mt, path + ".", depth + 1):
                out.append((sub_path, [fd.name, *keys], value))
    return out


def _put(keys: list[str], value: Any) -> dict[str, Any]:
    body: dict[str, Any] = {keys[-1]: value}
    for key in reversed(keys[:-1]):
        body = {key: body}
    return body


def _url(server: Server, binding: HttpBinding, desc: Any) -> tuple[str, set[str]]:
    path_vars: set[str] = set()

    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        path_vars.add(name)
        fd = desc.fields_by_name[name]
        return str(BAD_ID) if fd.type in _INTS else "no-such-thing.png"

    path = re.sub(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}", sub, binding.path)
    return server.base + path, path_vars


# Values only the service can judge, for methods whose fields are all strings in the query.
QUERY_VALUES = {
    "SearchBangumi": ("site=no-such-site&keywords=x", "site"),
    "Events": ("kinds=no_such_kind", "kinds"),
}


def probes(server: Server, only_public: bool = False) -> list[Probe]:
    out: list[Probe] = []
    for m in methods():
        desc = m.request_cls.DESCRIPTOR
        if not desc.fields or not m.bindings or (only_public and not m.public):
            continue  # nothing to malform
        binding = m.bindings[0]
        url, path_vars = _url(server, binding, desc)
        body_fields = [fd for fd in desc.fields if fd.name not in path_vars]
        if binding.body:
            out.append(
                Probe(
                    m,
                    binding,
                    "missing body",
                    url,
                    None,
                    binding.body if binding.body != "*" else REQUIRED_WHEN_EMPTY.get(m.name),
                    binding.body != "*" or m.name in REQUIRED_WHEN_EMPTY,
                )
            )
        if binding.body == "*":
            for path, keys, value in _nested(desc, "", 0):
                if keys[0] in path_vars:
                    continue
                out.append(Probe(m, binding, "wrong type", url, _put(keys, value), path, True))
        elif binding.body:
            fd = desc.fields_by_name[binding.body]
            if fd.message_type is not None and not _repeated(fd) and not _is_map(fd):
                out.append(Probe(m, binding, "wrong type", url, "not an object", None, True))
                for path, keys, value in _nested(fd.message_type, "", 0):
                    out.append(Probe(m, binding, "wrong type", url, _put(keys, value), path, True))
            else:
                out.append(Probe(m, binding, "wrong type", url, _wrong(fd), binding.body, True))
                if not _is_map(fd) and fd.message_type is None:
                    out.append(Probe(m, binding, "wrong type", url, [_wrong(fd)], f"{binding.body}[0]", True))
        else:
            for fd in body_fields:
                if fd.type in _INTS and not _repeated(fd):
                    sep = "&" if "?" in url else "?"
                    q = f"{url}{sep}{fd.name}=not-a-number"
                    out.append(Probe(m, binding, "wrong type", q, None, fd.name, True))
        for fd in body_fields:
            # Ids in the body or the query: the other fields get harmless values, so that
            # the unknown id is the only thing wrong.
            if not fd.name.endswith("_id") or fd.type not in _INTS or _repeated(fd):
                continue
            if binding.body == "*":
                fill: dict[str, Any] = {
                    o.name: "x" for o in body_fields if o.type == FieldDescriptor.TYPE_STRING
                }
                out.append(Probe(m, binding, "bad id", url, fill | {fd.name: BAD_ID}, str(BAD_ID), True))
            elif not binding.body and binding.verb == "GET":
                sep = "&" if "?" in url else "?"
                q = f"{url}{sep}{fd.name}={BAD_ID}"
                out.append(Probe(m, binding, "bad id", q, None, str(BAD_ID), True))
        if m.name in QUERY_VALUES:
            query, name = QUERY_VALUES[m.name]
            out.append(Probe(m, binding, "bad value", f"{url}?{query}", None, name, True))
        if any(desc.fields_by_name[v].type in _INTS for v in path_vars):
            body: Any = None
            if binding.body == "*":
                body = {}
            elif binding.body:
                fd = desc.fields_by_name[binding.body]
                # One real field, so the body sets something and the unknown id is all that is wrong.
                first = (
                    next(
                        (o.name for o in fd.message_type.fields if o.type == FieldDescriptor.TYPE_STRING),
                        "name",
                    )
                    if fd.message_type is not None
                    else "name"
                )
                body = [] if _repeated(fd) else {first: "x"}
            # An unknown feed's item list is empty and an unknown rule's suggested offset is 0
            # (AutoBangumi's answers); every other unknown id must be refused.
            lenient = m.name in ("ListRssTorrents", "SuggestOffset")
            out.append(Probe(m, binding, "bad id", url, body, str(BAD_ID), not lenient))
    return out


def _check_message(probe: Probe, status: int, body: Any) -> list[str]:
    where = f"{probe.method.name} {probe.kind} {probe.body!r:.80} -> {status} {body!r:.300}"
    if not isinstance(body, dict):
        return [f"{where}: not a JSON object"]
    en, zh = body.get("msg_en"), body.get("msg_zh")
    problems: list[str] = []
    if not isinstance(en, str) or not en.strip() or not isinstance(zh, str) or not zh.strip():
        return [f"{where}: msg_en and msg_zh must both be there"]
    if not CJK.search(zh):
        problems.append(f"{where}: msg_zh has no Chinese")
    sentence = LATIN_SENTENCE.search(QUOTED.sub("", zh))
    if sentence:
        problems.append(f"{where}: msg_zh holds English text {sentence.group(0)!r}")
    for text in (en, zh):
        for bad in INTERNAL:
            if bad in text:
                problems.append(f"{where}: internal text {bad!r}")
    if probe.field and not (probe.field in en and probe.field in zh):
        problems.append(f"{where}: does not name {probe.field!r} in both languages")
    return problems


async def _call(http: aiohttp.ClientSession, probe: Probe) -> tuple[int, Any]:
    kw: dict[str, Any] = {}
    if probe.body is not None:
        kw["json"] = probe.body
    async with http.request(probe.binding.verb, probe.url, **kw) as resp:
        if resp.content_type == "text/event-stream":
            return resp.status, None  # a stream that started: the request was accepted
        try:
            return resp.status, await resp.json(content_type=None)
        except ValueError:
            return resp.status, await resp.text()


async def _walk(http: aiohttp.ClientSession, all_probes: list[Probe]) -> tuple[list[str], int]:
    problems: list[str] = []
    refused = 0
    for probe in all_probes:
        status, body = await _call(http, probe)
        where = f"{probe.method.name} {probe.kind} {probe.url} {probe.body!r:.80}"
        if status >= 500:
            problems.append(f"{where}: {status} {body!r:.200}")
            continue
        if 400 <= status < 500:
            refused += 1
            problems.extend(_check_message(probe, status, body))
        elif probe.must_refuse:
            problems.append(f"{where}: accepted ({status}) a request that should be refused")
    return problems, refused


async def test_every_validation_error_names_the_field_in_both_languages(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    all_probes = probes(ready)
    assert len({p.method.name for p in all_probes}) >= 40  # the walk reaches the contract
    problems, refused = await _walk(http, all_probes)
    assert not problems, "\n".join(problems)
    assert refused > 200


async def test_the_setup_wizard_validation_errors_before_setup(
    server: Server, http: aiohttp.ClientSession
) -> None:
    """The open methods, on a fresh install (after setup the wizard answers 403 to all)."""
    all_probes = probes(server, only_public=True)
    assert {"CompleteSetup", "TestRss", "TestDownloader", "Login"} <= {p.method.name for p in all_probes}
    problems, refused = await _walk(http, all_probes)
    assert not problems, "\n".join(problems)
    assert refused > 30
    async with http.get(server.api + "/setup/status") as resp:
        assert (await resp.json())["need_setup"] is True  # nothing was set up by the walk


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"program": {"rss_time": "soon"}}, "program.rss_time"),
        ({"rss_parser": {"enable": "yes"}}, "rss_parser.enable"),
        ({"rss_parser": {"filter": "720"}}, "rss_parser.filter"),
        ({"downloader": "qbittorrent"}, "downloader"),
        ({"proxy": {"port": 99999}}, "proxy.port"),
    ],
)
async def test_config_type_errors_name_the_field_and_change_nothing(
    ready: Server, http: aiohttp.ClientSession, body: dict[str, Any], field: str
) -> None:
    async with http.get(ready.api + "/config/get") as resp:
        before = await resp.json()
    async with http.patch(ready.api + "/config/update", json=body) as resp:
        assert resp.status == 422
        msg = await resp.json()
    assert field in msg["msg_en"] and field in msg["msg_zh"], msg
    assert CJK.search(msg["msg_zh"]) and not LATIN_SENTENCE.search(msg["msg_zh"]), msg
    async with http.get(ready.api + "/config/get") as resp:
        assert await resp.json() == before
    async with http.patch(ready.api + "/config/update") as resp:
        assert resp.status == 422  # no body is not "reset everything to defaults"
    async with http.get(ready.api + "/config/get") as resp:
        assert await resp.json() == before


async def test_subscribe_without_a_body_says_what_is_missing(
    ready: Server, http: aiohttp.ClientSession
) -> None:
    async with http.post(ready.api + "/rss/subscribe") as resp:
        assert resp.status == 422
        msg = await resp.json()
    assert "rss_link" in msg["msg_en"] and "rss_link" in msg["msg_zh"]
    assert "[Engine]" not in msg["msg_en"] and "  " not in msg["msg_en"]
    async with http.get(ready.api + "/rss") as resp:
        assert await resp.json() == []


async def test_http_layer_failures_are_bilingual(ready: Server, http: aiohttp.ClientSession) -> None:
    cases = [
        ("GET", "/api/v1/no/such/route", None, 404),
        ("DELETE", "/api/v1/rss", None, 405),
        ("POST", "/api/v1/rss/add", b"{not json", 400),
        ("POST", "/api/v1/rss/add", b"x" * (2 * 1024 * 1024), 413),
    ]
    for verb, path, data, status in cases:
        headers = {"Content-Type": "application/json"} if data is not None else {}
        async with http.request(verb, ready.base + path, data=data, headers=headers) as resp:
            assert resp.status == status, (path, status)
            body = await resp.json()
        assert CJK.search(body["msg_zh"]) and not LATIN_SENTENCE.search(body["msg_zh"]), body
        assert body["msg_en"] and not any(bad in body["msg_en"] for bad in INTERNAL), body


async def test_a_feed_added_twice_names_the_url(ready: Server, http: aiohttp.ClientSession) -> None:
    body = {"url": "http://127.0.0.2:9/rss", "name": "mine", "aggregate": False, "parser": "mikan"}
    async with http.post(ready.api + "/rss/add", json=body) as resp:
        assert resp.status == 200  # named: nothing is fetched
    async with http.post(ready.api + "/rss/add", json=body) as resp:
        assert resp.status == 406  # AutoBangumi's "operation failed"
        msg = await resp.json()
    assert msg["msg_en"].startswith("RSS added failed") and "url" in msg["msg_en"] and "url" in msg["msg_zh"]
    async with http.get(ready.api + "/rss") as resp:
        assert len(await resp.json()) == 1
