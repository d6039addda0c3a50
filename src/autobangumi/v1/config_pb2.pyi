from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import field_mask_pb2 as _field_mask_pb2
from autobangumi.v1 import common_pb2 as _common_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Iterable as _Iterable, Mapping as _Mapping, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class GetConfigRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class UpdateConfigRequest(_message.Message):
    __slots__ = ("config", "update_mask")
    CONFIG_FIELD_NUMBER: _ClassVar[int]
    UPDATE_MASK_FIELD_NUMBER: _ClassVar[int]
    config: Config
    update_mask: _field_mask_pb2.FieldMask
    def __init__(self, config: _Optional[_Union[Config, _Mapping]] = ..., update_mask: _Optional[_Union[_field_mask_pb2.FieldMask, _Mapping]] = ...) -> None: ...

class Config(_message.Message):
    __slots__ = ("program", "downloader", "rss_parser", "bangumi_manage", "log", "proxy", "notification", "experimental_openai", "security", "network", "downloaders", "media_server", "preference")
    PROGRAM_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_FIELD_NUMBER: _ClassVar[int]
    RSS_PARSER_FIELD_NUMBER: _ClassVar[int]
    BANGUMI_MANAGE_FIELD_NUMBER: _ClassVar[int]
    LOG_FIELD_NUMBER: _ClassVar[int]
    PROXY_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_FIELD_NUMBER: _ClassVar[int]
    EXPERIMENTAL_OPENAI_FIELD_NUMBER: _ClassVar[int]
    SECURITY_FIELD_NUMBER: _ClassVar[int]
    NETWORK_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADERS_FIELD_NUMBER: _ClassVar[int]
    MEDIA_SERVER_FIELD_NUMBER: _ClassVar[int]
    PREFERENCE_FIELD_NUMBER: _ClassVar[int]
    program: ProgramConfig
    downloader: DownloaderConfig
    rss_parser: RssParserConfig
    bangumi_manage: BangumiManageConfig
    log: LogConfig
    proxy: ProxyConfig
    notification: NotificationConfig
    experimental_openai: OpenAiConfig
    security: SecurityConfig
    network: NetworkConfig
    downloaders: _containers.RepeatedCompositeFieldContainer[DownloaderConfig]
    media_server: MediaServerConfig
    preference: PreferenceConfig
    def __init__(self, program: _Optional[_Union[ProgramConfig, _Mapping]] = ..., downloader: _Optional[_Union[DownloaderConfig, _Mapping]] = ..., rss_parser: _Optional[_Union[RssParserConfig, _Mapping]] = ..., bangumi_manage: _Optional[_Union[BangumiManageConfig, _Mapping]] = ..., log: _Optional[_Union[LogConfig, _Mapping]] = ..., proxy: _Optional[_Union[ProxyConfig, _Mapping]] = ..., notification: _Optional[_Union[NotificationConfig, _Mapping]] = ..., experimental_openai: _Optional[_Union[OpenAiConfig, _Mapping]] = ..., security: _Optional[_Union[SecurityConfig, _Mapping]] = ..., network: _Optional[_Union[NetworkConfig, _Mapping]] = ..., downloaders: _Optional[_Iterable[_Union[DownloaderConfig, _Mapping]]] = ..., media_server: _Optional[_Union[MediaServerConfig, _Mapping]] = ..., preference: _Optional[_Union[PreferenceConfig, _Mapping]] = ...) -> None: ...

class PreferenceConfig(_message.Message):
    __slots__ = ("order", "subtitles", "groups", "resolutions", "codecs", "sources", "delay_minutes", "remove_superseded")
    ORDER_FIELD_NUMBER: _ClassVar[int]
    SUBTITLES_FIELD_NUMBER: _ClassVar[int]
    GROUPS_FIELD_NUMBER: _ClassVar[int]
    RESOLUTIONS_FIELD_NUMBER: _ClassVar[int]
    CODECS_FIELD_NUMBER: _ClassVar[int]
    SOURCES_FIELD_NUMBER: _ClassVar[int]
    DELAY_MINUTES_FIELD_NUMBER: _ClassVar[int]
    REMOVE_SUPERSEDED_FIELD_NUMBER: _ClassVar[int]
    order: _containers.RepeatedScalarFieldContainer[str]
    subtitles: _containers.RepeatedScalarFieldContainer[str]
    groups: _containers.RepeatedScalarFieldContainer[str]
    resolutions: _containers.RepeatedScalarFieldContainer[str]
    codecs: _containers.RepeatedScalarFieldContainer[str]
    sources: _containers.RepeatedScalarFieldContainer[str]
    delay_minutes: int
    remove_superseded: bool
    def __init__(self, order: _Optional[_Iterable[str]] = ..., subtitles: _Optional[_Iterable[str]] = ..., groups: _Optional[_Iterable[str]] = ..., resolutions: _Optional[_Iterable[str]] = ..., codecs: _Optional[_Iterable[str]] = ..., sources: _Optional[_Iterable[str]] = ..., delay_minutes: _Optional[int] = ..., remove_superseded: bool = ...) -> None: ...

