from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class Bangumi(_message.Message):
    __slots__ = ("id", "official_title", "year", "title_raw", "season", "season_raw", "group_name", "dpi", "source", "subtitle", "eps_collect", "episode_offset", "season_offset", "filter", "rss_link", "poster_link", "added", "rule_name", "save_path", "deleted", "archived", "air_weekday", "weekday_locked", "needs_review", "needs_review_reason", "suggested_season_offset", "suggested_episode_offset", "title_aliases", "preferred_group", "preferred_resolution", "preferred_subtitle", "allow_duplicates", "downloader", "preferred_codec", "preferred_source", "delay_minutes", "preference_order", "rename_template")
    ID_FIELD_NUMBER: _ClassVar[int]
    OFFICIAL_TITLE_FIELD_NUMBER: _ClassVar[int]
    YEAR_FIELD_NUMBER: _ClassVar[int]
    TITLE_RAW_FIELD_NUMBER: _ClassVar[int]
    SEASON_FIELD_NUMBER: _ClassVar[int]
    SEASON_RAW_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAME_FIELD_NUMBER: _ClassVar[int]
    DPI_FIELD_NUMBER: _ClassVar[int]
    SOURCE_FIELD_NUMBER: _ClassVar[int]
    SUBTITLE_FIELD_NUMBER: _ClassVar[int]
    EPS_COLLECT_FIELD_NUMBER: _ClassVar[int]
    EPISODE_OFFSET_FIELD_NUMBER: _ClassVar[int]
    SEASON_OFFSET_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    RSS_LINK_FIELD_NUMBER: _ClassVar[int]
    POSTER_LINK_FIELD_NUMBER: _ClassVar[int]
    ADDED_FIELD_NUMBER: _ClassVar[int]
    RULE_NAME_FIELD_NUMBER: _ClassVar[int]
    SAVE_PATH_FIELD_NUMBER: _ClassVar[int]
    DELETED_FIELD_NUMBER: _ClassVar[int]
    ARCHIVED_FIELD_NUMBER: _ClassVar[int]
    AIR_WEEKDAY_FIELD_NUMBER: _ClassVar[int]
    WEEKDAY_LOCKED_FIELD_NUMBER: _ClassVar[int]
    NEEDS_REVIEW_FIELD_NUMBER: _ClassVar[int]
    NEEDS_REVIEW_REASON_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_SEASON_OFFSET_FIELD_NUMBER: _ClassVar[int]
    SUGGESTED_EPISODE_OFFSET_FIELD_NUMBER: _ClassVar[int]
    TITLE_ALIASES_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_GROUP_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_RESOLUTION_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_SUBTITLE_FIELD_NUMBER: _ClassVar[int]
    ALLOW_DUPLICATES_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_CODEC_FIELD_NUMBER: _ClassVar[int]
    PREFERRED_SOURCE_FIELD_NUMBER: _ClassVar[int]
    DELAY_MINUTES_FIELD_NUMBER: _ClassVar[int]
    PREFERENCE_ORDER_FIELD_NUMBER: _ClassVar[int]
    RENAME_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    id: int
    official_title: str
    year: str
    title_raw: str
    season: int
    season_raw: str
    group_name: str
    dpi: str
    source: str
    subtitle: str
    eps_collect: bool
    episode_offset: int
    season_offset: int
    filter: str
    rss_link: str
    poster_link: str
    added: bool
    rule_name: str
    save_path: str
    deleted: bool
    archived: bool
    air_weekday: int
    weekday_locked: bool
    needs_review: bool
    needs_review_reason: str
    suggested_season_offset: int
    suggested_episode_offset: int
    title_aliases: str
    preferred_group: str
    preferred_resolution: str
    preferred_subtitle: str
    allow_duplicates: bool
    downloader: str
    preferred_codec: str
    preferred_source: str
    delay_minutes: int
    preference_order: str
    rename_template: str
    def __init__(self, id: _Optional[int] = ..., official_title: _Optional[str] = ..., year: _Optional[str] = ..., title_raw: _Optional[str] = ..., season: _Optional[int] = ..., season_raw: _Optional[str] = ..., group_name: _Optional[str] = ..., dpi: _Optional[str] = ..., source: _Optional[str] = ..., subtitle: _Optional[str] = ..., eps_collect: bool = ..., episode_offset: _Optional[int] = ..., season_offset: _Optional[int] = ..., filter: _Optional[str] = ..., rss_link: _Optional[str] = ..., poster_link: _Optional[str] = ..., added: bool = ..., rule_name: _Optional[str] = ..., save_path: _Optional[str] = ..., deleted: bool = ..., archived: bool = ..., air_weekday: _Optional[int] = ..., weekday_locked: bool = ..., needs_review: bool = ..., needs_review_reason: _Optional[str] = ..., suggested_season_offset: _Optional[int] = ..., suggested_episode_offset: _Optional[int] = ..., title_aliases: _Optional[str] = ..., preferred_group: _Optional[str] = ..., preferred_resolution: _Optional[str] = ..., preferred_subtitle: _Optional[str] = ..., allow_duplicates: bool = ..., downloader: _Optional[str] = ..., preferred_codec: _Optional[str] = ..., preferred_source: _Optional[str] = ..., delay_minutes: _Optional[int] = ..., preference_order: _Optional[str] = ..., rename_template: _Optional[str] = ...) -> None: ...

class ListBangumiRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListBangumiResponse(_message.Message):
    __slots__ = ("bangumi",)
    BANGUMI_FIELD_NUMBER: _ClassVar[int]
    bangumi: _containers.RepeatedCompositeFieldContainer[Bangumi]
    def __init__(self, bangumi: _Optional[_Iterable[_Union[Bangumi, _Mapping]]] = ...) -> None: ...

class GetBangumiRequest(_message.Message):
    __slots__ = ("bangumi_id",)
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    def __init__(self, bangumi_id: _Optional[int] = ...) -> None: ...

class BangumiIdRequest(_message.Message):
    __slots__ = ("bangumi_id",)
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    def __init__(self, bangumi_id: _Optional[int] = ...) -> None: ...

class UpdateBangumiRequest(_message.Message):
    __slots__ = ("bangumi_id", "data", "update_mask")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    data: Bangumi
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, bangumi_id: _Optional[int] = ..., data: _Optional[_Union[Bangumi, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class DeleteBangumiRequest(_message.Message):
    __slots__ = ("bangumi_id", "file")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    file: bool
    def __init__(self, bangumi_id: _Optional[int] = ..., file: bool = ...) -> None: ...

class DisableBangumiRequest(_message.Message):
    __slots__ = ("bangumi_id", "file")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    file: bool
    def __init__(self, bangumi_id: _Optional[int] = ..., file: bool = ...) -> None: ...

class ManyBangumiRequest(_message.Message):
    __slots__ = ("bangumi_ids", "file")
    BANGUMI_IDS_FIELD_NUMBER: _ClassVar[int]
    FILE_FIELD_NUMBER: _ClassVar[int]
    bangumi_ids: _containers.RepeatedScalarFieldContainer[int]
    file: bool
    def __init__(self, bangumi_ids: _Optional[_Iterable[int]] = ..., file: bool = ...) -> None: ...

class SuggestOffsetResponse(_message.Message):
    __slots__ = ("suggested_offset", "reason")
    SUGGESTED_OFFSET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    suggested_offset: int
    reason: str
    def __init__(self, suggested_offset: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class DetectOffsetRequest(_message.Message):
    __slots__ = ("title", "parsed_season", "parsed_episode")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    PARSED_SEASON_FIELD_NUMBER: _ClassVar[int]
    PARSED_EPISODE_FIELD_NUMBER: _ClassVar[int]
    title: str
    parsed_season: int
    parsed_episode: int
    def __init__(self, title: _Optional[str] = ..., parsed_season: _Optional[int] = ..., parsed_episode: _Optional[int] = ...) -> None: ...

class OffsetSuggestion(_message.Message):
    __slots__ = ("season_offset", "episode_offset", "reason", "confidence")
    SEASON_OFFSET_FIELD_NUMBER: _ClassVar[int]
    EPISODE_OFFSET_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    CONFIDENCE_FIELD_NUMBER: _ClassVar[int]
    season_offset: int
    episode_offset: int
    reason: str
    confidence: str
    def __init__(self, season_offset: _Optional[int] = ..., episode_offset: _Optional[int] = ..., reason: _Optional[str] = ..., confidence: _Optional[str] = ...) -> None: ...

class TmdbSeasonInfo(_message.Message):
    __slots__ = ("title", "total_seasons", "season_episode_counts", "status", "virtual_season_starts")
    class SeasonEpisodeCountsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: int
        def __init__(self, key: _Optional[int] = ..., value: _Optional[int] = ...) -> None: ...
    class VirtualSeasonStartsEntry(_message.Message):
        __slots__ = ("key", "value")
        KEY_FIELD_NUMBER: _ClassVar[int]
        VALUE_FIELD_NUMBER: _ClassVar[int]
        key: int
        value: _struct_pb2.ListValue
        def __init__(self, key: _Optional[int] = ..., value: _Optional[_Union[_struct_pb2.ListValue, _Mapping]] = ...) -> None: ...
    TITLE_FIELD_NUMBER: _ClassVar[int]
    TOTAL_SEASONS_FIELD_NUMBER: _ClassVar[int]
    SEASON_EPISODE_COUNTS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    VIRTUAL_SEASON_STARTS_FIELD_NUMBER: _ClassVar[int]
    title: str
    total_seasons: int
    season_episode_counts: _containers.ScalarMap[int, int]
    status: str
    virtual_season_starts: _containers.MessageMap[int, _struct_pb2.ListValue]
    def __init__(self, title: _Optional[str] = ..., total_seasons: _Optional[int] = ..., season_episode_counts: _Optional[_Mapping[int, int]] = ..., status: _Optional[str] = ..., virtual_season_starts: _Optional[_Mapping[int, _struct_pb2.ListValue]] = ...) -> None: ...

class DetectOffsetResponse(_message.Message):
    __slots__ = ("has_mismatch", "suggestion", "tmdb_info")
    HAS_MISMATCH_FIELD_NUMBER: _ClassVar[int]
    SUGGESTION_FIELD_NUMBER: _ClassVar[int]
    TMDB_INFO_FIELD_NUMBER: _ClassVar[int]
    has_mismatch: bool
    suggestion: OffsetSuggestion
    tmdb_info: TmdbSeasonInfo
    def __init__(self, has_mismatch: bool = ..., suggestion: _Optional[_Union[OffsetSuggestion, _Mapping]] = ..., tmdb_info: _Optional[_Union[TmdbSeasonInfo, _Mapping]] = ...) -> None: ...

class SetWeekdayRequest(_message.Message):
    __slots__ = ("bangumi_id", "weekday")
    BANGUMI_ID_FIELD_NUMBER: _ClassVar[int]
    WEEKDAY_FIELD_NUMBER: _ClassVar[int]
    bangumi_id: int
    weekday: int
    def __init__(self, bangumi_id: _Optional[int] = ..., weekday: _Optional[int] = ...) -> None: ...

class ForgottenRule(_message.Message):
    __slots__ = ("id", "title_raw", "group_name", "season", "official_title", "rss_link", "forgotten_at")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_RAW_FIELD_NUMBER: _ClassVar[int]
    GROUP_NAME_FIELD_NUMBER: _ClassVar[int]
    SEASON_FIELD_NUMBER: _ClassVar[int]
    OFFICIAL_TITLE_FIELD_NUMBER: _ClassVar[int]
    RSS_LINK_FIELD_NUMBER: _ClassVar[int]
    FORGOTTEN_AT_FIELD_NUMBER: _ClassVar[int]
    id: int
    title_raw: str
    group_name: str
    season: int
    official_title: str
    rss_link: str
    forgotten_at: str
    def __init__(self, id: _Optional[int] = ..., title_raw: _Optional[str] = ..., group_name: _Optional[str] = ..., season: _Optional[int] = ..., official_title: _Optional[str] = ..., rss_link: _Optional[str] = ..., forgotten_at: _Optional[str] = ...) -> None: ...

class ListForgottenRulesRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ListForgottenRulesResponse(_message.Message):
    __slots__ = ("rules",)
    RULES_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[ForgottenRule]
    def __init__(self, rules: _Optional[_Iterable[_Union[ForgottenRule, _Mapping]]] = ...) -> None: ...

class ForgottenRuleIdRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...
