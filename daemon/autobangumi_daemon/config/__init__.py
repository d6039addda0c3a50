"""config/config.json in AutoBangumi's schema: defaults, loading, masking, validation, updates."""

from autobangumi_daemon.config.store import MASK, ConfigStore

__all__ = ["MASK", "ConfigStore"]
