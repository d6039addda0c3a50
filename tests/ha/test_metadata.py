"""The checks hassfest and the HACS action would make, which cannot run here, plus translations.

manifest keys and order, translations complete in every language, every translation key used in
code present in strings.json, services.yaml ↔ strings ↔ icons ↔ registered actions, HACS
metadata and brand images (the published tree and the quality scale: test_hacs_package.py).
"""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from typing import Any

import pytest
import yaml
from custom_components.autobangumi.const import DOMAIN
from ha_fixtures import ROOT, Daemon, setup_entry
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

COMPONENT = ROOT / "ha_integration" / "custom_components" / "autobangumi"
STRINGS: dict[str, Any] = json.loads((COMPONENT / "strings.json").read_text())
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def leaves(tree: Any, prefix: str = "") -> dict[str, str]:
    if isinstance(tree, dict):
        out: dict[str, str] = {}
        for key, value in tree.items():
            out.update(leaves(value, f"{prefix}.{key}" if prefix else key))
        return out
    return {prefix: tree}


def test_manifest() -> None:
    manifest = json.loads((COMPONENT / "manifest.json").read_text())
    keys = list(manifest)
    assert keys[:2] == ["domain", "name"]
    assert keys[2:] == sorted(keys[2:]), "hassfest wants domain, name, then alphabetical order"
    assert manifest["domain"] == DOMAIN == COMPONENT.name
    for key in ("codeowners", "documentation", "issue_tracker", "version", "requirements", "iot_class"):
        assert manifest[key], key
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert manifest["iot_class"] == "local_push"
    assert manifest["config_flow"] is True
    assert manifest["zeroconf"] == ["_autobangumi._tcp.local."]
    assert manifest["integration_type"] == "service"
    # The generated client needs exactly the runtime it was generated for; nothing HA pins.
    assert manifest["requirements"] == ["betterproto2[grpclib]==0.10.0"]
    tested = (ROOT / "tests" / "ha" / "requirements.txt").read_text()
    assert "betterproto2[grpclib]==0.10.0" in tested
    assert not any(r.startswith(("grpcio", "protobuf")) for r in manifest["requirements"])


def test_hacs_metadata_and_brand() -> None:
    hacs = json.loads((ROOT / "ha_integration" / "hacs.json").read_text())
    allowed = {"name", "content_in_root", "zip_release", "filename", "hide_default_branch", "country",
               "homeassistant", "hacs", "persistent_directory", "render_readme"}  # fmt: skip
    assert set(hacs) <= allowed
    assert hacs["name"] == "AutoBangumi"
    assert hacs["homeassistant"] == "2025.4.0"
    assert (ROOT / "ha_integration" / "README.md").exists()
    for name, size in (("icon.png", 256), ("icon@2x.png", 512)):
        data = (COMPONENT / "brand" / name).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", data[16:24]) == (size, size), name


def test_english_translation_is_strings_json() -> None:
    assert json.loads((COMPONENT / "translations" / "en.json").read_text()) == STRINGS


@pytest.mark.parametrize("language", ["zh-Hans"])
def test_other_translations_are_complete(language: str) -> None:
    translated = leaves(json.loads((COMPONENT / "translations" / f"{language}.json").read_text()))
    source = leaves(STRINGS)
    assert set(translated) == set(source)
    for key, text in source.items():
        assert set(PLACEHOLDER.findall(translated[key])) == set(PLACEHOLDER.findall(text)), key
        assert translated[key].strip(), key


def test_translation_keys_used_in_code_exist() -> None:
    known = set(STRINGS["exceptions"]) | set(STRINGS["issues"])
    for platform in STRINGS["entity"].values():
        known |= set(platform)
    used: set[str] = set()
    for path in COMPONENT.glob("*.py"):
        used |= set(re.findall(r'translation_key="(\w+)"', path.read_text()))
    assert used
    assert used <= known, used - known
    flow = (COMPONENT / "config_flow.py").read_text()
    errors = set(re.findall(r'"(\w+)"\),', flow)) | set(re.findall(r'"base": "(\w+)"', flow))
    assert errors <= set(STRINGS["config"]["error"]), errors - set(STRINGS["config"]["error"])
    reasons = set(re.findall(r'reason="(\w+)"', flow))
    assert reasons <= set(STRINGS["config"]["abort"]), reasons - set(STRINGS["config"]["abort"])


def test_services_are_described_and_have_icons() -> None:
    services = yaml.safe_load((COMPONENT / "services.yaml").read_text())
    icons = json.loads((COMPONENT / "icons.json").read_text())
    assert set(services) == set(STRINGS["services"]) == set(icons["services"])
    for name, spec in services.items():
        assert set(spec["fields"]) == set(STRINGS["services"][name]["fields"]), name
        assert spec["fields"]["config_entry_id"]["selector"] == {"config_entry": {"integration": DOMAIN}}


async def test_every_entity_and_action_is_translated(
    hass: HomeAssistant, daemon: Daemon, entity_registry: er.EntityRegistry
) -> None:
    entry = await setup_entry(hass, daemon)
    icons = json.loads((COMPONENT / "icons.json").read_text())["entity"]
    entities = er.async_entries_for_config_entry(entity_registry, entry.entry_id)
    assert entities
    for entity in entities:
        assert entity.translation_key, entity.entity_id
        assert entity.translation_key in STRINGS["entity"][entity.domain], entity.entity_id
        assert entity.translation_key in icons[entity.domain], entity.entity_id
    registered = hass.services.async_services()[DOMAIN]
    assert set(registered) == set(STRINGS["services"])


def test_platform_modules_declare_parallel_updates() -> None:
    for platform in ("binary_sensor", "button", "calendar", "event", "image", "sensor", "switch"):
        source = Path(COMPONENT / f"{platform}.py").read_text()
        assert re.search(r"^PARALLEL_UPDATES = \d+$", source, re.M), platform
