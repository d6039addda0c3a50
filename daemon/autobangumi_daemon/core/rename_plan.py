"""Rename planning: which file of a finished torrent gets which library name. Pure, no I/O.

The renamer and the rename preview both call `plan_torrent`, so what the preview shows is what a
run does. Everything that would need the outside world comes in as data: the torrent's files
(with the names they had before we renamed them, so offsets are never applied twice), the rule,
the names other torrents already hold (`claims`) and a predicate for "this path exists on disk".

Safety is decided here, before anything is touched (users-voice §1.2, §3.5):
- a target that another file already has (in this torrent, in another torrent, or on disk) is a
  conflict, never an overwrite;
- a newer version of an episode (v2) takes the name and the older file is renamed aside
  (`<name>.v1.superseded`), so the library never holds two files for one episode and no data is
  deleted;
- every name is sanitised (no separators, `..` or reserved characters), so a title such as
  `乱马 1/2` or `Re:Zero` can neither nest folders nor escape the save path.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from autobangumi_daemon.core.preference import normalize_resolution
from autobangumi_daemon.core.rename_template import TemplateValues, render_template, uses_version
from autobangumi_daemon.core.savepath import folder_name, sanitize_fragment, season_folder_number
from autobangumi_daemon.core.title_parser import ParsedTitle, parse_title

__all__ = [
    "MEDIA_EXTENSIONS",
    "SUBTITLE_EXTENSIONS",
    "Claim",
    "Displace",
    "FileIn",
    "PlanOptions",
    "PlannedFile",
    "RuleInfo",
    "TorrentIn",
    "TorrentPlan",
    "disk_path",
    "episode_code",
    "infer_folder",
    "join_key",
    "plan_torrent",
    "shift_episode",
    "subtitle_language",
]

Method = Literal["pn", "advance", "none", "normal"]
#: rename: would be renamed · conflict: held, nothing overwritten · unchanged: already right (or
#: left alone on purpose) · unparsed: no episode could be read from the name.
Status = Literal["rename", "conflict", "unchanged", "unparsed"]
Kind = Literal["media", "subtitle", "extra"]
EpisodeNo = int | float

MEDIA_EXTENSIONS = frozenset(
    {".mkv", ".mp4", ".avi", ".webm", ".m2ts", ".mov", ".wmv", ".flv", ".rmvb", ".m4v"}
)
SUBTITLE_EXTENSIONS = frozenset({".ass", ".ssa", ".srt", ".vtt", ".sup"})
SUPERSEDED_SUFFIX = ".superseded"


# --------------------------------------------------------------------------------------------
# Inputs and outputs
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """The parts of a rule (`bangumi` row) that naming depends on."""

    id: int | None
    official_title: str
    year: str | None = None
    season: int = 1
    season_offset: int = 0
    episode_offset: int = 0
    #: The rule's season is the release's own numbering (it stated one, or nothing overrode the
    #: default). False when it came from TMDB: then a release stating another season may just
    #: count differently, and the folder (AutoBangumi's source of truth) wins.
    season_from_release: bool = True
    #: The rule's own rename template (checked when saved); None or "": the configured one.
    template: str | None = None


@dataclass(frozen=True, slots=True)
class FileIn:
    """A file of the torrent: `path` as the client lists it now, relative to the save path.

    `original` is the name it had before we renamed it (from the rename journal); planning always
    starts from it, so a renamed `S01E13` (episode 1 + offset 12) is never shifted to E25.
    """

    path: str
    original: str = ""

    @property
    def source(self) -> str:
        return self.original or self.path


@dataclass(frozen=True, slots=True)
class TorrentIn:
    hash: str
    name: str
    save_path: str
    files: tuple[FileIn, ...]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Claim:
    """A name another torrent of ours already holds (a finished rename in the journal)."""

    torrent_hash: str
    path: str  # that torrent's file, relative to its save path
    version: int
    #: A file renamed aside as superseded: its name is never taken over.
    parked: bool = False


@dataclass(frozen=True, slots=True)
class Displace:
    """Before taking a name, rename another torrent's older version of the episode aside."""

    torrent_hash: str
    old_path: str
    new_path: str


@dataclass(frozen=True, slots=True)
class PlannedFile:
    old_path: str  # current path, relative to the current save path
    original: str  # the name planning started from
    new_path: str  # relative to the plan's target save path; == old_path unless status is rename
    status: Status
    kind: Kind
    season: int | None = None
    episode: EpisodeNo | None = None
    version: int = 1
    language: str | None = None
    reason_en: str = ""
    reason_zh: str = ""
    displaces: Displace | None = None
    #: True when this file is an older version renamed aside rather than given the episode name.
    superseded: bool = False
    #: For a conflict: the name the file would take and which is held (new_path stays old_path).
    clashes_with: str = ""


