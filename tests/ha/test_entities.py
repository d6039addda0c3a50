"""Entities driving and following a real daemon: push, switches, buttons, calendar, posters, events."""

from __future__ import annotations

from collections.abc import AsyncIterator
from http import HTTPStatus
from typing import Any
from unittest.mock import patch

import pytest
from custom_components.autobangumi._proto.autobangumi import v1
from custom_components.autobangumi.coordinator import AutoBangumiCoordinator
from custom_components.autobangumi.sensor import next_airing
from freezegun.api import FrozenDateTimeFactory
from ha_fixtures import PNG, Daemon, setup_entry, state_of, wait_for
from homeassistant.const import ATTR_ENTITY_ID, STATE_OFF, STATE_ON
from homeassistant.core import HomeAssistant
from homeassistant.exceptions import HomeAssistantError
from homeassistant.setup import async_setup_component
from homeassistant.util import dt as dt_util
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

PROGRAM_SWITCH = "switch.autobangumi_program"
PROGRAM_SENSOR = "sensor.autobangumi_program"


@pytest.fixture(autouse=True)
async def program_running(daemon: Daemon, socket_enabled: None) -> AsyncIterator[None]:
    """Every test here starts and ends with the shared daemon's program running."""
    yield
    if not (await daemon.rest("GET", "status"))["status"]:
        await daemon.rest("GET", "start")


def polls(coordinator: AutoBangumiCoordinator) -> Any:
    """Count the coordinator's polls: push updates must arrive without one."""
    return patch.object(coordinator, "_async_update_data", wraps=coordinator._async_update_data)


async def test_daemon_changes_arrive_by_push(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    with polls(entry.runtime_data.coordinator) as update:
        await daemon.rest("GET", "stop")
        await wait_for(lambda: state_of(hass, PROGRAM_SENSOR) == "stopped", what="stopped")
        assert state_of(hass, PROGRAM_SWITCH) == STATE_OFF
        await daemon.rest("GET", "start")
        await wait_for(lambda: state_of(hass, PROGRAM_SENSOR) == "running", what="running")
        assert state_of(hass, PROGRAM_SWITCH) == STATE_ON
        update.assert_not_called()


async def test_program_switch_drives_the_daemon(hass: HomeAssistant, daemon: Daemon) -> None:
    await setup_entry(hass, daemon)
    await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: PROGRAM_SWITCH}, blocking=True)
    await wait_for(lambda: state_of(hass, PROGRAM_SENSOR) == "stopped", what="stopped")
    assert (await daemon.rest("GET", "status"))["state"] == "stopped"

    # Stopping a stopped program: the daemon refuses, and says why.
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: PROGRAM_SWITCH}, blocking=True)
    assert err.value.translation_key == "request_failed"
    assert "not running" in str(err.value)

    await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: PROGRAM_SWITCH}, blocking=True)
    await wait_for(lambda: state_of(hass, PROGRAM_SWITCH) == STATE_ON, what="on")
    assert (await daemon.rest("GET", "status"))["state"] == "running"


async def test_program_switch_without_stream_polls_after_a_change(
    hass: HomeAssistant, daemon: Daemon
) -> None:
    entry = await setup_entry(hass, daemon)
    coordinator = entry.runtime_data.coordinator
    await coordinator.async_stop_stream()
    coordinator.connected = False
    with polls(coordinator) as update:
        await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: PROGRAM_SWITCH}, blocking=True)
        await hass.async_block_till_done()
        update.assert_called()
    assert state_of(hass, PROGRAM_SENSOR) == "stopped"


async def test_run_rename_runs_the_renamer(hass: HomeAssistant, daemon: Daemon) -> None:
    """The button calls the daemon's renamer; with no BitTorrent client reachable (as in these
    tests) the daemon's own bilingual refusal reaches the user as a translated error."""
    await setup_entry(hass, daemon)
    with pytest.raises(HomeAssistantError) as err:
        await hass.services.async_call(
            "button", "press", {ATTR_ENTITY_ID: "button.autobangumi_run_rename_now"}, blocking=True
        )
    assert err.value.translation_key == "request_failed"
    assert "downloader" in (err.value.translation_placeholders or {}).get("error", "").lower()


async def test_rule_changes_made_elsewhere_arrive_by_push(hass: HomeAssistant, daemon: Daemon) -> None:
    await setup_entry(hass, daemon)
    entity = "switch.frieren_download_new_episodes"
    rules = await daemon.rest("GET", "bangumi/get/all")
    rid = next(r["id"] for r in rules if r["official_title"] == "Frieren")
    assert state_of(hass, entity) == STATE_ON
    await daemon.rest("DELETE", f"bangumi/disable/{rid}")
    try:
        # Well before the 5-minute safety poll: the rules_changed event asked for a reload.
        await wait_for(lambda: state_of(hass, entity) == STATE_OFF, seconds=10, what="rule disabled by push")
    finally:
        await daemon.rest("GET", f"bangumi/enable/{rid}")
    await wait_for(lambda: state_of(hass, entity) == STATE_ON, seconds=10, what="rule enabled by push")