class ProgramConfig(_message.Message):
    __slots__ = ("rss_time", "rename_time", "webui_port")
    RSS_TIME_FIELD_NUMBER: _ClassVar[int]
    RENAME_TIME_FIELD_NUMBER: _ClassVar[int]
    WEBUI_PORT_FIELD_NUMBER: _ClassVar[int]
    rss_time: int
    rename_time: int
    webui_port: int
    def __init__(self, rss_time: _Optional[int] = ..., rename_time: _Optional[int] = ..., webui_port: _Optional[int] = ...) -> None: ...

class DownloaderConfig(_message.Message):
    __slots__ = ("type", "host", "username", "password", "path", "ssl", "name", "api_key", "library_root", "library_mode", "path_mappings")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    PATH_FIELD_NUMBER: _ClassVar[int]
    SSL_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    LIBRARY_ROOT_FIELD_NUMBER: _ClassVar[int]
    LIBRARY_MODE_FIELD_NUMBER: _ClassVar[int]
    PATH_MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    type: str
    host: str
    username: str
    password: str
    path: str
    ssl: bool
    name: str
    api_key: str
    library_root: str
    library_mode: str
    path_mappings: _containers.RepeatedCompositeFieldContainer[PathMapping]
    def __init__(self, type: _Optional[str] = ..., host: _Optional[str] = ..., username: _Optional[str] = ..., password: _Optional[str] = ..., path: _Optional[str] = ..., ssl: bool = ..., name: _Optional[str] = ..., api_key: _Optional[str] = ..., library_root: _Optional[str] = ..., library_mode: _Optional[str] = ..., path_mappings: _Optional[_Iterable[_Union[PathMapping, _Mapping]]] = ...) -> None: ...

class PathMapping(_message.Message):
    __slots__ = ("downloader_path", "local_path")
    DOWNLOADER_PATH_FIELD_NUMBER: _ClassVar[int]
    LOCAL_PATH_FIELD_NUMBER: _ClassVar[int]
    downloader_path: str
    local_path: str
    def __init__(self, downloader_path: _Optional[str] = ..., local_path: _Optional[str] = ...) -> None: ...

class RssParserConfig(_message.Message):
    __slots__ = ("enable", "filter", "language")
    ENABLE_FIELD_NUMBER: _ClassVar[int]
    FILTER_FIELD_NUMBER: _ClassVar[int]
    LANGUAGE_FIELD_NUMBER: _ClassVar[int]
    enable: bool
    filter: _containers.RepeatedScalarFieldContainer[str]
    language: str
    def __init__(self, enable: bool = ..., filter: _Optional[_Iterable[str]] = ..., language: _Optional[str] = ...) -> None: ...

class BangumiManageConfig(_message.Message):
    __slots__ = ("enable", "eps_complete", "rename_method", "group_tag", "remove_bad_torrent", "rename_template")
    ENABLE_FIELD_NUMBER: _ClassVar[int]
    EPS_COMPLETE_FIELD_NUMBER: _ClassVar[int]
    RENAME_METHOD_FIELD_NUMBER: _ClassVar[int]
    GROUP_TAG_FIELD_NUMBER: _ClassVar[int]
    REMOVE_BAD_TORRENT_FIELD_NUMBER: _ClassVar[int]
    RENAME_TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    enable: bool
    eps_complete: bool
    rename_method: str
    group_tag: bool
    remove_bad_torrent: bool
    rename_template: str
    def __init__(self, enable: bool = ..., eps_complete: bool = ..., rename_method: _Optional[str] = ..., group_tag: bool = ..., remove_bad_torrent: bool = ..., rename_template: _Optional[str] = ...) -> None: ...

