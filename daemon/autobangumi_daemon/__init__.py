"""The AutoBangumi gRPC daemon: services, domain core, adapters and scheduler."""
