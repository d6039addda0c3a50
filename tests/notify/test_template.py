"""Webhook templates rendered as AutoBangumi renders them: quoted placeholders get escaped
string content, bare ones a JSON value; the result of a JSON template is always valid JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest

from autobangumi_daemon.notify.template import DEFAULT_TEMPLATE, render_template

HARD_TITLES = [
    "葬送的芙莉莲",
    'He said "hi"',
    "back\\slash",
    "line one\nline two\ttab",
    "ends with a backslash \\",
    "{{title}} inside a title",
    "\u0000 control \u001f",
    "emoji 📺 and \u2028 separator",
    "",
]


@pytest.mark.parametrize("title", HARD_TITLES)
def test_autobangumi_default_template_gives_valid_json(title: str) -> None:
    values = {"title": title, "season": 2, "episode": 7, "poster_url": "https://ab.example.org/posters/a.jpg"}
    out = render_template(DEFAULT_TEMPLATE, values)
    assert json.loads(out) == {
        "title": title,
        "season": 2,
        "episode": 7,
        "poster_url": "https://ab.example.org/posters/a.jpg",
    }


@pytest.mark.parametrize(
    ("template", "values", "expected"),
    [
        # AutoBangumi's style: text placeholders in quotes, numbers bare.
        ('{"title": "{{title}}"}', {"title": "AutoBangumi"}, '{"title": "AutoBangumi"}'),
        ('{"t": "{{title}}"}', {"title": 'a"b'}, '{"t": "a\\"b"}'),
        ('{"t": "{{title}}"}', {"title": "a\nb"}, '{"t": "a\\nb"}'),
        ('{"t": "{{title}}"}', {"title": "a\\b"}, '{"t": "a\\\\b"}'),
        ('{"t": "{{title}}"}', {"title": "芙莉莲"}, '{"t": "芙莉莲"}'),  # not \\u-escaped
        # This project's style: bare placeholders become whole JSON values.
        ('{"t": {{title}}, "s": {{season}}}', {"title": 'a"b', "season": 1}, '{"t": "a\\"b", "s": 1}'),
        ('{"e": {{episode}}}', {"episode": 12.5}, '{"e": 12.5}'),
        ('{"p": {{poster_url}}}', {"poster_url": None}, '{"p": null}'),
        # A missing value inside quotes is empty text, a number inside quotes its digits.
        ('{"p": "{{poster_url}}"}', {"poster_url": None}, '{"p": ""}'),
        ('{"s": "S{{season}}E{{episode}}"}', {"season": 1, "episode": 5}, '{"s": "S1E5"}'),
        # Several placeholders in one string, text around them, spaces inside the braces.
        (
            '{"m": "{{ title }} - {{message}}!"}',
            {"title": "T", "message": 'say "x"'},
            '{"m": "T - say \\"x\\"!"}',
        ),
        # Literal escaped quotes in the template do not end the string.
        ('{"m": "\\"{{title}}\\""}', {"title": 'q"'}, '{"m": "\\"q\\"\\""}'),
        # Unknown placeholders stay as they are.
        ('{"x": "{{unknown}}", "t": "{{title}}"}', {"title": "T"}, '{"x": "{{unknown}}", "t": "T"}'),
        # Keys can hold placeholders too (they are strings).
        ('{"{{title}}": {{season}}}', {"title": 'k"', "season": 3}, '{"k\\"": 3}'),
        # Arrays and nesting.
        ('{"a": [{{season}}, "{{title}}"]}', {"season": 1, "title": "x\ny"}, '{"a": [1, "x\\ny"]}'),
    ],
)
def test_render_exact(template: str, values: dict[str, Any], expected: str) -> None:
    out = render_template(template, values)
    assert out == expected
    json.loads(out)


def test_a_plain_text_template_is_filled_in_as_values() -> None:
    # Not JSON at all (a chat bot's text body): outside quotes, values are written as JSON.
    assert render_template("New: {{title}} S{{season}}", {"title": "T", "season": 1}) == 'New: "T" S1'


def test_the_issue_example_no_longer_breaks() -> None:
    # The broken output users saw was `""AutoBangumi""`.
    out = render_template('{"title": "{{title}}"}', {"title": "AutoBangumi"})
    assert '""' not in out and json.loads(out) == {"title": "AutoBangumi"}
