"""Rule-based release-title parser.

How it reads a title (each step masks what it consumed, so later steps never see it twice):

1. Fold the text without changing its length (full-width → ASCII, 【】 → []), so every offset
   found in the folded text also indexes the original and titles can be cut out as written.
2. Mask release noise found by pattern (★04月新番★, sizes, dates, 检索用 notes, region notes).
3. Find the group: a leading `[group]`, or a trailing scene `-GROUP`.
4. Read tags token by token (resolution, medium, platform, codecs, subtitles...). A bracket whose
   tokens are all tags is masked whole; in free text, ambiguous words (WEB, CR, JP...) count only
   next to other tags.
5. Find the episode by patterns in priority order (S01E05, ` - 05`, `[05]`, `第05话`, `SP01`,
   `EP05`, a bare number before the tags), then season markers and type words (剧场版, OVA).
6. What is left before the episode is the title; it is split on `/`, `|` and script changes into
   the Chinese, English/romaji and Japanese titles.

Masks use two characters: NOISE ("\\x00") is transparent, TAG ("\\x01") ends the title region.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import cyrillic
from .model import Episode, EpisodeNumber, EpisodeType, ParsedTitle, Span
from .normalize import display_text, fold_same_length
from .numbers import CHINESE_NUMERAL_CHARS, chinese_to_int, roman_to_int, to_number
from .tokens import WEAK, Tag, classify, join_langs

NOISE = "\x00"
TAG = "\x01"
MAX_LEN = 1024  # release titles are < 300 chars; longer input is cut to keep the cost bounded

_CN = CHINESE_NUMERAL_CHARS
_NUM = rf"(?:\d{{1,4}}(?:\.\d)?|[{_CN}]{{1,4}})"

# A pattern that opens with a lookbehind makes the regex engine try it at every position; one
# that opens with a literal lets it skip ahead. So `(?<!\d)19` is written `19(?<!\d..)`: the same
# test, done after the literal.
# Release noise, as (guard, pattern): a pattern only runs when its guard text is present, which
# keeps the per-title cost low (most titles have none of these).
_NOISE_RES: tuple[tuple[tuple[str, ...] | re.Pattern[str], re.Pattern[str]], ...] = (
    (("★",), re.compile(r"★[^★\[\]]{0,24}★|★")),
    (
        ("月", "年"),
        re.compile(
            r"★?\s?(?:\d{2,4}\s?年\s?)?\d{1,2}\s?月(?:新番|番)★?"
            r"|\d{2,4}\s?年(?:新番|日剧|日劇|动画|動畫|番剧)"
        ),
    ),
    (("港澳台", "港澳臺"), re.compile(r"[(\[]?(?:僅限|仅限|限)?港澳[台臺](?:地區|地区)?(?:限定)?[)\]]?")),
    (
        ("索", "名", "尋"),
        re.compile(
            r"[(\[][^()\[\]]{0,40}?(?:检索用|搜索用|檢索用|搜尋用|检索|搜索|别名|別名)\s?[:：][^()\[\]]*[)\]]"
        ),
    ),
    (
        ("MB", "GB", "KB", "TB", "iB", "Mb", "Gb", "Kb", "mb", "gb", "kb"),
        re.compile(r"\d(?<![\w.].)\d*(?:\.\d+)?\s?(?:[KMGT]i?B)(?!\w)", re.I),
    ),
    (
        (".",),
        re.compile(
            r"\.(?:mkv|mp4|avi|ass|srt|torrent|webm)\s*$|(?:19|20)(?<!\d..)\d\d\.\d{1,2}\.\d{1,2}(?!\d)", re.I
        ),
    ),
    (("19", "20"), re.compile(r"(?:19|20)(?<![\d.]..)\d\d[ .]\d\d[ .]\d\d(?![\d.])")),  # 2016.10.10
    (
        # (a cheap look for `digit-digit-digit` first: dashes are in most titles, dates in few)
        re.compile(r"\d[\-/]\d\d?[\-/]\d"),
        re.compile(
            r"(?:19|20)(?<!\d..)\d\d[\-/]\d{1,2}[\-/]\d{1,2}(?!\d)"
            r"|(?<![\d.])\d{1,2}[\-/]\d{1,2}[\-/](?:19|20)\d\d(?!\d)"  # 10-11-2008, a broadcast date
        ),
    ),
    (("語", "语"), re.compile(r"\[[^\[\]]{0,6}(?:粵語|粤语|國語|国语)\]")),
    # `WEB DL DD 5 1 h264`: an audio's channels with the dot lost (`DD5.1`), not an episode.
    (
        ("DD", "AAC", "AC3", "DTS"),
        re.compile(r"(?<![A-Za-z])(?:DD|DDP|E?AC3|AAC|DTS)\s?[1-7]\s[01](?![\d.])"),
    ),
    # `x264-rovers.proof`, `-demand.sample.mkv`: what an indexer appended after the group.
    (("proof", "sample"), re.compile(r"[\s.](?:proof|sample)(?=\s*(?:\.[A-Za-z0-9]{2,4})?\s*$)")),
)
# `[2025年7月番]` / `2024年10月新番`: the season note names the year the show aired.
_YEAR_MONTH = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?年\s?\d{1,2}\s?月(?:新番|番)")
_LEAD_BRACKET = re.compile(r"[\s\x00]*\[([^\[\]]*)\]")
_SCENE_GROUP = re.compile(
    r"(?=-)(?:(?<=\s)|(?<=[A-Za-z0-9\])]))-([A-Za-z0-9][A-Za-z0-9.&_@-]{0,30}?[A-Za-z0-9])"
    r"(?=[\s\x00]*(?:\([^()]*\)[\s\x00]*|\[[^\[\]]*\][\s\x00]*)*(?:\.[A-Za-z0-9]{2,4})?[\s\x00]*$)"
)
_SEGMENT = re.compile(r"\[[^\[\]]*\]|\([^()\[\]]*\)|[^\[\]()]+|[\[\]()]")
_TOKEN = re.compile(r"[^\s_\[\]()\x00\x01]+")
_BR_TOKEN = re.compile(r"[^\s_\[\]()\x00\x01,/&+·|]+")
# A dot is a word gap unless it sits in a short decimal (AAC2.0, 5.1, 12.5).
# H.264/H.265 keep their dot: the codec table expects it.
_DOTTED = re.compile(r"(?=[._])(?:(?<!\d)\.(?!26[45])|\.(?!\d(?!\d))(?!26[45])|(?<![hH])\.(?=26[45])|_)")
_DIGIT = re.compile(r"\d")
_UNDERSCORE_DOTS = re.compile(r"_|(?<!\d)\.(?!26[45])|\.(?!\d)")

# Episode patterns, tried in this order; the first that matches wins. A leading `(?=[...])` lists
# the characters a match can start with: it changes no match, and lets the engine skip ahead to
# them instead of trying the lookbehind and the alternation at every position.
_EP_SXXEYY = re.compile(
    # (`T02E22`: Spanish and Italian releases write the season as a temporada)
    # (`S41 E10478`: a daily soap's five-digit episode; `S1-E1`: a dash between the two)
    r"(?=[SsTt])(?<![A-Za-z0-9])(?:SE?|T)(\d{1,4})[\s-]?EP?(\d{1,5}(?:\.\d)?)(?:v(\d))?"
    # `-E03`, `E02E03`, `+02`: more episodes of one file; the last one closes the range.
    # `S01E02 S01E03`, `S14E00 and S14E01`, `S01E00 & S01E01` too.
    r"(?:(?:\s?[-~+]\s?(?:S\d{1,2})?E?|\s?E|\s(?:&|and)\s(?:S\d{1,2})?E|\sS\d{1,2}E)(\d{1,4}))*"
    # (`S10E01b`: the second part of an episode; `S03E02Le titre`: the episode's name glued on)
    r"(?:(?-i:[a-d])(?![A-Za-z0-9])|(?-i:(?=[A-Z][a-z]))|(?![A-Za-z0-9]))",
    re.I,
)
_EPISODE_NAME_NUMBER = re.compile(r"\s[-~]\s\d{1,4}(?=\s+[A-Za-z])")
_EP_DASH = re.compile(
    r"(?=-)(?:(?<=[\s\x00\x01)\]])|(?<=^))-\s{0,2}(\d{1,4}(?:\.\d)?)(?:v(\d))?"
    # `- 01-02`, `- 01+02` (two episodes); `- 06+ES06` (an episode and its bonus short)
    r"(?:\s?[-~+]\s?(\d{1,4})(?:v\d)?)?(?:\+[A-Za-z]{1,3}\d{1,3})?(?:\s?(END|Fin|完))?"
    r"(?=$|[\s\x00\x01\[(]|\.[A-Za-z])",
    re.I,
)
_EP_BRACKET = re.compile(
    r"\[[\s\x00\x01]*(?:TV\s?)?(?:第\s?)?(\d{1,4}(?:\.\d)?)(?:\s?v(\d))?"
    r"(?:\s?[-~]\s?(?:第\s?)?(\d{1,4})(?:v\d)?)?\s?[话話集回]?(?:\s?(END|Fin|完|完结|完結))?"
    r"(?:\((\d{1,4})\))?(?P<tail>(?:[\s_+&]*(?:TV|全集|合集|全话|全話|END|Fin|完|完结|完結|SPs?\d*"
    r"|OVA\d*|OAD\d*|特典映像|特典|精校|修正|BD|Rev|Batch|Complete)(?![A-Za-z]))*)"
    r"(?:\s?[_ ][^\]\x01]*)?[\s\x00\x01]*\]"
    r"|\((\d{1,4})\s?[-~]\s?(\d{1,4})\)",
    re.I,
)
# (`2016x231`, `1940x01`: a year as the season, never a frame width such as 1920x800 or 2048x858)
_EP_NXN = re.compile(
    r"(?=\d)(?<![\w.])(\d{1,2}|(?!1920)(?:19\d\d|20[0-3]\d))[xX×]((?:\d{1,3})(?:[xX-]\d{2,3})*)(?![\w])"
)
_NXN_MORE = re.compile(r"(?:\s?[-.&]\s?|\s)(\d{1,2})[xX×](\d{1,3})(?![\w])")
# `[Cap.408]`, `[Cap.1503_1506]`: Spanish releases number an episode as season then episode.
_EP_CAP = re.compile(r"(?i)(?=c)(?<![A-Za-z])Cap[.\s]?(\d{1,2})(\d{2})(?:[_\s-](?:\d{1,2}?)(\d{2}))?(?!\d)")
# `Title.208.HDTV`, `the.simpsons.2401.hdtv`: a TV rip's season and episode run together.
_EP_SCENE_NUM = re.compile(r"(?=\d)(?<=[\s\x00])(?:([1-9])|(0[1-9]|[1-3]\d))(\d{2})(?=[\s\x00]*(?:$|\x01))")
# `[Group] 01 - Title`, `003. Title - Ep Name`, `03-Title`: the episode written before the title.
_EP_LEAD = re.compile(
    r"[\s\x00]*(\d{1,3})(?:\s?-\s?(\d{1,3}))?(?:\.\s|\s-\s|(?<=\b0\d)-|(?<=\b00\d)-)(?=[A-Za-z])"
)
# A number right after one of these words is a season or a volume, not an episode.
_NOT_EPISODE_BEFORE = re.compile(
    # (`3rd Season 05`: after an ordinal the season word is done, and the number is the episode)
    r"(?i)(?:(?<!\d(?:st|nd|rd|th)\s)seasons?|saison|temporada|temp|tem|seizoen|staffel|stagione|sezon|s[äa]song|vol|volume|parte?|chapter"
    r"|(?<=\d )(?:of|de|di|din|von)"
    # (`Season 1-3`, `Seasons 1, 2 & 3`: the later numbers of a list of seasons)
    r"|(?:seasons?|S)[\s.]?\d{1,2}(?:\s?(?:,|&|\+|and)\s?S?\d{1,2})*\s?(?:-|~|to|&|\+|and|,))[\s.]*$"
)
_SEASON_RANGE_TAIL = re.compile(r"(?i)(?:\s?(?:-|~|to|a|&|\+|and|,)\s?S?(\d{1,2})(?!\d))+")
_EXPLICIT_SEASON = re.compile(
    r"(?i)s\d|seasons?|saison|temporada|temp|tem|stagione|seizoen|staffel|sezon|s[äa]song|第|сезон|シーズン"
    r"|\d+(?:st|nd|rd|th|\s?[季期]|\s?(?:[ªº°]|a\.?|\.)?\s?(?:temporada|évad|staffel|sezon|saison|stagione)|(?:-?й)?\s?сезон)"
)
_EP_OF = re.compile(r"(?=\d)(?<![\w.])(\d{1,3})\s?(?:of|von|de|di|din)\s?(\d{1,3})(?![\w])", re.I)
_EP_CN = re.compile(rf"第\s?({_NUM})\s?(?:[-~]\s?第?\s?({_NUM})\s?)?[话話集回](?:\s?v(\d))?")
_EP_TOTAL = re.compile(rf"全\s?({_NUM})\s?[话話集回]")
_EP_SPECIAL = re.compile(
    r"(?=[OoSsEe])(?<![A-Za-z0-9])(OVA|OAD|SP|Special|Specials|Extra)\s?(\d{1,3})(?:v(\d))?(?![\dA-Za-z])",
    re.I,
)
_EP_EP = re.compile(
    r"(?=[EeÉé#FfAaOoBbCc])(?<![A-Za-z0-9])(?:EP|E|Episodes?|Eps\.?|Ep\.|#|Episodio|Episódio|Épisode|Episodul|Folge|Avsnitt|Odcinek"
    r"|Bolum|Bölüm|Cap[ií]tulo|Cap\.?)"
    r"(?:\s?:)?\s?(\d{1,4}(?:\.\d)?)(?:v(\d))?"
    # `E01-E02`, `[EP: 29-31]`, `E41 E42 E43`: the last number closes the range.
    r"(?:(?:\s?[-~]\s?(?:EP?)?|\s(?:EP?))(\d{1,4}))*(?![A-Za-z0-9])",
    re.I,
)
_EP_BARE = re.compile(
    r"(?=\d)(?:(?<=[\s\x00])|(?<=^))(\d{1,4}(?:\.\d)?)(?:v(\d))?(?:\s?[-~]\s?(\d{1,4}))?(?:\s?(END|Fin))?"
    r"(?=[\s\x00]*(?:$|[\x01\[(]))",
    re.I,
)

_SEASON_CN = re.compile(rf"第\s?([{_CN}\d]{{1,3}}|[^\s\d\[\]\x00\x01{_CN}])\s?[季期]")
_SEASON_EN = re.compile(
    # (the season word in the languages scene names are published in, too)
    # (`S07D1`, `S07D1-3&5`: discs of a season)
    r"(?=[SsTtFf0-9])(?<![A-Za-z0-9'])(?:Sn?(\d{1,2})(?:D\d{1,2}(?:[-&]\d{1,2})*)?|(?:Seasons?|Saison|Temporada|Temp|Tem|Stagione|Seizoen|Staffel|Sezon|S[äa]song)"
    # (`Season 2of5`, `Temporada 1 de 5`: which season of how many)
    r"\s?(\d{1,2})(?:\s?(?:of|de|di|von)\s?\d{1,2})?|(\d{1,2})(?:(?:st|nd|rd|th)\s+Season|(?:ª|º|°|a\.?|\.)?\s?(?:Temporada|évad)"
    # `2. Staffel`, `1. Sezon`: an ordinal before the season word
    r"|\.\s?(?:Staffel|Sezon|Saison|Stagione|Season))"
    r"|(First|Second|Third|Fourth|Fifth|Sixth)\s+Season|Season\s+(One|Two|Three|Four|Five|Six)"
    # British `Series 2 Episode 5`: a series right before the episode number is its season.
    r"|Series\s(\d{1,2})(?=[\s\x00]*$)"
    # `Saison VII`: a Roman numeral, in capitals, after the season word
    r"|(?:Seasons?|Saison|Temporada|Stagione|Staffel)\s(?-i:(IX|IV|V?I{1,3}|V|X)))"
    r"(?![A-Za-z0-9])",
    re.I,
)
_SEASON_ROMAN = re.compile(
    r"(?=[IVX])(?<=[A-Za-z!?.:\u4e00-\u9fff] )(II|III|IV|VI{0,3}|IX)(?=[\s\x00\x01/|\])]|$)"
)
_SEASON_CN_TAIL = re.compile(rf"(?<=[^\s\d])\s?([{_CN[1:]}]|\d)\s?[季期](?=[\s\x00\x01/|\]]|$)")
# `為美好的世界獻上祝福！3`: a lone digit right after the title's closing `！` is its season.
_SEASON_TAIL_NUM = re.compile(r"(?=\s)(?<=[^\s\d\x00\x01])\s(\d{1,2})(?=[\s\x00]*(?:[/|]|$))")
_SEASON_BANG = re.compile(r"(?=[\s2-9])(?<=[!！])\s?([2-9])(?=[\s\x00]*(?:$|[/|]))")
# Japanese names write the season in katakana: `シーズン2`, `第2シーズン`.
_SEASON_KANA = re.compile(r"第\s?(\d{1,2})\s?シーズン|シーズン\s?(\d{1,2})(?!\d)")
_WORD_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
_WORD_NUMBERS |= {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

_TYPE_RE = re.compile(
    r"(?=[剧劇电TtMmGgOo特番总總Ss])(?:剧场版|劇場版|电影版|(?<![A-Za-z])(?:The\s)?Movie(?![A-Za-z])"
    r"|(?<![A-Za-z])Gekijou?ban(?![A-Za-z])|(?<![A-Za-z])(?:OVA|OAD)(?![A-Za-z])"
    r"|特别篇|特別篇|番外篇|总集篇|總集篇|(?<![A-Za-z])(?:SP|Specials?)(?![A-Za-z]))",
    re.I,
)
_TYPE_OF: dict[str, EpisodeType] = {"ova": "ova", "oad": "oad"}

# (`:||`, a repeat sign some titles end with, is no separator)
_TITLE_SEP = re.compile(r"(?=[\s/|_「」])(?:\s*(?:/|(?<!:)(?<!:\|)\|(?!\|))\s*|_|「|」|\s{2,})")
# Kana, without the middle dot ・ (U+30FB), which Chinese titles use too.
_KANA = re.compile(r"[\u3040-\u309f\u30a0-\u30fa\u30fc-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN = re.compile(r"[A-Za-z]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HAS_WORD = re.compile(r"[^\W_]")
_YEAR = re.compile(r"(?:19\d\d|20[0-4]\d)")
_CRC = re.compile(r"[0-9A-Fa-f]{8}")
_EDGE_TRIM = " \t/|,_·&+:;、＆"


@dataclass(slots=True)
class _Acc:
    """Mutable accumulator while parsing; frozen into ParsedTitle at the end."""

    values: dict[str, object] = field(default_factory=dict)
    langs: set[str] = field(default_factory=set)
    sub_raw: list[str] = field(default_factory=list)
    # (field, start, end); Span objects are only built when a caller asks for them.
    spans: list[tuple[str, int, int]] = field(default_factory=list)

    def set_once(self, name: str, value: object, start: int, end: int, text: str) -> None:
        if name not in self.values:
            self.values[name] = value
        self.spans.append((name, start, end))


def _mask(work: str, start: int, end: int, ch: str) -> str:
    return work[:start] + ch * (end - start) + work[end:]


def _unscene(disp: str) -> str:
    """`Title.S01E01.1080p.WEB-DL` or `Title_-_01_[1080p]`: make dots/underscores spaces."""
    lead = _LEAD_GROUP_BRACKET.match(disp)
    if lead is not None:
        # `[t.3.3.d]_Title_-_12`, `[the.group] Some.Series.S03E15`: the group is written as is.
        return disp[: lead.end()] + _unscene(disp[lead.end() :])
    body = disp
    if body.count("_") > body.count("."):
        # `Evangelion_1.11_You_Are_(Not)_Alone`: words are cut by underscores; a dot between
        # digits is the title's own, other dots still cut words (`Show_Name.1x02.HDTV`).
        return _UNDERSCORE_DOTS.sub(" ", body)
    ext = _FILE_EXT.search(body)
    if ext is not None and (tag := classify(ext.group(1))) is not None and tag.kind != "noise":
        ext = None  # `.720p`, `.x264`: the last tag of the name, not a file extension
    if ext is not None and _NOT_EXT.fullmatch(ext.group(1)):
        ext = None  # `Show.Name.S01.E02.E03`: an episode, not an extension
    if (
        ext is not None
        and ext.group(1).lower() not in _FILE_EXTS
        and (last := classify(_word_ending(body, ext.start()))) is not None
        and last.kind != "noise"
    ):
        ext = None  # `Film.2016.720p.YIFY`: after a tag, the group dotted on, not an extension
    cut = ext.start() if ext else len(body)
    head = body[:cut]
    if "WEB" in head or "web" in head:
        head = _WEB_DL_DOT.sub("WEB-DL", head)  # `WEB.DL` is one tag with its dash lost
    if "..." not in head:
        return _DOTTED.sub(" ", head) + body[cut:]
    # An ellipsis between words is the title's own: `What.If...2010`, `tick.tick...BOOM`.
    out: list[str] = []
    pos = 0
    for m in _ELLIPSIS.finditer(head):
        out.append(_DOTTED.sub(" ", head[pos : m.start()]))
        out.append("...")
        pos = m.end()
    out.append(_DOTTED.sub(" ", head[pos:]))
    return "".join(out) + body[cut:]


_ELLIPSIS = re.compile(r"(?<=[A-Za-z])\.\.\.(?=(?![Ss]\d)[A-Za-z0-9])")


_WEB_DL_DOT = re.compile(r"(?i)(?<![A-Za-z])WEB\.DL(?![A-Za-z])")


_WRAPPED = re.compile(r"(?<=^)\s*\[(?=[^\[\]]*\s\S+\s\S+\s)[^\[\]]*\](?=\s*$)")
_SITE_STAMP = re.compile(r"\s*\[[^\[\]]*\]\s*(?:-\s*)?")
_FILE_EXT = re.compile(r"\.([A-Za-z][A-Za-z0-9]{1,3})\s*$")
# Extensions that may follow a tag directly (`Show.S01E01.720p.mkv`); any other short last word
# after a tag is a group (`.720p.YIFY`).
_FILE_EXTS = frozenset(
    {"mkv", "mp4", "avi", "m4v", "mov", "wmv", "flv", "webm", "ts", "m2ts", "mts", "mpg", "mpeg", "vob"}
    | {"iso", "img", "rmvb", "rm", "ogm", "ogv", "divx", "3gp", "asf", "mk3d", "mka", "flac", "mp3"}
    | {"srt", "ass", "ssa", "sub", "idx", "sup", "vtt", "nfo", "txt", "rar", "zip", "7z", "tar", "gz"}
    | {"par2", "sfv", "md5", "jpg", "jpeg", "png", "gif", "nzb", "r00", "001", "exe"}
)
_NOT_EXT = re.compile(r"(?i)(?:e|ep|s|x)\d{1,3}")
_LEAD_GROUP_BRACKET = re.compile(r"\[[^\[\]\s]*\.[^\[\]\s]*\](?=[\s_.]*[A-Za-z0-9])")


def parse_title(text: object) -> ParsedTitle | None:
    """Parse one release title. Never raises; None only when there is no title in the text."""
    if not isinstance(text, str):
        return None
    try:
        return _parse(text)[0]
    except Exception:  # pragma: no cover - a last guard; the fuzz test drives parse_with_spans
        return None


def parse_with_spans(text: str) -> tuple[ParsedTitle | None, list[Span]]:
    """Parse and also return which span of `text` became which field, in text order."""
    result, raw = _parse(text)
    spans = [Span(name, s, e, text[s:e]) for name, s, e in sorted(raw, key=lambda x: (x[1], x[2]))]
    return result, spans


_LEAD_BRACKET_SPACE = re.compile(r"\[[^\[\]]*\]\s+")


def _mostly_dotted(text: str) -> bool:
    """`Title.2011.1080p.BRRip.x264  [Site]`, `Shaolin 2011.720p.BluRay.x264-x0r`: dotted names
    with a space or two in them."""
    head = text.split(" ", 1)[0]
    if head.count(".") >= 3 and len(head) * 2 >= len(text):
        return True
    body = _LEAD_BRACKET_SPACE.sub("", text, 1) if text[0] == "[" else text
    head = body.split(" ", 1)[0]
    if head.count("_") >= 2 and len(head) * 2 >= len(body):
        # `[Group] Show_Name_05_[720p]`, `Show_Name_S03E02 Episode name`: the words are cut by
        # underscores up to the episode; a space further on does not make it a spaced name.
        return True
    dots = text.count(".")
    return dots >= 3 and text.count(" ") * 2 < dots


def _parse(text: str) -> tuple[ParsedTitle | None, list[tuple[str, int, int]]]:
    text = text[:MAX_LEN]
    disp = display_text(text)
    stripped = disp.strip()
    if not stripped:
        return None, []
    # `[ www.site.com ] - Show.Name.S01E05`: a site's stamp before a dotted name.
    site = _SITE_STAMP.match(disp) if "www" in disp.lower() else None
    lead = site.end() if site is not None and _SITE.search(site.group()) else 0
    if lead:
        stripped = disp[lead:].strip()
    dotted = (" " not in stripped or _mostly_dotted(stripped)) and (
        stripped.count(".") >= 2 or (stripped.count("_") >= 2 and not _CJK.search(stripped))
    )
    if dotted:
        # `Title.S01E01.1080p` / `Title_-_01`; a CJK fansub title keeps its underscores as written
        # (`[ひみつのアイプリ/Himitsu_no_Aipri/...]`).
        disp = disp[:lead] + _unscene(disp[lead:])
    scan = fold_same_length(disp)
    acc = _Acc()
    work = scan
    if scan.startswith("[["):
        work = NOISE + work[1:]  # `[[Group] Title`: a stray doubled bracket
    elif (whole := _WRAPPED.fullmatch(scan)) is not None:
        # `[ Show Name S02E10 1080p WEB-DL x264-GRP ]`: the whole name in one bracket is no group.
        work = _mask(work, whole.start(), whole.start() + 1, NOISE)
        work = _mask(work, whole.end() - 1, whole.end(), NOISE)

    for guards, pattern in _NOISE_RES:
        if isinstance(guards, re.Pattern):
            if guards.search(scan) is not None:
                for m in pattern.finditer(scan):
                    work = _mask(work, m.start(), m.end(), NOISE)
            continue
        for g in guards:
            if g in scan:
                for m in pattern.finditer(scan):
                    work = _mask(work, m.start(), m.end(), NOISE)
                break

    if "年" in scan:
        ym = _YEAR_MONTH.search(scan)
        if ym:
            acc.set_once("year", int(ym.group(1)), ym.start(1), ym.end(1), disp)
    latin_only = _CJK.search(scan) is None
    if latin_only and ("Rip" in work or "RIP" in work or "rip" in work or "DL" in work):
        # `WEB Rip`, `BluRay Rip`, `WEB DL`: one medium tag written as two words.
        work = _SPLIT_MEDIUM.sub(lambda m: m.group(1) + "-" + m.group(2), work)
    if latin_only and ("Full HD" in work or "FULL HD" in work):
        work = _FULL_HD.sub("Full-HD", work)  # one resolution word written as two
    work, group_span = _find_group(work, disp, acc)
    if latin_only:
        work = _latin_notes(work, disp, acc)
    work = _read_tags(work, disp, acc)
    work, ep_span = _cyrillic_markers(work, disp, acc)
    if ep_span is None:
        work, ep_span = _find_episode(work, disp, acc, group_span[1] if group_span else 0, latin_only, dotted)
    if ep_span is not None and group_span is None and "group" not in acc.values:
        work = _trailing_group(work, disp, acc, ep_span[1])
    elif (
        ep_span is None and group_span is None and "group" not in acc.values and (tags := work.find(TAG)) > 0
    ):
        # `Film (2013) [WEBDL-1080p] [x264 AC3] [NTb].mkv`: a film's group after its tags.
        work = _trailing_group(work, disp, acc, tags)
    if group_span is None and "group" not in acc.values and latin_only:
        work = _by_group(work, disp, acc)
        if "group" not in acc.values:
            work = _last_word_group(work, disp, acc)
        if "group" not in acc.values:
            _bracket_tail_group(work, scan, disp, acc)
    title_end = ep_span[0] if ep_span else len(work)
    work = _find_types(work, disp, acc, title_end, dotted)
    work = _find_seasons(work, disp, acc, title_end)
    if "year" not in acc.values:
        work = _scene_year(work, disp, acc, group_span[1] if group_span else 0, title_end)
    pieces = _title_pieces(work, group_span[1] if group_span else 0, ep_span)
    if not pieces and group_span is not None:
        # `[Title][01][1080p]`: the only bracket before the tags was the title, not a group.
        acc.values.pop("group", None)
        acc.spans = [sp for sp in acc.spans if sp[0] != "group"]
        gs, ge = group_span
        work = work[:gs] + NOISE + scan[gs + 1 : ge - 1] + NOISE + work[ge:]
        pieces = _title_pieces(work, 0, ep_span)
    if not pieces:
        return None, acc.spans
    _assign_titles(pieces, scan, disp, acc)
    if not any(k in acc.values for k in ("title_zh", "title_en", "title_jp")):
        return None, acc.spans
    if "source" not in acc.values and "platform" in acc.values:
        # `(Baha 1920x1080 AVC AAC MP4)`, `(B-Global ...)`: with no medium written, the platform
        # is the release's source, so two platforms' releases of one show stay apart.
        acc.values["source"] = acc.values["platform"]
        acc.spans.extend(("source", ps, pe) for name, ps, pe in list(acc.spans) if name == "platform")
    return _build(acc), acc.spans


_FULL_HD = re.compile(r"(?i)(?<![A-Za-z])Full HD(?![A-Za-z])")
_SPLIT_MEDIUM = re.compile(
    r"(?i)(?=[wbdht])(?<![A-Za-z])(WEB|BD|BluRay|Blu-Ray|DVD|HD|TV) (Rip|DL)(?![A-Za-z])"
)


# --- group -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=2048)
def _bracket_is_tags(inner: str) -> bool:
    tokens = _BR_TOKEN.findall(inner)
    if not tokens:
        return True
    return all(classify(t) is not None or _EP_TOKEN.fullmatch(t) for t in tokens)


_EP_TOKEN = re.compile(
    r"(?:第|TV)?\d{1,4}(?:\.\d)?(?:v\d)?(?:[-~]\d{1,4})?[话話集回]?(?:END|Fin)?|\d{1,4}\(\d{1,4}\)", re.I
)


def _find_group(work: str, disp: str, acc: _Acc) -> tuple[str, tuple[int, int] | None]:
    site = _SITE_PREFIX.match(work)
    if site is not None:
        # `www.site.art - Title (2023) ...`: the site that posted it, then the title.
        work = _mask(work, site.start(), site.end(), NOISE)
    m = _LEAD_BRACKET.match(work)
    if m and _SITE.search(m.group(1)):
        # `[www.site.com] Title...`: a site's stamp, not a group; the group may still be at the end.
        work = _mask(work, m.start(1) - 1, m.end(), NOISE)
        m = None
    if m:
        inner = m.group(1)
        if _HAS_WORD.search(inner) and not _bracket_is_tags(inner):
            start, end = m.start(1), m.end(1)
            # Strip inner spaces so `[ ANi ]` gives `ANi`, keeping offsets into the original.
            while start < end and work[start].isspace():
                start += 1
            while end > start and work[end - 1].isspace():
                end -= 1
            acc.set_once("group", disp[start:end], start, end, disp)
            acc.values["bracket_group"] = True
            return _mask(work, m.start(1) - 1, m.end(), NOISE), (m.start(1) - 1, m.end())
        return work, None
    sm = None
    for last in _SCENE_GROUP.finditer(work) if "-" in work else ():
        sm = last  # the last `-GROUP` is the release group; earlier dashes belong to the title
    if sm is None and "-" in work:
        sm = _tagged_group(work)
    if sm is not None:
        gs, ge = sm.start(1), sm.end(1)
        name = work[gs:ge]
        post = _POST_TAGS.search(name)
        if post is not None and post.start() > 0:
            # `-edhd-sample`, `-RTN-xpost`: what an indexer or re-poster appended to the group.
            ge = gs + post.start()
            name = work[gs:ge]
        before = _word_ending(work, gs - 1)
        while "-" in name:
            head, _, tail = name.partition("-")
            # `DVD-R-KZ`, `DTS-X-NOGROUP`: the head finishes the tag glued before it.
            glued = bool(before) and classify(f"{before}-{head}") is not None
            if not tail or not (
                glued
                or classify(head) is not None
                or head.isdigit()
                or "." in head
                or " " in head
                or _EPISODE_WORD.fullmatch(head)  # `S1-E1-WEB-DL-1080p-NZBgeek`
            ):
                break
            # `WEB-DL-BLUEBERRY`, `2007-TRUEFRENCH-TVRip.Xvid-h@mster`: the dashes before the
            # group were inside tags or between them.
            gs += len(head) + 1
            name = tail
            before = head  # `Dvd-Rip-480p`: the next head may finish this one
        if (
            classify(name) is None
            and _LATIN.search(name)
            and not _EPISODE_WORD.fullmatch(name)
            and not (before and classify(f"{before}-{name}") is not None)  # `DVD-Rip`, `DTS-HD`
        ):
            head = _word_ending(work, gs - 1) if gs == sm.start(1) else ""
            hs = gs - 1 - len(head)
            if (
                0 < len(head) <= 4
                and head[0].isalpha()
                and hs > 0
                and work[hs - 1] == " "
                and classify(head) is None
                and head.lower() not in _LANG_CODES  # `x264.HUN-nIk`: the audio language, then the group
                and classify(_word_ending(work, hs - 1) or "-") is not None
            ):
                # `x264.D-Z0N3`, `HQ.Hive-CM8`, `X264.INT-BOOLZ`: a short word after the tags
                # is the first half of the group's name.
                gs = hs
            acc.set_once("group", disp[gs:ge], gs, ge, disp)
            work = _mask(work, gs - 1, sm.end(), TAG)
    return work, None


# `x264-Belex - Dual Audio - Dublado`, `XviD-AFG HebSubs`: a group glued to the codec or medium,
# followed only by words that are tags (an audio or subtitle note a re-poster appended).
_TAGGED_GROUP = re.compile(
    r"(?<=[A-Za-z0-9])-([A-Za-z0-9][A-Za-z0-9@]{0,20}[A-Za-z0-9])"
    r"(?=[\s\x00]+(?:[-+]\s)?[A-Za-z][A-Za-z .+-]*?(?:\.[A-Za-z0-9]{2,4})?[\s\x00]*$)"
)
_TAIL_WORD = re.compile(r"[A-Za-z]+")


def _tagged_group(work: str) -> re.Match[str] | None:
    found = None
    for last in _TAGGED_GROUP.finditer(work):
        found = last
    if found is None:
        return None
    before = classify(_word_ending(work, found.start()))
    if before is None or before.kind not in ("video", "source") or classify(found.group(1)) is not None:
        return None
    tail = work[found.end() :].rstrip()
    ext = _EXT_TAIL.search(tail)
    words = _TAIL_WORD.findall(tail[: ext.start()] if ext else tail)
    return found if words and all(classify(w) is not None for w in words) else None


_EXT_TAIL = re.compile(r"\.[A-Za-z0-9]{2,4}$")


# Audio language codes that scene names write between the tags and the `-GROUP`.
_LANG_CODES = frozenset(
    {"hun", "cz", "cze", "pl", "pol", "rus", "ukr", "swe", "nor", "dan", "fin", "ger", "fre", "spa", "por"}
    | {"nl", "dut", "heb", "tur", "gre", "rom", "bul", "hrv", "slo", "srb", "est", "lit", "lat", "kor", "chi"}
)


# `Ep01-Ep12`, `E01-E02`: the end of an episode range, not a `-GROUP`.
_EPISODE_WORD = re.compile(r"(?i)(?:ep?|s\d{1,2}e)?\d{1,4}")


def _word_ending(work: str, end: int) -> str:
    """The run of ASCII letters and digits that ends at `end`."""
    start = end
    while start > 0 and work[start - 1].isascii() and work[start - 1].isalnum():
        start -= 1
    return work[start:end]


_TRAILING_GROUP = re.compile(
    r"(?:\[([A-Za-z0-9][\w.&+!' -]{0,30})\]|\(([A-Za-z0-9][\w.&+!' -]{0,30})\)"
    r"|[\]\x00\x01]\s*-\s*([A-Za-z0-9][\w.&-]{0,30}))"
    r"(?=[^\[\]()\w]*(?:\[[^\[\]]*\][^\[\]()\w]*)*$)"
)


def _trailing_group(work: str, disp: str, acc: _Acc, after: int) -> str:
    """`Title - 01 (Group) [CRC].mkv`, `Title 24 (Blu-Ray 1080p) [Group]`, `Title_-_01_[720p]_-_GROUP`:
    classic file names put the group after the episode. The last bracket there that is a
    name (not tags, already masked) is the group."""
    found = None
    for m in _TRAILING_GROUP.finditer(work, after):
        found = m
    if found is None:
        return work
    idx = next(i for i in (1, 2, 3) if found.group(i))
    gs, ge = found.start(idx), found.end(idx)
    name = work[gs:ge].strip()
    if not _LATIN.search(name) or len(name.split()) > 3 or classify(name) is not None:
        return work
    gs = gs + (len(work[gs:ge]) - len(work[gs:ge].lstrip()))
    ge = gs + len(name)
    acc.set_once("group", disp[gs:ge], gs, ge, disp)
    return _mask(work, found.start(), found.end(), NOISE)


_BY_GROUP = re.compile(
    r"(?<=[\x00\x01\s\]])[Bb][Yy]\s+([A-Za-z][\w@]{1,20}(?:\s[A-Za-z][\w@]{1,20})?)[\s\x00]*$"
)


def _by_group(work: str, disp: str, acc: _Acc) -> str:
    """`... DLMux by UBi`, `WEB-DLRip.by.Seven`: Italian and Russian releases sign with `by NAME`
    after the tags."""
    m = _BY_GROUP.search(work) if "by" in work.lower() else None
    if m is None or not (work.count(TAG, 0, m.start()) or "]" in work[: m.start()]):
        return work
    gs, ge = m.start(1), m.end(1)
    if classify(m.group(1)) is not None:
        return work
    acc.set_once("group", disp[gs:ge], gs, ge, disp)
    return _mask(work, m.start(), ge, NOISE)


_LAST_BRACKET = re.compile(r"[(\[]([^()\[\]]*)[)\]][\s\x00]*(?:\.[A-Za-z0-9]{2,4})?[\s\x00]*$")


def _bracket_tail_group(work: str, scan: str, disp: str, acc: _Acc) -> None:
    """`Title (2019) S01 (1080p BluRay x265 HEVC 10bit AAC 5.1 Tigole)`: public-tracker encoders
    sign at the end of the last bracket of tags."""
    m = _LAST_BRACKET.search(scan)
    if m is None or any(c not in "\x00\x01" for c in work[m.start(1) : m.end(1)]):
        return  # not a bracket read whole as tags
    word = _word_ending(scan, m.end(1))
    gs = m.end(1) - len(word)
    if len(word) < 3 or not word[0].isalpha() or gs == m.start(1) or scan[gs - 1] != " ":
        return
    if classify(word) is None and not _CRC.fullmatch(word):
        acc.set_once("group", disp[gs : m.end(1)], gs, m.end(1), disp)


_LAST_WORD = re.compile(r"(?<=[\x00\x01])[\s.]*([A-Za-z][A-Za-z0-9@]{2,15})[\s\x00]*$")


def _last_word_group(work: str, disp: str, acc: _Acc) -> str:
    """`...BluRay.x264.AC3.Hindi.Eng.ETRG`, `... x264 CCATS`: scene names that end in the group
    with no dash. Only a lone word right after the release tags counts."""
    m = _LAST_WORD.search(work)
    if m is None or classify(m.group(1)) is not None:
        return work
    gs, ge = m.start(1), m.end(1)
    acc.set_once("group", disp[gs:ge], gs, ge, disp)
    return _mask(work, gs, ge, NOISE)


_SITE = re.compile(
    r"(?i)(?:^|[\s.])www[.,\s]|\.(?:com|org|net|info|ru|tv|me|cc|pics|party|phd|mx|am|ag|lt)\b"
)
_SITE_PREFIX = re.compile(
    r"(?i)\s*(?:www[.,\s][\w-]+(?:[.\s][\w-]+)*?[.\s][a-z]{2,6}"
    r"|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|ru|tv|me|cc|pics|party|phd|art|world|cx|to))\s+-\s+"
)
_POST_TAGS = re.compile(r"(?i)(?:-(?:sample|proof|asrequested|obfuscated|xpost|postbot|scrambled))+$")


# Words that end a Latin title without being a field: edition names, volumes, OP/ED extras,
# `The Complete Series`, a parenthesised note that ends in the year (director, genre).
_EDITION = re.compile(
    r"(?i)(?=[esucatdvfb])(?<![A-Za-z])(?:(?:Extended|Special|Ultimate|Collector'?s|Anniversary|Theatrical|Unrated"
    r"|Director'?s?)\s(?:Edition|Cut|Version)|(?:The\s)?Complete\s(?:Series|Collection)|(?:The\s)?Complete(?=\sSeasons?\s)"
    # (packs: `Full Season`, `All Episodes`, `Season Pack`, `Box Set`)
    r"|(?:Full|All)\s(?:Series|Episodes)|(?:Full|All)\sSeasons?(?:\s?\(\d{1,2}\s?-\s?\d{1,2}\)|(?!\s?\d{1,2}(?!\d)))|Season\sPack|Box\s?Set"
    r"|Vol(?:ume)?\.?\s?\d{1,3}(?:\s?-\d{1,3}|-\s?\d{1,3})?(?![\d.]))(?![A-Za-z])"
)
_EXTRA = re.compile(
    r"(?=[NOEC])(?:(?<![A-Za-z])(?:NC)?(?:OP|ED)(?:\d{1,2}[a-z]?)?(?:v\d)?(?=[\s\x00]*(?:$|[\[(\x01])|\s(?:Clean|Creditless)\b)|(?<![A-Za-z])Creditless(?![A-Za-z]))"
)
_NOTE_YEAR = re.compile(r"\(([^()\[\]]*?[A-Za-z][^()\[\]]*?)[\s,.-]+((?:19|20)\d\d)\)")


_NOTE_HINTS = ("edition", "cut", "version", "complete", "vol", "full", "all", "pack", "box")
_PACK_WORDS = ("complete", "full", "all", "pack", "box")


def _latin_notes(work: str, disp: str, acc: _Acc) -> str:
    low = work.lower()
    for m in _EDITION.finditer(work) if any(h in low for h in _NOTE_HINTS) else ():
        if _HAS_WORD.search(work, 0, m.start()):
            word = m.group().lower()
            if any(w in word for w in _PACK_WORDS):
                acc.values["batch"] = True
                acc.spans.append(("batch", m.start(), m.end()))
            else:
                acc.spans.append(("noise", m.start(), m.end()))
            work = _mask(work, m.start(), m.end(), TAG)
    if "OP" in work or "ED" in work or "Creditless" in work:
        for m in _EXTRA.finditer(work):
            if _HAS_WORD.search(work, 0, m.start()):
                acc.spans.append(("noise", m.start(), m.end()))
                work = _mask(work, m.start(), m.end(), TAG)
    if "(" in work:
        for m in _NOTE_YEAR.finditer(work):
            if _HAS_WORD.search(work, 0, m.start()):
                acc.set_once("year", int(m.group(2)), m.start(2), m.end(2), disp)
                work = _mask(work, m.start(), m.end(), TAG)
    return work


# --- tags ------------------------------------------------------------------------------------


_FULL_DISC = re.compile(
    r"(?i)[\s.\-_]*(?:(?:DUAL|MULTI)[\s.\-_]+)?(?:PAL|NTSC|BLU-?RAY|BDMV|DVD[R59]?|UHD)(?![A-Za-z])"
)


def _apply_tag(tag: Tag, start: int, end: int, disp: str, acc: _Acc) -> None:
    kind = tag.kind
    if kind == "noise":
        acc.spans.append(("noise", start, end))
    elif kind == "sub":
        acc.langs.update(tag.langs)
        raw = disp[start:end]
        if raw not in acc.sub_raw:
            acc.sub_raw.append(raw)
        acc.spans.append(("sub", start, end))
    elif kind == "batch":
        if _FULL_DISC.match(disp, end):
            acc.spans.append(("noise", start, end))  # `COMPLETE.BLURAY`: the whole disc, one film
            return
        acc.values["batch"] = True
        acc.spans.append(("batch", start, end))
    elif kind == "end":
        acc.spans.append(("end", start, end))
    elif kind == "version":
        acc.set_once("version", int(tag.value), start, end, disp)
    else:
        acc.set_once(kind, tag.value, start, end, disp)


def _tokens(pattern: re.Pattern[str], work: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(work, start, end)]


def _read_tags(work: str, disp: str, acc: _Acc) -> str:
    masks: list[tuple[int, int, str]] = []
    for seg in _SEGMENT.finditer(work):
        s, e = seg.start(), seg.end()
        first = work[s]
        if first in "[(" and e - s >= 2:
            _read_bracket(work, s, e, disp, acc, masks)
        elif first not in "[]()":
            _read_free_text(work, s, e, disp, acc, masks)
    for s, e, ch in masks:
        work = _mask(work, s, e, ch)
    return work


# What a bracket holds, worked out once per distinct bracket text: feeds repeat the same few
# hundred tag brackets ([1080P], [Baha], [简繁内封字幕]) on every item.
# Items are (field tag or special kind, start, end, mask char) with offsets inside the bracket.
_PlanItem = tuple[Tag | str, int, int, str]


_FUSED_SEP = re.compile(r"[*@_.]")


def _split_on(token: str, base: int, sep: re.Pattern[str]) -> list[tuple[int, int, str]]:
    parts: list[tuple[int, int, str]] = []
    pos = 0
    for m in sep.finditer(token):
        if m.start() > pos:
            parts.append((base + pos, base + m.start(), token[pos : m.start()]))
        pos = m.end()
    if pos < len(token):
        parts.append((base + pos, base + len(token), token[pos:]))
    return parts


_DASH = re.compile("-")
_MEDIUM_HEIGHT = re.compile(r"(?i)(BD|BDRip|BluRay|WEB|WEBRip|WEB-DL|HDTV|DVD)(\d{3,4}p)")
_NUMBER_MEDIUM = re.compile(r"(?i)(\d{1,4})\.(BD|BDRip|BluRay|WEB|WEBRip|WEB-DL|HDTV|DVD|DVDRip)")


@functools.lru_cache(maxsize=16384)
def _fused(token: str) -> tuple[tuple[int, int, str], ...] | None:
    """`HEVC-10Bit-2160P`, `h264-720p`, `1080p-FLAC`, `BILI.WEB-DL`: tags joined by separators.

    The parts (offsets inside the token) when every one of them is a tag, else None. A part that
    is a tag with its dash (`WEB-DL`) stays whole.
    """
    if classify(token) is not None:
        return None
    glued = _MEDIUM_HEIGHT.fullmatch(token)
    if glued is not None:
        # `BD1080p`, `WEB720p`: a medium and a frame height written as one word.
        return ((0, glued.end(1), glued.group(1)), (glued.start(2), len(token), glued.group(2)))
    glued = _NUMBER_MEDIUM.fullmatch(token)
    if glued is not None:
        # `01.DVD`: the episode number and the medium after it, joined by a dot.
        return ((0, glued.end(1), glued.group(1)), (glued.start(2), len(token), glued.group(2)))
    parts: list[tuple[int, int, str]] = []
    for ps, pe, part in _split_on(token, 0, _FUSED_SEP):
        if classify(part) is None and "-" in part:
            parts.extend(_split_on(part, ps, _DASH))
        else:
            parts.append((ps, pe, part))
    merged: list[tuple[int, int, str]] = []
    for ps, pe, part in parts:
        if merged and merged[-1][1] + 1 == ps and token[ps - 1] == "-":
            joined = f"{merged[-1][2]}-{part}"
            if classify(joined) is not None:
                # `X264-Dvd-Rip-480p`: a tag spelt with a dash (`Dvd-Rip`) among dashed tags
                merged[-1] = (merged[-1][0], pe, joined)
                continue
        merged.append((ps, pe, part))
    parts = merged
    # (`720.Hi10p`, `1080-x264`: a frame height that lost its `p` counts among other tags)
    tags = sum(classify(t) is not None for _, _, t in parts)
    if len(parts) < 2 or not tags:
        return None
    if any(classify(t) is None and t not in _BARE_HEIGHTS for _, _, t in parts):
        # `Title.HDTV.x264`, `Child-2007-TRUEFRENCH-TVRip.Xvid` in a spaced name: words, then
        # two or more tags to the end. The words stay words; the tags are read as tags.
        first = len(parts)
        while first > 0 and classify(parts[first - 1][2]) is not None:
            first -= 1
        if first == 0 or len(parts) - first < 2:
            return None
    return tuple(parts)


def _unfuse(toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for ts, te, tok in toks:
        parts = _fused(tok)  # cached per token: one lookup beats six substring tests
        if parts is None:
            out.append((ts, te, tok))
        else:
            out.extend((ts + a, ts + b, t) for a, b, t in parts)
    return out


@functools.lru_cache(maxsize=4096)
def _bracket_plan(seg: str) -> tuple[_PlanItem, ...]:
    toks = _unfuse(_tokens(_BR_TOKEN, seg, 1, len(seg) - 1))
    if not toks:
        return ()
    kinds = [classify(t) for _, _, t in toks]
    if len(toks) > 1 and any(t in _BARE_HEIGHTS for _, _, t in toks) and any(k is not None for k in kinds):
        # `[720.Hi10p]`, `[1080 x264]`: a frame height that lost its `p`, among other tags.
        kinds = [
            Tag("resolution", t + "p") if t in _BARE_HEIGHTS else k
            for (_, _, t), k in zip(toks, kinds, strict=True)
        ]
    for i in range(len(toks) - 1):
        if toks[i][2] in _BIT_DEPTHS and toks[i + 1][2].lower() in ("bit", "bits"):
            # `[1080p HEVC 10 bits]`: a bit depth written as two words, not an episode number.
            kinds[i] = kinds[i + 1] = classify("10bit")
    if len(toks) == 1 and kinds[0] is None and _CRC.fullmatch(toks[0][2]) and not toks[0][2].isdigit():
        return (("crc32", toks[0][0], toks[0][1], ""), ("", 0, len(seg), TAG))
    if len(toks) == 1 and _is_year(toks[0][2]) and seg[0] == "(":
        # `海盗战记 (2019)`: a year in parentheses is a tag, not part of the title.
        return (("year", toks[0][0], toks[0][1], ""), ("", 0, len(seg), NOISE))
    unknown = [i for i, k in enumerate(kinds) if k is None and not _EP_TOKEN.fullmatch(toks[i][2])]
    known = len(toks) - len(unknown)
    # A bracket of tags, perhaps with one odd word among several tags ([WebRip 1080p ASSx2]).
    tag_bracket = not unknown or (len(unknown) == 1 and known >= 3)
    episode_like = False
    items: list[_PlanItem] = []
    for (ts, te, tok), tag in zip(toks, kinds, strict=True):
        if tag is None:
            episode_like = episode_like or bool(_EP_TOKEN.fullmatch(tok))
            continue
        if tag_bracket or tok.lower() not in WEAK:
            items.append((tag, ts, te, NOISE if tag.kind in ("noise", "batch", "end") else TAG))
    if tag_bracket and not episode_like:
        only_noise = all(k is None or k.kind in ("noise", "batch", "end") for k in kinds)
        items.append(("", 0, len(seg), NOISE if only_noise else TAG))
    return tuple(items)


def _read_bracket(work: str, s: int, e: int, disp: str, acc: _Acc, masks: list[tuple[int, int, str]]) -> None:
    for what, ts, te, ch in _bracket_plan(work[s:e]):
        ts += s
        te += s
        if isinstance(what, Tag):
            _apply_tag(what, ts, te, disp, acc)
        elif what == "crc32":
            acc.set_once("crc32", disp[ts:te].upper(), ts, te, disp)
        elif what == "year":
            acc.set_once("year", int(work[ts:te]), ts, te, disp)
        if ch:
            masks.append((ts, te, ch))


def _read_free_text(
    work: str, s: int, e: int, disp: str, acc: _Acc, masks: list[tuple[int, int, str]]
) -> None:
    toks = _unfuse(_tokens(_TOKEN, work, s, e))
    if not toks:
        return
    kinds = [classify(t) for _, _, t in toks]
    if kinds.count(None) == len(kinds) and not any(t in _BARE_HEIGHTS for _, _, t in toks):
        return  # plain title words, the common case: nothing to read
    # A weak word in capitals (`EXTENDED`, `FRENCH`) is written as a tag, not as a title word.
    accepted = [
        k is not None and (t.lower() not in WEAK or (len(t) > 3 and t.isupper()))
        for (_, _, t), k in zip(toks, kinds, strict=True)
    ]
    # Weak words (WEB, CR, JP...) are tags only beside an accepted tag; sweep both ways.
    if any(k is not None and not a for k, a in zip(kinds, accepted, strict=True)):
        for order in (range(len(toks)), range(len(toks) - 1, -1, -1)):
            for i in order:
                beside = (i > 0 and accepted[i - 1]) or (i + 1 < len(toks) and accepted[i + 1])
                if kinds[i] is not None and not accepted[i] and beside:
                    accepted[i] = True
    for i in range(len(toks) - 1):
        # `English Subtitles`, `Eng Sub`: a language and the word for subtitles are a tag together,
        # though each alone is an ordinary word (`Show - Subtitle Arc`).
        k = kinds[i]
        if k is not None and k.kind == "sub" and toks[i + 1][2].lower() in _SUB_WORDS:
            accepted[i] = accepted[i + 1] = True
    last = len(toks) - 1
    # `Title - 01.DVD[480p]`, `Title 24 WEB`: a medium written right after the episode number,
    # ending the free text, is the release's source, not a title word.
    if (
        last > 0
        and not accepted[last]
        and (k := kinds[last]) is not None
        and k.kind == "source"
        and _EP_DIGITS.fullmatch(toks[last - 1][2])
    ):
        accepted[last] = True
        ts = toks[last][0]
        if work[ts - 1] == "." and toks[last - 1][1] == ts - 1:
            masks.append((ts - 1, ts, TAG))  # `01.DVD`: the number must stand alone
    for i in range(1, len(toks)):
        # `Movie.2013.1080.x265`, `Show.S01.720.HDTV`: a frame height that lost its `p`, between
        # the year (or season) and the other tags.
        if kinds[i] is None and toks[i][2] in _BARE_HEIGHTS and "resolution" not in acc.values:
            prev = toks[i - 1][2]
            after = i + 1 == len(toks) or accepted[i + 1]
            if after and (accepted[i - 1] or _is_year(prev) or _SEASON_TOKEN.fullmatch(prev)):
                kinds[i] = Tag("resolution", toks[i][2] + "p")
                accepted[i] = True
    for i in range(len(toks) - 1):
        # `Noah.German.2014.LD.1080p`: a dub language or cut written just before the year.
        if not accepted[i] and toks[i][2].lower() in _BEFORE_YEAR and _is_year(toks[i + 1][2]):
            accepted[i] = True
    for i, (ts, te, _) in enumerate(toks):
        tag = kinds[i]
        if accepted[i] and tag is not None:
            _apply_tag(tag, ts, te, disp, acc)
            masks.append((ts, te, NOISE if tag.kind in ("noise", "end") else TAG))


_BARE_HEIGHTS = frozenset({"720", "1080", "2160"})
_SUB_WORDS = frozenset({"sub", "subs", "subtitle", "subtitles", "subbed"})
_BIT_DEPTHS = frozenset({"8", "10", "12"})
_EP_DIGITS = re.compile(r"\d{1,4}(?:v\d)?")
_SEASON_TOKEN = re.compile(r"(?i)s\d{1,2}")
_BEFORE_YEAR = frozenset(
    {"german", "french", "italian", "spanish", "latino", "korean", "nordic", "hindi", "tamil", "ita"}
    | {"proper", "internal", "limited", "unrated", "extended", "remastered", "uncut", "3d", "dc"}
)


# --- episode ---------------------------------------------------------------------------------


def _num(text: str | None) -> EpisodeNumber | None:
    if not text:
        return None
    return to_number(text)


def _set_episode(
    acc: _Acc,
    disp: str,
    span: tuple[int, int],
    first: EpisodeNumber,
    last: EpisodeNumber | None,
    version: str | None,
) -> None:
    ep: Episode = first
    if last is not None and last != first and last > first:
        ep = (first, last)
        acc.values["batch"] = True
    acc.set_once("episode", ep, span[0], span[1], disp)
    if version:
        acc.values.setdefault("version", int(version))


_PADDED_BEFORE = re.compile(r"(?<=[\s\x00])(0\d{1,3})\s?$")


def _find_episode(
    work: str, disp: str, acc: _Acc, lead: int = 0, latin: bool = False, dotted: bool = False
) -> tuple[str, tuple[int, int] | None]:
    m = _EP_NXN.search(work) if "x" in work or "X" in work or "×" in work else None
    if m:
        # `1x04`, `5x44x45x46`: season by episode, the scene's older spelling of S01E04.
        numbers = [int(n) for n in re.findall(r"\d+", m.group(2))]
        end = m.end()
        while (more := _NXN_MORE.match(work, end)) is not None and more.group(1) == m.group(1):
            # `1x02.1x03`, `1x02 - 1x03 - 1x04`: more episodes of the same season in one file.
            numbers.append(int(more.group(2)))
            end = more.end()
        if end > m.end():
            work = _mask(work, m.end(), end, TAG)
        acc.set_once("season", int(m.group(1)), m.start(), m.end(), disp)
        acc.values.setdefault("season_raw", disp[m.start(1) : m.end(1)])
        _set_episode(acc, disp, m.span(), numbers[0], numbers[-1] if len(numbers) > 1 else None, None)
        return _mask(work, m.start(), m.end(), TAG), m.span()
    m = _EP_CAP.search(work) if "ap" in work else None
    if m:
        acc.set_once("season", int(m.group(1)), m.start(), m.end(), disp)
        acc.values.setdefault("season_raw", disp[m.start(1) : m.end(1)])
        last = int(m.group(3)) if m.group(3) else None
        _set_episode(acc, disp, m.span(), int(m.group(2)), last, None)
        return _mask(work, m.start(), m.end(), TAG), m.span()
    m = _EP_SXXEYY.search(work)
    if m:
        first = _num(m.group(2))
        if first is not None:
            season = int(m.group(1))
            upto = _num(m.group(4))
            end = m.end()
            if upto is not None:
                cut = m.end(3) if m.group(3) else m.end(2)
                named = _EPISODE_NAME_NUMBER.match(work, cut)
                if named is not None and named.end() == end:
                    # `S02E21 - 94 Meetings`: the episode's name starts with a number.
                    upto, end = None, cut
            span = (m.start(), end)
            acc.set_once("season", season, m.start(), end, disp)
            acc.values.setdefault("season_raw", disp[m.start() : m.end(1)])
            _set_episode(acc, disp, span, first, upto, m.group(3))
            work = _mask(work, m.start(), end, TAG)
            if m.start() > 0 and work[m.start() - 1] in "([":
                # `Title - 05 (S3E05)`: the bracketed marker only restates the ` - 05` before it.
                dash = next(
                    (d for d in _EP_DASH.finditer(work, 0, m.start()) if _num(d.group(1)) == first), None
                )
                if dash is not None:
                    return _mask(work, dash.start(), dash.end(), TAG), dash.span()
            return work, span
    for pattern in (_EP_DASH, _EP_BRACKET):
        for m in pattern.finditer(work):
            if pattern is _EP_BRACKET and m.group(7) and _is_year(m.group(7)) and _is_year(m.group(8)):
                # `Film Trilogy (2001-2003)`: the years the films came out, not episodes.
                acc.set_once("year", int(m.group(7)), m.start(7), m.end(7), disp)
                work = _mask(work, m.start(), m.end(), TAG)
                continue
            if pattern is _EP_BRACKET and m.group(7):
                # `(01-12)`: a parenthesised range (SubsPlease batches).
                _set_episode(acc, disp, m.span(), int(m.group(7)), int(m.group(8)), None)
                return _mask(work, m.start(), m.end(), TAG), m.span()
            if pattern is _EP_BRACKET and re.search(r"全|合集|Batch|Complete", m.group("tail") or "", re.I):
                acc.values["batch"] = True
            first = _num(m.group(1))
            if first is None:
                continue
            if pattern is _EP_BRACKET and _is_year(m.group(1)) and not m.group(3):
                acc.set_once("year", int(m.group(1)), m.start(1), m.end(1), disp)
                work = _mask(work, m.start(), m.end(), NOISE)
                continue
            padded = _PADDED_BEFORE.search(work, 0, m.start()) if pattern is _EP_DASH else None
            if padded is not None and not m.group(3) and len(padded.group(1)) <= len(m.group(1)):
                # `Show 01 - 12 Complete`, `Show 01 - 119 [Batch]`: a zero-padded number, a dash
                # and a larger one no narrower are a range.
                low_ep = int(padded.group(1))
                if low_ep < first and _HAS_WORD.search(work, 0, padded.start()):
                    span = (padded.start(1), m.end())
                    _set_episode(acc, disp, span, low_ep, first, None)
                    return _mask(work, span[0], span[1], TAG), span
            _set_episode(acc, disp, m.span(), first, _num(m.group(3)), m.group(2))
            return _mask(work, m.start(), m.end(), TAG), m.span()
    m = _EP_CN.search(work) if "第" in work else None
    if m:
        first = _num(m.group(1))
        if first is not None:
            _set_episode(acc, disp, m.span(), first, _num(m.group(2)), m.group(3))
            return _mask(work, m.start(), m.end(), TAG), m.span()
    m = _EP_TOTAL.search(work) if "全" in work else None
    if m:
        acc.values["batch"] = True
        acc.spans.append(("batch", m.start(), m.end()))
        work = _mask(work, m.start(), m.end(), TAG)
    low = work.lower()
    m = _EP_SPECIAL.search(work) if ("ova" in low or "oad" in low or "sp" in low or "extra" in low) else None
    if m:
        kind = m.group(1).lower()
        acc.set_once("episode_type", _TYPE_OF.get(kind, "special"), m.start(1), m.end(1), disp)
        _set_episode(acc, disp, m.span(), int(m.group(2)), None, m.group(3))
        return _mask(work, m.start(), m.end(), TAG), m.span()
    m = _EP_EP.search(work)
    if m:
        first = _num(m.group(1))
        if first is not None:
            _set_episode(acc, disp, m.span(), first, _num(m.group(3)), m.group(2))
            return _mask(work, m.start(), m.end(), TAG), m.span()
    # `Temporada 2 de 4`, `Season 2of5`: which season of how many, read as the season below
    m = next(
        (
            o
            for o in (_EP_OF.finditer(work) if " " in work else ())
            if not _NOT_EPISODE_BEFORE.search(work, max(0, o.start() - 16), o.start())
        ),
        None,
    )
    if m and int(m.group(1)) <= int(m.group(2)):
        # `14 of 21`, `5 von 12`: the episode and how many there are.
        _set_episode(acc, disp, m.span(), int(m.group(1)), None, None)
        return _mask(work, m.start(), m.end(), TAG), m.span()
    if acc.values.get("source") == "HDTV" and "season" not in acc.values:
        m = _EP_SCENE_NUM.search(work)
        if m is not None and _HAS_WORD.search(work, 0, m.start()) and not _is_year(m.group(0)):
            season = int(m.group(1) or m.group(2))
            acc.set_once("season", season, m.start(), m.end(), disp)
            acc.values.setdefault("season_raw", disp[m.start() : m.end(3) - 2])
            _set_episode(acc, disp, m.span(), int(m.group(3)), None, None)
            return _mask(work, m.start(), m.end(), TAG), m.span()
    if _TYPE_RE.search(work) is None or "episode_type" in acc.values:
        for m in _EP_BARE.finditer(work):
            first = _num(m.group(1))
            if first is None or _is_year(m.group(1)):
                continue
            if not _HAS_WORD.search(work, 0, m.start()):
                continue  # a number with nothing before it is the title (`86`), not an episode
            if _NOT_EPISODE_BEFORE.search(work, max(0, m.start() - 16), m.start()):
                continue  # `Season 2`, `vol 3`
            if not m.group(3) and m.group(1)[0] != "0" and _YEAR_NOTE_AFTER.match(disp, m.end()):
                continue  # `Film Name 3 (2019)`: a sequel's number, then the film's year
            _set_episode(acc, disp, m.span(), first, _num(m.group(3)), m.group(2))
            return _mask(work, m.start(), m.end(), TAG), m.span()
    if latin:
        for m in _EP_MID.finditer(work, lead):
            if _is_year(m.group(1)) or not _HAS_WORD.search(work, lead, m.start()):
                continue
            if not dotted and " -" not in m.group():
                continue  # `Film Title 13 Assassins [1080p]`: spaced names keep a bare number
            if _NOT_EPISODE_BEFORE.search(work, max(0, m.start() - 16), m.start()):
                continue  # `Season 12 Finale`, `Vol 03 Extras`
            _set_episode(acc, disp, m.span(), int(m.group(1)), None, m.group(2))
            return _mask(work, m.start(), m.end(), TAG), m.span()
    m = _EP_LEAD.match(work, lead)
    if m is not None and not _HAS_WORD.search(work, lead, m.start(1)):
        _set_episode(acc, disp, (m.start(1), m.end()), int(m.group(1)), _num(m.group(2)), None)
        return _mask(work, m.start(1), m.end(), TAG), (m.start(1), m.end())
    m = _EP_GLUED_DASH.search(work, lead) if latin and "-" in work else None
    if m is not None and _HAS_WORD.search(work, lead, m.start()):
        # `[Group]Series_Title-01[1280x720]`: the dash before the episode lost its spaces.
        _set_episode(acc, disp, (m.start(1), m.end(1)), int(m.group(1)), None, m.group(2))
        return _mask(work, m.start(), m.end(), TAG), (m.start(), m.end())
    return work, None


# (two or three digits, then straight into the tags: `Title-2`, `Title-2014-French` stay titles)
_EP_GLUED_DASH = re.compile(r"(?<=[A-Za-z])-(\d{2,3})(?:v(\d))?(?=\s*(?:[\x00\x01]|$))")


def _cyrillic_markers(work: str, disp: str, acc: _Acc) -> tuple[str, tuple[int, int] | None]:
    """`Сезон: 1 / Серии: 1-8 из 8`, `2 сезон 24 серия`: Russian and Ukrainian trackers' season
    and episode words. A range of seasons is a batch; the first season is the season."""
    ep_span = None
    for mk in cyrillic.markers(work):
        if any(c in work[mk.start : mk.end] for c in (NOISE, TAG)):
            continue  # part of a tag or a group already read
        if mk.kind == "season":
            if "season" in acc.values:
                continue
            acc.set_once("season", mk.first, mk.start, mk.end, disp)
            acc.values["season_raw"] = disp[mk.start : mk.end]
            if mk.last > mk.first:
                acc.values["batch"] = True
        elif ep_span is None:
            _set_episode(acc, disp, (mk.start, mk.end), mk.first, mk.last, None)
            ep_span = (mk.start, mk.end)
        work = _mask(work, mk.start, mk.end, TAG)
    return work, ep_span


# `Show.Name.08.The.Episode.Name.720p.BluRay`, `Show 34 - The Episode Name [CRC]`: a Latin name
# that gives the episode's own name after its number. Two digits in a dotted (now spaced) name
# or a number before ` - `, then only words up to the tags; a lone digit (`Star Trek 9`) is a title.
_EP_MID = re.compile(
    r"(?<=[\s\x00])(?<!\d[\s\x00])(\d{2}|\d{1,3}(?=\s-\s))(?:v(\d))?(?:\s-)?\s+(?=[A-Za-z])"
    # (not a date's last part, `16 01 24`, nor a number before a season word: `Apollo 18 Season 2`)
    r"(?!(?i:seasons?|saison|temporada|stagione|staffel|sezon|series)\b)"
    r"(?=[A-Za-z0-9'&,!?:.\s-]*(?:$|[\x01\[(]))"
)
_YEAR_NOTE_AFTER = re.compile(r"\s*[(\[](?:19|20)\d\d[)\]]")


def _is_year(text: str) -> bool:
    return bool(_YEAR.fullmatch(text))


# (after an acronym's closing dot too: `S.W.A.T.2017`; and in a spaced name, dotted between its
# last word and the tags already read: `How To Steal A Dog.2014.BluRay.1080p`)
_YEAR_WORD = re.compile(
    r"(?=[12])(?:(?<![\w.])|(?<=[A-Z]\.)|(?<=\.\.\.)|(?<=[a-z]\.)(?=\d{4}\.[\x00\x01]))((?:19\d|20[0-4])\d)(?!\w)"
)


def _scene_year(work: str, disp: str, acc: _Acc, start: int, end: int) -> str:
    """`Title 2013 FRENCH ...` / `Show.Name.2016.S01E01`: a Latin title ends at its year.

    The last year-like number after some title words is the year (`Wonder Woman 1984 2020`);
    a number with nothing before it is the title itself (`2012 2009 1080p`).
    """
    if _CJK.search(work, start, end):
        return work  # fansub titles keep their numbers; their years come in brackets
    last = None
    for m in _YEAR_WORD.finditer(work, start, end) if ("19" in work or "20" in work) else ():
        if _HAS_WORD.search(work, start, m.start()):
            last = m
    if last is None:
        return work
    acc.set_once("year", int(last.group(1)), last.start(1), last.end(1), disp)
    return _mask(work, last.start(), end, NOISE)


# --- type and season -------------------------------------------------------------------------


_TYPE_HINTS = (
    "剧场",
    "劇場",
    "电影",
    "movie",
    "gekijo",
    "ova",
    "oad",
    "特别",
    "特別",
    "番外",
    "总集",
    "總集",
    "sp",
)


def _find_types(work: str, disp: str, acc: _Acc, title_end: int, dotted: bool = False) -> str:
    low = work.lower()
    if not any(h in low for h in _TYPE_HINTS):
        return work  # cheap pre-check: most titles have no type word
    for m in _TYPE_RE.finditer(work):
        word = m.group().lower()
        if not _HAS_WORD.search(work, 0, m.start()) and _LATIN.match(word):
            continue  # `Movie.Name.2020`: a Latin title that starts with the word keeps it
        if (
            word in ("special", "specials")
            and m.start() < title_end < len(work)
            and _WORD_AFTER.match(work, m.end(), title_end)
        ):
            # `Another Anime With Special Naming - 33`: more title words, then an episode
            # number: a word of the show's name (`Christmas Special The Time of...` has none).
            continue
        if dotted and "movie" in word and m.start() < title_end:
            # `F1.The.Movie.2025`, `The.Lizzie.McGuire.Movie`: a scene name spells the film's
            # whole title, its `Movie` included; fansub names add the word as a type note.
            acc.set_once("episode_type", "movie", m.start(), m.end(), disp)
            continue
        kind: EpisodeType
        if "movie" in word or word in ("剧场版", "劇場版", "电影版") or word.startswith("gekijo"):
            kind = "movie"
        else:
            kind = _TYPE_OF.get(word, "special")
        acc.set_once("episode_type", kind, m.start(), m.end(), disp)
        work = _mask(work, m.start(), m.end(), NOISE if m.start() < title_end else TAG)
    return work


_WORD_AFTER = re.compile(r"\s[A-Za-z][a-z]")


# `Part III`, `Episode IV`, `World War II`: a numeral after these words is the title's own.
_ROMAN_OWNER = re.compile(r"(?i)(?:part|episode|chapter|vol|volume|war|act|book|henry|louis|edward)\s$")
_ROMAN_AFTER = re.compile(r"[^\x01/|]*?[A-Za-z\u3040-\u9fff]")


def _roman_is_title(work: str, m: re.Match[str], end: int, movie: bool) -> bool:
    """Whether a Roman numeral after a Latin title is part of that title rather than its season:
    after `Part`, followed by more title words (`Lupin III The First`), or in a film's name (no
    episode and a year: `Clerks II (2006)`)."""
    if movie or _ROMAN_OWNER.search(work, max(0, m.start() - 8), m.start()):
        return True
    return _ROMAN_AFTER.match(work, m.end(), end) is not None


# Substrings one of which every _SEASON_EN match contains: the big pattern is costly to run.
_S_DIGIT = re.compile(r"[sS][nN]?\d")
_SEASON_KEYS: tuple[str, ...] = ("season", "saison", "tem", "stagione", "seizoen", "staffel", "sezon")
_SEASON_KEYS += ("säsong", "sasong", "évad", "series", "first", "second", "third", "fourth", "fifth", "sixth")


def _season_matches(
    work: str, end: int, explicit: bool = False, movie: bool = False
) -> Iterator[tuple[int, int, int | None]]:
    # Each pattern runs only when its key character is in the title region at all.
    head = work[:end]
    cn = "季" in head or "期" in head
    if cn and "第" in head:
        for m in _SEASON_CN.finditer(work, 0, end):
            yield m.start(), m.end(), chinese_to_int(m.group(1))
    low = head.lower()
    latin = _S_DIGIT.search(head) is not None or any(k in low for k in _SEASON_KEYS)
    for m in _SEASON_EN.finditer(work, 0, end) if latin else ():
        if m.group(1) or m.group(2) or m.group(3) or m.group(6):
            yield m.start(), m.end(), int(m.group(1) or m.group(2) or m.group(3) or m.group(6))
        elif m.group(7):
            yield m.start(), m.end(), roman_to_int(m.group(7))
        else:
            yield m.start(), m.end(), _WORD_NUMBERS[(m.group(4) or m.group(5)).lower()]
    if ("I" in head or "V" in head or "X" in head) and not explicit:
        for m in _SEASON_ROMAN.finditer(work, 0, end):
            if _roman_is_title(work, m, end, movie):
                continue
            yield m.start(), m.end(), roman_to_int(m.group(1))
    if "!" in head or "！" in head:
        for m in _SEASON_BANG.finditer(work, 0, end):
            yield m.start(1), m.end(1), int(m.group(1))
    if "シーズン" in head:
        for m in _SEASON_KANA.finditer(work, 0, end):
            yield m.start(), m.end(), int(m.group(1) or m.group(2))
    if cn:
        for m in _SEASON_CN_TAIL.finditer(work, 0, end):
            yield m.start(1), m.end(), chinese_to_int(m.group(1))


def _find_seasons(work: str, disp: str, acc: _Acc, title_end: int) -> str:
    # A season spelt out elsewhere (`Planet.Earth.II.S01`) leaves a Roman numeral to the title.
    explicit = "season" in acc.values
    movie = "episode" not in acc.values and (
        "year" in acc.values or _YEAR_WORD.search(work, 0, title_end) is not None
    )
    found = sorted(_season_matches(work, title_end, explicit, movie))
    if not found and not explicit and title_end < len(work) and ("季" in work or "S" in work):
        work = _note_season(work, disp, acc, title_end)
    if _DIGIT.search(work, 0, title_end):
        work = _season_tails(work, disp, acc, title_end, found)
    if not found:
        return work
    # Adjacent markers (`第外季＆第怪季`) form one raw season; otherwise the first one counts.
    raw_start, raw_end = found[0][0], found[0][1]
    for start, end, _ in found[1:]:
        gap = disp[raw_end:start]
        if len(gap) <= 2 and all(c in " &＆、+" for c in gap):
            raw_end = end
    number = next((n for _, _, n in found if n is not None), None)
    if "season" not in acc.values:
        acc.values["season_raw"] = disp[raw_start:raw_end]
        if number is not None:
            acc.values["season"] = number
    for start, end, _ in found:
        tail = _SEASON_RANGE_TAIL.match(work, end)
        if tail is not None and int(tail.group(1)) > (number or 0):
            # `Season 1-3`, `S01-S09`, `Seasons 1 to 15`: several seasons, so a batch.
            end = tail.end()
            acc.values["batch"] = True
        acc.spans.append(("season", start, end))
        work = _mask(work, start, end, NOISE)
    return work


# `- 03（第四季 S4）`: a note after the episode that restates the season the title leaves out.
_NOTE_SEASON = re.compile(rf"[(\[]\s?(?:(第\s?([{_CN}\d]{{1,3}})\s?季)\s?)?(?:(S(\d{{1,2}})))?\s?[)\]]")


def _note_season(work: str, disp: str, acc: _Acc, after: int) -> str:
    for m in _NOTE_SEASON.finditer(work, after):
        if not (m.group(1) or m.group(3)):
            continue
        number = chinese_to_int(m.group(2)) if m.group(1) else int(m.group(4))
        if number is None:
            continue
        first = 1 if m.group(1) else 3
        acc.values["season"] = number
        acc.values["season_raw"] = disp[m.start(first) : m.end(first)]
        for g in (1, 3):
            if m.group(g):
                acc.spans.append(("season", m.start(g), m.end(g)))
        return _mask(work, m.start(), m.end(), NOISE)
    return work


def _season_tails(
    work: str, disp: str, acc: _Acc, title_end: int, found: list[tuple[int, int, int | None]]
) -> str:
    """A bare number ending one title of several: `花子君 第二季 / Hanako-kun 2`, `Yami Shibai 15`
    (the season another marker already names), or `[ANi] Title / 地缚少年花子君 2` (a Chinese
    title's season, like `為美好的世界獻上祝福！3`)."""
    numbers = {n for _, _, n in found if n is not None}
    for m in _SEASON_TAIL_NUM.finditer(work, 0, title_end):
        n = int(m.group(1))
        if n in numbers:
            acc.spans.append(("season", m.start(1), m.end(1)))
            work = _mask(work, m.start(1), m.end(1), NOISE)
        elif not found and 2 <= n <= 9 and _HAN.match(work, m.start() - 1) and "season" not in acc.values:
            acc.values["season"] = n
            acc.values["season_raw"] = disp[m.start(1) : m.end(1)]
            numbers.add(n)
            acc.spans.append(("season", m.start(1), m.end(1)))
            work = _mask(work, m.start(1), m.end(1), NOISE)
    return work


# --- titles ----------------------------------------------------------------------------------

_PIECE = re.compile(r"[^\x00\x01\[\]]+|\x01+")


def _title_pieces(work: str, start: int, ep_span: tuple[int, int] | None) -> list[tuple[int, int]]:
    end = ep_span[0] if ep_span else len(work)
    pieces = _collect(work, start, end)
    if not pieces and ep_span:
        # `[Group][01][Title]`-like orders: take the first piece after the episode; in
        # `003. Show Name - Ep Name` what follows ` - ` is the episode's own name.
        pieces = _collect(work, ep_span[1], len(work))[:1]
        if pieces and (dash := work.find(" - ", *pieces[0])) > pieces[0][0]:
            pieces = [(pieces[0][0], dash)]
    return pieces


def _collect(work: str, start: int, end: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for m in _PIECE.finditer(work, start, end):
        if m.group()[0] == TAG:
            if out:
                break
            continue
        s, e = _trim(work, m.start(), m.end())
        if s < e and _HAS_WORD.search(work, s, e):
            out.append((s, e))
    return out


_OPEN_DASH = re.compile(r"(?:^|(?<=[\s\x00]))-")


def _trim(work: str, s: int, e: int) -> tuple[int, int]:
    while True:
        s0, e0 = s, e
        while s < e and (work[s].isspace() or work[s] in _EDGE_TRIM):
            s += 1
        while e > s and (work[e - 1].isspace() or work[e - 1] in _EDGE_TRIM):
            if work.endswith(":||", s, e):
                break  # `Title :||`: the repeat sign is the title's own
            e -= 1
        if s < e:
            # A dash or tilde on an edge is a separator only when a space follows/precedes it
            # (`- 白色闪电 -`, `~ Sugar Apple ~`); `地。-关于地球的运动-` keeps its dashes.
            if work[s] in "-~" and (s + 1 == e or work[s + 1].isspace()):
                s += 1
            if e > s and work[e - 1] in "-~" and (e - 1 == s or work[e - 2].isspace()):
                e -= 1
            elif (
                e - s > 2
                and work[e - 1] == "-"
                and work[e - 2].isascii()
                and work[e - 2].isalnum()
                and not _OPEN_DASH.search(work, s, e - 1)
            ):
                # `Barbecue-2014-French`, `Borgen-Season 1`: the dash before a cut-off tag;
                # a title that opens with a dash too (`-Sugar-`) keeps its pair.
                e -= 1
        if s < e and work[e - 1] in "([":
            e -= 1
        if s < e and work[s] in ")]":
            s += 1
        if s < e and work[e - 1] == ")" and work.count("(", s, e) < work.count(")", s, e):
            e -= 1
        if s < e and work[s] == "(" and work.count("(", s, e) > work.count(")", s, e):
            s += 1
        if (s, e) == (s0, e0):
            return s, e


@functools.lru_cache(maxsize=8192)
def _script(token: str) -> str:
    if _KANA.search(token):
        return "K"
    if _HAN.search(token):
        return "H"
    if _LETTER.search(token):
        return "L"
    return "P"


def _split_parts(scan: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    """Split a title region on `/`, `|`, `_`, 「」 between scripts, and double spaces."""
    pos = s
    for m in _TITLE_SEP.finditer(scan, s, e):
        sep = m.group()
        if sep.strip() in ("/", "_") and sep == sep.strip():
            # A bare `/` or `_` splits only where the script changes: 夏日重现/Summer but not
            # Fate/strange or Kimetsu_no_Yaiba.
            word = _word_before(scan, s, m.start())
            left = _script(word)
            if left == "L" and _ROMAN_WORD.fullmatch(word):
                # `在地下城寻求邂逅是否搞错了什么 V/DanMachi V`: a season numeral ends the
                # Chinese name; the word before it tells the script.
                left = _script(_word_before(scan, s, m.start() - len(word) - 1).strip() or word)
            right = _script(_word_after(scan, m.end(), e))
            # 夏日重现/Summer and 中文名/日本語の名前/其他名 split; Fate/strange does not.
            if (left not in "HK" and right not in "HK") or "P" in (left, right):
                continue
        if sep == "「" and m.start() == s:
            continue  # a title that opens with 「 keeps it: 「我推的孩子」
        yield pos, m.start()
        pos = m.end()
    yield pos, e


_WS_TOKEN = re.compile(r"\S+")
_ROMAN_WORD = re.compile(r"I{2,3}|IV|VI{0,3}|IX")


_WORD_BREAK = " _/|"


def _word_before(scan: str, lo: int, pos: int) -> str:
    start = pos
    while start > lo and scan[start - 1] not in _WORD_BREAK:
        start -= 1
    return scan[start:pos]


def _word_after(scan: str, pos: int, hi: int) -> str:
    end = pos
    while end < hi and scan[end] not in _WORD_BREAK:
        end += 1
    return scan[pos:end]


def _split_scripts(scan: str, s: int, e: int) -> list[tuple[int, int, str]]:
    """Split `天国大魔境 Tengoku Daimakyou` at the script change; keep mixed titles whole."""
    toks = [(m.start(), m.end(), _script(m.group())) for m in _WS_TOKEN.finditer(scan, s, e)]
    classes = [(ts, te, "C" if k in "KH" else k) for ts, te, k in toks if k != "P"]
    runs: list[list[tuple[int, int, str]]] = []
    for t in classes:
        if runs and runs[-1][-1][2] == t[2]:
            runs[-1].append(t)
        else:
            runs.append([t])
    if len(runs) == 2 and _clean_script_cut(scan, runs):
        first_end = runs[0][-1][1]
        second_start = runs[1][0][0]
        cut = (first_end + second_start) // 2 if second_start > first_end else first_end
        cut = first_end
        parts = [(s, cut), (second_start, e)]
    else:
        parts = [(s, e)]
    out: list[tuple[int, int, str]] = []
    for ps, pe in parts:
        ps, pe = _trim(scan, ps, pe)
        if ps >= pe:
            continue
        kinds = {k for ts, te, k in toks if ts >= ps and te <= pe}
        if "K" in kinds:
            # 想星的阿克艾利昂 想星のアクエリオン: Han-only words before the first kana word are Chinese.
            han_end = None
            for ts, te, k in toks:
                if ts < ps or te > pe:
                    continue
                if k == "K":
                    break
                if k == "H":
                    han_end = te
            if han_end is not None:
                out.append((ps, han_end, "zh"))
                ps2 = _trim(scan, han_end, pe)[0]
                out.append((ps2, pe, "jp"))
                continue
            out.append((ps, pe, "jp"))
        elif "H" in kinds or _HAN.search(scan, ps, pe):
            out.append((ps, pe, "zh"))
        else:
            out.append((ps, pe, "en"))
    return out


def _clean_script_cut(scan: str, runs: list[list[tuple[int, int, str]]]) -> bool:
    """Whether `CJK words | Latin words` really are two titles and not one mixed title."""
    latin = runs[1] if runs[1][0][2] == "L" else runs[0]
    cjk = runs[0] if latin is runs[1] else runs[1]
    word = scan[cjk[-1][0] : cjk[-1][1]] if latin is runs[1] else scan[cjk[0][0] : cjk[0][1]]
    letters = [c for c in word if c.isalnum()]
    edge = (letters[-1] if latin is runs[1] else letters[0]) if letters else ""
    if edge.isascii() and edge.isalpha():
        # 随兴旅-That's Journey-: Latin glued to the CJK word, one title; but 龙珠DAIMA Dragon Ball
        # DAIMA repeats the glued word at the end of the Latin title, so it is two titles.
        glued = re.sub(r"^.*[^A-Za-z]", "", word) if latin is runs[1] else ""
        tail = scan[latin[-1][0] : latin[-1][1]]
        if not (glued and len(latin) > 1 and tail.lower() == glued.lower()):
            return False
    if len(latin) == 1:
        word = scan[latin[0][0] : latin[0][1]]
        letters = [c for c in word if c.isalpha()]
        # 竞速 OVERTAKE! / 机动战士高达 GQuuuuuuX: a lone all-caps or oddly cased word is part of
        # the Chinese title; a plain word (胆大党 Dandadan) is the romaji title.
        if len(letters) > 1 and (word.isupper() or any(c.isupper() for c in letters[1:])):
            return False
    return True


@functools.lru_cache(maxsize=4096)
def _piece_plan(piece: str, latin_elsewhere: bool = False) -> tuple[tuple[int, int, str], ...]:
    """Title slots in one title region, as offsets into it; cached since a series' title text
    repeats on every episode of every feed. `latin_elsewhere`: another region is a Latin title."""
    out: list[tuple[int, int, str]] = []
    parts = [_trim(piece, s, e) for s, e in _split_parts(piece, 0, len(piece))]
    parts = [(s, e) for s, e in parts if s < e and _HAS_WORD.search(piece, s, e)]
    # `WITCH WATCH 魔女守护者 / Witch Watch`: when another part is the Latin title, a part mixing
    # Latin and Chinese is one Chinese title, not a Latin title plus a Chinese one.
    latin_part = latin_elsewhere or (len(parts) > 1 and any(not _CJK.search(piece, s, e) for s, e in parts))
    for s, e in parts:
        mixed = _HAN.search(piece, s, e) and _LATIN.search(piece, s, e) and not _KANA.search(piece, s, e)
        if latin_part and mixed:
            out.append((s, e, "title_zh"))
            continue
        glued = _glued_titles(piece, s, e) if mixed else None
        if glued is not None:
            out.extend(glued)
            continue
        for ts, te, slot in _split_scripts(piece, s, e):
            if _HAS_WORD.search(piece, ts, te):
                out.append((ts, te, "title_" + slot))
    return tuple(out)


_GLUED_ZH_EN = re.compile(
    r"(.*[\u3400-\u9fff！？!?])([A-Za-z][A-Za-z0-9'!?:.,&-]*(?: [A-Za-z0-9'!?:.,&-]+)+)"
)
_GLUED_EN_ZH = re.compile(r"([A-Za-z][A-Za-z0-9'!?:.,&-]*(?: [A-Za-z0-9'!?:.,&-]+)+)([\u3400-\u9fff].*)")


def _glued_titles(piece: str, s: int, e: int) -> list[tuple[int, int, str]] | None:
    """`吹响吧！上低音号Hibike! Euphonium`, `Let's Camp!露营少女`: a Chinese and a Latin title written
    with no gap. Only a Latin run of two or more words counts, so 龙珠DAIMA stays one title."""
    text = piece[s:e]
    m = _GLUED_ZH_EN.fullmatch(text)
    words = m.group(2).split() if m else []
    if m and not _CJK.search(m.group(2)) and words[0].lower() != words[-1].lower():
        # (龙珠DAIMA Dragon Ball DAIMA repeats the glued word: the script split handles it.)
        cut = s + m.end(1)
        return [(s, cut, "title_zh"), (cut, e, "title_en")]
    m = _GLUED_EN_ZH.fullmatch(text)
    if m and not _CJK.search(m.group(1)):
        cut = s + m.end(1)
        return [(s, cut, "title_en"), (cut, e, "title_zh")]
    return None


def _assign_titles(pieces: list[tuple[int, int]], scan: str, disp: str, acc: _Acc) -> None:
    latin = len(pieces) > 1 and any(
        _LATIN.search(scan, ps, pe) and not _CJK.search(scan, ps, pe) for ps, pe in pieces
    )
    plan = [(ps + ts, ps + te, name) for ps, pe in pieces for ts, te, name in _piece_plan(scan[ps:pe], latin)]
    if not scan.isascii() and _CYRILLIC.search(scan) is not None:
        # `Друзья / Friends`: a Russian tracker's local name, then the Latin one; title_en is
        # the Latin name, the Cyrillic one stands in only when there is no other.
        latin_names = [t for t in plan if t[2] == "title_en" and _LATIN.search(scan, t[0], t[1])]
        if latin_names:
            plan = [t for t in plan if t[2] != "title_en" or _LATIN.search(scan, t[0], t[1])]
    for ts, te, name in plan:
        if name == "title_en":
            te = _drop_alias(scan, ts, te)
        elif name == "title_zh":
            # `[组] 标题 标题 / Title`: the same Chinese name written twice is one name.
            half = scan.find(" ", ts, te)
            if half > ts and scan[half + 1 : te] == scan[ts:half]:
                te = half
        value = disp[ts:te]
        if name == "title_en" and "_" in value and " " not in value and scan.isascii():
            # `Initial_Series_Title - 01 DVD`: a file name's underscores between the title's
            # words, the rest of the name spaced. (A Chinese fansub's Latin name keeps them as
            # written: `[鬼灭之刃 / Kimetsu_no_Yaiba]`.)
            value = _UNDERSCORES.sub(" ", value).strip()
        acc.set_once(name, value, ts, te, disp)


_UNDERSCORES = re.compile(r"_+")


_TRAILING_COUNTRY = re.compile(r"\s(?:\((?:US|UK|AU|NZ|CA)\)|(?:US|UK|AU|NZ))\s*$")
_TRAILING_ALIAS = re.compile(r"\s\(([A-Za-z][^()]*[A-Za-z.!?])\)\s*$")


def _drop_alias(scan: str, s: int, e: int) -> int:
    """`Le Prestige (The Prestige)`: a Latin title's other name in trailing parentheses is an
    alias, not part of the title. Returns the new end."""
    c = _TRAILING_COUNTRY.search(scan, s, e)
    if c is not None and c.start() > s:
        # `The Office (US)`, `The Voice UK S03E12`: the country of a remade show, not its title.
        return c.start()
    if (
        e - s > 1
        and e < len(scan)
        and scan[e - 1] == "."
        and scan[e].isalnum()
        and ((e - s > 4 and scan[e - 2].islower()) or (scan[e - 2].isdigit() and scan[e] in "Ss"))
    ):
        # `Test.S01E16 Some Title`, `69.S01E01`: a dot glued to the episode marker is a
        # separator; a dot before a gap (`Busu ni Hanataba wo. - 01`) is the title's own.
        e -= 1
    m = _TRAILING_ALIAS.search(scan, s, e)
    if m is None or len(m.group(1).split()) < 2 or m.start() <= s:
        return e
    return m.start()


# --- result ----------------------------------------------------------------------------------


_EPISODE_TYPES = ("tv", "movie", "ova", "oad", "special")
_DISC_SOURCES = frozenset({"BD", "BDRip", "BDRemux", "BDMV", "BluRay"})


def _build(acc: _Acc) -> ParsedTitle:
    v = acc.values
    g = v.get
    episode = g("episode")
    ep: Episode | None = episode if isinstance(episode, int | float | tuple) else None
    etype = g("episode_type", "tv")
    season = g("season")
    # Season 0 is how media servers and scene names mark specials; it is not "no season".
    if season == 0 and etype == "tv":
        etype = "special"
    # A pack with no episode number that says END/Fin (`[VCB-Studio] Title [Fin]`) is a batch.
    batch = bool(g("batch", False)) or (ep is None and any(sp[0] == "end" for sp in acc.spans))
    raw = g("season_raw")
    if ep is None and g("bracket_group") and g("source") in _DISC_SOURCES and g("year") is None:
        # `[VCB-Studio] Title [Ma10p_1080p][BDRip]`: a fansub's disc release with no episode
        # number is the whole series (a film would name its year or be typed a movie).
        batch = True
    if ep is None and isinstance(raw, str) and _EXPLICIT_SEASON.match(raw):
        batch = True  # `S01` or `第三季` with no episode: the whole season
    # A film is one file, unless it is a numbered series of films (`Title Movie [01-05]`).
    batch = batch and (etype != "movie" or isinstance(ep, tuple))
    # Values are stored by name in `values`; each was put there with the right type.
    return ParsedTitle(
        group=g("group"),  # type: ignore[arg-type]
        title_zh=g("title_zh"),  # type: ignore[arg-type]
        title_en=g("title_en"),  # type: ignore[arg-type]
        title_jp=g("title_jp"),  # type: ignore[arg-type]
        season=1 if season is None else season,  # type: ignore[arg-type]
        season_raw=g("season_raw"),  # type: ignore[arg-type]
        episode=ep,
        version=g("version"),  # type: ignore[arg-type]
        batch=batch,
        episode_type=etype if etype in _EPISODE_TYPES else "tv",  # type: ignore[arg-type]
        resolution=g("resolution"),  # type: ignore[arg-type]
        source=g("source"),  # type: ignore[arg-type]
        platform=g("platform"),  # type: ignore[arg-type]
        sub=join_langs(acc.langs),
        sub_raw=" ".join(acc.sub_raw) or None,
        video=g("video"),  # type: ignore[arg-type]
        audio=g("audio"),  # type: ignore[arg-type]
        crc32=g("crc32"),  # type: ignore[arg-type]
        year=g("year"),  # type: ignore[arg-type]
    )