async def test_rule_switch(hass: HomeAssistant, daemon: Daemon) -> None:
    """Rule writes may not be built in the daemon yet: then the user gets a clear, translated error."""
    await setup_entry(hass, daemon)
    entity = "switch.frieren_download_new_episodes"
    try:
        await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: entity}, blocking=True)
    except HomeAssistantError as err:
        assert err.translation_key == "not_supported"
        return
    await wait_for(lambda: state_of(hass, entity) == STATE_OFF, what="rule disabled")
    assert state_of(hass, "sensor.autobangumi_active_rules") == "1"
    await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: entity}, blocking=True)
    await wait_for(lambda: state_of(hass, entity) == STATE_ON, what="rule enabled")


async def test_rule_switch_calls(hass: HomeAssistant, daemon: Daemon) -> None:
    """The switch's calls and the refresh after them, whatever the daemon implements today."""
    entry = await setup_entry(hass, daemon)
    client = entry.runtime_data.client
    entity = "switch.dandadan_download_new_episodes"
    with (
        patch.object(client, "disable_rule", return_value=None) as disable,
        patch.object(client, "enable_rule", return_value=None) as enable,
    ):

        async def ok(*_: Any) -> str:
            return "ok"

        disable.side_effect = ok
        enable.side_effect = ok
        await hass.services.async_call("switch", "turn_off", {ATTR_ENTITY_ID: entity}, blocking=True)
        await hass.services.async_call("switch", "turn_on", {ATTR_ENTITY_ID: entity}, blocking=True)
    disable.assert_called_once_with(2)
    enable.assert_called_once_with(2)


async def test_refresh_feeds_button(hass: HomeAssistant, daemon: Daemon) -> None:
    """Refreshing the (unreachable) test feed: the daemon reports it by push, or says it cannot yet."""
    await setup_entry(hass, daemon)
    before = state_of(hass, "sensor.autobangumi_last_feed_refresh")
    try:
        await hass.services.async_call(
            "button", "press", {ATTR_ENTITY_ID: "button.autobangumi_refresh_feeds"}, blocking=True
        )
    except HomeAssistantError as err:
        assert err.translation_key in ("not_supported", "request_failed")
        return
    await wait_for(
        lambda: state_of(hass, "sensor.autobangumi_last_feed_refresh") != before, what="feed refreshed"
    )
    problem = hass.states.get("event.autobangumi_problem")
    assert problem is not None
    assert problem.attributes["event_type"] == "feed_failed"
    assert problem.attributes["feed_id"] == 1


def _event(**payload: Any) -> v1.Event:
    return v1.Event(at="2026-11-27T12:00:00+00:00", **payload)


async def test_stream_events_fire_event_entities(hass: HomeAssistant, daemon: Daemon) -> None:
    """Each event kind, as the stream delivers it, reaches the right entity."""
    entry = await setup_entry(hass, daemon)
    coordinator = entry.runtime_data.coordinator

    coordinator._apply(
        _event(torrent_added=v1.TorrentAddedEvent(bangumi_id=1, name="[LoliHouse] Frieren - 29"))
    )
    await hass.async_block_till_done()
    episode = hass.states.get("event.autobangumi_episode")
    assert episode is not None
    assert episode.attributes["event_type"] == "download_started"
    assert episode.attributes["rule_id"] == 1

    coordinator._apply(
        _event(
            file_renamed=v1.FileRenamedEvent(
                bangumi_id=1, official_title="Frieren", season=2, episode=1.0, new_path="Frieren S02E01.mkv"
            )
        )
    )
    await hass.async_block_till_done()
    episode = hass.states.get("event.autobangumi_episode")
    assert episode is not None
    assert episode.attributes["event_type"] == "renamed"
    assert episode.attributes["episode"] == 1.0
    assert state_of(hass, "sensor.autobangumi_episodes_renamed_today") == "1"

    problem_id = "event.autobangumi_problem"
    coordinator._apply(_event(notification_sent=v1.NotificationSentEvent(provider="telegram", success=False)))
    await hass.async_block_till_done()
    assert hass.states.get(problem_id).attributes["event_type"] == "notification_failed"  # type: ignore[union-attr]

    coordinator._apply(_event(log_line=v1.LogLineEvent(level="ERROR:", message="Rename failed: disk full")))
    await hass.async_block_till_done()
    problem = hass.states.get(problem_id)
    assert problem is not None
    assert problem.attributes["event_type"] == "error_logged"
    assert problem.attributes["message"] == "Rename failed: disk full"

    # Ordinary traffic changes nothing: info log lines, successes, a healthy feed, unknown kinds.
    fired = problem.state
    coordinator._apply(_event(log_line=v1.LogLineEvent(level="INFO", message="Program started")))
    coordinator._apply(_event(notification_sent=v1.NotificationSentEvent(provider="bark", success=True)))
    coordinator._apply(_event(feed_refreshed=v1.FeedRefreshedEvent(rss_id=99, connection_status="healthy")))
    coordinator._apply(_event(kind="from_the_future"))
    await hass.async_block_till_done()
    assert hass.states.get(problem_id).state == fired  # type: ignore[union-attr]
    assert state_of(hass, "sensor.autobangumi_last_feed_refresh") == "2026-11-27T12:00:00+00:00"

    coordinator._apply(
        _event(
            feed_refreshed=v1.FeedRefreshedEvent(
                rss_id=1, name="Mikan personal", new_items=2, last_error="503"
            )
        )
    )
    assert coordinator.data.feeds[1].last_error == "503"
    await hass.async_block_till_done()  # new items: rules are fetched again
    problem = hass.states.get(problem_id)
    assert problem is not None
    assert problem.attributes["event_type"] == "feed_failed"


