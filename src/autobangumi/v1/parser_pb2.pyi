from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ExplainTitleRequest(_message.Message):
    __slots__ = ("title",)
    TITLE_FIELD_NUMBER: _ClassVar[int]
    title: str
    def __init__(self, title: _Optional[str] = ...) -> None: ...

class ParsedFields(_message.Message):
    __slots__ = ("group", "title_zh", "title_en", "title_jp", "season", "season_raw", "episode", "version", "batch", "episode_type", "resolution", "source", "platform", "sub", "video", "audio", "crc32", "year")
    GROUP_FIELD_NUMBER: _ClassVar[int]
    TITLE_ZH_FIELD_NUMBER: _ClassVar[int]
    TITLE_EN_FIELD_NUMBER: _ClassVar[int]
    TITLE_JP_FIELD_NUMBER: _ClassVar[int]
    SEASON_FIELD_NUMBER: _ClassVar[int]
    SEASON_RAW_FIELD_NUMBER: _ClassVar[int]
    EPISODE_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    BATCH_FIELD_NUMBER: _ClassVar[int]
    EPISODE_TYPE_FIELD_NUMBER: _ClassVar[int]
    RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    PLATFORM_FIELD_NUMBER: _ClassVar[int]
    SUB_FIELD_NUMBER: _ClassVar[int]
    VIDEO_FIELD_NUMBER: _ClassVar[int]
    AUDIO_FIELD_NUMBER: _ClassVar[int]
    CRC32_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    group: str
    title_zh: str
    title_en: str
    title_jp: str
    season: int
    season_raw: str
    episode: str
    version: int
    batch: bool
    episode_type: str
    resolution: str
    source: str
    platform: str
    sub: str
    video: str
    audio: str
    crc32: str
    year: int
    def __init__(self, group: _Optional[str] = ..., title_zh: _Optional[str] = ..., title_en: _Optional[str] = ..., title_jp: _Optional[str] = ..., season: _Optional[int] = ..., season_raw: _Optional[str] = ..., episode: _Optional[str] = ..., version: _Optional[int] = ..., batch: bool = ..., episode_type: _Optional[str] = ..., resolution: _Optional[str] = ..., source: _Optional[str] = ..., platform: _Optional[str] = ..., sub: _Optional[str] = ..., video: _Optional[str] = ..., audio: _Optional[str] = ..., crc32: _Optional[str] = ..., year: _Optional[int] = ...) -> None: ...

class TitleSpan(_message.Message):
    __slots__ = ("field", "start", "end", "text")
    FIELD_FIELD_NUMBER: _ClassVar[int]
    START_FIELD_NUMBER: _ClassVar[int]
    END_FIELD_NUMBER: _ClassVar[int]
    TEXT_FIELD_NUMBER: _ClassVar[int]
    field: str
    start: int
    end: int
    text: str
    def __init__(self, field: _Optional[str] = ..., start: _Optional[int] = ..., end: _Optional[int] = ..., text: _Optional[str] = ...) -> None: ...

class TitleExplanation(_message.Message):
    __slots__ = ("title", "fields", "spans")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    FIELDS_FIELD_NUMBER: _ClassVar[int]
    SPANS_FIELD_NUMBER: _ClassVar[int]
    title: str
    fields: ParsedFields
    spans: _containers.RepeatedCompositeFieldContainer[TitleSpan]
    def __init__(self, title: _Optional[str] = ..., fields: _Optional[_Union[ParsedFields, _Mapping]] = ..., spans: _Optional[_Iterable[_Union[TitleSpan, _Mapping]]] = ...) -> None: ...
