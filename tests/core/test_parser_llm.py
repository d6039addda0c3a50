"""The optional LLM parser (core prompt/validation, adapters/llm.py I/O, the pipeline's fallback)
against a local fake OpenAI-compatible server on 127.0.0.2 (a public host under the tests' policy;
127.0.0.1 plays the LAN, which the SSRF guard refuses unless it is opted in)."""

from __future__ import annotations

import asyncio
import ipaddress
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from autobangumi_daemon.adapters.llm import LLMTitleParser
from autobangumi_daemon.config.store import ConfigStore
from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title
from autobangumi_daemon.core.title_parser.llm import LLMConfig, parse_answer, validate
from autobangumi_daemon.netguard import NetPolicy
from autobangumi_daemon.paths import AppPaths
from autobangumi_daemon.pipeline.llm_fallback import LLMFallback
from tests.helpers import TEST_POLICY

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "upstreams" / "openai"
UNSURE = "[喵萌奶茶屋&LoliHouse] 夏日口袋 / Summer Pockets 先行预告 [WebRip 1080p]"
SURE = "[LoliHouse] 末日后酒店 / Apocalypse Hotel - 07 [WebRip 1080p HEVC-10bit AAC][简繁日内封字幕]"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text("utf-8")


class FakeOpenAI:
    """Records requests and answers with a configurable status/body/delay."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.status = 200
        self.body = _fixture("chat_completion_structured.json")
        self.delay = 0.0

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append(
            {"path": request.path_qs, "headers": dict(request.headers), "json": await request.json()}
        )
        if self.delay:
            await asyncio.sleep(self.delay)
        return web.Response(status=self.status, text=self.body, content_type="application/json")


@pytest.fixture
async def fake() -> AsyncIterator[tuple[FakeOpenAI, str]]:
    server = FakeOpenAI()
    app = web.Application()
    app.router.add_post("/v1/chat/completions", server.handle)
    app.router.add_post("/openai/deployments/{dep}/chat/completions", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.2", 0)  # a public host under TEST_POLICY
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield server, f"http://127.0.0.2:{port}"
    finally:
        await runner.cleanup()


async def test_openai_request_shape_and_answer(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    async with LLMTitleParser(
        LLMConfig(api_base=f"{base}/v1", api_key="sk-test", model="m1"), policy=TEST_POLICY
    ) as llm:
        result = await llm.parse(UNSURE)
    assert result is not None
    # The fixture's answer says episode 04 and a subtitle tag that this title does not contain:
    # both are dropped; the titles and the group, which it does contain, are kept.
    assert (result.title_en, result.title_zh, result.episode) == ("Summer Pockets", "夏日口袋", None)
    assert result.group == "喵萌奶茶屋&LoliHouse" and result.sub_raw is None
    req = server.requests[0]
    assert req["path"] == "/v1/chat/completions"
    assert req["headers"]["Authorization"] == "Bearer sk-test"
    body = req["json"]
    assert body["model"] == "m1" and body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["strict"] is True
    assert body["messages"][1] == {"role": "user", "content": UNSURE}


async def test_azure_endpoint(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    cfg = LLMConfig(
        api_base=base, api_key="az-key", api_type="azure", api_version="2024-06-01", deployment_id="dep1"
    )
    async with LLMTitleParser(cfg, policy=TEST_POLICY) as llm:
        await llm.parse(UNSURE)
    req = server.requests[0]
    assert req["path"] == "/openai/deployments/dep1/chat/completions?api-version=2024-06-01"
    assert req["headers"]["api-key"] == "az-key"
    assert "Authorization" not in req["headers"]


async def test_confident_titles_are_not_sent_and_answers_are_cached(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1"), policy=TEST_POLICY) as llm:
        sure = await llm.parse(SURE)
        first = await llm.parse(UNSURE)
        second = await llm.parse(UNSURE)
    assert sure is not None and sure.episode == 7
    assert first == second
    assert len(server.requests) == 1 and llm.requests == 1


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (401, _fixture("error_401.json")),
        (200, '{"choices": [{"message": {"content": "not json"}}]}'),
        (200, '{"unexpected": true}'),
        (500, "oops"),
    ],
)
async def test_errors_fall_back_to_rules(fake: tuple[FakeOpenAI, str], status: int, body: str) -> None:
    server, base = fake
    server.status, server.body = status, body
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1", mode="primary"), policy=TEST_POLICY) as llm:
        result = await llm.parse(SURE)
    assert result is not None and result.title_en == "Apocalypse Hotel" and result.episode == 7


async def test_timeout_falls_back(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    server.delay = 1.0
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1", timeout=0.2), policy=TEST_POLICY) as llm:
        result = await llm.parse(UNSURE)
    assert result is not None and result.title_zh == "夏日口袋" and result.episode is None


async def test_unreachable_endpoint_falls_back() -> None:
    async with LLMTitleParser(
        LLMConfig(api_base="http://127.0.0.2:9/v1", timeout=2), policy=TEST_POLICY
    ) as llm:
        result = await llm.parse(UNSURE)
    assert result is not None and result.title_en == "Summer Pockets"


def test_parse_answer_range_and_shape() -> None:
    content = json.dumps({"title_en": "X", "episode": "01-12", "season": "2", "extra": 1})
    body = json.dumps({"choices": [{"message": {"content": content}}]})
    assert parse_answer(body) == {"title_en": "X", "episode": "01-12", "season": "2"}


def test_validate_keeps_only_what_the_title_contains() -> None:
    title = "[某字幕组] 夏日口袋 / Summer Pockets - 03 [1080p]"
    answer = {
        "title_en": "summer  pockets",  # case and spacing differ: still the title's own text
        "title_zh": "夏日口袋",
        "title_jp": "サマーポケッツ",  # not in the title: invented
        "group": "某字幕组",
        "episode": "3",
        "season": "2",  # no season marker in the title
        "season_raw": "第二季",
        "resolution": "1080p",
        "source": "WebRip",
    }
    kept = validate(answer, title)
    assert kept == {
        "title_en": "summer  pockets",
        "title_zh": "夏日口袋",
        "group": "某字幕组",
        "episode": "3",
        "resolution": "1080p",
    }
    assert validate({"episode": "13"}, title) == {}  # 13 is not written there; 03 is not 13
    assert validate({"episode": "1-12"}, "[G] X [01-12]") == {"episode": "1-12"}
    assert validate({"season": "2", "season_raw": "第二季"}, "[G] 某 第二季 - 01") == {
        "season": "2",
        "season_raw": "第二季",
    }


NO_TITLE = "[01][1080p][简体]"  # the rules find no title in it
NO_TITLE_ANSWER = json.dumps(
    {
        "choices": [
            {
                "message": {
                    "content": json.dumps(
                        {
                            "title_en": "",
                            "title_zh": "简体",
                            "title_jp": "",
                            "season": "1",
                            "season_raw": "",
                            "episode": "01",
                            "sub": "",
                            "group": "",
                            "resolution": "1080p",
                            "source": "",
                        }
                    )
                }
            }
        ]
    }
)


async def test_answers_survive_a_restart_in_the_file_cache(
    fake: tuple[FakeOpenAI, str], tmp_path: Path
) -> None:
    server, base = fake
    server.body = NO_TITLE_ANSWER
    cache = tmp_path / "llm_titles.json"
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1"), cache_file=cache, policy=TEST_POLICY) as llm:
        first = await llm.parse(NO_TITLE)
    assert first is not None and (first.title_zh, first.episode) == ("简体", 1)
    assert json.loads(cache.read_text("utf-8"))[NO_TITLE]["episode"] == "01"
    async with LLMTitleParser(
        LLMConfig(api_base=f"{base}/v1"), cache_file=cache, policy=TEST_POLICY
    ) as again:
        second = await again.parse(NO_TITLE)
    assert second == first and again.requests == 0 and len(server.requests) == 1


async def test_a_damaged_cache_file_is_ignored(fake: tuple[FakeOpenAI, str], tmp_path: Path) -> None:
    server, base = fake
    server.body = NO_TITLE_ANSWER
    cache = tmp_path / "llm_titles.json"
    cache.write_text("{not json", "utf-8")
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1"), cache_file=cache, policy=TEST_POLICY) as llm:
        result = await llm.parse(NO_TITLE)
    assert result is not None and result.episode == 1 and llm.requests == 1


class _Ctx:
    """The two parts of the daemon's context the fallback reads: the config store and the paths."""

    def __init__(self, root: Path) -> None:
        self.paths = AppPaths(root / "config", root / "data")
        self.paths.ensure()
        self.config = ConfigStore(self.paths.config_file)
        self.config.load(env={})
        self.net_policy = TEST_POLICY


