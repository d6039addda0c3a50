"""Bringing an AutoBangumi 3.2/3.3 install into this product, reading it without changing it."""

from autobangumi_daemon.importer.report import ImportReport
from autobangumi_daemon.importer.run import import_in_place, import_install
from autobangumi_daemon.importer.source import AutoBangumiInstall, is_autobangumi_database, locate_install

__all__ = [
    "AutoBangumiInstall",
    "ImportReport",
    "import_in_place",
    "import_install",
    "is_autobangumi_database",
    "locate_install",
]
