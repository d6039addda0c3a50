from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListDownloadsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Download(_message.Message):
    __slots__ = ("hash", "name", "state", "progress", "dlspeed", "upspeed", "size", "eta", "save_path", "bangumi_id", "added_at", "rename_state", "rename_detail_en", "rename_detail_zh")
    HASH_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    STATE_FIELD_NUMBER: _ClassVar[int]
    PROGRESS_FIELD_NUMBER: _ClassVar[int]
    DLSPEED_FIELD_NUMBER: _ClassVar[int]
    UPSPEED_FIELD_NUMBER: _ClassVar[int]
    SIZE_FIELD_NUMBER: _ClassVar[int]
    ETA_FIELD_NUMBER: _ClassVar[int]
    SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    ADDED_AT_FIELD_NUMBER: _ClassVar[int]
    RENAME_STATE_FIELD_NUMBER: _ClassVar[int]
    RENAME_DETAIL_EN_FIELD_NUMBER: _ClassVar[int]
    RENAME_DETAIL_ZH_FIELD_NUMBER: _ClassVar[int]
    hash: str
    name: str
    state: str
    progress: float
    dlspeed: int
    upspeed: int
    size: int
    eta: int
    save_path: str
    bangumi_id: int
    added_at: str
    rename_state: str
    rename_detail_en: str
    rename_detail_zh: str
    def __init__(self, hash: _Optional[str] = ..., name: _Optional[str] = ..., state: _Optional[str] = ..., progress: _Optional[float] = ..., dlspeed: _Optional[int] = ..., upspeed: _Optional[int] = ..., size: _Optional[int] = ..., eta: _Optional[int] = ..., save_path: _Optional[str] = ..., bangumi_id: _Optional[int] = ..., added_at: _Optional[str] = ..., rename_state: _Optional[str] = ..., rename_detail_en: _Optional[str] = ..., rename_detail_zh: _Optional[str] = ...) -> None: ...

class ListDownloadsResponse(_message.Message):
    __slots__ = ("torrents",)
    TORRENTS_FIELD_NUMBER: _ClassVar[int]
    torrents: _containers.RepeatedCompositeFieldContainer[Download]
    def __init__(self, torrents: _Optional[_Iterable[_Union[Download, _Mapping]]] = ...) -> None: ...
