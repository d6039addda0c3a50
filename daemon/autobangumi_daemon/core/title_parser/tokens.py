"""Release-tag vocabulary: what a single token of a title can mean, and its normalised value.

Every pattern here is matched against one whole token (`fullmatch`), never searched inside a
word, so a title such as "Web Ghosts" or "BanG Dream!" is not eaten by a tag.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Final

# --- resolution ------------------------------------------------------------------------------
# `1080p`, `1080p25`, `720p60`, `AI2160p` (an upscale, still named by its height)
_RES_P = re.compile(r"(?:AI)?(\d{3,4})[pi](?:\d{2,3}(?:fps)?)?", re.I)
# `1920x1080`, `1280*720`, `1920x816@60FPS`, `1280x720up`
_RES_WXH = re.compile(r"(\d{3,4})[x×*](\d{3,4})[pi]?(?:@\d{2,3}(?:fps)?|up)?", re.I)
# Cinema frames are cropped in height (1920x804, 3840x1608): the width says which class it is.
# (DCI frames too: 4096 and 2048 wide are the cinema's 4K and 2K)
_BY_WIDTH: Final = {
    **{3840: 2160, 4096: 2160, 2560: 1440, 2048: 1080, 1920: 1080, 1440: 1080, 1280: 720},
    **{1024: 576, 960: 540, 854: 480},
}
_RES_WORDS: Final = {"4k": "2160p", "uhd": "2160p", "2k": "1440p", "qhd": "1440p", "fhd": "1080p"} | {
    "fullhd": "1080p",
    "full-hd": "1080p",
}


def resolution_of(token: str) -> str | None:
    low = token.lower()
    if low in _RES_WORDS:
        return _RES_WORDS[low]
    m = _RES_P.fullmatch(token)
    if m and int(m.group(1)) in _HEIGHTS:
        return f"{int(m.group(1))}p"
    m = _RES_WXH.fullmatch(token)
    if m:
        width, height = int(m.group(1)), int(m.group(2))
        if not height <= width <= 3 * height:
            return None  # `2016x231`: a season and an episode; no picture is that shape
        if height not in _HEIGHTS or (width in _BY_WIDTH and _BY_WIDTH[width] != height):
            height = _BY_WIDTH.get(width, height)
        return f"{height}p"
    return None


_HEIGHTS: Final = {360, 480, 540, 576, 720, 768, 810, 900, 1080, 1200, 1440, 1600, 2160, 4320}

# --- medium ----------------------------------------------------------------------------------
_SOURCES: Final = {
    "web-dl": "WEB-DL",
    "webdl": "WEB-DL",
    "web-dlrip": "WEB-DL",
    "webrip": "WebRip",
    "web-rip": "WebRip",
    "web": "WEB",
    "webremux": "WEB-DL",
    "bdrip": "BDRip",
    "bd-rip": "BDRip",
    "bdremux": "BDRemux",
    "bd-remux": "BDRemux",
    "bluray": "BluRay",
    "blu-ray": "BluRay",
    "bd": "BD",
    "bdmv": "BDMV",
    "bdbox": "BD",
    "dvdrip": "DVDRip",
    "dvd-rip": "DVDRip",
    "dvd": "DVD",
    "hdtv": "HDTV",
    "hdtvrip": "HDTV",
    "tvrip": "TVRip",
    "tv-rip": "TVRip",
    # Scene spellings: a BRRip is a Blu-ray rip, a PDTV capture is filed with HDTV.
    "brrip": "BDRip",
    "br-rip": "BDRip",
    "bluray-rip": "BDRip",
    "hdrip": "HDRip",
    "hd-rip": "HDRip",
    "pdtv": "HDTV",
    "hd-tv": "HDTV",
    # (a Blu-ray disc named by its capacity)
    "bd25": "BD",
    "bd50": "BD",
    "bd66": "BD",
    "bd100": "BD",
    "dvd5": "DVD",
    "dvd9": "DVD",
    "dvdr": "DVD",
    "dvd-r": "DVD",
    "webdlrip": "WEB-DL",
    # An Italian WEB remux (`WEB-DLMux`, `DLMux`) is filed as a plain WEB release.
    "web-dlmux": "WEB",
    "webdlmux": "WEB",
    "dlmux": "WEB",
    "webmux": "WEB",
}

# --- platform (streaming service or TV station the release was taken from) --------------------
_PLATFORMS: Final = {
    "baha": "Baha",
    "b-global": "B-Global",
    "bglobal": "B-Global",
    "bilibili": "Bilibili",
    "b站": "Bilibili",
    "bstation": "B-Global",
    "cr": "CR",
    "crunchyroll": "CR",
    "abema": "ABEMA",
    "abematv": "ABEMA",
    "netflix": "Netflix",
    "nf": "Netflix",
    "amzn": "Amazon",
    "amazon": "Amazon",
    "adn": "ADN",
    "hulu": "Hulu",
    "hidive": "HIDIVE",
    "dsnp": "Disney+",
    "disney+": "Disney+",
    "iqiyi": "iQIYI",
    "viu": "Viu",
    "viutv": "ViuTV",
    "kktv": "KKTV",
    "friday": "friDay",
    "linetv": "LINE TV",
    "myvideo": "MyVideo",
    "youtube": "YouTube",
    "tving": "TVING",
    "u-next": "U-NEXT",
    "unext": "U-NEXT",
    "at-x": "AT-X",
    "tv-asahi": "TV Asahi",
    "tokyo-mx": "Tokyo MX",
    "bs11": "BS11",
    "nhk": "NHK",
    "ttfc": "TTFC",
    "niconico": "Niconico",
    "dmm": "DMM",
    "lemino": "Lemino",
    "wowow": "WOWOW",
    "lftlnet": "LFTLNET",
    "muse": "Muse",
    "ani-one": "Ani-One",
    "aniplus": "Aniplus",
    "bili": "Bilibili",
    "爱奇艺": "iQIYI",
    "愛奇藝": "iQIYI",
    "哔哩哔哩": "Bilibili",
    "巴哈": "Baha",
}

# --- codecs ----------------------------------------------------------------------------------
_VIDEO = re.compile(
    r"(?P<c>x26[45]|h\.?26[45]|avc|hevc|av1|vp9|ma10p|hi10p?|ma444-10p|xvid|divx)"
    r"(?:[-_]?(?:8|10|12)-?bits?)?(?:[-_]?(?:yuv)?4[24][04]p?1?0?)?",
    re.I,
)
_VIDEO_NAMES: Final = {
    "x264": "AVC",
    "h264": "AVC",
    "h.264": "AVC",
    "avc": "AVC",
    "hi10p": "AVC",
    "hi10": "AVC",
    "x265": "HEVC",
    "h265": "HEVC",
    "h.265": "HEVC",
    "hevc": "HEVC",
    "ma10p": "HEVC",
    "ma444-10p": "HEVC",
    "av1": "AV1",
    "vp9": "VP9",
    "xvid": "XviD",
    "divx": "DivX",
}
_DISC = re.compile(r"cd\d(?:of\d)?", re.I)  # `CD1`, `cd1of2`: which disc of a split movie
_FPS = re.compile(r"\d{2,3}(?:\.\d{1,3})?fps", re.I)
_BITDEPTH = re.compile(r"(?:8|10|12)-?bits?", re.I)
_AUDIO = re.compile(
    r"(?P<c>aac|flac|e-?ac-?3|ac-?3|ddp|dd\+|dd|opus|dts(?:-?hd)?(?:-?ma)?|truehd|mp3|lpcm|pcm|alac)"
    r"(?:[-_]?\d\.\d)?(?:x\d)?",
    re.I,
)
_AUDIO_NAMES: Final = {
    "aac": "AAC",
    "flac": "FLAC",
    "ac3": "AC3",
    "ac-3": "AC3",
    "eac3": "EAC3",
    "e-ac3": "EAC3",
    "e-ac-3": "EAC3",
    "eac-3": "EAC3",
    "ddp": "EAC3",
    "dd+": "EAC3",
    "dd": "AC3",
    "opus": "Opus",
    "truehd": "TrueHD",
    "mp3": "MP3",
    "lpcm": "LPCM",
    "pcm": "PCM",
    "alac": "ALAC",
}

# --- subtitles -------------------------------------------------------------------------------
# A CJK subtitle tag is a run of these characters that names at least one language.
_SUB_CJK = re.compile(
    r"(?:官方)?[简繁簡中日英韩韓粤粵雙双語语体體字幕内內封嵌外挂掛附带帶硬软軟文國国多-]+(?:PGS|ASS|SRT|SUP)?(?:x\d)?(?:MP4|MKV)?",
    re.I,
)
_SUB_CJK_LANG = re.compile(r"[简繁簡中日英韩韓]")
# `外挂GB`, `内封CHS`, `BIG5繁體`: a Chinese delivery word or a Latin tag glued to a subtitle tag.
_SUB_GLUED = re.compile(r"(外挂|外掛|内封|內封|内嵌|內嵌)?(chs|cht|gb|big5|sc|tc)?(.*)", re.I)
_SUB_LATIN: Final = {
    "chs": ("CHS",),
    "sc": ("CHS",),
    "gb": ("CHS",),
    "gb2312": ("CHS",),
    "zh-hans": ("CHS",),
    "zh-cn": ("CHS",),
    "cht": ("CHT",),
    "tc": ("CHT",),
    "big5": ("CHT",),
    "zh-hant": ("CHT",),
    "zh-tw": ("CHT",),
    "jp": ("JPN",),
    "jpn": ("JPN",),
    "ja": ("JPN",),
    "jap": ("JPN",),
    "en": ("ENG",),
    "eng": ("ENG",),
    "jpsc": ("JPN", "CHS"),
    "jptc": ("JPN", "CHT"),
    "chs&cht": ("CHS", "CHT"),
    "vostfr": ("FRE",),
    "eng-subs": ("ENG",),
    "eng-sub": ("ENG",),
    "engsub": ("ENG",),
    "english-subs": ("ENG",),
    "english-sub": ("ENG",),
    "en-sub": ("ENG",),
    "chs-sub": ("CHS",),
    "cht-sub": ("CHT",),
    "cn": ("CHS",),
    "multi": ("MULTI",),
    "multisub": ("MULTI",),
    "multisubs": ("MULTI",),
    "multi-sub": ("MULTI",),
    "multi-subs": ("MULTI",),
    "multiple": ("MULTI",),
    "多国字幕": ("MULTI",),
    "多國字幕": ("MULTI",),
    "多语字幕": ("MULTI",),
}
LANG_ORDER: Final = ("CHS", "CHT", "JPN", "ENG", "KOR", "FRE", "MULTI")

# Tokens that are release noise: no field of their own, but not part of a title either.
_NOISE: Final = frozenset(
    {
        "mp4",
        "mkv",
        "avi",
        "webm",
        "ts",
        "ass",
        "srt",
        "pgs",
        "sup",
        "sub",
        "subs",
        "subtitle",
        "subtitles",
        "subbed",
        "remux",
        "dual-audio",
        "dual",
        "audio",
        "uncensored",
        "无修",
        "无修版",
        "無修",
        "無修正",
        "无修正",
        "未删减",
        "招募翻译",
        "招募翻譯",
        "招募",
        "新番",
        "国漫",
        "國漫",
        "急招翻校轴",
        "字幕社招人内详",
        "生",
        "raw",
        "raws",
        "无字幕",
        "無字幕",
        "生肉",
        "hdr",
        "sdr",
        "hdr10",
        "dovi",
        "dv",
        "10bits",
        "60fps",
        "23.976fps",
        "vfr",
        "cfr",
        "2.0",
        "5.1",
        "7.1",
        "日语配音版",
        "japanese",
        "tv",
        "dub",
        "dubbed",
        "english",
        "修正",
        "修正版",
        "附字幕",
        "先行版",
        "网盘",
        "内详",
        # Scene release words: editions, fixes and the dub's language say nothing we keep.
        "repack",
        "proper",
        "rerip",
        "internal",
        "limited",
        "unrated",
        "extended",
        "remastered",
        "uncut",
        "readnfo",
        "nfo",
        "truefrench",
        "french",
        "vff",
        "subforced",
        "german",
        "italian",
        "ita",
        "spanish",
        "castellano",
        "latino",
        "hindi",
        "tamil",
        "telugu",
        "korean",
        "nordic",
        "swesub",
        "dl",
        "hc",
        "imax",
        "workprint",
        "hardsub",
        "hardsubs",
        "edition",
        "theatrical",
        "hq",
        "hfr",
        "nfofix",
        "pal",
        "ntsc",
        "ws",
        "dsr",
        "softsub",
        "softsubs",
        # Picture and cut words of scene names (3D frame packing, line dubs, direct-to-video).
        "3d",
        "hsbs",
        "hou",
        "sbs",
        "ld",
        "stv",
        "dc",
        "convert",
        "integrale",
        "intégrale",
        "swissgerman",
        "doku",
        "hdlight",
        "mhd",
        "vr180",
        "dublado",
        "subtitulado",
        "legendas",  # (Portuguese: subtitled)
        "hebsubs",
        "bdmux",
        "brmux",
        "bdripmux",
        "brripmux",
    }
)

# Tokens that are tags only when they sit next to other tags: they are also ordinary words.
WEAK: Final = frozenset(
    {"web", "bd", "dvd", "cr", "nf", "en", "eng", "sc", "tc", "jp", "ja", "gb", "cn", "multi", "dd", "生"}
    | {"raw", "raws", "tv", "dual", "audio", "sub", "subs", "subtitle", "subtitles", "japanese", "english"}
    | {"dub", "ts", "adn"}
    | {"amazon", "hulu", "muse", "ani-one", "friday", "dmm", "ja", "jap", "viu"}
    | {"edition", "theatrical", "hq", "pal", "ws", "final", "opus", "end", "fin"}
    | {"proper", "internal", "limited", "unrated", "extended", "remastered", "uncut", "french", "german"}
    | {"3d", "ld", "dc", "convert", "hou", "sbs"}
    | {"italian", "spanish", "latino", "korean", "nordic", "dl", "hc", "imax", "tamil", "hindi", "ita"}
)

BATCH_WORDS: Final = frozenset(
    {"合集", "全集", "batch", "complete", "全话", "全話", "完结合集", "完結合集", "修正合集", "bdbox"}
)
END_WORDS: Final = frozenset({"end", "fin", "final", "完", "完结", "完結", "终", "終"})


@dataclass(frozen=True, slots=True)
class Tag:
    """One token read as a tag. `kind` names the ParsedTitle field it feeds (or noise/batch)."""

    kind: str
    value: str
    langs: tuple[str, ...] = ()


_NOISE_TAG = Tag("noise", "")
_SPOKEN = re.compile(r"^(?:[粵粤国國].*[語语]|.*配音.*)$")
_VERSION = re.compile(r"v(\d)", re.I)
# ASSx2, SRTx3, 2ASS: counts of subtitle tracks, noise for our purposes.
_SUB_FILE_COUNT = re.compile(r"(?:ass|srt|pgs|sup)x\d|\d(?:ass|srt)", re.I)


@functools.lru_cache(maxsize=8192)
def classify(token: str) -> Tag | None:
    """What a whole token means as a release tag, or None if it is not one.

    Cached: feeds repeat the same few hundred tags, and this is the parser's hottest call.
    """
    low = token.lower()
    if low in _NOISE:
        return _NOISE_TAG
    if low in BATCH_WORDS:
        return Tag("batch", token)
    if low in END_WORDS:
        return Tag("end", token)
    m = _VERSION.fullmatch(token)
    if m:
        return Tag("version", m.group(1))
    if _SUB_FILE_COUNT.fullmatch(token):
        return _NOISE_TAG
    res = resolution_of(token)
    if res is not None:
        return Tag("resolution", res)
    src = _SOURCES.get(low)
    if src is not None:
        return Tag("source", src)
    plat = _PLATFORMS.get(low)
    if plat is not None:
        return Tag("platform", plat)
    langs = _SUB_LATIN.get(low)
    if langs is not None:
        return Tag("sub", token, langs)
    m = _VIDEO.fullmatch(token)
    if m:
        return Tag("video", _VIDEO_NAMES.get(m.group("c").lower(), m.group("c").upper()))
    if _BITDEPTH.fullmatch(token) or _FPS.fullmatch(token) or _DISC.fullmatch(token):
        return _NOISE_TAG
    m = _AUDIO.fullmatch(token)
    if m:
        name = m.group("c").lower()
        return Tag("audio", _AUDIO_NAMES.get(name, "DTS" if name.startswith("dts") else name.upper()))
    if _SPOKEN.search(token):
        return _NOISE_TAG  # 粵日雙語 / 国语: the spoken languages of the audio, not subtitles
    if _SUB_CJK.fullmatch(token) and _SUB_CJK_LANG.search(token):
        return Tag("sub", token, cjk_langs(token))
    glued = _SUB_GLUED.fullmatch(token)
    if glued is not None and glued.group(2) and (glued.group(1) or glued.group(3)):
        rest = glued.group(3)
        named = list(_SUB_LATIN[glued.group(2).lower()])
        if rest:
            if not (_SUB_CJK.fullmatch(rest) and _SUB_CJK_LANG.search(rest)):
                return None
            named += [x for x in cjk_langs(rest) if x not in named]
        return Tag("sub", token, tuple(named))
    return None


def cjk_langs(token: str) -> tuple[str, ...]:
    """Languages named by a Chinese subtitle tag such as 简繁日内封 or 繁中."""
    langs: list[str] = []
    has_simp = "简" in token or "簡" in token
    has_trad = "繁" in token
    if has_simp:
        langs.append("CHS")
    if has_trad:
        langs.append("CHT")
    # 中 (Chinese) on its own usually means Simplified; inside 繁中 / 简中 it adds nothing.
    if "中" in token and not has_simp and not has_trad:
        langs.append("CHS")
    if "日" in token:
        langs.append("JPN")
    if "英" in token:
        langs.append("ENG")
    if "韩" in token or "韓" in token:
        langs.append("KOR")
    if "多国" in token or "多國" in token:
        langs.append("MULTI")
    return tuple(langs)


def join_langs(langs: set[str]) -> str | None:
    if not langs:
        return None
    return "+".join(lang for lang in LANG_ORDER if lang in langs)