@dataclass(frozen=True, slots=True)
class TorrentPlan:
    hash: str
    save_path: str
    #: Where the torrent moves before renaming (a season pack of another season or of several
    #: seasons, when the client can move files across folders); None = it stays.
    new_save_path: str | None
    title: str | None
    collection: bool
    items: tuple[PlannedFile, ...]

    @property
    def target_save_path(self) -> str:
        return self.new_save_path or self.save_path

    def renames(self) -> list[PlannedFile]:
        return [i for i in self.items if i.status == "rename"]


@dataclass(frozen=True, slots=True)
class PlanOptions:
    method: str = "pn"
    #: `downloader.path`: the folder below it names the show for `advance`.
    download_root: str = ""
    #: The client can move a file to another folder by renaming it (qBittorrent can).
    can_cross_folders: bool = True
    #: `bangumi_manage.rename_template` (checked when saved); empty: `Title S01E05` as
    #: AutoBangumi names them. Used by `pn` and `advance`; `none` and `normal` rename nothing.
    template: str = ""


# --------------------------------------------------------------------------------------------
# Small helpers (public ones are tested on their own)
# --------------------------------------------------------------------------------------------

_SEP = re.compile(r"[\\/]+")
_SEASON_DIR = re.compile(
    r"^(?:season[\s._-]?(\d{1,3})|s(\d{1,3})|第\s?([0-9一二三四五六七八九十]{1,3})\s?[季期])$", re.I
)
_SPECIALS_DIR = re.compile(r"^(?:specials?|sps?|特典|特别篇|特別篇|番外)$", re.I)
_EXTRA_DIRS = frozenset(
    {"extras", "extra", "bonus", "menu", "menus", "cds", "cd", "scans", "scan", "fonts", "font", "ncop",
     "nced", "pv", "cm", "trailers", "trailer", "samples", "sample", "featurettes", "interviews"}
)  # fmt: skip
_EXTRA_MARK = re.compile(
    r"(?<![A-Za-z])(?:NC\s?OP|NC\s?ED|Creditless|OP\s?\d{0,2}|ED\s?\d{0,2}|Menu|PV\s?\d{0,2}|CM\s?\d{0,2}"
    r"|Preview|Trailer|Teaser|Sample|Making|Interview|Web\s?Preview|Logo)(?![A-Za-z])",
    re.I,
)
# A file named only by its number: `01.mkv`, `EP05.mkv`, `[05].mkv`, `第05话.mkv`.
_BARE_EP = re.compile(
    r"^[\[(【]?(?:第\s?)?(?:EP?|Episode\s?|#)?\s?(\d{1,4}(?:\.\d)?)(?:\s?v(\d))?\s?[话話集]?[\])】]?$", re.I
)
_LIBRARY = re.compile(r"^(?P<title>.+?) S(?P<s>\d{2,3})E(?P<e>\d{2,4}(?:\.\d)?)(?P<rest>(?:\.[^.]+)*)$")
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

_ZH = "zh"
_ZH_TW = "zh-tw"
_JA = "ja"
_EN = "en"
_LANG_ORDER = (_ZH, _ZH_TW, _JA, _EN)
#: How several languages are written in one tag, as fansubs do (`.chs&jpn.ass`).
_MULTI_CODE = {_ZH: "chs", _ZH_TW: "cht", _JA: "jpn", _EN: "eng"}
_LANG_WORDS: dict[str, str] = {}
for _lang, _words in (
    (_ZH, "chs sc gb zh zh-cn zh-hans zh-sg zhs cn chi zho 简 簡 简体 簡體 简中 簡中 简体中文 中文 中字"),
    (_ZH_TW, "cht tc big5 zh-tw zh-hk zh-hant zht 繁 繁体 繁體 繁中 繁体中文 繁體中文"),
    (_JA, "jp jpn ja jap japanese 日 日文 日语 日語 日本語"),
    (_EN, "en eng english 英 英文 英语 英語"),
):
    for _w in _words.split():
        _LANG_WORDS[_w] = _lang
# Codes that fansubs glue together without a separator (`JPSC`, `chsjpn`).
_GLUE_CODES = sorted(
    ("chs", "cht", "jpn", "eng", "big5", "sc", "tc", "jp", "en", "gb"), key=len, reverse=True
)
_CJK_LANG_CHARS = {"简": _ZH, "簡": _ZH, "繁": _ZH_TW, "日": _JA, "英": _EN}
_CJK_FILLER = set("中文体體双雙语語字幕内內封嵌外挂掛")
_CANONICAL_TAGS = frozenset(
    {_ZH, _ZH_TW, _JA, _EN}
    | {"&".join(_MULTI_CODE[x] for x in combo) for combo in (
        (_ZH, _ZH_TW), (_ZH, _JA), (_ZH_TW, _JA), (_ZH, _EN), (_ZH_TW, _EN), (_JA, _EN),
        (_ZH, _ZH_TW, _JA), (_ZH, _JA, _EN), (_ZH_TW, _JA, _EN), (_ZH, _ZH_TW, _EN),
        (_ZH, _ZH_TW, _JA, _EN))}
)  # fmt: skip
_DUP = re.compile(r"^\d{1,2}$")


