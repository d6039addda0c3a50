from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetStatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class StatusResponse(_message.Message):
    __slots__ = ("status", "version", "first_run", "state")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    FIRST_RUN_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    status: bool
    version: str
    first_run: bool
    state: str
    def __init__(self, status: bool = ..., version: _Optional[str] = ..., first_run: bool = ..., state: _Optional[str] = ...) -> None: ...

class HealthResponse(_message.Message):
    __slots__ = ("status", "version")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    status: str
    version: str
    def __init__(self, status: _Optional[str] = ..., version: _Optional[str] = ...) -> None: ...

class InstanceInfo(_message.Message):
    __slots__ = ("instance_id", "version", "name")
    INSTANCE_ID_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    instance_id: str
    version: str
    name: str
    def __init__(self, instance_id: _Optional[str] = ..., version: _Optional[str] = ..., name: _Optional[str] = ...) -> None: ...

class EventsRequest(_message.Message):
    __slots__ = ("kinds",)
    KINDS_FIELD_NUMBER: _ClassVar[int]
    kinds: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, kinds: _Optional[_Iterable[str]] = ...) -> None: ...

class ProgramStateEvent(_message.Message):
    __slots__ = ("state", "running")
    STATE_FIELD_NUMBER: _ClassVar[int]
    RUNNING_FIELD_NUMBER: _ClassVar[int]
    state: str
    running: bool
    def __init__(self, state: _Optional[str] = ..., running: bool = ...) -> None: ...

class FeedRefreshedEvent(_message.Message):
    __slots__ = ("rss_id", "name", "new_items", "connection_status", "last_error")
    RSS_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    NEW_ITEMS_FIELD_NUMBER: _ClassVar[int]
    CONNECTION_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    rss_id: int
    name: str
    new_items: int
    connection_status: str
    last_error: str
    def __init__(self, rss_id: _Optional[int] = ..., name: _Optional[str] = ..., new_items: _Optional[int] = ..., connection_status: _Optional[str] = ..., last_error: _Optional[str] = ...) -> None: ...

class TorrentAddedEvent(_message.Message):
    __slots__ = ("bangumi_id", "name", "url", "save_path")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    name: str
    url: str
    save_path: str
    def __init__(self, bangumi_id: _Optional[int] = ..., name: _Optional[str] = ..., url: _Optional[str] = ..., save_path: _Optional[str] = ...) -> None: ...

class FileRenamedEvent(_message.Message):
    __slots__ = ("bangumi_id", "torrent_hash", "old_path", "new_path", "official_title", "season", "episode")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    TORRENT_HASH_FIELD_NUMBER: _ClassVar[int]
    OLD_PATH_FIELD_NUMBER: _ClassVar[int]
    NEW_PATH_FIELD_NUMBER: _ClassVar[int]
    OFFICIAL_TITLE_FIELD_NUMBER: _ClassVar[int]
    SEASON_FIELD_NUMBER: _ClassVar[int]
    EPISODE_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    torrent_hash: str
    old_path: str
    new_path: str
    official_title: str
    season: int
    episode: float
    def __init__(self, bangumi_id: _Optional[int] = ..., torrent_hash: _Optional[str] = ..., old_path: _Optional[str] = ..., new_path: _Optional[str] = ..., official_title: _Optional[str] = ..., season: _Optional[int] = ..., episode: _Optional[float] = ...) -> None: ...

class NotificationSentEvent(_message.Message):
    __slots__ = ("provider", "title", "success")
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    provider: str
    title: str
    success: bool
    def __init__(self, provider: _Optional[str] = ..., title: _Optional[str] = ..., success: bool = ...) -> None: ...

class LogLineEvent(_message.Message):
    __slots__ = ("level", "message", "line")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    LINE_FIELD_NUMBER: _ClassVar[int]
    level: str
    message: str
    line: str
    def __init__(self, level: _Optional[str] = ..., message: _Optional[str] = ..., line: _Optional[str] = ...) -> None: ...

