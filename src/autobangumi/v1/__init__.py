"""Generated from proto/autobangumi/v1 by tools/gen_proto.py; do not edit."""