def split_path(path: str) -> list[str]:
    return [p for p in _SEP.split(path) if p]


def disk_path(save_path: str, rel: str) -> str:
    """The file's absolute path as the client sees it, `/`-separated and normalised."""
    base = save_path.replace("\\", "/").rstrip("/")
    return posixpath.normpath(f"{base}/{rel}")


def join_key(save_path: str, rel: str) -> str:
    """One comparable key for "this file on disk": `/`-separated, normalised, case-folded.

    Case-folded because the library may sit on a case-insensitive filesystem (Windows, macOS,
    many NAS shares), where `a.mkv` and `A.mkv` are the same file: treating them as one can only
    produce a conflict, never an overwrite.
    """
    return disk_path(save_path, rel).casefold()


def _dir_season(part: str) -> int | None:
    m = _SEASON_DIR.match(part.strip())
    if not m:
        return None
    raw = m.group(1) or m.group(2) or m.group(3)
    if raw.isdigit():
        return int(raw)
    if raw == "十":
        return 10
    if raw.startswith("十"):
        return 10 + _CN_DIGITS.get(raw[1:], 0)
    if raw.endswith("十"):
        return _CN_DIGITS.get(raw[0], 1) * 10
    return _CN_DIGITS.get(raw)


def infer_folder(save_path: str, download_root: str) -> tuple[str | None, int | None, bool]:
    """(show folder, season, whether the save path itself is a season folder), as AutoBangumi.

    The show folder is the last part of the save path below `downloader.path` that is not a
    season folder; it is None when the save path is not below that root (a hand-made path: the
    caller falls back to the rule's title rather than guessing from an unrelated folder).
    """
    parts = split_path(save_path)
    root = split_path(download_root)
    season: int | None = None
    is_season_dir = False
    if parts:
        season = _dir_season(parts[-1])
        is_season_dir = season is not None
    title: str | None = None
    if root and parts[: len(root)] == root:
        for part in reversed(parts[len(root) :]):
            if _dir_season(part) is None:
                title = part
                break
    return title, season, is_season_dir


def shift_episode(episode: EpisodeNo, offset: int) -> EpisodeNo:
    """Apply an episode offset: episode 0 never moves, and a result ≤ 0 keeps the original."""
    if offset == 0 or episode == 0:
        return episode
    shifted = episode + offset
    return shifted if shifted > 0 else episode


def episode_code(season: int, episode: EpisodeNo) -> str:
    """`S01E05`, `S01E12.5`, `S00E01`, `S01E100` (two digits at least, never truncated)."""
    if isinstance(episode, float) and not episode.is_integer():
        whole, frac = f"{episode:.1f}".split(".")
        ep = f"{int(whole):02d}.{frac}"
    else:
        ep = f"{int(episode):02d}"
    return f"S{season:02d}E{ep}"


def _glued(token: str) -> list[str] | None:
    """Split `jpsc` / `chsjpn` into known codes, or None when it is not made only of them."""
    out: list[str] = []
    i = 0
    while i < len(token):
        for code in _GLUE_CODES:
            if token.startswith(code, i):
                out.append(code)
                i += len(code)
                break
        else:
            return None
    return out if len(out) > 1 else None


def _token_langs(token: str) -> list[str]:
    t = token.casefold().strip()
    if not t:
        return []
    if t in _LANG_WORDS:
        return [_LANG_WORDS[t]]
    if all(c in _CJK_LANG_CHARS or c in _CJK_FILLER for c in t):
        return [_CJK_LANG_CHARS[c] for c in t if c in _CJK_LANG_CHARS]
    parts = [p for p in re.split(r"[&+_,]", t) if p]
    if len(parts) > 1:
        found = [lang for p in parts for lang in _token_langs(p)]
        return found if len(found) == len(parts) else []
    if "-" in t:  # chs-jpn (zh-tw and friends were matched whole above)
        halves = t.split("-")
        found = [_LANG_WORDS[h] for h in halves if h in _LANG_WORDS]
        return found if len(found) == len(halves) else []
    glued = _glued(t)
    return [_LANG_WORDS[g] for g in glued] if glued else []


def _lang_tag(langs: Iterable[str]) -> str | None:
    uniq = {lang for lang in langs}
    if not uniq:
        return None
    ordered = [lang for lang in _LANG_ORDER if lang in uniq]
    if len(ordered) == 1:
        return ordered[0]
    return "&".join(_MULTI_CODE[lang] for lang in ordered)


_BRACKET = re.compile(r"[\[(【]([^\[\]()【】]{1,24})[\])】]")


