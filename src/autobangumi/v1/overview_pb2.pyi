from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetOverviewRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DownloaderState(_message.Message):
    __slots__ = ("type", "host", "reachable", "version", "message_en", "message_zh")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    REACHABLE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_EN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ZH_FIELD_NUMBER: _ClassVar[int]
    type: str
    host: str
    reachable: bool
    version: str
    message_en: str
    message_zh: str
    def __init__(self, type: _Optional[str] = ..., host: _Optional[str] = ..., reachable: bool = ..., version: _Optional[str] = ..., message_en: _Optional[str] = ..., message_zh: _Optional[str] = ...) -> None: ...

class Overview(_message.Message):
    __slots__ = ("program_running", "first_run", "downloader", "last_refresh_at", "next_refresh_at", "rules", "rules_active", "rules_archived", "rules_needing_review", "feeds", "feeds_with_errors", "episodes_this_week", "held_renames", "failed_renames", "version")
    PROGRAM_RUNNING_FIELD_NUMBER: _ClassVar[int]
    FIRST_RUN_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_FIELD_NUMBER: _ClassVar[int]
    LAST_REFRESH_AT_FIELD_NUMBER: _ClassVar[int]
    NEXT_REFRESH_AT_FIELD_NUMBER: _ClassVar[int]
    RULES_FIELD_NUMBER: _ClassVar[int]
    RULES_ACTIVE_FIELD_NUMBER: _ClassVar[int]
    RULES_ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    RULES_NEEDING_REVIEW_FIELD_NUMBER: _ClassVar[int]
    FEEDS_FIELD_NUMBER: _ClassVar[int]
    FEEDS_WITH_ERRORS_FIELD_NUMBER: _ClassVar[int]
    EPISODES_THIS_WEEK_FIELD_NUMBER: _ClassVar[int]
    HELD_RENAMES_FIELD_NUMBER: _ClassVar[int]
    FAILED_RENAMES_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    program_running: bool
    first_run: bool
    downloader: DownloaderState
    last_refresh_at: str
    next_refresh_at: str
    rules: int
    rules_active: int
    rules_archived: int
    rules_needing_review: int
    feeds: int
    feeds_with_errors: int
    episodes_this_week: int
    held_renames: int
    failed_renames: int
    version: str
    def __init__(self, program_running: bool = ..., first_run: bool = ..., downloader: _Optional[_Union[DownloaderState, _Mapping]] = ..., last_refresh_at: _Optional[str] = ..., next_refresh_at: _Optional[str] = ..., rules: _Optional[int] = ..., rules_active: _Optional[int] = ..., rules_archived: _Optional[int] = ..., rules_needing_review: _Optional[int] = ..., feeds: _Optional[int] = ..., feeds_with_errors: _Optional[int] = ..., episodes_this_week: _Optional[int] = ..., held_renames: _Optional[int] = ..., failed_renames: _Optional[int] = ..., version: _Optional[str] = ...) -> None: ...