async def test_events_after_an_outage_mark_data_fresh(hass: HomeAssistant, daemon: Daemon) -> None:
    entry = await setup_entry(hass, daemon)
    coordinator = entry.runtime_data.coordinator
    coordinator.last_update_success = False
    coordinator._apply(_event(program_state=v1.ProgramStateEvent(state="stopped")))
    assert coordinator.last_update_success
    await hass.async_block_till_done()
    assert state_of(hass, PROGRAM_SENSOR) == "stopped"


async def test_renamed_today_resets_at_local_midnight(
    hass: HomeAssistant, daemon: Daemon, freezer: FrozenDateTimeFactory
) -> None:
    await hass.config.async_set_time_zone("Asia/Shanghai")
    freezer.move_to("2026-11-27T15:30:00+00:00")  # 23:30 in Shanghai
    entry = await setup_entry(hass, daemon)
    coordinator = entry.runtime_data.coordinator
    coordinator._apply(_event(file_renamed=v1.FileRenamedEvent(official_title="Frieren", episode=2)))
    coordinator._apply(_event(file_renamed=v1.FileRenamedEvent(official_title="Frieren", episode=3)))
    assert coordinator.data.renamed_today() == 2
    freezer.move_to("2026-11-27T16:00:01+00:00")  # the next day there
    assert coordinator.data.renamed_today() == 0
    coordinator._apply(_event(file_renamed=v1.FileRenamedEvent(official_title="Frieren", episode=4)))
    assert coordinator.data.renamed_today() == 1


async def test_downloads_sensors(hass: HomeAssistant, daemon: Daemon) -> None:
    """The test daemon has no downloader; the sensors' reading of a torrent list, fed directly."""
    entry = await setup_entry(hass, daemon)
    runtime = entry.runtime_data
    torrents = [
        v1.DownloaderTorrent(hash="a" * 40, name="ep1", progress=0.5, dlspeed=2_000_000, state="downloading"),
        v1.DownloaderTorrent(hash="b" * 40, name="ep2", progress=0.1, dlspeed=0, state="pausedDL"),
        v1.DownloaderTorrent(hash="c" * 40, name="ep3", progress=1.0, dlspeed=0, state="uploading"),
    ]

    async def listed() -> list[v1.DownloaderTorrent]:
        return torrents

    with patch.object(runtime.client, "list_torrents", side_effect=listed):
        await runtime.downloads.async_refresh()
        await hass.async_block_till_done()
    assert state_of(hass, "sensor.autobangumi_active_downloads") == "1"
    assert state_of(hass, "sensor.autobangumi_download_speed") == "2.0"  # MB/s
    assert state_of(hass, "binary_sensor.autobangumi_downloader") == STATE_ON


