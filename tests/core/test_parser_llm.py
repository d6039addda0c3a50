"""The optional LLM parser against a local fake OpenAI-compatible server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from autobangumi_daemon.core.title_parser.llm import LLMConfig, LLMTitleParser, parse_answer

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
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield server, f"http://127.0.0.1:{port}"
    finally:
        await runner.cleanup()


async def test_openai_request_shape_and_answer(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1", api_key="sk-test", model="m1")) as llm:
        result = await llm.parse(UNSURE)
    assert result is not None
    assert (result.title_en, result.title_zh, result.episode) == ("Summer Pockets", "夏日口袋", 4)
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
    async with LLMTitleParser(cfg) as llm:
        await llm.parse(UNSURE)
    req = server.requests[0]
    assert req["path"] == "/openai/deployments/dep1/chat/completions?api-version=2024-06-01"
    assert req["headers"]["api-key"] == "az-key"
    assert "Authorization" not in req["headers"]


async def test_confident_titles_are_not_sent_and_answers_are_cached(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1")) as llm:
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
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1", mode="primary")) as llm:
        result = await llm.parse(SURE)
    assert result is not None and result.title_en == "Apocalypse Hotel" and result.episode == 7


async def test_timeout_falls_back(fake: tuple[FakeOpenAI, str]) -> None:
    server, base = fake
    server.delay = 1.0
    async with LLMTitleParser(LLMConfig(api_base=f"{base}/v1", timeout=0.2)) as llm:
        result = await llm.parse(UNSURE)
    assert result is not None and result.title_zh == "夏日口袋" and result.episode is None


async def test_unreachable_endpoint_falls_back() -> None:
    async with LLMTitleParser(LLMConfig(api_base="http://127.0.0.1:9/v1", timeout=2)) as llm:
        result = await llm.parse(UNSURE)
    assert result is not None and result.title_en == "Summer Pockets"


def test_parse_answer_range_and_shape() -> None:
    content = json.dumps({"title_en": "X", "episode": "01-12", "season": "2", "extra": 1})
    body = json.dumps({"choices": [{"message": {"content": content}}]})
    assert parse_answer(body) == {"title_en": "X", "episode": "01-12", "season": "2"}
