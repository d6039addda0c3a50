from google.api import annotations_pb2 as _annotations_pb2
from autobangumi.v1 import options_pb2 as _options_pb2
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class GetSetupStatusRequest(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetupStatus(_message.Message):
    __slots__ = ("need_setup", "version")
    NEED_SETUP_FIELD_NUMBER: _ClassVar[int]
    VERSION_FIELD_NUMBER: _ClassVar[int]
    need_setup: bool
    version: str
    def __init__(self, need_setup: bool = ..., version: _Optional[str] = ...) -> None: ...

class TestDownloaderRequest(_message.Message):
    __slots__ = ("type", "host", "username", "password", "ssl", "api_key", "instance")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    HOST_FIELD_NUMBER: _ClassVar[int]
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    SSL_FIELD_NUMBER: _ClassVar[int]
    API_KEY_FIELD_NUMBER: _ClassVar[int]
    INSTANCE_FIELD_NUMBER: _ClassVar[int]
    type: str
    host: str
    username: str
    password: str
    ssl: bool
    api_key: str
    instance: str
    def __init__(self, type: _Optional[str] = ..., host: _Optional[str] = ..., username: _Optional[str] = ..., password: _Optional[str] = ..., ssl: bool = ..., api_key: _Optional[str] = ..., instance: _Optional[str] = ...) -> None: ...

class TestRssRequest(_message.Message):
    __slots__ = ("url",)
    URL_FIELD_NUMBER: _ClassVar[int]
    url: str
    def __init__(self, url: _Optional[str] = ...) -> None: ...

class TestNotificationRequest(_message.Message):
    __slots__ = ("type", "token", "chat_id")
    TYPE_FIELD_NUMBER: _ClassVar[int]
    TOKEN_FIELD_NUMBER: _ClassVar[int]
    CHAT_ID_FIELD_NUMBER: _ClassVar[int]
    type: str
    token: str
    chat_id: str
    def __init__(self, type: _Optional[str] = ..., token: _Optional[str] = ..., chat_id: _Optional[str] = ...) -> None: ...

class SetupTestResult(_message.Message):
    __slots__ = ("success", "message_en", "message_zh", "title", "item_count")
    SUCCESS_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_EN_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_ZH_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    ITEM_COUNT_FIELD_NUMBER: _ClassVar[int]
    success: bool
    message_en: str
    message_zh: str
    title: str
    item_count: int
    def __init__(self, success: bool = ..., message_en: _Optional[str] = ..., message_zh: _Optional[str] = ..., title: _Optional[str] = ..., item_count: _Optional[int] = ...) -> None: ...

class CompleteSetupRequest(_message.Message):
    __slots__ = ("username", "password", "downloader_type", "downloader_host", "downloader_username", "downloader_password", "downloader_path", "downloader_ssl", "rss_url", "rss_name", "notification_enable", "notification_type", "notification_token", "notification_chat_id", "downloader_api_key")
    USERNAME_FIELD_NUMBER: _ClassVar[int]
    PASSWORD_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_TYPE_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_HOST_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_USERNAME_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_PASSWORD_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_PATH_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_SSL_FIELD_NUMBER: _ClassVar[int]
    RSS_URL_FIELD_NUMBER: _ClassVar[int]
    RSS_NAME_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_ENABLE_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_TYPE_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_TOKEN_FIELD_NUMBER: _ClassVar[int]
    NOTIFICATION_CHAT_ID_FIELD_NUMBER: _ClassVar[int]
    DOWNLOADER_API_KEY_FIELD_NUMBER: _ClassVar[int]
    username: str
    password: str
    downloader_type: str
    downloader_host: str
    downloader_username: str
    downloader_password: str
    downloader_path: str
    downloader_ssl: bool
    rss_url: str
    rss_name: str
    notification_enable: bool
    notification_type: str
    notification_token: str
    notification_chat_id: str
    downloader_api_key: str
    def __init__(self, username: _Optional[str] = ..., password: _Optional[str] = ..., downloader_type: _Optional[str] = ..., downloader_host: _Optional[str] = ..., downloader_username: _Optional[str] = ..., downloader_password: _Optional[str] = ..., downloader_path: _Optional[str] = ..., downloader_ssl: bool = ..., rss_url: _Optional[str] = ..., rss_name: _Optional[str] = ..., notification_enable: bool = ..., notification_type: _Optional[str] = ..., notification_token: _Optional[str] = ..., notification_chat_id: _Optional[str] = ..., downloader_api_key: _Optional[str] = ...) -> None: ...

class CompleteSetupResponse(_message.Message):
    __slots__ = ("status", "status_code", "msg_en", "msg_zh", "data")
    STATUS_FIELD_NUMBER: _ClassVar[int]
    STATUS_CODE_FIELD_NUMBER: _ClassVar[int]
    MSG_EN_FIELD_NUMBER: _ClassVar[int]
    MSG_ZH_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    status: bool
    status_code: int
    msg_en: str
    msg_zh: str
    data: str
    def __init__(self, status: bool = ..., status_code: _Optional[int] = ..., msg_en: _Optional[str] = ..., msg_zh: _Optional[str] = ..., data: _Optional[str] = ...) -> None: ...