def subtitle_language(name: str, media_stem: str | None = None) -> str | None:
    """The language tag for a subtitle file name: `zh`, `zh-tw`, `ja`, `en` or `chs&jpn`.

    Looks first at the dot-separated words after the video's name (or at the end of the name),
    which is where a fansub says which file is which; then at bracketed tags such as `[CHT]`.
    """
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if media_stem and stem.casefold().startswith(media_stem.casefold() + "."):
        tail = stem[len(media_stem) + 1 :].split(".")
    else:
        # The last words; a name that is only a language (`chs.ass`) counts as well.
        tail = stem.split(".")[-3:]
    found: list[str] = []
    for word in tail:
        found.extend(_token_langs(word))
    if found:
        return _lang_tag(found)
    for m in _BRACKET.finditer(stem):
        for word in re.split(r"[\s]+", m.group(1)):
            found.extend(_token_langs(word))
    return _lang_tag(found)


def _strip_sub_tail(stem: str) -> str:
    """`[G] Show - 05 [1080p].chs.default` → `[G] Show - 05 [1080p]`: language words confuse the parser."""
    parts = stem.split(".")
    while len(parts) > 1 and (
        _token_langs(parts[-1])
        or parts[-1].casefold() in ("default", "forced", "sdh", "cc")
        or _DUP.match(parts[-1])
    ):
        parts.pop()
    return ".".join(parts)


@functools.lru_cache(maxsize=16384)
def _parse(text: str) -> ParsedTitle | None:
    # A subtitle shares its video's stem, and a single-file torrent's name is its file's stem,
    # so the cache turns most of a torrent's parses into one.
    return parse_title(text)


def _library_match(stem: str, *, subtitle: bool) -> re.Match[str] | None:
    """A name already in library form (`Title S01E05[.lang].ext`) is left as it is.

    Such a file was renamed before (by us without a journal row, by AutoBangumi, or by hand);
    planning it again would apply offsets a second time (users-voice #907, #977).
    """
    m = _LIBRARY.match(stem)
    if m is None:
        return None
    rest = [r for r in m.group("rest").split(".") if r]
    if not subtitle:
        return None if rest else m
    if all(r in _CANONICAL_TAGS or _DUP.match(r) or r in ("default", "forced") for r in rest):
        return m
    return None


# --------------------------------------------------------------------------------------------
# Planning
# --------------------------------------------------------------------------------------------


@dataclass(slots=True, eq=False)
class _Facts:
    """What one file says about itself, before the torrent-wide decisions."""

    file: FileIn
    kind: Kind
    ext: str
    directory: str
    stem: str
    parsed: ParsedTitle | None = None
    episode: EpisodeNo | None = None
    version: int = 1
    explicit_season: int | None = None
    special: bool = False
    library: re.Match[str] | None = None
    language: str | None = None
    season: int | None = None
    target: str = ""
    reason: tuple[str, str] = ("", "")
    status: Status = "rename"
    #: A subtitle of a video already in library form takes that video's name as its base.
    base: str | None = None
    #: What the episode's files are grouped by: the target, or with a template writing
    #: `{version}`, the name its first version gets (so v1 and v2 are still one episode).
    slot: str = ""
    #: The names the other versions of this episode get (a template writing `{version}`): a
    #: file of another torrent under one of them is the same episode.
    alt_targets: tuple[str, ...] = ()


_REASONS: dict[str, tuple[str, str]] = {
    "method_none": (
        "The rename method is `none`: files keep their names.",
        "重命名方式为 none：文件保持原名。",
    ),
    "unparsed": ("No episode number could be read from the name.", "无法从文件名中识别集数。"),
    "no_title": ("No title could be read for this file.", "无法确定该文件的标题。"),
    "batch": ("The name covers several episodes.", "文件名包含多集。"),
    "library": ("Already named for the library.", "已是媒体库命名。"),
    "extra": ("Not an episode (opening, menu, preview…).", "不是正片（片头、菜单、预告等）。"),
    "in_torrent": ("Another file in this torrent already has this name.", "该种子中已有同名文件。"),
    "same_episode": (
        "Another file of this torrent is the same episode and version.",
        "该种子中另一个文件是同一集的相同版本。",
    ),
    "claimed": (
        "Another torrent already has a file with this name (same or newer version).",
        "另一个种子已有同名文件（版本相同或更新）。",
    ),
    "on_disk": ("A file with this name already exists on disk.", "磁盘上已存在同名文件。"),
    "superseded": (
        "A newer version of this episode takes the name; this one is kept aside.",
        "该集已有更新版本；此文件改名保留。",
    ),
    "park_taken": ("The name to keep the older version aside is taken.", "用于保留旧版本的文件名已被占用。"),
    "bad_path": ("The new name would not be a valid path.", "新文件名不是有效路径。"),
}


def _reason(key: str) -> tuple[str, str]:
    return _REASONS[key]


