from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class ApiMessage(_message.Message):
    __slots__ = ("msg_en", "msg_zh", "status")
    MSG_EN_FIELD_NUMBER: _ClassVar[int]
    MSG_ZH_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    msg_en: str
    msg_zh: str
    status: bool
    def __init__(self, msg_en: _Optional[str] = ..., msg_zh: _Optional[str] = ..., status: bool = ...) -> None: ...

class Empty(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class BoolValue(_message.Message):
    __slots__ = ("value",)
    VALUE_FIELD_NUMBER: _ClassVar[int]
    value: bool
    def __init__(self, value: bool = ...) -> None: ...
