from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import bangumi_pb2 as _bangumi_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class SearchRequest(_message.Message):
    __slots__ = ("site", "keywords", "provider", "keyword")
    SITE_FIELD_NUMBER: _ClassVar[int]
    KEYWORDS_FIELD_NUMBER: _ClassVar[int]
    PROVIDER_FIELD_NUMBER: _ClassVar[int]
    KEYWORD_FIELD_NUMBER: _ClassVar[int]
    site: str
    keywords: str
    provider: str
    keyword: str
    def __init__(self, site: _Optional[str] = ..., keywords: _Optional[str] = ..., provider: _Optional[str] = ..., keyword: _Optional[str] = ...) -> None: ...

class ListProvidersRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListProvidersResponse(_message.Message):
    __slots__ = ("providers",)
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    providers: _containers.RepeatedScalarFieldContainer[str]
    def __init__(self, providers: _Optional[_Iterable[str]] = ...) -> None: ...

class GetProviderConfigRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ProviderConfig(_message.Message):
    __slots__ = ("providers",)
    class ProvidersEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: str
        value: str
        def __init__(self, key: _Optional[str] = ..., value: _Optional[str] = ...) -> None: ...
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    providers: _containers.ScalarMap[str, str]
    def __init__(self, providers: _Optional[_Mapping[str, str]] = ...) -> None: ...