async def test_pipeline_fallback_asks_only_when_enabled_and_only_for_names_without_a_title(
    fake: tuple[FakeOpenAI, str], tmp_path: Path
) -> None:
    server, base = fake
    server.body = NO_TITLE_ANSWER
    ctx = _Ctx(tmp_path)
    fallback = LLMFallback(ctx)  # type: ignore[arg-type]
    cache: dict[str, ParsedTitle | None] = {}
    names = [NO_TITLE, SURE, NO_TITLE]
    assert await fallback.fill(names, cache) == 0  # experimental_openai.enable is off by default
    assert server.requests == [] and cache == {}

    ctx.config.replace_sections(
        {"experimental_openai": {"enable": True, "api_base": f"{base}/v1", "api_key": "sk-x", "model": "m2"}}
    )
    assert await fallback.fill(names, cache) == 1
    assert len(server.requests) == 1 and server.requests[0]["json"]["model"] == "m2"
    got = cache[NO_TITLE]
    assert got is not None and (got.title_zh, got.episode) == ("简体", 1)
    assert SURE not in cache  # the rules read it: never sent
    assert (ctx.paths.data_dir / "llm_titles.json").exists()
    assert await fallback.fill(names, cache) == 0  # already answered
    assert len(server.requests) == 1


@pytest.fixture
async def lan_fake() -> AsyncIterator[tuple[FakeOpenAI, str]]:
    """The same fake model, on 127.0.0.1: an address the guard treats as the LAN."""
    server = FakeOpenAI()
    server.body = NO_TITLE_ANSWER
    app = web.Application()
    app.router.add_post("/v1/chat/completions", server.handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_an_endpoint_on_the_lan_is_not_asked_unless_opted_in(
    lan_fake: tuple[FakeOpenAI, str], caplog: pytest.LogCaptureFixture
) -> None:
    server, base = lan_fake
    for host in (
        base,
        base.replace("127.0.0.1", "localhost"),
        base.replace("127.0.0.1", "[::ffff:127.0.0.1]"),
    ):
        async with LLMTitleParser(LLMConfig(api_base=f"{host}/v1"), policy=TEST_POLICY) as llm:
            result = await llm.parse(NO_TITLE)
        assert result == parse_title(NO_TITLE)  # the rule-based reading, unchanged
    assert server.requests == []
    assert "AB_FETCH_ALLOW_NETWORKS" in caplog.text and "not a public address" in caplog.text
    # A session the parser owns by default is guarded by the real policy too.
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1")) as llm:
        await llm.parse(NO_TITLE)
    assert server.requests == []
    allowed = TEST_POLICY.with_allow([ipaddress.ip_network("127.0.0.1/32")])
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1"), policy=allowed) as llm:
        result = await llm.parse(NO_TITLE)
    assert result is not None and result.episode == 1 and len(server.requests) == 1


async def test_the_pipeline_fallback_uses_the_daemons_policy(
    lan_fake: tuple[FakeOpenAI, str], tmp_path: Path
) -> None:
    server, base = lan_fake
    ctx = _Ctx(tmp_path)
    ctx.config.replace_sections({"experimental_openai": {"enable": True, "api_base": f"{base}/v1"}})
    cache: dict[str, ParsedTitle | None] = {}
    assert await LLMFallback(ctx).fill([NO_TITLE], cache) == 1  # type: ignore[arg-type]
    assert server.requests == [] and cache[NO_TITLE] == parse_title(NO_TITLE)
    ctx.net_policy = NetPolicy(is_public=TEST_POLICY.is_public, allow=(ipaddress.ip_network("127.0.0.1/32"),))
    cache.clear()
    assert await LLMFallback(ctx).fill([NO_TITLE], cache) == 1  # type: ignore[arg-type]
    got = cache[NO_TITLE]
    assert len(server.requests) == 1 and got is not None and got.title_zh == "简体"
