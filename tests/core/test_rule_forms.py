"""A rule's three forms (draft, row, message) agree: the message a search shows for a draft is
the message of the rule that saving the draft creates."""

from __future__ import annotations

from autobangumi.v1 import bangumi_pb2
from autobangumi_daemon.core.rules import RuleDraft
from autobangumi_daemon.pipeline.rulemsg import draft_to_message, rule_from_draft, rule_from_message
from autobangumi_daemon.services.rows import bangumi_to_message

DRAFT = RuleDraft(
    official_title="葬送的芙莉莲",
    title_raw="Sousou no Frieren",
    season=2,
    season_raw="第二季",
    year="2023",
    group_name="ANi",
    dpi="1080P",
    source="Baha",
    subtitle="CHT",
    poster_link="posters/abc.jpg",
    eps_collect=True,
    filter="720",
    rss_link="https://mikanani.me/RSS/Bangumi?bangumiId=3310",
    aliases=["Frieren", "芙莉莲"],
)


def test_the_draft_message_is_the_saved_rule_message() -> None:
    row = rule_from_draft(DRAFT, "/downloads/Bangumi")
    saved = bangumi_to_message(row)
    shown = draft_to_message(DRAFT)
    for field, value in shown.ListFields():
        assert getattr(saved, field.name) == value, field.name
    assert row.title_aliases == '["Frieren","芙莉莲"]' and row.added is True
    assert row.save_path == "/downloads/Bangumi/葬送的芙莉莲 (2023)/Season 2"


def test_a_draft_without_optional_fields_leaves_them_unset() -> None:
    shown = draft_to_message(RuleDraft(official_title="X", title_raw="X"))
    assert not shown.HasField("year") and not shown.HasField("title_aliases")
    row = rule_from_draft(RuleDraft(official_title="X", title_raw="X"), "/d")
    assert row.year is None and row.title_aliases is None and row.deleted is False


def test_a_message_becomes_a_new_rule_with_the_same_defaults() -> None:
    row = rule_from_message(bangumi_pb2.Bangumi(official_title="Y", title_raw="Y", season=0))
    assert (row.season, row.added, row.deleted, row.episode_offset, row.filter) == (1, False, False, 0, "")
