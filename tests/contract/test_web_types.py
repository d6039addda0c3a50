"""The web page's TypeScript contract (web/src/api/generated/contract.ts) is current and says
what the bridge really writes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from autobangumi.contract import methods
from autobangumi.jsonmap import to_json_dict

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "web" / "src" / "api" / "generated" / "contract.ts"
_INTERFACE = re.compile(r"^export interface (\w+) \{\n(.*?)^\}", re.S | re.M)
_FIELD = re.compile(r"^  (\w+)(\??): (.+);$", re.M)


def _interfaces(text: str) -> dict[str, dict[str, tuple[bool, str]]]:
    return {
        m.group(1): {f.group(1): (f.group(2) == "?", f.group(3)) for f in _FIELD.finditer(m.group(2))}
        for m in _INTERFACE.finditer(text)
    }


def test_committed_contract_ts_is_not_stale(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_web_types.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    fresh = (tmp_path / "contract.ts").read_text(encoding="utf-8")
    assert fresh == COMMITTED.read_text(encoding="utf-8"), "run `make web-types`: contract.ts is stale"


def test_generation_is_deterministic(tmp_path: Path) -> None:
    outs = []
    for n in range(2):
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "gen_web_types.py"), "--out", str(tmp_path / str(n))],
            check=True,
            capture_output=True,
        )
        outs.append((tmp_path / str(n) / "contract.ts").read_bytes())
    assert outs[0] == outs[1]


def test_interfaces_match_the_json_the_bridge_writes() -> None:
    """An empty message as the bridge writes it has exactly the interface's required keys,
    with null exactly where the type allows null."""
    interfaces = _interfaces(COMMITTED.read_text(encoding="utf-8"))
    seen: set[str] = set()
    for info in methods():
        for cls in (info.request_cls, info.response_cls):
            desc: Any = cls.DESCRIPTOR
            if not desc.full_name.startswith("autobangumi.v1.") or not desc.fields:
                continue
            name = desc.full_name.removeprefix("autobangumi.v1.").replace(".", "_")
            seen.add(name)
            fields = interfaces[name]
            written = to_json_dict(cls())
            required = {k for k, (optional, _) in fields.items() if not optional}
            assert set(written) == required, name
            assert set(fields) == {fd.name for fd in desc.fields}, name
            for key, value in written.items():
                ts = fields[key][1]
                if value is None:
                    assert ts.endswith("| null") or ts == "JsonValue", (name, key, ts)
                elif isinstance(value, list):
                    assert ts.endswith("[]"), (name, key, ts)
                elif isinstance(value, dict):
                    assert ts.startswith("Record<"), (name, key, ts)
                elif isinstance(value, bool):
                    assert ts == "boolean", (name, key, ts)
                elif isinstance(value, int | float):
                    assert ts == "number", (name, key, ts)
                elif isinstance(value, str):
                    assert ts == "string" or ts.startswith('"') or ts[0].isupper(), (name, key, ts)
    assert len(seen) > 50  # the whole contract was checked, not a handful


def test_route_table_lists_every_binding() -> None:
    text = COMMITTED.read_text(encoding="utf-8")
    table = text[text.index("export const ROUTES = {") : text.index("} as const satisfies")]
    for info in methods():
        key = f'"{info.service.rsplit(".", 1)[1]}.{info.name}": {{'
        assert key in table, key
        block = table[table.index(key) :].split("\n  },\n", 1)[0]
        for b in info.bindings:
            path = re.sub(r"\{([a-zA-Z0-9_.]+)(?:=[^}]*)?\}", r"{\1}", b.path)
            assert f'"{b.verb}"' in block and f'path: "{path}"' in block, (key, b)
        assert f"server_streaming: {str(info.server_streaming).lower()}" in block
