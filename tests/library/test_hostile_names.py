"""Path-like input through the API, end to end with a real qBittorrent and data on disk: rule titles
and save paths that try `..`, absolute paths, NUL, control characters and 300-byte names. The rule's
folder is always recomputed inside the download folder, the downloader is asked to move the data
there and the renamer writes nothing outside it."""

from __future__ import annotations

import os
from pathlib import Path

from tests.downloaders.conftest import wait_until

from .conftest import Lib, listing
from .test_renamer_qbt import blob

HOSTILE = [
    "../../../escape",
    "/etc/cron.d/evil",
    "a/../../b",
    "..",
    "C:\\Windows\\System32\\evil",
    "长" * 120,  # 360 bytes: longer than a file name may be
    "evil\nname\ttab",
]


def _outside(root: Path) -> set[str]:
    """Every file beside and above the download folder, as far as the test owns it."""
    return {p for p in listing(root.parent) if not p.startswith(root.name + "/")}


def _inside(path: str | Path, root: Path) -> bool:
    real = os.path.realpath(path)
    return real == str(root) or real.startswith(str(root) + os.sep)


async def test_hostile_titles_and_save_paths_stay_in_the_download_folder(lib: Lib) -> None:
    async with lib.http.patch(lib.server.api + "/config/update",
                              json={"bangumi_manage": {"rename_method": "advance"}}) as resp:  # fmt: skip
        assert resp.status == 200
    before = _outside(lib.root)
    hashes: dict[int, tuple[str, bytes]] = {}
    for i, title in enumerate(HOSTILE):
        rid = await lib.rule(f"Placeholder {i}", title_raw=f"Placeholder {i}")
        save = lib.root / f"Placeholder {i}" / "Season 1"
        data = blob(f"ep{i}")
        h = await lib.add(save, {f"[Grp] Placeholder {i} - 01 [1080p].mkv": data}, tags=(f"ab:{rid}",))
        hashes[rid] = (h, data)
        body = {"official_title": title, "save_path": f"../../../outside-{i}", "year": "2024"}
        async with lib.http.patch(lib.server.api + f"/bangumi/update/{rid}", json=body) as resp:
            text = await resp.text()
            assert resp.status == 200, text
        async with lib.http.get(lib.server.api + f"/bangumi/get/{rid}") as resp:
            rule = await resp.json()
        assert rule["official_title"] == title
        # The folder is the rule's, made safe, never the one the client sent.
        assert _inside(rule["save_path"], lib.root), rule["save_path"]
        assert "outside" not in rule["save_path"]
        for part in Path(rule["save_path"]).relative_to(lib.root).parts:
            assert part not in ("", ".", "..") and len(part.encode()) <= 255, part
            assert not any(c in part for c in "/\\\0\n\t"), part

    # A NUL is refused outright and changes nothing.
    rid0 = next(iter(hashes))
    async with lib.http.patch(
        lib.server.api + f"/bangumi/update/{rid0}", json={"official_title": "x\0y"}
    ) as resp:
        assert resp.status == 422, await resp.text()
        error = await resp.json()
        assert error["msg_en"] and error["msg_zh"] and error["msg_zh"] != error["msg_en"]
    async with lib.http.get(lib.server.api + f"/bangumi/get/{rid0}") as resp:
        assert (await resp.json())["official_title"] == HOSTILE[0]

    async def moved() -> bool:
        return all(
            _inside(lib.info(h).get("save_path", "/"), lib.root) and lib.info(h).get("state") != "moving"
            for h, _ in hashes.values()
        )

    await wait_until(moved, what="the downloader moved every torrent into its rule's folder")
    await lib.run()
    for rid, (h, data) in hashes.items():
        info = lib.info(h)
        assert _inside(info["save_path"], lib.root), info["save_path"]
        folder = Path(info["save_path"])
        files = [f for f in listing(folder) if f.endswith(".mkv")]
        assert len(files) == 1, (rid, files)
        video = folder / files[0]
        assert _inside(video, lib.root) and video.read_bytes() == data
        assert len(video.name.encode()) <= 255 and "S01E01" in video.name, video.name
        assert info["state"] not in ("missingFiles", "error"), info["state"]
    # Nothing was written anywhere else.
    assert _outside(lib.root) == before