def _classify(f: FileIn) -> _Facts | None:
    src = f.source
    parts = split_path(src)
    if not parts:
        return None
    base = parts[-1]
    dot = base.rfind(".")
    ext = base[dot:].lower() if dot > 0 else ""
    if ext in MEDIA_EXTENSIONS:
        kind: Kind = "media"
    elif ext in SUBTITLE_EXTENSIONS:
        kind = "subtitle"
    else:
        return None
    stem = base[:dot]
    facts = _Facts(file=f, kind=kind, ext=ext, directory="/".join(parts[:-1]), stem=stem)
    if any(p.casefold() in _EXTRA_DIRS for p in parts[:-1]):
        facts.kind = "extra"
    return facts


def _read_episode(facts: _Facts, name_parse: Callable[[], ParsedTitle | None], single: bool) -> None:
    """Fill episode, version, season hints and specials from the file name (then fallbacks)."""
    stem = _strip_sub_tail(facts.stem) if facts.kind == "subtitle" else facts.stem
    p = _parse(stem)
    facts.parsed = p
    if p is not None and p.season_raw is not None:
        facts.explicit_season = p.season
        if re.fullmatch(r"(?i)s0+|season\s?0+", p.season_raw.strip()):
            facts.special = True
    ep = p.episode if p is not None else None
    if p is not None and p.episode_type in ("special", "ova", "oad") and isinstance(ep, int | float):
        facts.special = True
    if isinstance(ep, tuple):
        facts.reason = _reason("batch")
        ep = None
    if ep is None:
        m = _BARE_EP.match(stem.strip())
        if m:
            ep = float(m.group(1)) if "." in m.group(1) else int(m.group(1))
            facts.version = int(m.group(2)) if m.group(2) else 1
    elif p is not None and p.version:
        facts.version = p.version
    if ep is None and facts.kind == "media" and single:
        # One video in the torrent: its name may say less than the torrent's (AutoBangumi tries
        # the torrent name first for single files).
        tp = name_parse()
        if tp is not None and isinstance(tp.episode, int | float):
            ep = tp.episode
            facts.version = tp.version or 1
            if tp.episode_type in ("special", "ova", "oad"):
                facts.special = True
    facts.episode = ep
    if facts.explicit_season is None:
        # Then the folders inside the torrent, nearest first, then the torrent's own name.
        for part in reversed(split_path(facts.directory)):
            if _SPECIALS_DIR.match(part):
                facts.special = facts.special or ep is not None
                break
            s = _dir_season(part)
            if s is None:
                dp = _parse(part)
                s = dp.season if dp is not None and dp.season_raw is not None else None
            if s is not None:
                facts.explicit_season = s
                facts.special = facts.special or s == 0
                break
        else:
            tp = name_parse()
            if tp is not None and tp.season_raw is not None:
                facts.explicit_season = tp.season
    if ep is None and _EXTRA_MARK.search(stem):
        facts.kind = "extra"


def _pick_season(explicit: int | None, rule: RuleInfo | None, folder_season: int | None, multi: bool) -> int:
    """The library season of a (non-special) file.

    A season the release states and the rule was made from is the rule's season, which the
    folder already shows with its offset (AutoBangumi reads the season from the folder). A
    different stated season is another season of the show (a pack, a sequel matched by title):
    it gets the rule's season offset on its own number.
    """
    if explicit is None:
        if folder_season is not None:
            return folder_season
        return season_folder_number(rule.season, rule.season_offset) if rule else 1
    if rule is not None:
        if explicit == rule.season or (not rule.season_from_release and not multi):
            if folder_season is not None:
                return folder_season
            return season_folder_number(rule.season, rule.season_offset)
        return season_folder_number(explicit, rule.season_offset)
    if folder_season is not None and not multi:
        return folder_season
    return explicit


def _parent_and_sep(save_path: str) -> tuple[str, str]:
    sep = "\\" if ("\\" in save_path and "/" not in save_path) else "/"
    trimmed = save_path.rstrip("/\\")
    cut = max(trimmed.rfind("/"), trimmed.rfind("\\"))
    parent = trimmed[:cut] if cut > 0 else trimmed[: cut + 1] or sep
    return parent, sep


def _season_dir(season: int) -> str:
    return "Specials" if season == 0 else f"Season {season}"


def _valid_rel(path: str) -> bool:
    parts = path.split("/")
    return bool(path) and not path.startswith("/") and all(p not in ("", ".", "..") for p in parts)


