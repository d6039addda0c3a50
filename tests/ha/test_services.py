"""Actions, aimed at an entry, against the real daemon; errors translated for the user."""

from __future__ import annotations

from typing import Any
from unittest.mock import patch

import pytest
from custom_components.autobangumi._proto.autobangumi import v1
from custom_components.autobangumi.client import AuthFailed, CannotConnect, NotSupported
from custom_components.autobangumi.const import DOMAIN
from ha_fixtures import Daemon, setup_entry
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError, ServiceValidationError
from pytest_homeassistant_custom_component.common import MockConfigEntry


async def call(hass: HomeAssistant, service: str, response: bool = False, **data: Any) -> Any:
    return await hass.services.async_call(DOMAIN, service, data, blocking=True, return_response=response)


async def test_get_rules_returns_the_daemons_rules(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    result = await call(hass, "get_rules", response=True, config_entry_id=entry.entry_id)
    rules = {r["id"]: r for r in result["rules"]}
    assert set(rules) == {1, 2, 3, 4}
    frieren = rules[1]
    assert frieren["title"] == "Frieren"
    assert frieren["season"] == 2
    assert frieren["group"] == "LoliHouse"
    assert frieren["enabled"] is True
    assert frieren["air_weekday"] == 0
    assert frieren["poster"] == "posters/frieren.png"
    assert rules[3]["enabled"] is False
    assert rules[4]["archived"] is True


async def test_torrent_actions_report_the_downloader_being_down(hass: HomeAssistant, daemon: Daemon) -> None:
    """The test daemon's downloader is unreachable: the daemon says so, and so does the action."""
    entry = await setup_entry(hass, daemon)
    for service, extra in (
        ("get_torrents", {}),
        ("pause_torrents", {}),
        ("resume_torrents", {"hashes": ["a" * 40]}),
    ):
        with pytest.raises(HomeAssistantError) as err:
            await call(
                hass, service, response=service == "get_torrents", config_entry_id=entry.entry_id, **extra
            )
        assert err.value.translation_key == "request_failed", service
        assert "downloader" in str(err.value)


async def test_torrent_actions(hass: HomeAssistant, daemon: Daemon) -> None:
    """With a downloader: the calls made and the data returned (the client boundary stands in for it)."""
    entry = await setup_entry(hass, daemon)
    client = entry.runtime_data.client
    torrents = [
        v1.DownloaderTorrent(hash="a" * 40, name="[LoliHouse] Frieren - 29", progress=0.25, dlspeed=1024),
        v1.DownloaderTorrent(hash="b" * 40, name="[LoliHouse] Frieren - 30", progress=1.0, state="uploading"),
    ]

    async def listed() -> list[v1.DownloaderTorrent]:
        return torrents

    async def done(hashes: list[str]) -> str:
        return "ok"

    with (
        patch.object(client, "list_torrents", side_effect=listed),
        patch.object(client, "pause_torrents", side_effect=done) as pause,
        patch.object(client, "resume_torrents", side_effect=done) as resume,
    ):
        result = await call(hass, "get_torrents", response=True, config_entry_id=entry.entry_id)
        await call(hass, "pause_torrents", config_entry_id=entry.entry_id)
        await call(hass, "resume_torrents", config_entry_id=entry.entry_id, hashes=["b" * 40])
    assert [t["name"] for t in result["torrents"]] == ["[LoliHouse] Frieren - 29", "[LoliHouse] Frieren - 30"]
    assert result["torrents"][0]["progress"] == 0.25
    assert result["torrents"][0]["download_speed"] == 1024
    pause.assert_called_once_with(["a" * 40, "b" * 40])
    resume.assert_called_once_with(["b" * 40])

    # Nothing to pause: nothing is sent.
    async def none() -> list[v1.DownloaderTorrent]:
        return []

    with (
        patch.object(client, "list_torrents", side_effect=none),
        patch.object(client, "pause_torrents") as pause,
    ):
        await call(hass, "pause_torrents", config_entry_id=entry.entry_id)
    pause.assert_not_called()


async def test_feed_actions(hass: HomeAssistant, daemon: Daemon) -> None:
    """Feeds on loopback: the daemon adds, refuses or has not built each call; never a bare traceback."""
    entry = await setup_entry(hass, daemon)
    outcomes: dict[str, str] = {}
    for service, data in (
        ("refresh_feeds", {"feed_id": 1}),
        ("add_feed", {"url": "http://127.0.0.1:9/RSS/Bangumi?bangumiId=42", "name": "Extra"}),
        ("subscribe_feed", {"url": "http://127.0.0.1:9/RSS/Bangumi?bangumiId=43&subgroupid=1"}),
    ):
        try:
            await call(hass, service, config_entry_id=entry.entry_id, **data)
        except HomeAssistantError as err:
            assert err.translation_key in ("not_supported", "request_failed"), service
            outcomes[service] = err.translation_key
        else:
            outcomes[service] = "done"
    if outcomes["add_feed"] == "done":
        feeds = entry.runtime_data.coordinator.data.feeds.values()
        assert "Extra" in [f.name for f in feeds]


async def test_feed_action_calls(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    client = entry.runtime_data.client
    rule = v1.Bangumi(id=9, official_title="Kusuriya", season=2, group_name="ANi")

    async def ok(*_: Any) -> str:
        return "ok"

    async def analysed(*_: Any) -> v1.Bangumi:
        return rule

    with (
        patch.object(client, "refresh_feeds", side_effect=ok) as refresh,
        patch.object(client, "add_feed", side_effect=ok) as add,
        patch.object(client, "subscribe", side_effect=analysed) as subscribe,
    ):
        await call(hass, "refresh_feeds", config_entry_id=entry.entry_id)
        await call(
            hass,
            "add_feed",
            config_entry_id=entry.entry_id,
            url="https://example.invalid/rss",
            aggregate=True,
        )
        result = await call(
            hass,
            "subscribe_feed",
            response=True,
            config_entry_id=entry.entry_id,
            url="https://example.invalid/a",
        )
    refresh.assert_called_once_with(None)
    add.assert_called_once_with("https://example.invalid/rss", None, True, "mikan")
    subscribe.assert_called_once_with("https://example.invalid/a", None, "mikan")
    assert result == {"rule": {**result["rule"], "id": 9, "title": "Kusuriya", "group": "ANi"}}


@pytest.mark.parametrize(
    ("exc", "key"),
    [
        (NotSupported("RefreshAllRss is not available"), "not_supported"),
        (CannotConnect("Connection lost"), "cannot_connect"),
        (AuthFailed("Unauthorized."), "auth_failed"),
    ],
)
async def test_action_errors_are_translated(
    hass: HomeAssistant, daemon: Daemon, exc: Exception, key: str
) -> None:
    entry = await setup_entry(hass, daemon)
    with (
        patch.object(entry.runtime_data.client, "refresh_feeds", side_effect=exc),
        pytest.raises(HomeAssistantError) as err,
    ):
        await call(hass, "refresh_feeds", config_entry_id=entry.entry_id)
    assert err.value.translation_key == key
    if key == "auth_failed":
        await hass.async_block_till_done()
        assert [
            f["context"]["source"] for f in hass.config_entries.flow.async_progress_by_handler(DOMAIN)
        ] == ["reauth"]


async def test_actions_validate_the_entry(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "get_rules", response=True, config_entry_id="no-such-entry")
    assert err.value.translation_key == "entry_not_found"

    other = MockConfigEntry(domain="sun")
    other.add_to_hass(hass)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "get_rules", response=True, config_entry_id=other.entry_id)
    assert err.value.translation_key == "entry_not_found"

    await hass.config_entries.async_unload(entry.entry_id)
    with pytest.raises(ServiceValidationError) as err:
        await call(hass, "refresh_feeds", config_entry_id=entry.entry_id)
    assert err.value.translation_key == "entry_not_loaded"
