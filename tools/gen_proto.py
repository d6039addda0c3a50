#!/usr/bin/env python3
"""Regenerate the committed protobuf/gRPC code from proto/ with pinned generators.

The generators live in their own venv (.venv-proto) so the project's venv can keep the
newest protobuf runtime: code from grpcio-tools 1.67.1 imports on protobuf 5.27 to 7.x,
which is what lets Home Assistant's pinned runtime load it too.

It also writes the Home Assistant component's client: a betterproto2 async (grpclib) client
with relative imports, so the component needs neither grpcio nor protobuf (both pinned by HA).

    python3 tools/gen_proto.py            # write into src/ and the component's _proto/
    python3 tools/gen_proto.py --out DIR  # write elsewhere: DIR/autobangumi/v1 and DIR/ha_proto
                                          # (the staleness test uses this)
"""

from __future__ import annotations

import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".venv-proto"
HA_PROTO = ROOT / "ha_integration" / "custom_components" / "autobangumi" / "_proto"
# betterproto2's compiler formats its output with the `ruff` found on PATH, so ruff is pinned
# too (the venv's bin goes first on PATH): another ruff could lay the same code out differently.
PINS = [
    "grpcio-tools==1.67.1",
    "googleapis-common-protos==1.66.0",
    "protobuf==5.28.3",
    "betterproto2-compiler==0.10.1",
    "betterproto2==0.10.0",
    "ruff==0.17.6",
    "jinja2==3.1.6",
]


def _sh(*args: object, **kw: object) -> None:
    subprocess.run([str(a) for a in args], check=True, **kw)  # type: ignore[call-overload]


def ensure_tools() -> pathlib.Path:
    py = TOOLS / "bin" / "python"
    stamp = TOOLS / "pins.txt"
    if not stamp.exists() or stamp.read_text() != "\n".join(PINS):
        venv.create(TOOLS, with_pip=True, clear=True)
        _sh(py, "-m", "pip", "install", "-q", "--disable-pip-version-check", *PINS)
        stamp.write_text("\n".join(PINS))
    return py


def generate(out: pathlib.Path, ha_out: pathlib.Path) -> None:
    py = ensure_tools()
    gapi = subprocess.check_output(
        [
            py,
            "-c",
            "import google.api.annotations_pb2 as m, pathlib; print(pathlib.Path(m.__file__).parents[2])",
        ],
        text=True,
    ).strip()
    protos = sorted(str(p.relative_to(ROOT / "proto")) for p in (ROOT / "proto").rglob("*.proto"))
    out.mkdir(parents=True, exist_ok=True)
    _sh(
        py,
        "-m",
        "grpc_tools.protoc",
        "-Iproto",
        f"-I{gapi}",
        f"--python_out={out}",
        f"--pyi_out={out}",
        f"--grpc_python_out={out}",
        # The contract's own files with their comments, which describe the MCP tools.
        f"--descriptor_set_out={out / 'autobangumi' / 'v1' / 'contract.binpb'}",
        "--include_source_info",
        *protos,
        cwd=ROOT,
        env=dict(os.environ),
    )
    pkg = out / "autobangumi" / "v1"
    init = pkg / "__init__.py"
    init.write_text('"""Generated from proto/autobangumi/v1 by tools/gen_proto.py; do not edit."""\n')
    # The component's client: the folder is wholly generated, so a removed proto leaves nothing behind.
    shutil.rmtree(ha_out, ignore_errors=True)
    ha_out.mkdir(parents=True)
    _sh(
        py,
        "-m",
        "grpc_tools.protoc",
        "-Iproto",
        f"-I{gapi}",
        f"--python_betterproto2_out={ha_out}",
        "--python_betterproto2_opt=client_generation=async",
        *protos,
        cwd=ROOT,
        env=dict(os.environ, PATH=f"{py.parent}{os.pathsep}{os.environ.get('PATH', '')}"),
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=pathlib.Path, default=None)
    args = parser.parse_args()
    if args.out is None:
        generate(ROOT / "src", HA_PROTO)
    else:
        generate(args.out, args.out / "ha_proto")
    return 0


if __name__ == "__main__":
    sys.exit(main())