def plan_torrent(
    torrent: TorrentIn,
    rule: RuleInfo | None,
    options: PlanOptions,
    claims: Mapping[str, Claim] | None = None,
    exists: Callable[[str], bool] | None = None,
) -> TorrentPlan:
    """Plan the renames of one finished torrent (see the module doc for the guarantees).

    `claims` maps `join_key(save_path, path)` of files other torrents of ours hold to who holds
    them; `exists(path)` says whether an absolute path (as `disk_path` writes it) exists on disk.
    """
    claims = claims or {}
    method = options.method if options.method in ("pn", "advance", "none", "normal") else "pn"
    all_facts = [f for f in (_classify(x) for x in torrent.files) if f is not None]
    media = [f for f in all_facts if f.kind == "media"]
    subs = [f for f in all_facts if f.kind == "subtitle"]
    extras = [f for f in all_facts if f.kind == "extra"]

    if method in ("none", "normal"):
        en, zh = _reason("method_none")
        items = tuple(
            PlannedFile(
                f.file.path, f.file.source, f.file.path, "unchanged", f.kind, reason_en=en, reason_zh=zh
            )
            for f in all_facts
        )
        return TorrentPlan(torrent.hash, torrent.save_path, None, None, len(media) > 1, items)

    name_parse = functools.partial(_parse, torrent.name)
    single = len(media) == 1
    for f in media:
        lib = _library_match(f.stem, subtitle=False)
        if lib is not None:
            f.library = lib
            f.episode = float(lib.group("e")) if "." in lib.group("e") else int(lib.group("e"))
            f.season = int(lib.group("s"))
        else:
            _read_episode(f, name_parse, single)
    # Videos that turned out to be openings/menus are extras, not episodes.
    extras.extend(f for f in media if f.kind == "extra")
    media = [f for f in media if f.kind == "media"]
    episodes = [f for f in media if f.episode is not None]

    # Pair subtitles with their video by name (`<video stem>.<lang>.ass`), the most reliable
    # signal; otherwise read their own names; a lone video adopts orphan subtitles.
    by_stem = sorted(((f.stem, f) for f in media), key=lambda x: len(x[0]), reverse=True)
    for s in subs:
        lib = _library_match(s.stem, subtitle=True)
        if lib is not None:
            s.library = lib
            s.episode = float(lib.group("e")) if "." in lib.group("e") else int(lib.group("e"))
            s.season = int(lib.group("s"))
            continue
        partner = next((m for stem, m in by_stem if s.stem.casefold().startswith(stem.casefold() + ".")
                        or s.stem.casefold() == stem.casefold()), None)  # fmt: skip
        s.language = subtitle_language(s.stem + s.ext, partner.stem if partner else None)
        if partner is not None and partner.episode is not None:
            s.episode, s.version, s.special = partner.episode, partner.version, partner.special
            s.explicit_season, s.season, s.parsed = partner.explicit_season, partner.season, partner.parsed
            if partner.library is not None:
                s.base = f"{partner.directory}/{partner.stem}" if partner.directory else partner.stem
            continue
        _read_episode(s, name_parse, False)
        if s.kind == "extra":
            continue
        if s.episode is None and len(episodes) == 1:
            only = episodes[0]
            s.episode, s.version, s.special = only.episode, only.version, only.special
            s.explicit_season, s.season = only.explicit_season, only.season

    extras.extend(f for f in subs if f.kind == "extra")
    subs = [f for f in subs if f.kind == "subtitle"]

    # The show's name in the new file names.
    folder_title, folder_season, save_is_season_dir = infer_folder(torrent.save_path, options.download_root)
    # `pn`: one title for the whole torrent, so every subtitle keeps its video's name. The titles
    # the episode files themselves state win (most common first); a pack's own name, such as
    # `[VCB-Studio] Show S1-S2 [BDRip]`, is the fallback.
    counts: dict[str, int] = {}
    for f in episodes:
        if f.parsed is not None and f.parsed.title and f.parsed.episode is not None:
            counts[f.parsed.title] = counts.get(f.parsed.title, 0) + 1
    tp = name_parse()
    parsed_title = max(sorted(counts), key=counts.__getitem__) if counts else (tp.title if tp else None)
    if method == "advance":
        rule_folder = folder_name(rule.official_title, rule.year) if rule else None
        raw_title = folder_title or rule_folder or parsed_title
    else:
        raw_title = parsed_title or (rule.official_title if rule else None) or folder_title
    title = sanitize_fragment(raw_title, fallback="") if raw_title else ""

    # Seasons: a pack of several seasons is spread over season folders.
    stated = {f.explicit_season for f in episodes if f.explicit_season is not None and not f.special}
    multi = len(stated) > 1
    planned: list[_Facts] = []
    for f in [*media, *subs]:
        if f.base is not None:
            f.target = f.base
            planned.append(f)
            continue
        if f.library is not None:
            f.status, f.reason, f.target = "unchanged", _reason("library"), f.file.path
            continue
        if f.episode is None:
            f.status = "unparsed"
            f.reason = f.reason if f.reason[0] else _reason("unparsed")
            f.target = f.file.path
            continue
        if not title:
            f.status, f.reason, f.target = "unparsed", _reason("no_title"), f.file.path
            continue
        if f.special:
            f.season = 0
        else:
            f.season = _pick_season(f.explicit_season, rule, folder_season, multi)
            f.episode = shift_episode(f.episode, rule.episode_offset if rule else 0)
        planned.append(f)

    new_save_path: str | None = None
    prefix = False
    used = {f.season for f in planned if f.season and f.base is None}
    if options.can_cross_folders and used:
        if save_is_season_dir and used != {folder_season}:
            parent, sep = _parent_and_sep(torrent.save_path)
            if len(used) == 1:
                new_save_path = parent.rstrip("/\\") + sep + _season_dir(next(iter(used)))
            else:
                new_save_path, prefix = parent, True
        elif not save_is_season_dir and len(used) > 1:
            prefix = True
    if new_save_path is not None and exists is not None:
        # Moving must not land on anything: if any file would, stay and name files in place.
        moved = [disk_path(new_save_path, x.path) for x in torrent.files]
        if any(exists(k) for k in moved):
            new_save_path, prefix = None, False
    target_root = new_save_path or torrent.save_path
    # A rule's own template wins over the configured one.
    template = (rule.template if rule is not None else None) or options.template
    with_version = uses_version(template)

    for f in planned:
        if f.base is not None:
            continue  # already set: beside its video
        assert f.season is not None and f.episode is not None
        if prefix:
            directory = _season_dir(f.season) + "/"
        elif options.can_cross_folders:
            directory = ""
        else:
            # Renamed where it is now: the folder as the client lists it (Transmission's `_`
            # spelling of a `:`, or after the pack was brought out of its folder), since such
            # a client renames only within it.
            here = "/".join(split_path(f.file.path)[:-1])
            directory = f"{here}/" if here else ""
        if not template:
            f.target = f"{directory}{title} {episode_code(f.season, f.episode)}"
            continue
        values = _template_values(f, title, rule, tp)
        f.target = directory + render_template(template, values)
        if with_version:
            f.slot = directory + render_template(template, dataclasses.replace(values, version=1))
            f.alt_targets = tuple(
                directory + render_template(template, dataclasses.replace(values, version=v))
                for v in range(1, _MAX_VERSION + 1)
                if v != f.version
            )

    out = _resolve(torrent, planned, target_root, claims, exists)
    in_plan = {id(f) for f in planned}
    out.extend(
        PlannedFile(f.file.path, f.file.source, f.file.path, f.status, f.kind, f.season, f.episode, f.version,
                    f.language, f.reason[0], f.reason[1])
        for f in [*media, *subs]
        if id(f) not in in_plan
    )  # fmt: skip
    out.extend(
        PlannedFile(f.file.path, f.file.source, f.file.path, "unchanged", "extra",
                    reason_en=_reason("extra")[0], reason_zh=_reason("extra")[1])
        for f in extras
    )  # fmt: skip
    out.sort(key=lambda i: i.old_path)
    return TorrentPlan(
        torrent.hash, torrent.save_path, new_save_path, title or None, len(episodes) > 1, tuple(out)
    )