class LogConfig(_message.Message):
    __slots__ = ("debug_enable",)
    DEBUG_ENABLE_FIELD_NUMBER: _ClassVar[int]
    debug_enable: bool
    def __init__(self, debug_enable: bool = ...) -> None: ...

class ProxyConfig(_message.Message):
    __slots__ = ("enable", "type", "host", "port", "username", "password")
    ENABLE_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    PORT_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    enable: bool
    type: str
    host: str
    port: int
    username: str
    password: str
    def __init__(self, enable: bool = ..., type: _Optional[str] = ..., host: _Optional[str] = ..., port: _Optional[int] = ..., username: _Optional[str] = ..., password: _Optional[str] = ...) -> None: ...

class NotificationProvider(_message.Message):
    __slots__ = ("type", "enabled", "token", "chat_id", "webhook_url", "server_url", "device_key", "user_key", "api_token", "template", "url")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHAT_ID_FIELD_NUMBER: _ClassVar[int]
    WEBHOOK_URL_FIELD_NUMBER: _ClassVar[int]
    SERVER_URL_FIELD_NUMBER: _ClassVar[int]
    DEVICE_KEY_FIELD_NUMBER: _ClassVar[int]
    USER_KEY_FIELD_NUMBER: _ClassVar[int]
    API_TOKEN_FIELD_NUMBER: _ClassVar[int]
    TEMPLATE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    type: str
    enabled: bool
    token: str
    chat_id: str
    webhook_url: str
    server_url: str
    device_key: str
    user_key: str
    api_token: str
    template: str
    url: str
    def __init__(self, type: _Optional[str] = ..., enabled: bool = ..., token: _Optional[str] = ..., chat_id: _Optional[str] = ..., webhook_url: _Optional[str] = ..., server_url: _Optional[str] = ..., device_key: _Optional[str] = ..., user_key: _Optional[str] = ..., api_token: _Optional[str] = ..., template: _Optional[str] = ..., url: _Optional[str] = ...) -> None: ...

class NotificationConfig(_message.Message):
    __slots__ = ("enable", "providers", "type", "token", "chat_id", "base_url", "digest_minutes", "on_complete")
    ENABLE_FIELD_NUMBER: _ClassVar[int]
    PROVIDERS_FIELD_NUMBER: _ClassVar[int]
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHAT_ID_FIELD_NUMBER: _ClassVar[int]
    BASE_URL_FIELD_NUMBER: _ClassVar[int]
    DIGEST_MINUTES_FIELD_NUMBER: _ClassVar[int]
    ON_COMPLETE_FIELD_NUMBER: _ClassVar[int]
    enable: bool
    providers: _containers.RepeatedCompositeFieldContainer[NotificationProvider]
    type: str
    token: str
    chat_id: str
    base_url: str
    digest_minutes: int
    on_complete: bool
    def __init__(self, enable: bool = ..., providers: _Optional[_Iterable[_Union[NotificationProvider, _Mapping]]] = ..., type: _Optional[str] = ..., token: _Optional[str] = ..., chat_id: _Optional[str] = ..., base_url: _Optional[str] = ..., digest_minutes: _Optional[int] = ..., on_complete: bool = ...) -> None: ...

class OpenAiConfig(_message.Message):
    __slots__ = ("enable", "api_key", "api_base", "api_type", "api_version", "model", "deployment_id")
    ENABLE_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    API_BASE_FIELD_NUMBER: _ClassVar[int]
    API_TYPE_FIELD_NUMBER: _ClassVar[int]
    API_VERSION_FIELD_NUMBER: _ClassVar[int]
    MODEL_FIELD_NUMBER: _ClassVar[int]
    DEPLOYMENT_ID_FIELD_NUMBER: _ClassVar[int]
    enable: bool
    api_key: str
    api_base: str
    api_type: str
    api_version: str
    model: str
    deployment_id: str
    def __init__(self, enable: bool = ..., api_key: _Optional[str] = ..., api_base: _Optional[str] = ..., api_type: _Optional[str] = ..., api_version: _Optional[str] = ..., model: _Optional[str] = ..., deployment_id: _Optional[str] = ...) -> None: ...

