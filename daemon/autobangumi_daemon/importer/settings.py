"""AutoBangumi's files beside the database: config.json, search_provider.json and the posters.

Everything is read and checked before anything is written, so a bad file stops the import
with nothing changed.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from pathlib import Path
from typing import Any

import orjson

from autobangumi_daemon.config import ConfigStore
from autobangumi_daemon.config.defaults import DEFAULTS
from autobangumi_daemon.config.validate import _CHOICES as CHOICES
from autobangumi_daemon.errors import DaemonError, invalid
from autobangumi_daemon.files import write_atomic
from autobangumi_daemon.importer.report import ImportReport

__all__ = ["PreparedFiles", "prepare_files"]

_POSTER_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
# Keys AutoBangumi writes that this product derives itself or keeps elsewhere: not reported.
_QUIET_KEYS = {"notification.type", "notification.token", "notification.chat_id"}


def _leaves(value: Any, prefix: str = "") -> set[str]:
    if isinstance(value, dict):
        out: set[str] = set()
        for key, inner in value.items():
            out |= _leaves(inner, f"{prefix}{key}.")
        return out or {prefix.rstrip(".")}
    return {prefix.rstrip(".")}


def _read_json(path: Path, name: str) -> Any:
    try:
        return orjson.loads(path.read_bytes())
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise invalid(f"{path} cannot be read ({reason}).", f"无法读取 {path}（{reason}）。") from None
    except orjson.JSONDecodeError as exc:
        raise invalid(
            f"AutoBangumi's {name} ({path}) is not valid JSON ({exc}).",
            f"AutoBangumi 的 {name}（{path}）不是有效的 JSON（{exc}）。",
        ) from None


class PreparedFiles:
    """The checked config, providers and poster list, written by `apply`."""

    def __init__(self) -> None:
        self.config: dict[str, Any] | None = None
        self.providers: dict[str, str] | None = None
        self.posters: list[Path] = []

    def apply(self, config_file: Path, provider_file: Path, posters_dir: Path, report: ImportReport) -> None:
        if self.config is not None:
            # The prepared config is complete (AutoBangumi's values over this product's
            # defaults), so it replaces whatever the file held.
            ConfigStore(config_file).replace_sections(self.config)
            report.count(
                "config", 1, "config (with notification providers and proxy)", "配置（含通知与代理）"
            )
        if self.providers is not None:
            body = orjson.dumps(self.providers, option=orjson.OPT_INDENT_2)
            if not provider_file.exists() or provider_file.read_bytes() != body:
                write_atomic(provider_file, body)
            report.count("search_providers", len(self.providers), "search providers", "搜索源")
        posters_dir.mkdir(parents=True, exist_ok=True)
        copied = 0
        for poster in self.posters:
            target = posters_dir / poster.name
            if target.exists():
                # Named by the first 8 hex of the bytes' MD5: the same name is the same image.
                if target.read_bytes() != poster.read_bytes():
                    report.note(
                        f"poster {poster.name}: a different file of that name is already here; kept.",
                        f"海报 {poster.name}：此处已有同名的不同文件，予以保留。",
                    )
                copied += 1
                continue
            with (
                poster.open("rb") as src,
                tempfile.NamedTemporaryFile(dir=posters_dir, prefix=f".{poster.name}.", delete=False) as tmp,
            ):
                shutil.copyfileobj(src, tmp)
            Path(tmp.name).replace(target)
            copied += 1
        report.count("posters", copied, "posters", "海报")


def _replace_unsupported_choices(raw: dict[str, Any], report: ImportReport) -> dict[str, Any]:
    """A choice this product does not offer (AutoBangumi's `mock` downloader, say) gets this
    product's default, with a note, instead of refusing the whole config."""
    out = copy.deepcopy(raw)
    for (section, key), choices in CHOICES.items():
        part = out.get(section)
        if not isinstance(part, dict) or key not in part or part[key] in choices:
            continue
        default = DEFAULTS[section][key]
        report.note(
            f"config {section}.{key}: {part[key]!r} is not offered here; "
            f"set to {default!r}, check it in the settings.",
            f"配置 {section}.{key}：此处不支持 {part[key]!r}，已改为 {default!r}，请在设置中检查。",
        )
        part[key] = default
    return out


def _prepare_config(path: Path, report: ImportReport) -> dict[str, Any]:
    raw = _read_json(path, "config.json")
    if not isinstance(raw, dict):
        raise invalid(
            f"AutoBangumi's config.json ({path}) is not a JSON object.",
            f"AutoBangumi 的 config.json（{path}）不是 JSON 对象。",
        )
    raw = _replace_unsupported_choices(raw, report)
    # Loaded the way this product loads its own file (renamed keys, the legacy single
    # notification provider), from a private copy so the source is never rewritten.
    with tempfile.TemporaryDirectory(prefix="ab-import-config-") as tmp:
        copy = Path(tmp) / "config.json"
        copy.write_bytes(orjson.dumps(raw))
        store = ConfigStore(copy)
        try:
            store.load(env={})
        except DaemonError as err:
            raise invalid(f"{path}: {err.msg_en}", f"{path}：{err.msg_zh}") from None
        data = store.as_dict()
    dropped = sorted(_leaves(raw) - _leaves(data) - _QUIET_KEYS)
    sections: dict[str, list[str]] = {}
    for key in dropped:
        section, _, rest = key.partition(".")
        sections.setdefault(section, []).append(rest or section)
    for section, keys in sections.items():
        shown = ", ".join(keys[:6]) + (", …" if len(keys) > 6 else "")
        report.note(
            f"config {section}.{{{shown}}}: no such setting here.",
            f"配置 {section}.{{{shown}}}：此处没有该设置项。",
        )
    return data


def _prepare_providers(path: Path, report: ImportReport) -> dict[str, str]:
    raw = _read_json(path, "search_provider.json")
    if not isinstance(raw, dict):
        raise invalid(
            f"AutoBangumi's search_provider.json ({path}) is not a JSON object.",
            f"AutoBangumi 的 search_provider.json（{path}）不是 JSON 对象。",
        )
    out: dict[str, str] = {}
    for site, value in raw.items():
        # 3.2 keeps {site: url template}; 3.3 keeps {site: {url, parser}}.
        url = value.get("url") if isinstance(value, dict) else value
        if not isinstance(url, str) or not url.strip():
            report.note(
                f"search provider {site!r}: no URL template; left out.",
                f"搜索源 {site!r}：没有 URL 模板，未导入。",
            )
            continue
        out[str(site)] = url.strip()
        parser = value.get("parser") if isinstance(value, dict) else None
        if parser not in (None, "mikan", "tmdb"):
            report.note(
                f"search provider {site!r}: parser {parser!r} is not known here; "
                "its titles are parsed as usual.",
                f"搜索源 {site!r}：解析器 {parser!r} 在此未知，标题按常规方式解析。",
            )
    return out


def prepare_files(config_dir: Path, posters: Path, report: ImportReport) -> PreparedFiles:
    prepared = PreparedFiles()
    config_file = config_dir / "config.json"
    if config_file.is_file():
        prepared.config = _prepare_config(config_file, report)
    else:
        report.note(
            "config.json: not found; settings keep their defaults.", "未找到 config.json；设置保持默认值。"
        )
    provider_file = config_dir / "search_provider.json"
    if provider_file.is_file():
        prepared.providers = _prepare_providers(provider_file, report)
    if posters.is_dir():
        prepared.posters = sorted(
            p for p in posters.iterdir() if p.is_file() and p.suffix.lower() in _POSTER_SUFFIXES
        )
    return prepared
