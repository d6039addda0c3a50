"""SearchService: the search provider map (config/search_provider.json)."""

from __future__ import annotations

import asyncio

import orjson

from autobangumi.rpc import Caller
from autobangumi.v1 import search_pb2
from autobangumi_daemon.context import AppContext
from autobangumi_daemon.errors import invalid
from autobangumi_daemon.files import write_atomic

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

    async def ListProviders(
        self, req: search_pb2.ListProvidersRequest, caller: Caller
    ) -> search_pb2.ListProvidersResponse:
        return search_pb2.ListProvidersResponse(providers=list(self.providers()))

    async def GetProviderConfig(
        self, req: search_pb2.GetProviderConfigRequest, caller: Caller
    ) -> search_pb2.ProviderConfig:
        return search_pb2.ProviderConfig(providers=self.providers())

    async def UpdateProviderConfig(
        self, req: search_pb2.ProviderConfig, caller: Caller
    ) -> search_pb2.ProviderConfig:
        providers = dict(req.providers)
        for site, url in providers.items():
            if not site.strip() or not url.startswith(("http://", "https://")) or "%s" not in url:
                raise invalid(
                    f"Provider {site!r} needs an http(s) URL template containing %s.",
                    f"搜索源 {site!r} 需要包含 %s 的 http(s) URL 模板。",
                )
        body = orjson.dumps(providers, option=orjson.OPT_INDENT_2)
        await asyncio.to_thread(write_atomic, self.ctx.paths.search_provider_file, body)
        return search_pb2.ProviderConfig(providers=providers)
