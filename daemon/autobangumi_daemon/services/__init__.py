"""Thin service classes, one per contract service: validate, call the core, map errors."""

from __future__ import annotations

from autobangumi_daemon.context import AppContext

__all__ = ["build_services"]


def build_services(ctx: AppContext) -> list[object]:
    from autobangumi_daemon.services.auth_service import AuthService
    from autobangumi_daemon.services.bangumi_service import BangumiService
    from autobangumi_daemon.services.config_service import ConfigService
    from autobangumi_daemon.services.diagnostics_service import DiagnosticsService
    from autobangumi_daemon.services.download_service import DownloadService
    from autobangumi_daemon.services.downloader_service import DownloaderService
    from autobangumi_daemon.services.feed_item_service import FeedItemService
    from autobangumi_daemon.services.library_service import LibraryService
    from autobangumi_daemon.services.log_service import LogService
    from autobangumi_daemon.services.notification_service import NotificationService
    from autobangumi_daemon.services.overview_service import OverviewService
    from autobangumi_daemon.services.parser_service import ParserService
    from autobangumi_daemon.services.passkey_service import PasskeyService
    from autobangumi_daemon.services.poster_service import PosterService
    from autobangumi_daemon.services.program_service import ProgramService
    from autobangumi_daemon.services.rss_service import RssService
    from autobangumi_daemon.services.search_service import SearchService
    from autobangumi_daemon.services.session_service import SessionService
    from autobangumi_daemon.services.setup_service import SetupService
    from autobangumi_daemon.services.token_service import TokenService

    return [
        AuthService(ctx),
        BangumiService(ctx),
        ConfigService(ctx),
        DownloaderService(ctx),
        LibraryService(ctx),
        LogService(ctx),
        NotificationService(ctx),
        PasskeyService(ctx),
        PosterService(ctx),
        ProgramService(ctx),
        RssService(ctx),
        SearchService(ctx),
        SetupService(ctx),
        ParserService(ctx),
        TokenService(ctx),
        SessionService(ctx),
        OverviewService(ctx),
        FeedItemService(ctx),
        DownloadService(ctx),
        DiagnosticsService(ctx),
    ]
