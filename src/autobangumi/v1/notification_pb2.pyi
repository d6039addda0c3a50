from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import config_pb2 as _config_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class TestProviderRequest(_message.Message):
    __slots__ = ("provider_index",)
    PROVIDER_INDEX_FIELD_NUMBER: _ClassVar[int]
    provider_index: int
    def __init__(self, provider_index: _Optional[int] = ...) -> None: ...

class NotificationTestResult(_message.Message):
    __slots__ = ("success", "message", "message_zh", "message_en")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ZH_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_EN_FIELD_NUMBER: _ClassVar[int]
    success: bool
    message: str
    message_zh: str
    message_en: str
    def __init__(self, success: bool = ..., message: _Optional[str] = ..., message_zh: _Optional[str] = ..., message_en: _Optional[str] = ...) -> None: ...
