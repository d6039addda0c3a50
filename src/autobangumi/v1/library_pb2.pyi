from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PreviewRenameRequest(_message.Message):
    __slots__ = ("hash", "bangumi_id")
    HASH_FIELD_NUMBER: _ClassVar[int]
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    hash: str
    bangumi_id: int
    def __init__(self, hash: _Optional[str] = ..., bangumi_id: _Optional[int] = ...) -> None: ...

class RenamePreviewItem(_message.Message):
    __slots__ = ("torrent_hash", "torrent_name", "save_path", "new_save_path", "old_path", "new_path", "status", "kind", "season", "episode", "reason_en", "reason_zh", "completed")
    TORRENT_HASH_FIELD_NUMBER: _ClassVar[int]
    TORRENT_NAME_FIELD_NUMBER: _ClassVar[int]
    SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    NEW_SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    OLD_PATH_FIELD_NUMBER: _ClassVar[int]
    NEW_PATH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    KIND_FIELD_NUMBER: _ClassVar[int]
    SEASON_FIELD_NUMBER: _ClassVar[int]
    EPISODE_FIELD_NUMBER: _ClassVar[int]
    REASON_EN_FIELD_NUMBER: _ClassVar[int]
    REASON_ZH_FIELD_NUMBER: _ClassVar[int]
    COMPLETED_FIELD_NUMBER: _ClassVar[int]
    torrent_hash: str
    torrent_name: str
    save_path: str
    new_save_path: str
    old_path: str
    new_path: str
    status: str
    kind: str
    season: int
    episode: float
    reason_en: str
    reason_zh: str
    completed: bool
    def __init__(self, torrent_hash: _Optional[str] = ..., torrent_name: _Optional[str] = ..., save_path: _Optional[str] = ..., new_save_path: _Optional[str] = ..., old_path: _Optional[str] = ..., new_path: _Optional[str] = ..., status: _Optional[str] = ..., kind: _Optional[str] = ..., season: _Optional[int] = ..., episode: _Optional[float] = ..., reason_en: _Optional[str] = ..., reason_zh: _Optional[str] = ..., completed: bool = ...) -> None: ...

class PreviewRenameResponse(_message.Message):
    __slots__ = ("method", "items", "template")
    METHOD_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    method: str
    items: _containers.RepeatedCompositeFieldContainer[RenamePreviewItem]
    template: str
    def __init__(self, method: _Optional[str] = ..., items: _Optional[_Iterable[_Union[RenamePreviewItem, _Mapping]]] = ..., template: _Optional[str] = ...) -> None: ...