@pytest.mark.parametrize(
    ("time_zone", "utc_now", "today"),
    [
        # 01:00 UTC on a Friday is still Thursday in Los Angeles, and Friday in Tokyo.
        ("America/Los_Angeles", "2026-11-27T01:00:00+00:00", "2026-11-26"),
        ("Asia/Tokyo", "2026-11-27T01:00:00+00:00", "2026-11-27"),
    ],
)
async def test_calendar_follows_the_local_day(
    hass: HomeAssistant,
    daemon: Daemon,
    freezer: FrozenDateTimeFactory,
    time_zone: str,
    utc_now: str,
    today: str,
) -> None:
    await hass.config.async_set_time_zone(time_zone)
    freezer.move_to(utc_now)
    await setup_entry(hass, daemon)
    calendar = hass.states.get("calendar.autobangumi_airing")
    assert calendar is not None
    local_today = dt_util.now().date().isoformat()
    assert local_today == today

    start = dt_util.start_of_local_day(dt_util.parse_datetime("2026-11-23T12:00:00"))  # a Monday
    response = await hass.services.async_call(
        "calendar",
        "get_events",
        {ATTR_ENTITY_ID: "calendar.autobangumi_airing", "start_date_time": start, "duration": {"days": 7}},
        blocking=True,
        return_response=True,
    )
    events: list[dict[str, Any]] = response["calendar.autobangumi_airing"]["events"]  # type: ignore[index,assignment]
    # Frieren on Mondays, Dandadan on Thursdays; the disabled and archived rules never show.
    assert [(e["start"], e["summary"]) for e in events] == [
        ("2026-11-23", "Frieren"),
        ("2026-11-26", "Dandadan"),
    ]
    assert events[0]["end"] == "2026-11-24"
    assert events[0]["description"] == "S02 · LoliHouse · 1080p · CHS"

    # The "current or next" event: Thursday's Dandadan in Los Angeles (today), else next Monday's Frieren.
    expected = "Dandadan" if today == "2026-11-26" else "Frieren"
    assert calendar.attributes["message"] == expected
    assert calendar.state == (STATE_ON if expected == "Dandadan" else STATE_OFF)

    # A range ending exactly at midnight excludes the day that starts there.
    end = dt_util.start_of_local_day(dt_util.parse_datetime("2026-11-26T12:00:00"))
    events_before = await hass.services.async_call(
        "calendar",
        "get_events",
        {ATTR_ENTITY_ID: "calendar.autobangumi_airing", "start_date_time": start, "end_date_time": end},
        blocking=True,
        return_response=True,
    )
    assert [e["summary"] for e in events_before["calendar.autobangumi_airing"]["events"]] == ["Frieren"]  # type: ignore[index,union-attr]


async def test_next_airing_sensor(
    hass: HomeAssistant, daemon: Daemon, freezer: FrozenDateTimeFactory
) -> None:
    await hass.config.async_set_time_zone("Europe/Berlin")
    freezer.move_to("2026-11-27T10:00:00+00:00")  # Friday
    entry = await setup_entry(hass, daemon)
    sensor = hass.states.get("sensor.autobangumi_next_airing")
    assert sensor is not None
    assert sensor.state == "2026-11-30"  # Monday: Frieren
    assert sensor.attributes["shows"] == ["Frieren"]

    data = entry.runtime_data.coordinator.data
    for rule in data.rules.values():
        rule.air_weekday = None
    assert next_airing(data) is None


async def test_poster_image(hass: HomeAssistant, daemon: Daemon, hass_client: ClientSessionGenerator) -> None:
    assert await async_setup_component(hass, "http", {})
    entry = await setup_entry(hass, daemon)
    client = await hass_client()
    resp = await client.get("/api/image_proxy/image.frieren_poster")
    assert resp.status == HTTPStatus.OK
    assert await resp.read() == PNG
    assert resp.content_type == "image/png"

    # The daemon lost the file: no image, no error.
    coordinator = entry.runtime_data.coordinator
    rule = coordinator.data.rules[1]
    rule.poster_link = "posters/gone.png"
    coordinator.async_update_listeners()
    await hass.async_block_till_done()
    resp = await client.get("/api/image_proxy/image.frieren_poster")
    assert resp.status == HTTPStatus.INTERNAL_SERVER_ERROR

    # No poster any more: no image.
    rule.poster_link = None
    coordinator.async_update_listeners()
    resp = await client.get("/api/image_proxy/image.frieren_poster")
    assert resp.status == HTTPStatus.INTERNAL_SERVER_ERROR

    # The rule is gone from the daemon: its device goes, and the poster with it.
    del coordinator.data.rules[1]
    coordinator.async_update_listeners()
    await hass.async_block_till_done()
    assert hass.states.get("image.frieren_poster") is None


async def test_poster_from_a_remote_address(
    hass: HomeAssistant, daemon: Daemon, hass_client: ClientSessionGenerator
) -> None:
    """A rule whose poster is a URL (not cached by the daemon) is fetched by Home Assistant itself."""
    from aiohttp import web

    async def poster(_: web.Request) -> web.Response:
        return web.Response(body=PNG, content_type="image/png")

    app = web.Application()
    app.router.add_get("/p.png", poster)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        assert await async_setup_component(hass, "http", {})
        entry = await setup_entry(hass, daemon)
        coordinator = entry.runtime_data.coordinator
        coordinator.data.rules[1].poster_link = f"http://127.0.0.1:{port}/p.png"
        coordinator.async_update_listeners()
        await hass.async_block_till_done()
        client = await hass_client()
        resp = await client.get("/api/image_proxy/image.frieren_poster")
        assert resp.status == HTTPStatus.OK
        assert await resp.read() == PNG
    finally:
        await runner.cleanup()
