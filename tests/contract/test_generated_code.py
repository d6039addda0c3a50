"""The committed generated code matches what `make proto` makes from proto/ now."""

from __future__ import annotations

import filecmp
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_committed_code_is_not_stale(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_proto.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    fresh = tmp_path / "autobangumi" / "v1"
    committed = ROOT / "src" / "autobangumi" / "v1"
    names = sorted(p.name for p in fresh.iterdir() if p.is_file())
    generated = (".py", ".pyi", ".binpb")  # .binpb: the descriptor set with the comments
    assert names == sorted(p.name for p in committed.iterdir() if p.is_file() and p.suffix in generated)
    _, mismatch, errors = filecmp.cmpfiles(fresh, committed, names, shallow=False)
    assert not mismatch and not errors, f"run `make proto`: stale {mismatch + errors}"
    # The Home Assistant component's betterproto2 client, a wholly generated tree.
    fresh_ha = tmp_path / "ha_proto"
    committed_ha = ROOT / "ha_integration" / "custom_components" / "autobangumi" / "_proto"

    def tree(d: Path) -> list[str]:
        files = (p for p in d.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        return sorted(str(p.relative_to(d)) for p in files)

    ha_names = tree(fresh_ha)
    assert ha_names == tree(committed_ha), "run `make proto`: the component's _proto/ files differ"
    _, mismatch, errors = filecmp.cmpfiles(fresh_ha, committed_ha, ha_names, shallow=False)
    assert not mismatch and not errors, f"run `make proto`: stale _proto {mismatch + errors}"


def test_generated_code_imports_on_an_old_protobuf_runtime(tmp_path: Path) -> None:
    """Home Assistant pins protobuf 5.x: the committed code must load there (the generator venv has 5.x)."""
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_proto.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    py = ROOT / ".venv-proto" / "bin" / "python"
    code = (
        "import sys; sys.path.insert(0, 'src'); import google.protobuf as p; "
        "from autobangumi.v1 import program_pb2, bangumi_pb2, config_pb2; print(p.__version__)"
    )
    out = subprocess.run([str(py), "-c", code], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    assert out.startswith("5.")
