"""core.pathmap: downloader paths ↔ daemon paths, by whole components, longest prefix first."""

from __future__ import annotations

import pytest

from autobangumi_daemon.core.pathmap import PathMap, PathMapping, check_mappings
from autobangumi_daemon.errors import DaemonError

NAS = PathMap([PathMapping("/downloads", "/mnt/nas/downloads")])


@pytest.mark.parametrize(
    ("remote", "local"),
    [
        ("/downloads", "/mnt/nas/downloads"),
        ("/downloads/", "/mnt/nas/downloads"),
        ("/downloads/Bangumi/Show/ep 01.mkv", "/mnt/nas/downloads/Bangumi/Show/ep 01.mkv"),
        ("/downloads//Bangumi/./x.mkv", "/mnt/nas/downloads/Bangumi/x.mkv"),
        ("/downloads2/x.mkv", "/downloads2/x.mkv"),  # not a component match: unchanged
        ("/other/x.mkv", "/other/x.mkv"),
        ("relative/x.mkv", "relative/x.mkv"),
        ("", ""),
    ],
)
def test_to_local(remote: str, local: str) -> None:
    assert NAS.to_local(remote) == local


@pytest.mark.parametrize(
    ("local", "remote"),
    [
        ("/mnt/nas/downloads/Bangumi/Show (2024)/Season 1", "/downloads/Bangumi/Show (2024)/Season 1"),
        ("/mnt/nas/downloads", "/downloads"),
        ("/mnt/nas/downloadsX/a", "/mnt/nas/downloadsX/a"),
        ("/srv/a", "/srv/a"),
    ],
)
def test_to_downloader(local: str, remote: str) -> None:
    assert NAS.to_downloader(local) == remote


def test_round_trip_both_ways() -> None:
    for remote in ("/downloads/a/b.mkv", "/downloads", "/downloads/天气之子 [1080p].mkv"):
        assert NAS.to_downloader(NAS.to_local(remote)) == remote


def test_longest_prefix_wins() -> None:
    pm = PathMap([PathMapping("/data", "/mnt/a"), PathMapping("/data/anime", "/mnt/b/anime")])
    assert pm.to_local("/data/anime/x.mkv") == "/mnt/b/anime/x.mkv"
    assert pm.to_local("/data/films/x.mkv") == "/mnt/a/films/x.mkv"
    assert pm.to_downloader("/mnt/b/anime/x.mkv") == "/data/anime/x.mkv"
    assert pm.to_downloader("/mnt/a/films/x.mkv") == "/data/films/x.mkv"


def test_root_mapping_maps_everything() -> None:
    pm = PathMap([PathMapping("/", "/mnt/client-root")])
    assert pm.to_local("/downloads/x") == "/mnt/client-root/downloads/x"
    assert pm.to_local("/") == "/mnt/client-root"
    assert pm.to_downloader("/mnt/client-root/downloads/x") == "/downloads/x"


def test_empty_map_passes_through_and_is_falsy() -> None:
    pm = PathMap()
    assert not pm and NAS
    assert pm.to_local("/downloads/x") == "/downloads/x"
    assert pm.to_downloader("/downloads/x") == "/downloads/x"


def test_from_config_reads_the_downloader_section() -> None:
    pm = PathMap.from_config(
        {"path_mappings": [{"downloader_path": "/downloads/", "local_path": "/mnt/nas/dl/"}]}
    )
    assert pm.to_local("/downloads/x") == "/mnt/nas/dl/x"
    assert not PathMap.from_config({})


@pytest.mark.parametrize(
    "raw",
    [
        [{"downloader_path": "downloads", "local_path": "/mnt"}],
        [{"downloader_path": "/downloads", "local_path": ""}],
        [{"downloader_path": "", "local_path": "/mnt"}],
        [
            {"downloader_path": "/downloads", "local_path": "/a"},
            {"downloader_path": "/downloads/", "local_path": "/b"},
        ],
    ],
)
def test_bad_mappings_are_refused_in_both_languages(raw: list[dict[str, object]]) -> None:
    with pytest.raises(DaemonError) as err:
        check_mappings(raw)
    assert "path_mappings" in err.value.msg_en and "path_mappings" in err.value.msg_zh
