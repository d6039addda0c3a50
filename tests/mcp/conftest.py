"""Fixtures for the MCP tests: the feed suite's fake upstream sites and real qBittorrent."""

from __future__ import annotations

from tests.feeds.conftest import _fast_fetches, fakes, qb_client, qbt, site, with_qbt  # noqa: F401