#: Versions a template writing `{version}` is checked for across torrents (fansubs stop at v3 or v4).
_MAX_VERSION = 9


def _template_values(
    f: _Facts, title: str, rule: RuleInfo | None, torrent_parse: ParsedTitle | None
) -> TemplateValues:
    """A template's values for one file: its own name first, then the torrent's name."""
    assert f.season is not None and f.episode is not None

    def pick(attr: str) -> str | None:
        for p in (f.parsed, torrent_parse):
            value = getattr(p, attr, None) if p is not None else None
            if value:
                return str(value)
        return None

    year = rule.year if rule is not None and rule.year else pick("year")
    return TemplateValues(
        title=title,
        season=f.season,
        episode=f.episode,
        year=year,
        group=pick("group"),
        resolution=normalize_resolution(pick("resolution")) or None,
        source=pick("source") or pick("platform"),
        language=pick("sub"),
        version=f.version,
    )


def _resolve(
    torrent: TorrentIn,
    planned: Sequence[_Facts],
    root: str,
    claims: Mapping[str, Claim],
    exists: Callable[[str], bool] | None,
) -> list[PlannedFile]:
    """Turn base names into final ones: versions, subtitle numbering and every conflict check."""
    # Names in this torrent that stay: files we do not rename keep theirs, so nobody may take them.
    moving = {id(f.file) for f in planned}
    kept = {join_key(root, x.path) for x in torrent.files if id(x) not in moving}
    # Files of this torrent renamed by the plan free their current names only after renaming,
    # and renames run one by one: taking such a name would depend on order, so it counts as taken.
    current = {join_key(root, x.path): x.path for x in torrent.files}
    taken: set[str] = set()
    out: list[PlannedFile] = []

    groups: dict[str, list[_Facts]] = {}
    for f in planned:
        key = (f.slot or f.target).casefold() + ("|sub|" + (f.language or "") if f.kind == "subtitle" else "")
        groups.setdefault(key, []).append(f)

    for members in groups.values():
        members.sort(key=lambda f: (-f.version, f.file.source))
        best = members[0].version
        n = 0
        for f in members:
            ext = f.ext
            if f.version < best:
                # An older version of an episode that a newer one in this torrent names.
                lang = f".{f.language}" if f.language else ""
                park = f"{f.target}{lang}{ext}.v{f.version}{SUPERSEDED_SUFFIX}"
                out.append(_decide(torrent, f, park, root, claims, exists, kept, current, taken, parked=True))
                continue
            if f.kind == "media" and n >= 1:
                lang = f".{f.language}" if f.language else ""
                clash = f"{f.target}{lang}{ext}"
                out.append(_item(f, f.file.path, "conflict", _reason("same_episode"), clashes_with=clash))
                continue
            while True:
                n += 1
                dup = f".{n}" if n > 1 else ""
                lang = f".{f.language}" if f.language else ""
                name = f"{f.target}{dup}{lang}{ext}"
                k = join_key(root, name)
                # A further subtitle of the episode skips numbers already held by someone else.
                if f.kind == "subtitle" and n < 50 and k != join_key(root, f.file.path) and (
                    k in taken or (k in kept) or (k in claims and claims[k].torrent_hash != torrent.hash
                                                  and claims[k].version >= f.version and not claims[k].parked)
                ):  # fmt: skip
                    continue
                break
            alts = tuple(f"{alt}{dup}{lang}{ext}" for alt in f.alt_targets)
            out.append(
                _decide(torrent, f, name, root, claims, exists, kept, current, taken, parked=False, alts=alts)
            )
    return out


