from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from autobangumi.v1 import bangumi_pb2 as _bangumi_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class RssItem(_message.Message):
    __slots__ = ("id", "name", "url", "aggregate", "parser", "enabled", "connection_status", "last_checked_at", "last_error", "downloader")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    AGGREGATE_FIELD_NUMBER: _ClassVar[int]
    PARSER_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    CONNECTION_STATUS_FIELD_NUMBER: _ClassVar[int]
    LAST_CHECKED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_ERROR_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    url: str
    aggregate: bool
    parser: str
    enabled: bool
    connection_status: str
    last_checked_at: str
    last_error: str
    downloader: str
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., url: _Optional[str] = ..., aggregate: bool = ..., parser: _Optional[str] = ..., enabled: bool = ..., connection_status: _Optional[str] = ..., last_checked_at: _Optional[str] = ..., last_error: _Optional[str] = ..., downloader: _Optional[str] = ...) -> None: ...

class ListRssRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListRssResponse(_message.Message):
    __slots__ = ("rss",)
    RSS_FIELD_NUMBER: _ClassVar[int]
    rss: _containers.RepeatedCompositeFieldContainer[RssItem]
    def __init__(self, rss: _Optional[_Iterable[_Union[RssItem, _Mapping]]] = ...) -> None: ...

class RssIdRequest(_message.Message):
    __slots__ = ("rss_id",)
    RSS_ID_FIELD_NUMBER: _ClassVar[int]
    rss_id: int
    def __init__(self, rss_id: _Optional[int] = ...) -> None: ...

class ManyRssRequest(_message.Message):
    __slots__ = ("rss_ids",)
    RSS_IDS_FIELD_NUMBER: _ClassVar[int]
    rss_ids: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, rss_ids: _Optional[_Iterable[int]] = ...) -> None: ...

class UpdateRssRequest(_message.Message):
    __slots__ = ("rss_id", "data", "update_mask")
    RSS_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    rss_id: int
    data: RssItem
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, rss_id: _Optional[int] = ..., data: _Optional[_Union[RssItem, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class Torrent(_message.Message):
    __slots__ = ("id", "refer_id", "rss_id", "name", "url", "homepage", "downloaded", "qb_hash", "status")
    ID_FIELD_NUMBER: _ClassVar[int]
    REFER_ID_FIELD_NUMBER: _ClassVar[int]
    RSS_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    HOMEPAGE_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADED_FIELD_NUMBER: _ClassVar[int]
    QB_HASH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    id: int
    refer_id: int
    rss_id: int
    name: str
    url: str
    homepage: str
    downloaded: bool
    qb_hash: str
    status: str
    def __init__(self, id: _Optional[int] = ..., refer_id: _Optional[int] = ..., rss_id: _Optional[int] = ..., name: _Optional[str] = ..., url: _Optional[str] = ..., homepage: _Optional[str] = ..., downloaded: bool = ..., qb_hash: _Optional[str] = ..., status: _Optional[str] = ...) -> None: ...

class ListTorrentsResponse(_message.Message):
    __slots__ = ("torrents",)
    TORRENTS_FIELD_NUMBER: _ClassVar[int]
    torrents: _containers.RepeatedCompositeFieldContainer[Torrent]
    def __init__(self, torrents: _Optional[_Iterable[_Union[Torrent, _Mapping]]] = ...) -> None: ...

class SubscribeRequest(_message.Message):
    __slots__ = ("data", "rss")
    DATA_FIELD_NUMBER: _ClassVar[int]
    RSS_FIELD_NUMBER: _ClassVar[int]
    data: _bangumi_pb2.Bangumi
    rss: RssItem
    def __init__(self, data: _Optional[_Union[_bangumi_pb2.Bangumi, _Mapping]] = ..., rss: _Optional[_Union[RssItem, _Mapping]] = ...) -> None: ...