class RulesChangedEvent(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class FeedRefreshProgressEvent(_message.Message):
    __slots__ = ("refresh_id", "stage", "done", "total", "rss_ids", "new_items", "rules_created", "downloaded", "failed_feeds")
    REFRESH_ID_FIELD_NUMBER: _ClassVar[int]
    STAGE_FIELD_NUMBER: _ClassVar[int]
    DONE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    RSS_IDS_FIELD_NUMBER: _ClassVar[int]
    NEW_ITEMS_FIELD_NUMBER: _ClassVar[int]
    RULES_CREATED_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADED_FIELD_NUMBER: _ClassVar[int]
    FAILED_FEEDS_FIELD_NUMBER: _ClassVar[int]
    refresh_id: str
    stage: str
    done: int
    total: int
    rss_ids: _containers.RepeatedScalarFieldContainer[int]
    new_items: int
    rules_created: int
    downloaded: int
    failed_feeds: int
    def __init__(self, refresh_id: _Optional[str] = ..., stage: _Optional[str] = ..., done: _Optional[int] = ..., total: _Optional[int] = ..., rss_ids: _Optional[_Iterable[int]] = ..., new_items: _Optional[int] = ..., rules_created: _Optional[int] = ..., downloaded: _Optional[int] = ..., failed_feeds: _Optional[int] = ...) -> None: ...

class MissingEpisodeEvent(_message.Message):
    __slots__ = ("bangumi_id", "official_title", "episode_key", "due", "days_late")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    OFFICIAL_TITLE_FIELD_NUMBER: _ClassVar[int]
    EPISODE_KEY_FIELD_NUMBER: _ClassVar[int]
    DUE_FIELD_NUMBER: _ClassVar[int]
    DAYS_LATE_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    official_title: str
    episode_key: str
    due: str
    days_late: int
    def __init__(self, bangumi_id: _Optional[int] = ..., official_title: _Optional[str] = ..., episode_key: _Optional[str] = ..., due: _Optional[str] = ..., days_late: _Optional[int] = ...) -> None: ...

class Event(_message.Message):
    __slots__ = ("kind", "at", "program_state", "feed_refreshed", "torrent_added", "file_renamed", "notification_sent", "log_line", "rules_changed", "feed_refresh_progress", "missing_episode")
    KIND_FIELD_NUMBER: _ClassVar[int]
    AT_FIELD_NUMBER: _ClassVar[int]
    PROGRAM_STATE_FIELD_NUMBER: _ClassVar[int]
    FEED_REFRESHED_FIELD_NUMBER: _ClassVar[int]
    TORRENT_ADDED_FIELD_NUMBER: _ClassVar[int]
    FILE_RENAMED_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_SENT_FIELD_NUMBER: _ClassVar[int]
    LOG_LINE_FIELD_NUMBER: _ClassVar[int]
    RULES_CHANGED_FIELD_NUMBER: _ClassVar[int]
    FEED_REFRESH_PROGRESS_FIELD_NUMBER: _ClassVar[int]
    MISSING_EPISODE_FIELD_NUMBER: _ClassVar[int]
    kind: str
    at: str
    program_state: ProgramStateEvent
    feed_refreshed: FeedRefreshedEvent
    torrent_added: TorrentAddedEvent
    file_renamed: FileRenamedEvent
    notification_sent: NotificationSentEvent
    log_line: LogLineEvent
    rules_changed: RulesChangedEvent
    feed_refresh_progress: FeedRefreshProgressEvent
    missing_episode: MissingEpisodeEvent
    def __init__(self, kind: _Optional[str] = ..., at: _Optional[str] = ..., program_state: _Optional[_Union[ProgramStateEvent, _Mapping]] = ..., feed_refreshed: _Optional[_Union[FeedRefreshedEvent, _Mapping]] = ..., torrent_added: _Optional[_Union[TorrentAddedEvent, _Mapping]] = ..., file_renamed: _Optional[_Union[FileRenamedEvent, _Mapping]] = ..., notification_sent: _Optional[_Union[NotificationSentEvent, _Mapping]] = ..., log_line: _Optional[_Union[LogLineEvent, _Mapping]] = ..., rules_changed: _Optional[_Union[RulesChangedEvent, _Mapping]] = ..., feed_refresh_progress: _Optional[_Union[FeedRefreshProgressEvent, _Mapping]] = ..., missing_episode: _Optional[_Union[MissingEpisodeEvent, _Mapping]] = ...) -> None: ...
