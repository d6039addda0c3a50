"""SearchService: provider search streamed as rules, and the provider map (config/search_provider.json).

The providers keep the order the user saved (file, messages and JSON alike): AutoBangumi's WebUI
searches with the first one, so a reordering would send a user's next search to another site.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import orjson

from autobangumi.rpc import Caller
from autobangumi.v1 import bangumi_pb2, search_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import invalid
from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.pipeline.search import search

__all__ = ["DEFAULT_PROVIDERS", "SearchService"]

# `%s` is replaced by the query, as in AutoBangumi's file.
DEFAULT_PROVIDERS = {
    "mikan": "https://mikanani.me/RSS/Search?searchstr=%s",
    "nyaa": "https://nyaa.si/?page=rss&q=%s&c=0_0&f=0",
    "dmhy": "http://dmhy.org/topics/rss/rss.xml?keyword=%s",
}


class SearchService:
    SERVICE = "autobangumi.v1.SearchService"

    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.pipeline = ctx.pipeline

    def providers(self) -> dict[str, str]:
        path = self.ctx.paths.search_provider_file
        try:
            raw = orjson.loads(path.read_bytes())
        except (FileNotFoundError, orjson.JSONDecodeError):
            return dict(DEFAULT_PROVIDERS)
        out: dict[str, str] = {}
        if isinstance(raw, dict):
            for site, value in raw.items():
                # 3.3's file holds {site: {url, parser}}; 3.2's holds {site: url}.
                url = value.get("url") if isinstance(value, dict) else value
                if isinstance(url, str):
                    out[str(site)] = url
        return out or dict(DEFAULT_PROVIDERS)

    async def SearchBangumi(
        self, req: search_pb2.SearchRequest, caller: Caller
    ) -> AsyncIterator[bangumi_pb2.Bangumi]:
        # The WebUI sends site/keywords; AutoBangumi's documentation says provider/keyword.
        site = (req.site or req.provider or "mikan").strip()
        keywords = (req.keywords or req.keyword).strip()
        if not keywords:
            return  # nothing to search: the stream ends at once
        template = self.providers().get(site)
        if template is None:
            raise invalid(f"site: unknown search provider {site!r}.", f"site：未知的搜索源 {site!r}。")
        async for item in search(self.pipeline, site, template, keywords):
            yield item

    async def ListProviders(
        self, req: search_pb2.ListProvidersRequest, caller: Caller
    ) -> search_pb2.ListProvidersResponse:
        return search_pb2.ListProvidersResponse(providers=list(self.providers()))

    async def GetProviderConfig(
        self, req: search_pb2.GetProviderConfigRequest, caller: Caller
    ) -> search_pb2.ProviderConfig:
        return _config(self.providers())

    async def UpdateProviderConfig(
        self, req: search_pb2.ProviderConfig, caller: Caller
    ) -> search_pb2.ProviderConfig:
        providers: dict[str, str] = {}
        for p in req.providers:
            site, url = p.name.strip(), p.url.strip()
            if not site:
                raise invalid("providers: a search provider needs a name.", "providers：搜索源必须有名称。")
            if site in providers:
                raise invalid(f"providers.{site}: the name is given twice.", f"providers.{site}：名称重复。")
            if not url.startswith(("http://", "https://")) or "%s" not in url:
                raise invalid(
                    f"providers.{site}: needs an http(s) URL template containing %s.",
                    f"providers.{site}：需要包含 %s 的 http(s) URL 模板。",
                )
            providers[site] = url
        body = orjson.dumps(providers, option=orjson.OPT_INDENT_2)
        await asyncio.to_thread(write_atomic, self.ctx.paths.search_provider_file, body)
        return _config(providers)


def _config(providers: dict[str, str]) -> search_pb2.ProviderConfig:
    return search_pb2.ProviderConfig(
        providers=[search_pb2.SearchProvider(name=k, url=v) for k, v in providers.items()]
    )
