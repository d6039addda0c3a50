from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import bangumi_pb2 as _bangumi_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListFeedItemsRequest(_message.Message):
    __slots__ = ("rss_id", "limit", "offset", "status")
    RSS_ID_FIELD_NUMBER: _ClassVar[int]
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    rss_id: int
    limit: int
    offset: int
    status: str
    def __init__(self, rss_id: _Optional[int] = ..., limit: _Optional[int] = ..., offset: _Optional[int] = ..., status: _Optional[str] = ...) -> None: ...

class FeedItem(_message.Message):
    __slots__ = ("id", "rss_id", "name", "url", "homepage", "published_at", "status", "reason_en", "reason_zh", "bangumi_id", "bangumi_title", "duplicate_of", "episode_key", "attempts", "reason")
    ID_FIELD_NUMBER: _ClassVar[int]
    RSS_ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    HOMEPAGE_FIELD_NUMBER: _ClassVar[int]
    PUBLISHED_AT_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    REASON_EN_FIELD_NUMBER: _ClassVar[int]
    REASON_ZH_FIELD_NUMBER: _ClassVar[int]
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    BANGUMI_TITLE_FIELD_NUMBER: _ClassVar[int]
    DUPLICATE_OF_FIELD_NUMBER: _ClassVar[int]
    EPISODE_KEY_FIELD_NUMBER: _ClassVar[int]
    ATTEMPTS_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    id: int
    rss_id: int
    name: str
    url: str
    homepage: str
    published_at: str
    status: str
    reason_en: str
    reason_zh: str
    bangumi_id: int
    bangumi_title: str
    duplicate_of: int
    episode_key: str
    attempts: int
    reason: FeedItemReason
    def __init__(self, id: _Optional[int] = ..., rss_id: _Optional[int] = ..., name: _Optional[str] = ..., url: _Optional[str] = ..., homepage: _Optional[str] = ..., published_at: _Optional[str] = ..., status: _Optional[str] = ..., reason_en: _Optional[str] = ..., reason_zh: _Optional[str] = ..., bangumi_id: _Optional[int] = ..., bangumi_title: _Optional[str] = ..., duplicate_of: _Optional[int] = ..., episode_key: _Optional[str] = ..., attempts: _Optional[int] = ..., reason: _Optional[_Union[FeedItemReason, _Mapping]] = ...) -> None: ...

class FeedItemReason(_message.Message):
    __slots__ = ("kind", "rule_id", "rule_title", "word", "release_id", "release_name", "until", "closest_rule_id", "closest_rule_title", "closest_title", "closest_why")
    KIND_FIELD_NUMBER: _ClassVar[int]
    RULE_ID_FIELD_NUMBER: _ClassVar[int]
    RULE_TITLE_FIELD_NUMBER: _ClassVar[int]
    WORD_FIELD_NUMBER: _ClassVar[int]
    RELEASE_ID_FIELD_NUMBER: _ClassVar[int]
    RELEASE_NAME_FIELD_NUMBER: _ClassVar[int]
    UNTIL_FIELD_NUMBER: _ClassVar[int]
    CLOSEST_RULE_ID_FIELD_NUMBER: _ClassVar[int]
    CLOSEST_RULE_TITLE_FIELD_NUMBER: _ClassVar[int]
    CLOSEST_TITLE_FIELD_NUMBER: _ClassVar[int]
    CLOSEST_WHY_FIELD_NUMBER: _ClassVar[int]
    kind: str
    rule_id: int
    rule_title: str
    word: str
    release_id: int
    release_name: str
    until: str
    closest_rule_id: int
    closest_rule_title: str
    closest_title: str
    closest_why: str
    def __init__(self, kind: _Optional[str] = ..., rule_id: _Optional[int] = ..., rule_title: _Optional[str] = ..., word: _Optional[str] = ..., release_id: _Optional[int] = ..., release_name: _Optional[str] = ..., until: _Optional[str] = ..., closest_rule_id: _Optional[int] = ..., closest_rule_title: _Optional[str] = ..., closest_title: _Optional[str] = ..., closest_why: _Optional[str] = ...) -> None: ...

class ListFeedItemsResponse(_message.Message):
    __slots__ = ("total", "items")
    TOTAL_FIELD_NUMBER: _ClassVar[int]
    ITEMS_FIELD_NUMBER: _ClassVar[int]
    total: int
    items: _containers.RepeatedCompositeFieldContainer[FeedItem]
    def __init__(self, total: _Optional[int] = ..., items: _Optional[_Iterable[_Union[FeedItem, _Mapping]]] = ...) -> None: ...

class FeedItemIdRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...