def _item(f: _Facts, new_path: str, status: Status, reason: tuple[str, str], **kw: object) -> PlannedFile:
    return PlannedFile(
        f.file.path, f.file.source, new_path, status, f.kind, f.season, f.episode, f.version, f.language,
        reason[0], reason[1], **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def _decide(
    torrent: TorrentIn,
    f: _Facts,
    name: str,
    root: str,
    claims: Mapping[str, Claim],
    exists: Callable[[str], bool] | None,
    kept: set[str],
    current: Mapping[str, str],
    taken: set[str],
    *,
    parked: bool,
    alts: tuple[str, ...] = (),
) -> PlannedFile:
    if not _valid_rel(name):
        return _item(f, f.file.path, "conflict", _reason("bad_path"), clashes_with=name)
    k = join_key(root, name)
    own_key = join_key(root, f.file.path)
    if k == own_key:
        taken.add(k)
        return _item(f, f.file.path, "unchanged", ("", ""), superseded=parked)
    if k in taken or k in kept or (k in current and k != own_key):
        why = _reason("park_taken" if parked else "in_torrent")
        return _item(f, f.file.path, "conflict", why, clashes_with=name)
    claim = claims.get(k)
    claim_key, claim_name = k, name
    if claim is None:
        # Another version of the episode under its own name (a template writing `{version}`)
        # is the same episode all the same: one file per episode.
        for alt in alts:
            other = claims.get(join_key(root, alt))
            if other is not None and other.torrent_hash != torrent.hash:
                claim, claim_key, claim_name = other, join_key(root, alt), alt
                break
    displace: Displace | None = None
    if claim is not None and claim.torrent_hash != torrent.hash:
        if parked or claim.parked or claim.version >= f.version:
            # Same version from another release, or a newer one already there: never replaced.
            if claim.version > f.version and not claim.parked and not parked:
                park = f"{name}.v{f.version}{SUPERSEDED_SUFFIX}"
                return _decide(torrent, f, park, root, claims, exists, kept, current, taken, parked=True)
            why = _reason("park_taken" if parked else "claimed")
            return _item(f, f.file.path, "conflict", why, clashes_with=name)
        # An older version of ours holds the name: rename it aside first (nothing is deleted).
        aside = f"{claim.path}.v{claim.version}{SUPERSEDED_SUFFIX}"
        displace = Displace(claim.torrent_hash, claim.path, aside)
        # The spot the older file goes to (beside it) must be free as well.
        suffix = f".v{claim.version}{SUPERSEDED_SUFFIX}"
        if (claim_key + suffix).casefold() in claims or (
            exists is not None and exists(disk_path(root, claim_name) + suffix)
        ):
            return _item(f, f.file.path, "conflict", _reason("park_taken"), clashes_with=name + suffix)
    elif claim is None and exists is not None and k not in current and exists(disk_path(root, name)):
        return _item(f, f.file.path, "conflict", _reason("on_disk"), clashes_with=name)
    taken.add(k)
    reason = _reason("superseded") if parked else ("", "")
    return _item(f, name, "rename", reason, displaces=displace, superseded=parked)
