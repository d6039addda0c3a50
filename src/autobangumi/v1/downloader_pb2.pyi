from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListDownloaderTorrentsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DownloaderTorrent(_message.Message):
    __slots__ = ("hash", "name", "size", "progress", "dlspeed", "upspeed", "num_seeds", "num_leechs", "state", "eta", "category", "save_path", "added_on", "tags", "completion_on", "content_path", "amount_left")
    HASH_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    DLSPEED_FIELD_NUMBER: _ClassVar[int]
    UPSPEED_FIELD_NUMBER: _ClassVar[int]
    NUM_SEEDS_FIELD_NUMBER: _ClassVar[int]
    NUM_LEECHS_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    ETA_FIELD_NUMBER: _ClassVar[int]
    CATEGORY_FIELD_NUMBER: _ClassVar[int]
    SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    ADDED_ON_FIELD_NUMBER: _ClassVar[int]
    TAGS_FIELD_NUMBER: _ClassVar[int]
    COMPLETION_ON_FIELD_NUMBER: _ClassVar[int]
    CONTENT_PATH_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_LEFT_FIELD_NUMBER: _ClassVar[int]
    hash: str
    name: str
    size: int
    progress: float
    dlspeed: int
    upspeed: int
    num_seeds: int
    num_leechs: int
    state: str
    eta: int
    category: str
    save_path: str
    added_on: int
    tags: str
    completion_on: int
    content_path: str
    amount_left: int
    def __init__(self, hash: _Optional[str] = ..., name: _Optional[str] = ..., size: _Optional[int] = ..., progress: _Optional[float] = ..., dlspeed: _Optional[int] = ..., upspeed: _Optional[int] = ..., num_seeds: _Optional[int] = ..., num_leechs: _Optional[int] = ..., state: _Optional[str] = ..., eta: _Optional[int] = ..., category: _Optional[str] = ..., save_path: _Optional[str] = ..., added_on: _Optional[int] = ..., tags: _Optional[str] = ..., completion_on: _Optional[int] = ..., content_path: _Optional[str] = ..., amount_left: _Optional[int] = ...) -> None: ...

class ListDownloaderTorrentsResponse(_message.Message):
    __slots__ = ("torrents",)
    TORRENTS_FIELD_NUMBER: _ClassVar[int]
    torrents: _containers.RepeatedCompositeFieldContainer[DownloaderTorrent]
    def __init__(self, torrents: _Optional[_Iterable[_Union[DownloaderTorrent, _Mapping]]] = ...) -> None: ...

class HashesRequest(_message.Message):
    __slots__ = ("hashes",)
    HASHES_FIELD_NUMBER: _ClassVar[int]
    hashes: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, hashes: _Optional[_Iterable[str]] = ...) -> None: ...

class DeleteTorrentsRequest(_message.Message):
    __slots__ = ("hashes", "delete_files")
    HASHES_FIELD_NUMBER: _ClassVar[int]
    DELETE_FILES_FIELD_NUMBER: _ClassVar[int]
    hashes: _containers.RepeatedScalarFieldContainer[str]
    delete_files: bool
    def __init__(self, hashes: _Optional[_Iterable[str]] = ..., delete_files: bool = ...) -> None: ...

class TagTorrentRequest(_message.Message):
    __slots__ = ("hash", "bangumi_id")
    HASH_FIELD_NUMBER: _ClassVar[int]
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    hash: str
    bangumi_id: int
    def __init__(self, hash: _Optional[str] = ..., bangumi_id: _Optional[int] = ...) -> None: ...

class UnmatchedTorrent(_message.Message):
    __slots__ = ("hash", "name", "save_path")
    HASH_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    hash: str
    name: str
    save_path: str
    def __init__(self, hash: _Optional[str] = ..., name: _Optional[str] = ..., save_path: _Optional[str] = ...) -> None: ...

class AutoTagResponse(_message.Message):
    __slots__ = ("status", "tagged_count", "unmatched_count", "unmatched", "msg_en", "msg_zh")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    TAGGED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UNMATCHED_COUNT_FIELD_NUMBER: _ClassVar[int]
    UNMATCHED_FIELD_NUMBER: _ClassVar[int]
    MSG_EN_FIELD_NUMBER: _ClassVar[int]
    MSG_ZH_FIELD_NUMBER: _ClassVar[int]
    status: bool
    tagged_count: int
    unmatched_count: int
    unmatched: _containers.RepeatedCompositeFieldContainer[UnmatchedTorrent]
    msg_en: str
    msg_zh: str
    def __init__(self, status: bool = ..., tagged_count: _Optional[int] = ..., unmatched_count: _Optional[int] = ..., unmatched: _Optional[_Iterable[_Union[UnmatchedTorrent, _Mapping]]] = ..., msg_en: _Optional[str] = ..., msg_zh: _Optional[str] = ...) -> None: ...
