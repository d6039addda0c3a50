"""The REST/SSE bridge: AutoBangumi 3.2's /api/v1 served on top of the gRPC contract."""
