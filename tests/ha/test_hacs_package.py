"""The tree `make ha-package` writes, checked offline against HACS's and hassfest's rules.

HACS's validation action and hassfest run on GitHub (Docker, network) and hassfest is not in
the homeassistant wheel, so their checks are restated here from the published rules: HACS's
hacs.json and integration-manifest schemas, hassfest's custom-integration manifest schema and
key order, its translations, services and dependency checks, and the quality scale's tiers.
Home Assistant's own validators (selectors, config validation, the platform list) are used
where hassfest uses them.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import voluptuous as vol
import yaml
from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
from custom_components.autobangumi.const import DOMAIN
from ha_fixtures import ROOT
from homeassistant import components as core_components
from homeassistant.const import Platform
from homeassistant.const import __version__ as HA_VERSION
from homeassistant.core import HomeAssistant
from homeassistant.helpers import config_validation as cv
from homeassistant.helpers import selector
from homeassistant.setup import async_setup_component
from packaging.requirements import Requirement

TOOL = ROOT / "tools" / "ha_package.py"
SOURCE = ROOT / "ha_integration"

# --- HACS (hacs/integration, custom_components/hacs/utils/validate.py) ---------------------


def _version(value: Any) -> str:
    if not isinstance(value, str) or not AwesomeVersion(value).valid:
        raise vol.Invalid(f"{value!r} is not a version")
    return value


def _countries(value: Any) -> Any:
    codes = [value] if isinstance(value, str) else value
    if not isinstance(codes, list) or not all(re.fullmatch(r"[A-Za-z]{2}", c) for c in codes):
        raise vol.Invalid(f"{value!r} is not a country code or a list of them")
    return value


HACS_JSON = vol.Schema(
    {
        vol.Required("name"): str,
        vol.Optional("content_in_root"): bool,
        vol.Optional("country"): _countries,
        vol.Optional("filename"): str,
        vol.Optional("hacs"): _version,
        vol.Optional("hide_default_branch"): bool,
        vol.Optional("homeassistant"): _version,
        vol.Optional("persistent_directory"): str,
        vol.Optional("render_readme"): bool,
        vol.Optional("zip_release"): bool,
    },
    extra=vol.PREVENT_EXTRA,
)
HACS_MANIFEST = vol.Schema(
    {
        vol.Required("codeowners"): list,
        vol.Required("documentation"): cv.url,
        vol.Required("domain"): str,
        vol.Required("issue_tracker"): cv.url,
        vol.Required("name"): str,
        vol.Required("version"): _version,
    },
    extra=vol.ALLOW_EXTRA,
)

# --- hassfest (script/hassfest/manifest.py, custom integrations) ------------------------------

QUALITY_TIERS = ["bronze", "silver", "gold", "platinum"]
IOT_CLASSES = ["assumed_state", "calculated", "cloud_polling", "cloud_push", "local_polling", "local_push"]
INTEGRATION_TYPES = ["device", "entity", "hardware", "helper", "hub", "service", "system"]


def _hassfest_version(value: Any) -> str:
    strategies = [
        AwesomeVersionStrategy.CALVER,
        AwesomeVersionStrategy.SEMVER,
        AwesomeVersionStrategy.SIMPLEVER,
        AwesomeVersionStrategy.BUILDVER,
        AwesomeVersionStrategy.PEP440,
    ]
    if not isinstance(value, str) or AwesomeVersion(value).strategy not in strategies:
        raise vol.Invalid(f"{value!r} is not a valid version")
    return value


def _https(value: Any) -> str:
    if not str(value).startswith("https://"):
        raise vol.Invalid("documentation must be an https URL")
    return str(value)


def _lowercase(value: Any) -> str:
    if str(value).lower() != value:
        raise vol.Invalid("must be lowercase")
    return str(value)


def _codeowner(value: Any) -> str:
    if not re.fullmatch(r"@[A-Za-z0-9-]+(/[A-Za-z0-9._-]+)?", str(value)):
        raise vol.Invalid(f"{value!r} is not a GitHub @user or @org/team")
    return str(value)


HASSFEST_MANIFEST = vol.Schema(
    {
        vol.Required("domain"): str,
        vol.Required("name"): str,
        vol.Optional("integration_type"): vol.In(INTEGRATION_TYPES),
        vol.Optional("config_flow"): bool,
        vol.Optional("zeroconf"): [
            vol.Any(str, vol.Schema({vol.Required("type"): str, vol.Optional("name"): _lowercase}))
        ],
        vol.Required("documentation"): vol.All(cv.url, _https),
        vol.Optional("issue_tracker"): cv.url,
        vol.Optional("quality_scale"): vol.In(["internal", "legacy", *QUALITY_TIERS]),
        vol.Optional("requirements"): [str],
        vol.Optional("dependencies"): [str],
        vol.Optional("after_dependencies"): [str],
        vol.Required("codeowners"): [_codeowner],
        vol.Optional("loggers"): [str],
        vol.Optional("disabled"): str,
        vol.Optional("iot_class"): vol.In(IOT_CLASSES),
        vol.Optional("single_config_entry"): bool,
        vol.Optional("version"): _hassfest_version,
        vol.Optional("import_executor"): bool,
    }
)

# --- the quality scale's rules by tier (script/hassfest/quality_scale.py) ---------------------

QUALITY_RULES: dict[str, set[str]] = {
    "bronze": {
        "action-setup", "appropriate-polling", "brands", "common-modules", "config-flow",
        "config-flow-test-coverage", "dependency-transparency", "docs-actions",
        "docs-high-level-description", "docs-installation-instructions", "docs-removal-instructions",
        "entity-event-setup", "entity-unique-id", "has-entity-name", "runtime-data",
        "test-before-configure", "test-before-setup", "unique-config-entry",
    },
    "silver": {
        "action-exceptions", "config-entry-unloading", "docs-configuration-parameters",
        "docs-installation-parameters", "entity-unavailable", "integration-owner",
        "log-when-unavailable", "parallel-updates", "reauthentication-flow", "test-coverage",
    },
    "gold": {
        "devices", "diagnostics", "discovery", "discovery-update-info", "docs-data-update",
        "docs-examples", "docs-known-limitations", "docs-supported-devices", "docs-supported-functions",
        "docs-troubleshooting", "docs-use-cases", "dynamic-devices", "entity-category",
        "entity-device-class", "entity-disabled-by-default", "entity-translations",
        "exception-translations", "icon-translations", "reconfiguration-flow", "repair-issues",
        "stale-devices",
    },
    "platinum": {"async-dependency", "inject-websession", "strict-typing"},
}  # fmt: skip

# --- hassfest translations (script/hassfest/translations.py), the parts this component uses --

KEY = re.compile(r"^[a-z0-9-_]+$")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise vol.Invalid("a translation must be a non-empty string")
    if re.search(r"https?://", value):
        raise vol.Invalid("no URLs in translations (use description placeholders)")
    if value != value.strip():
        raise vol.Invalid("no leading or trailing whitespace")
    return value


def _keyed(inner: Any) -> vol.Schema:
    return vol.Schema({vol.Match(KEY): inner})


def _described_or_fixable(issue: dict[str, Any]) -> dict[str, Any]:
    if "description" not in issue and "fix_flow" not in issue:
        raise vol.Invalid("an issue needs a description, or a fix_flow when it is fixable")
    return issue


STEP = vol.Schema(
    {
        vol.Optional("title"): _text,
        vol.Optional("description"): _text,
        vol.Optional("data"): _keyed(_text),
        vol.Optional("data_description"): _keyed(_text),
        vol.Optional("menu_options"): _keyed(_text),
        vol.Optional("submit"): _text,
    }
)
FLOW = vol.Schema(
    {
        vol.Optional("flow_title"): _text,
        vol.Optional("step"): _keyed(STEP),
        vol.Optional("error"): _keyed(_text),
        vol.Optional("abort"): _keyed(_text),
        vol.Optional("progress"): _keyed(_text),
        vol.Optional("create_entry"): _keyed(_text),
    }
)
STRINGS = vol.Schema(
    {
        vol.Optional("title"): _text,
        vol.Optional("config"): FLOW,
        vol.Optional("options"): FLOW,
        vol.Optional("selector"): _keyed({vol.Required("options"): _keyed(_text)}),
        vol.Optional("entity"): _keyed(
            _keyed(
                {
                    vol.Optional("name"): _text,
                    vol.Optional("state"): _keyed(_text),
                    vol.Optional("state_attributes"): _keyed(
                        {vol.Optional("name"): _text, vol.Optional("state"): _keyed(_text)}
                    ),
                    vol.Optional("unit_of_measurement"): _text,
                }
            )
        ),
        vol.Optional("exceptions"): _keyed({vol.Required("message"): _text}),
        vol.Optional("issues"): _keyed(
            vol.All(
                {
                    vol.Required("title"): _text,
                    vol.Exclusive("description", "fixable"): _text,
                    vol.Exclusive("fix_flow", "fixable"): FLOW,
                },
                _described_or_fixable,
            )
        ),
        vol.Optional("services"): _keyed(
            {
                vol.Required("name"): _text,
                vol.Required("description"): _text,
                vol.Optional("fields"): _keyed(
                    {
                        vol.Required("name"): _text,
                        vol.Required("description"): _text,
                        vol.Optional("example"): str,
                    }
                ),
                vol.Optional("sections"): _keyed({vol.Required("name"): _text}),
            }
        ),
    }
)

# --- hassfest services (script/hassfest/services.py, custom integrations) --------------------

SERVICE_FIELD = vol.Schema(
    {
        vol.Optional("example"): vol.NotIn([None]),
        vol.Optional("default"): vol.NotIn([None]),
        vol.Optional("required"): bool,
        vol.Optional("advanced"): bool,
        vol.Optional("selector"): selector.validate_selector,
        vol.Optional("name"): str,
        vol.Optional("description"): str,
    }
)
SERVICES_YAML = vol.Schema(
    {
        cv.slug: vol.Any(
            None,
            vol.Schema(
                {
                    vol.Optional("name"): str,
                    vol.Optional("description"): str,
                    vol.Optional("target"): vol.Any(selector.TargetSelector.CONFIG_SCHEMA, None),
                    vol.Optional("fields"): vol.Schema({str: SERVICE_FIELD}),
                }
            ),
        )
    }
)

# Components any integration may import without declaring them (hassfest's dependencies check).
ALLOWED_IMPORTS = {p.value for p in Platform} | {
    "alert", "automation", "conversation", "device_automation", "frontend", "group", "hassio",
    "homeassistant", "input_boolean", "input_button", "input_datetime", "input_number",
    "input_select", "input_text", "media_source", "onboarding", "persistent_notification",
    "person", "script", "shopping_list", "sun", "system_health", "system_log", "timer",
    "webhook", "websocket_api", "zone",
}  # fmt: skip
# A manifest's discovery matcher lets the integration use that discovery component.
DISCOVERY = {"zeroconf": "zeroconf", "ssdp": "ssdp", "dhcp": "dhcp", "usb": "usb", "mqtt": "mqtt"}


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hacs") / "repo"
    done = subprocess.run(
        [sys.executable, str(TOOL), "--out", str(out)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def component(package: Path) -> Path:
    return package / "custom_components" / DOMAIN


def test_the_tree_is_a_hacs_integration_repository(package: Path) -> None:
    assert sorted(p.name for p in package.iterdir()) == ["README.md", "custom_components", "hacs.json"]
    assert [p.name for p in (package / "custom_components").iterdir()] == [DOMAIN]
    shipped_dir = package / "custom_components" / DOMAIN
    shipped = {p.relative_to(shipped_dir) for p in shipped_dir.rglob("*") if p.is_file()}
    source = SOURCE / "custom_components" / DOMAIN
    expected = {
        p.relative_to(source)
        for p in source.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
    }
    assert shipped == expected
    for rel in expected:
        assert (shipped_dir / rel).read_bytes() == (source / rel).read_bytes(), rel
    assert {"manifest.json", "brand/icon.png", "brand/icon@2x.png", "translations/en.json"} <= {
        str(p) for p in shipped
    }
    assert not list(package.rglob("__pycache__")) and not list(package.rglob("*.pyc"))
    # The README's links into the project would break in a repository of their own.
    readme = (package / "README.md").read_text()
    assert "](../" not in readme
    assert "](https://github.com/" in readme


def test_hacs_json_passes_hacs_schema(package: Path) -> None:
    hacs = HACS_JSON(load_json(package / "hacs.json"))
    assert hacs.get("content_in_root") is not True  # the component is under custom_components/
    assert not hacs.get("zip_release") or hacs.get("filename")
    # The minimum Home Assistant is one the suite really runs on.
    assert AwesomeVersion(hacs["homeassistant"]) <= AwesomeVersion(HA_VERSION)


def test_manifest_passes_hacs_and_hassfest(component: Path) -> None:
    manifest = load_json(component / "manifest.json")
    HACS_MANIFEST(manifest)
    HASSFEST_MANIFEST(manifest)
    assert manifest["domain"] == component.name
    keys = list(manifest)
    assert keys == ["domain", "name", *sorted(keys[2:])], "domain, name, then alphabetical order"
    assert "iot_class" in manifest
    assert not (Path(core_components.__file__).parent / manifest["domain"]).exists(), "collides with core"
    for req in manifest["requirements"]:
        parsed = Requirement(req)
        assert [spec.operator for spec in parsed.specifier] == ["=="], f"{req}: pin it exactly"
    scale = manifest["quality_scale"]
    if scale in QUALITY_TIERS and QUALITY_TIERS.index(scale) > QUALITY_TIERS.index("silver"):
        assert manifest["codeowners"] and (component / "diagnostics.py").is_file()


def test_the_quality_scale_claim_is_what_the_rules_support(component: Path) -> None:
    rules = yaml.safe_load((component / "quality_scale.yaml").read_text())["rules"]
    assert set(rules) == set().union(*QUALITY_RULES.values())
    status: dict[str, str] = {}
    for name, value in rules.items():
        status[name] = value if isinstance(value, str) else value["status"]
        assert status[name] in ("done", "todo", "exempt"), name
        if status[name] != "done":
            assert isinstance(value, dict) and value.get("comment"), f"{name}: say why"
    met = ""
    for tier in QUALITY_TIERS:
        if any(status[rule] == "todo" for rule in QUALITY_RULES[tier]):
            break
        met = tier
    claim = load_json(component / "manifest.json")["quality_scale"]
    assert claim == met, f"manifest claims {claim}; the rules support {met or 'no tier'}"


@pytest.mark.parametrize("language", ["en", "zh-Hans"])
def test_translations_pass_hassfest(component: Path, language: str) -> None:
    STRINGS(load_json(component / "translations" / f"{language}.json"))
    strings = load_json(component / "translations" / f"{language}.json")
    for step in strings["config"]["step"].values():
        assert set(step.get("data_description", {})) <= set(step.get("data", {}))


def test_services_yaml_passes_hassfest(component: Path) -> None:
    services = SERVICES_YAML(yaml.safe_load((component / "services.yaml").read_text()))
    strings = load_json(component / "translations" / "en.json")
    for name, spec in services.items():
        described = strings["services"][name]
        assert spec.get("description") or described["description"], name
        for field, field_spec in (spec or {}).get("fields", {}).items():
            assert field in described["fields"], f"{name}.{field} has no translation"
            key = field_spec.get("selector", {}).get("select", {}).get("translation_key")
            if key is not None:
                options = field_spec["selector"]["select"]["options"]
                assert set(strings["selector"][key]["options"]) == set(options), f"{name}.{field}"
        assert set(described.get("fields", {})) <= set((spec or {}).get("fields", {})), name


async def test_services_yaml_matches_the_registered_schemas(hass: HomeAssistant, component: Path) -> None:
    services = yaml.safe_load((component / "services.yaml").read_text())
    # Actions are registered in async_setup (the action-setup rule): no entry needed.
    assert await async_setup_component(hass, DOMAIN, {})
    registered = hass.services.async_services()[DOMAIN]
    assert set(registered) == set(services)
    for name, service in registered.items():
        schema = service.schema
        assert isinstance(schema, vol.Schema), name
        fields = services[name].get("fields", {})
        markers = {str(marker): marker for marker in schema.schema}
        assert set(markers) == set(fields), name
        for field, marker in markers.items():
            spec = fields[field]
            assert spec.get("required", False) is isinstance(marker, vol.Required), f"{name}.{field}"
            default = marker.default() if marker.default is not vol.UNDEFINED else None
            assert spec.get("default") == default, f"{name}.{field}"
            validator = schema.schema[marker]
            if isinstance(validator, vol.In):
                assert spec["selector"]["select"]["options"] == list(validator.container), f"{name}.{field}"


def test_imports_of_other_components_are_allowed(component: Path) -> None:
    manifest = load_json(component / "manifest.json")
    declared = {*manifest.get("dependencies", []), *manifest.get("after_dependencies", [])}
    allowed = ALLOWED_IMPORTS | declared | {d for key, d in DISCOVERY.items() if key in manifest}
    prefix = "homeassistant.components."
    used: set[str] = set()
    for path in component.rglob("*.py"):
        if "_proto" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(prefix):
                used.add(str(node.module).split(".")[2])
            elif isinstance(node, ast.Import):
                used |= {a.name.split(".")[2] for a in node.names if a.name.startswith(prefix)}
    assert used
    # A platform this integration implements itself (repairs.py, diagnostics.py) may be imported.
    undeclared = {d for d in used - allowed if not (component / f"{d}.py").is_file()}
    assert undeclared == set(), "used but not in dependencies or after_dependencies"
    for dep in manifest.get("dependencies", []):
        assert (Path(core_components.__file__).parent / dep).is_dir(), dep


def test_the_tool_keeps_a_clones_history_and_refuses_foreign_files(tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (clone / "custom_components" / DOMAIN).mkdir(parents=True)
    (clone / "custom_components" / DOMAIN / "removed_module.py").write_text("old = 1\n")
    done = subprocess.run([sys.executable, str(TOOL), "--out", str(clone)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (clone / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    assert not (clone / "custom_components" / DOMAIN / "removed_module.py").exists()
    assert (clone / "custom_components" / DOMAIN / "manifest.json").is_file()

    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    done = subprocess.run([sys.executable, str(TOOL), "--out", str(other)], capture_output=True, text=True)
    assert done.returncode == 2
    assert "notes.txt" in done.stderr and "未做任何更改" in done.stderr
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]
    assert (other / "notes.txt").read_text() == "mine"
