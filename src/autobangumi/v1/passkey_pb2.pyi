from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from autobangumi.v1 import auth_pb2 as _auth_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class PasskeyRegisterOptionsRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class PasskeyOptions(_message.Message):
    __slots__ = ("options",)
    OPTIONS_FIELD_NUMBER: _ClassVar[int]
    options: _struct_pb2.Struct
    def __init__(self, options: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class PasskeyRegisterVerifyRequest(_message.Message):
    __slots__ = ("name", "attestation_response")
    NAME_FIELD_NUMBER: _ClassVar[int]
    ATTESTATION_RESPONSE_FIELD_NUMBER: _ClassVar[int]
    name: str
    attestation_response: _struct_pb2.Struct
    def __init__(self, name: _Optional[str] = ..., attestation_response: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class PasskeyAuthOptionsRequest(_message.Message):
    __slots__ = ("username",)
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    username: str
    def __init__(self, username: _Optional[str] = ...) -> None: ...

class PasskeyAuthVerifyRequest(_message.Message):
    __slots__ = ("username", "credential")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    CREDENTIAL_FIELD_NUMBER: _ClassVar[int]
    username: str
    credential: _struct_pb2.Struct
    def __init__(self, username: _Optional[str] = ..., credential: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ...) -> None: ...

class ListPasskeysRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class Passkey(_message.Message):
    __slots__ = ("id", "name", "created_at", "last_used_at", "backup_eligible", "aaguid")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    LAST_USED_AT_FIELD_NUMBER: _ClassVar[int]
    BACKUP_ELIGIBLE_FIELD_NUMBER: _ClassVar[int]
    AAGUID_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    created_at: str
    last_used_at: str
    backup_eligible: bool
    aaguid: str
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., created_at: _Optional[str] = ..., last_used_at: _Optional[str] = ..., backup_eligible: bool = ..., aaguid: _Optional[str] = ...) -> None: ...

class ListPasskeysResponse(_message.Message):
    __slots__ = ("passkeys",)
    PASSKEYS_FIELD_NUMBER: _ClassVar[int]
    passkeys: _containers.RepeatedCompositeFieldContainer[Passkey]
    def __init__(self, passkeys: _Optional[_Iterable[_Union[Passkey, _Mapping]]] = ...) -> None: ...

class DeletePasskeyRequest(_message.Message):
    __slots__ = ("passkey_id",)
    PASSKEY_ID_FIELD_NUMBER: _ClassVar[int]
    passkey_id: int
    def __init__(self, passkey_id: _Optional[int] = ...) -> None: ...