class SecurityConfig(_message.Message):
    __slots__ = ("login_whitelist", "login_tokens", "mcp_whitelist", "mcp_tokens", "webauthn_rp_id", "webauthn_origin")
    LOGIN_WHITELIST_FIELD_NUMBER: _ClassVar[int]
    LOGIN_TOKENS_FIELD_NUMBER: _ClassVar[int]
    MCP_WHITELIST_FIELD_NUMBER: _ClassVar[int]
    MCP_TOKENS_FIELD_NUMBER: _ClassVar[int]
    WEBAUTHN_RP_ID_FIELD_NUMBER: _ClassVar[int]
    WEBAUTHN_ORIGIN_FIELD_NUMBER: _ClassVar[int]
    login_whitelist: _containers.RepeatedScalarFieldContainer[str]
    login_tokens: _containers.RepeatedScalarFieldContainer[str]
    mcp_whitelist: _containers.RepeatedScalarFieldContainer[str]
    mcp_tokens: _containers.RepeatedScalarFieldContainer[str]
    webauthn_rp_id: str
    webauthn_origin: str
    def __init__(self, login_whitelist: _Optional[_Iterable[str]] = ..., login_tokens: _Optional[_Iterable[str]] = ..., mcp_whitelist: _Optional[_Iterable[str]] = ..., mcp_tokens: _Optional[_Iterable[str]] = ..., webauthn_rp_id: _Optional[str] = ..., webauthn_origin: _Optional[str] = ...) -> None: ...

class NetworkConfig(_message.Message):
    __slots__ = ("mikan_base_url", "tmdb_base_url", "tmdb_api_key", "tmdb_image_base_url", "bgm_base_url")
    MIKAN_BASE_URL_FIELD_NUMBER: _ClassVar[int]
    TMDB_BASE_URL_FIELD_NUMBER: _ClassVar[int]
    TMDB_API_KEY_FIELD_NUMBER: _ClassVar[int]
    TMDB_IMAGE_BASE_URL_FIELD_NUMBER: _ClassVar[int]
    BGM_BASE_URL_FIELD_NUMBER: _ClassVar[int]
    mikan_base_url: str
    tmdb_base_url: str
    tmdb_api_key: str
    tmdb_image_base_url: str
    bgm_base_url: str
    def __init__(self, mikan_base_url: _Optional[str] = ..., tmdb_base_url: _Optional[str] = ..., tmdb_api_key: _Optional[str] = ..., tmdb_image_base_url: _Optional[str] = ..., bgm_base_url: _Optional[str] = ...) -> None: ...

class MediaServerConfig(_message.Message):
    __slots__ = ("servers", "write_nfo", "write_poster")
    SERVERS_FIELD_NUMBER: _ClassVar[int]
    WRITE_NFO_FIELD_NUMBER: _ClassVar[int]
    WRITE_POSTER_FIELD_NUMBER: _ClassVar[int]
    servers: _containers.RepeatedCompositeFieldContainer[MediaServer]
    write_nfo: bool
    write_poster: bool
    def __init__(self, servers: _Optional[_Iterable[_Union[MediaServer, _Mapping]]] = ..., write_nfo: bool = ..., write_poster: bool = ...) -> None: ...

class MediaServer(_message.Message):
    __slots__ = ("type", "url", "token", "enabled", "path_mappings")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    URL_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    ENABLED_FIELD_NUMBER: _ClassVar[int]
    PATH_MAPPINGS_FIELD_NUMBER: _ClassVar[int]
    type: str
    url: str
    token: str
    enabled: bool
    path_mappings: _containers.RepeatedCompositeFieldContainer[MediaPathMapping]
    def __init__(self, type: _Optional[str] = ..., url: _Optional[str] = ..., token: _Optional[str] = ..., enabled: bool = ..., path_mappings: _Optional[_Iterable[_Union[MediaPathMapping, _Mapping]]] = ...) -> None: ...

class MediaPathMapping(_message.Message):
    __slots__ = ("local_path", "server_path")
    LOCAL_PATH_FIELD_NUMBER: _ClassVar[int]
    SERVER_PATH_FIELD_NUMBER: _ClassVar[int]
    local_path: str
    server_path: str
    def __init__(self, local_path: _Optional[str] = ..., server_path: _Optional[str] = ...) -> None: ...
