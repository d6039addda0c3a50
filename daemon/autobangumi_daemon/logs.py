"""The log file under data/ (AutoBangumi's format and rotation), and log lines as events."""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

from autobangumi.v1 import program_pb2
from autobangumi_daemon.events import EventBus

__all__ = ["LOG_TAIL_BYTES", "EventLogHandler", "read_log_tail", "redact", "setup_logging"]

LOG_TAIL_BYTES = 512 * 1024
_FORMAT = "[%(asctime)s] %(levelname)-8s %(message)s"
_DATEFMT = "%Y-%m-%d %H:%M:%S"


# Feed URLs carry secrets in their query (Mikan's `RSS/MyBangumi?token=…`); users paste logs
# into bug reports, so such values never reach the file or the event stream.
_SECRET_QUERY = re.compile(r"([?&](?:token|key|apikey|api_key|access_token|passkey|auth)=)[^&#\s'\"]+", re.I)


def redact(text: str) -> str:
    return _SECRET_QUERY.sub(r"\1***", text)


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # AutoBangumi writes "INFO:" style level names; its log page colours by them.
        record.levelname = f"{record.levelname}:"
        try:
            return redact(super().format(record))
        finally:
            record.levelname = record.levelname.rstrip(":")


class EventLogHandler(logging.Handler):
    """Publishes each log line on the event bus (for the web page and Home Assistant)."""

    def __init__(self, bus: EventBus) -> None:
        super().__init__(logging.INFO)
        self.bus = bus
        self.setFormatter(_Formatter(_FORMAT, _DATEFMT))

    def emit(self, record: logging.LogRecord) -> None:
        if not self.bus.subscriber_count:
            return
        try:
            line = self.format(record)
            self.bus.publish(
                program_pb2.LogLineEvent(
                    level=record.levelname, message=redact(record.getMessage()), line=line
                ),
            )
        except Exception:
            self.handleError(record)


def setup_logging(log_file: Path, bus: EventBus | None, debug: bool = False) -> logging.Handler:
    """Log to a rotating file (5 MiB x 3, like AutoBangumi) and to stderr. Kept across starts."""
    log_file.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_autobangumi", False):
            root.removeHandler(handler)
            handler.close()
    fmt = _Formatter(_FORMAT, _DATEFMT)
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=5 * 1024 * 1024, backupCount=3, encoding="utf-8"
    )
    file_handler.setFormatter(fmt)
    handlers: list[logging.Handler] = [file_handler]
    if os.environ.get("AB_LOG_STDERR", "1") != "0":
        stream = logging.StreamHandler()
        stream.setFormatter(fmt)
        handlers.append(stream)
    if bus is not None:
        handlers.append(EventLogHandler(bus))
    for handler in handlers:
        handler._autobangumi = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for noisy in ("aiosqlite", "sqlalchemy.engine", "apscheduler", "alembic", "urllib3", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    return file_handler


def read_log_tail(log_file: Path, version_line: str, limit: int = LOG_TAIL_BYTES) -> str | None:
    """The last `limit` bytes from a line start, or None when there is no log file.

    AutoBangumi's log page shows lines from the first one containing "Version"; when the
    tail has none (an old start scrolled out), the current start's line is put first.
    """
    try:
        size = log_file.stat().st_size
        with log_file.open("rb") as fh:
            if size > limit:
                fh.seek(size - limit)
                chunk = fh.read()
                cut = chunk.find(b"\n")
                chunk = chunk[cut + 1 :] if cut >= 0 else b""
            else:
                chunk = fh.read()
    except FileNotFoundError:
        return None
    text = chunk.decode("utf-8", errors="replace")
    if "Version" not in text:
        text = version_line + "\n" + text
    return text
