"""The live configuration: loaded once, changed only through `update`, written atomically."""

from __future__ import annotations

import copy
import logging
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson
from google.protobuf import json_format

from autobangumi.jsonmap import from_json_dict, to_json_dict
from autobangumi.jsontypes import find_type_error
from autobangumi.v1 import config_pb2
from autobangumi_daemon.config.defaults import env_overrides, factory_defaults
from autobangumi_daemon.config.validate import validate_config
from autobangumi_daemon.errors import invalid
from autobangumi_daemon.files import write_atomic

__all__ = ["MASK", "ConfigStore", "is_sensitive"]

log = logging.getLogger(__name__)

MASK = "********"
_SENSITIVE = ("password", "api_key", "token", "secret")

# Keys renamed by AutoBangumi's own migrations, so old files keep their values.
_RENAMED = {("program", "sleep_time"): "rss_time", ("program", "times"): "rename_time"}


def is_sensitive(key: str) -> bool:
    k = key.lower()
    return any(word in k for word in _SENSITIVE)


def _deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _deep_merge(base[key], value)
        else:
            base[key] = value
    return base


def _mask(value: Any, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _mask(v, k) for k, v in value.items()}
    if isinstance(value, list):
        if is_sensitive(key):
            return [MASK if isinstance(v, str) and v else v for v in value]
        return [_mask(v) for v in value]
    if isinstance(value, str) and value and is_sensitive(key):
        return MASK
    return value


def _restore(new: Any, old: Any, key: str = "") -> Any:
    """Put the stored secret back wherever the client echoed the mask."""
    if isinstance(new, dict):
        old_d = old if isinstance(old, dict) else {}
        return {k: _restore(v, old_d.get(k), k) for k, v in new.items()}
    if isinstance(new, list):
        old_l = old if isinstance(old, list) else []
        if key == "downloaders":
            # Instances are matched by name, so removing or reordering one keeps each secret
            # with its own instance.
            by_name = {o.get("name"): o for o in old_l if isinstance(o, dict)}
            return [
                _restore(v, by_name.get(v.get("name")) if isinstance(v, dict) else None, key) for v in new
            ]
        return [_restore(v, old_l[i] if i < len(old_l) else None, key) for i, v in enumerate(new)]
    if new == MASK and is_sensitive(key):
        return old if old is not None else ""
    return new


class ConfigStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._data: dict[str, Any] = factory_defaults()
        self._message = config_pb2.Config()
        # The masked copy GET /config/get answers, made once per change of the settings
        # (building it parses the whole config twice, most of that call's cost).
        self._masked: config_pb2.Config | None = None
        self._listeners: list[Callable[[config_pb2.Config], None]] = []

    # -- loading ---------------------------------------------------------------------
    def load(self, env: dict[str, str] | None = None) -> None:
        """Read config.json; on a first start, create it from the defaults and AB_* variables."""
        env = dict(os.environ) if env is None else env
        if self.path.exists():
            raw = orjson.loads(self.path.read_bytes() or b"{}")
            if not isinstance(raw, dict):
                raise ValueError(f"{self.path} does not hold a JSON object")
            for (section, old), new in _RENAMED.items():
                sec = raw.get(section)
                if isinstance(sec, dict) and old in sec:
                    sec.setdefault(new, sec.pop(old))
            merged = _deep_merge(factory_defaults(), raw)
            fresh = False
        else:
            merged = _deep_merge(factory_defaults(), env_overrides(env))
            fresh = True
        notification = merged.get("notification", {})
        if not notification.get("providers") and notification.get("type"):
            # AutoBangumi's legacy single provider becomes one entry of the list.
            notification["providers"] = [
                {
                    "type": notification["type"],
                    "enabled": True,
                    "token": notification.get("token"),
                    "chat_id": notification.get("chat_id"),
                }
            ]
        data = self._normalise(merged)
        validate_config(data)
        self._set(data)
        if fresh or orjson.loads(self.path.read_bytes()) != data:
            self._write()

    @staticmethod
    def _normalise(data: dict[str, Any]) -> dict[str, Any]:
        """Round-trip through the contract: drops unknown keys and fixes the types."""
        problem = find_type_error(config_pb2.Config.DESCRIPTOR, data)
        if problem is not None:
            en, zh = problem.messages("config", "配置")
            raise invalid(f"Invalid config: {en}", f"配置无效：{zh}")
        try:
            msg = from_json_dict(data, config_pb2.Config)
        except json_format.ParseError:
            log.debug("config did not parse", exc_info=True)
            raise invalid(
                "Invalid config: a value has the wrong type.", "配置无效：有值的类型错误。"
            ) from None
        out: dict[str, Any] = to_json_dict(msg)
        return out

    def _set(self, data: dict[str, Any]) -> None:
        self._data = data
        msg = from_json_dict(data, config_pb2.Config)
        assert isinstance(msg, config_pb2.Config)
        self._message = msg
        self._masked = None

    def _write(self) -> None:
        body = orjson.dumps(self._data, option=orjson.OPT_INDENT_2) + b"\n"
        # Credentials live here: readable by the owner only.
        write_atomic(self.path, body, mode=0o600)

    # -- reading ---------------------------------------------------------------------
    @property
    def config(self) -> config_pb2.Config:
        return self._message

    def as_dict(self) -> dict[str, Any]:
        """A copy of the settings as stored (secrets included)."""
        return copy.deepcopy(self._data)

    def masked(self) -> config_pb2.Config:
        """The settings with every secret masked; a copy, so a caller may change it freely."""
        if self._masked is None:
            msg = from_json_dict(_mask(self._data), config_pb2.Config)
            assert isinstance(msg, config_pb2.Config)
            self._masked = msg
        out = config_pb2.Config()
        out.CopyFrom(self._masked)
        return out

    def on_change(self, callback: Callable[[config_pb2.Config], None]) -> None:
        self._listeners.append(callback)

    # -- writing ---------------------------------------------------------------------
    def update(self, incoming: config_pb2.Config, paths: Iterable[str] = ()) -> None:
        """Apply the fields named by `paths` (all sections when empty); masks keep secrets."""
        new = to_json_dict(incoming)
        data = copy.deepcopy(self._data)
        paths = list(paths) or list(data)
        for path in paths:
            parts = path.split(".")
            src: Any = new
            dst: Any = data
            ok = True
            for part in parts[:-1]:
                if not isinstance(src, dict) or part not in src or not isinstance(dst.get(part), dict):
                    ok = False
                    break
                src, dst = src[part], dst[part]
            leaf = parts[-1]
            if not ok or not isinstance(src, dict) or leaf not in src or leaf not in dst:
                raise invalid(f"Unknown config field: {path}", f"未知的配置项：{path}")
            if isinstance(dst[leaf], dict) and not isinstance(src[leaf], dict):
                # A section sent as null would replace the whole section with nothing.
                raise invalid(
                    f"Invalid config value at {path}: it must be an object.",
                    f"配置项 {path} 的值必须是对象。",
                )
            dst[leaf] = _restore(src[leaf], dst[leaf], leaf)
        self._commit(data)

    def replace_sections(self, fragment: dict[str, Any]) -> None:
        """Merge a dict fragment (used by the setup wizard) with the same checks as update."""
        self._commit(_deep_merge(copy.deepcopy(self._data), fragment))

    def _commit(self, data: dict[str, Any]) -> None:
        """Validate, then write, then tell listeners: a bad value changes nothing."""
        data = self._normalise(data)
        validate_config(data)
        self._set(data)
        self._write()
        for callback in self._listeners:
            try:
                callback(self._message)
            except Exception:  # one listener's bug must not undo a saved config
                log.exception("config listener failed")
