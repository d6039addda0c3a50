from google.protobuf import descriptor_pb2 as _descriptor_pb2
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
OMIT_WHEN_UNSET_FIELD_NUMBER: _ClassVar[int]
omit_when_unset: _descriptor.FieldDescriptor
ORDERED_MAP_FIELD_NUMBER: _ClassVar[int]
ordered_map: _descriptor.FieldDescriptor
PUBLIC_FIELD_NUMBER: _ClassVar[int]
public: _descriptor.FieldDescriptor
SETS_SESSION_COOKIE_FIELD_NUMBER: _ClassVar[int]
sets_session_cookie: _descriptor.FieldDescriptor
CLEARS_SESSION_COOKIE_FIELD_NUMBER: _ClassVar[int]
clears_session_cookie: _descriptor.FieldDescriptor
MCP_TOOL_FIELD_NUMBER: _ClassVar[int]
mcp_tool: _descriptor.FieldDescriptor
MCP_RESOURCE_FIELD_NUMBER: _ClassVar[int]
mcp_resource: _descriptor.FieldDescriptor
