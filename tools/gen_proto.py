#!/usr/bin/env python3
"""Regenerate the committed protobuf/gRPC code from proto/ with pinned generators.

The generators live in their own venv (.venv-proto) so the project's venv can keep the
newest protobuf runtime: code from grpcio-tools 1.67.1 imports on protobuf 5.27 to 7.x,
which is what lets Home Assistant's pinned runtime load it too.

    python3 tools/gen_proto.py            # write into src/
    python3 tools/gen_proto.py --out DIR  # write elsewhere (the staleness test uses this)
"""

from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".venv-proto"
PINS = ["grpcio-tools==1.67.1", "googleapis-common-protos==1.66.0", "protobuf==5.28.3"]


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


def generate(out: pathlib.Path) -> None:
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
        *protos,
        cwd=ROOT,
        env=dict(os.environ),
    )
    pkg = out / "autobangumi" / "v1"
    init = pkg / "__init__.py"
    init.write_text('"""Generated from proto/autobangumi/v1 by tools/gen_proto.py; do not edit."""\n')


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=pathlib.Path, default=ROOT / "src")
    args = parser.parse_args()
    generate(args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
