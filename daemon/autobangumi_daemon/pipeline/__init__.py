"""Orchestration of feeds, rules and downloads (I/O from adapters/, decisions from core/)."""

from __future__ import annotations

from autobangumi_daemon.pipeline.feeds import FeedPipeline

__all__ = ["FeedPipeline"]
