"""Tables, with AutoBangumi 3.2's names and fields so its data and JSON map one to one."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint, event
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

__all__ = [
    "WHOLE",
    "ApiToken",
    "Bangumi",
    "Base",
    "Passkey",
    "PasskeyChallenge",
    "RenameRecord",
    "RssItem",
    "Session",
    "Torrent",
    "User",
]


class Base(DeclarativeBase):
    pass


# Never cut: the column is an identity (a URL that must download what it names, a key of a
# unique constraint); a value too long for it is refused where it enters instead.
WHOLE = {"whole": True}


def _cut_to(limit: int) -> Callable[[Any, Any, Any, Any], Any]:
    def cut(_target: Any, value: Any, _old: Any, _initiator: Any) -> Any:
        if isinstance(value, str) and len(value) > limit:
            return value[:limit]
        return value

    return cut


@event.listens_for(Base, "instrument_class", propagate=True)
def _bound_text_columns(mapper: Mapper[Any], cls: type[Any]) -> None:
    """The rule for every bounded text column: text from feeds, metadata and users (titles,
    names, groups, paths) is cut to the column's declared length the moment it is assigned, in
    characters as PostgreSQL's varchar(n) counts them, so every database stores what the code
    writes and a save path is computed from the title as stored. Columns marked WHOLE are not
    cut; unbounded text is Text."""

    def attach() -> None:
        for prop in mapper.column_attrs:
            for col in prop.columns:
                length = getattr(col.type, "length", None)
                if isinstance(col.type, String) and length and not col.info.get("whole"):
                    event.listen(getattr(cls, prop.key), "set", _cut_to(length), retval=True)

    event.listen(mapper, "mapper_configured", lambda *_: attach(), once=True)


class User(Base):
    __tablename__ = "user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password: Mapped[str] = mapped_column(String(255))  # bcrypt hash, never the password
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Session(Base):
    """A login. The JWT names it (`sid`), so logout ends exactly this one."""

    __tablename__ = "session"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    client_ip: Mapped[str | None] = mapped_column(String(64), default=None)
    method: Mapped[str] = mapped_column(String(16), default="password")  # password | passkey


class ApiToken(Base):
    """Long-lived machine tokens managed in the database (stored as SHA-256 digests)."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # A revoked token keeps its row (without use: its digest no longer authenticates) so that
    # its id is never given to a later token.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)


class Passkey(Base):
    __tablename__ = "passkey"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(64))
    credential_id: Mapped[str] = mapped_column(String(512), unique=True)
    public_key: Mapped[str] = mapped_column(Text)
    sign_count: Mapped[int] = mapped_column(Integer, default=0)
    aaguid: Mapped[str | None] = mapped_column(String(64), default=None)
    transports: Mapped[str | None] = mapped_column(String(255), default=None)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    backup_eligible: Mapped[bool] = mapped_column(Boolean, default=False)
    backup_state: Mapped[bool] = mapped_column(Boolean, default=False)


class PasskeyChallenge(Base):
    """A pending WebAuthn challenge: single use, short-lived, shared by every bridge and restart."""

    __tablename__ = "passkey_challenge"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    challenge: Mapped[str] = mapped_column(String(256), unique=True)  # base64url
    purpose: Mapped[str] = mapped_column(String(16))  # "register" or "auth"
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), default=None)
    rp_id: Mapped[str] = mapped_column(String(255))
    origin: Mapped[str] = mapped_column(String(512))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)


class Bangumi(Base):
    """A download rule: one show from one release group."""

    __tablename__ = "bangumi"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    official_title: Mapped[str] = mapped_column(String(512), default="official_title")
    year: Mapped[str | None] = mapped_column(String(16), default=None)
    title_raw: Mapped[str] = mapped_column(String(512), default="title_raw", index=True)
    season: Mapped[int] = mapped_column(Integer, default=1)
    season_raw: Mapped[str | None] = mapped_column(String(64), default=None)
    group_name: Mapped[str | None] = mapped_column(String(255), default=None)
    dpi: Mapped[str | None] = mapped_column(String(64), default=None)
    source: Mapped[str | None] = mapped_column(String(64), default=None)
    subtitle: Mapped[str | None] = mapped_column(String(255), default=None)
    eps_collect: Mapped[bool] = mapped_column(Boolean, default=False)
    episode_offset: Mapped[int] = mapped_column(Integer, default=0)
    season_offset: Mapped[int] = mapped_column(Integer, default=0)
    filter: Mapped[str] = mapped_column(Text, default="720,\\d+-\\d+")
    rss_link: Mapped[str] = mapped_column(Text, default="")
    poster_link: Mapped[str | None] = mapped_column(String(1024), default=None)
    added: Mapped[bool] = mapped_column(Boolean, default=False)
    rule_name: Mapped[str | None] = mapped_column(String(512), default=None)
    save_path: Mapped[str | None] = mapped_column(String(1024), default=None)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    air_weekday: Mapped[int | None] = mapped_column(Integer, default=None)
    weekday_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_review: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_review_reason: Mapped[str | None] = mapped_column(Text, default=None)
    suggested_season_offset: Mapped[int | None] = mapped_column(Integer, default=None)
    suggested_episode_offset: Mapped[int | None] = mapped_column(Integer, default=None)
    title_aliases: Mapped[str | None] = mapped_column(Text, default=None)
    # The episode key last told late by a missing-episode alert (core.missing_episodes).
    late_told: Mapped[str | None] = mapped_column(String(32), default=None)

    def aliases(self) -> list[str]:
        """`title_aliases` (a JSON list kept as text, as AutoBangumi stores it); damage reads as none."""
        if not self.title_aliases:
            return []
        try:
            value = json.loads(self.title_aliases)
        except ValueError:
            return []
        return [v for v in value if isinstance(v, str) and v.strip()] if isinstance(value, list) else []

    # Release preference (comma-separated, best first) and the opt-in to keep every release.
    preferred_group: Mapped[str | None] = mapped_column(String(255), default=None)
    preferred_resolution: Mapped[str | None] = mapped_column(String(255), default=None)
    preferred_subtitle: Mapped[str | None] = mapped_column(String(255), default=None)
    allow_duplicates: Mapped[bool] = mapped_column(Boolean, default=False)
    # The downloader instance (config `downloaders[].name`); None: the feed's, else the default.
    downloader: Mapped[str | None] = mapped_column(String(32), default=None)
    # More of the ladder; empty falls back to the config's default ladder.
    preferred_codec: Mapped[str | None] = mapped_column(String(255), default=None)
    preferred_source: Mapped[str | None] = mapped_column(String(255), default=None)
    delay_minutes: Mapped[int | None] = mapped_column(Integer, default=None)
    preference_order: Mapped[str | None] = mapped_column(String(255), default=None)
    rename_template: Mapped[str | None] = mapped_column(String(512), default=None)


class ForgottenRule(Base):
    """A rule the user deleted, remembered so an aggregate feed does not make it again."""

    __tablename__ = "forgotten_rule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title_raw: Mapped[str] = mapped_column(String(512))
    # The rule's other raw titles (a JSON list, as bangumi.title_aliases): remembered too.
    title_aliases: Mapped[str | None] = mapped_column(Text, default=None)
    group_name: Mapped[str | None] = mapped_column(String(255), default=None)
    season: Mapped[int] = mapped_column(Integer, default=1)
    official_title: Mapped[str] = mapped_column(String(512), default="")
    rss_link: Mapped[str] = mapped_column(Text, default="")
    forgotten_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class RssItem(Base):
    """A feed."""

    __tablename__ = "rssitem"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(512), default=None)
    url: Mapped[str] = mapped_column(String(2048), index=True, unique=True, info=WHOLE)
    aggregate: Mapped[bool] = mapped_column(Boolean, default=False)
    parser: Mapped[str] = mapped_column(String(32), default="mikan")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    connection_status: Mapped[str | None] = mapped_column(String(32), default=None)
    last_checked_at: Mapped[str | None] = mapped_column(String(64), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    # The downloader instance for this feed's rules that name none; None: the default.
    downloader: Mapped[str | None] = mapped_column(String(32), default=None)


class Torrent(Base):
    """An item seen in a feed; `url` (and `qb_hash` once known) make it download once."""

    __tablename__ = "torrent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bangumi_id: Mapped[int | None] = mapped_column(
        ForeignKey("bangumi.id", ondelete="SET NULL"), default=None, index=True
    )
    rss_id: Mapped[int | None] = mapped_column(
        ForeignKey("rssitem.id", ondelete="CASCADE"), default=None, index=True
    )
    name: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(4096), index=True, info=WHOLE)
    homepage: Mapped[str | None] = mapped_column(String(2048), default=None, info=WHOLE)
    downloaded: Mapped[bool] = mapped_column(Boolean, default=False)
    qb_hash: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    # downloaded | pending (no rule yet, matched again later) | filtered | superseded |
    # replaced | failed (retried a few times); NULL for rows written before this column.
    status: Mapped[str | None] = mapped_column(String(16), default=None, index=True)
    # Where it went and which episode it is ("S01E05"), so one release is kept per episode.
    save_path: Mapped[str | None] = mapped_column(String(1024), default=None)
    episode_key: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # Why the decision was taken, for people: a code (filtered, duplicate, replaced, failed,
    # disabled, downloaded, manual), its detail (the filter word, the error) and the item kept
    # instead of this one. NULL on rows decided before these columns existed.
    reason: Mapped[str | None] = mapped_column(String(32), default=None)
    reason_detail: Mapped[str | None] = mapped_column(Text, default=None)
    duplicate_of: Mapped[int | None] = mapped_column(Integer, default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    # When its episode's first release was seen, while the episode waits for other releases
    # (the rule's delay): indexed, so a refresh finds the waits that are over without a scan.
    waiting_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None, index=True)
    downloaded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None, index=True)


class RenameRecord(Base):
    """The rename journal: one row per file of a finished torrent the renamer has looked at.

    `file_path` is the name the file had when first seen, so planning always starts from the
    release's own name and offsets apply once. A row with kind `torrent` (and file_path "")
    says the whole torrent is settled. Held, failed and unparsed rows are final for the
    scheduled job (no retry storms); `notified` and `reported` make "exactly once" survive
    restarts.
    """

    __tablename__ = "rename_record"
    __table_args__ = (UniqueConstraint("torrent_hash", "file_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    torrent_hash: Mapped[str] = mapped_column(String(64), index=True)
    file_path: Mapped[str] = mapped_column(String(1024), info=WHOLE)
    kind: Mapped[str] = mapped_column(String(16))  # torrent | media | subtitle
    target: Mapped[str | None] = mapped_column(String(1024), default=None)  # relative to save_path
    save_path: Mapped[str | None] = mapped_column(String(1024), default=None)
    # Where the library holds the file (the daemon's path), once placed there; NULL for a file
    # renamed in place, or placed before this column was kept.
    library_path: Mapped[str | None] = mapped_column(String(1024), default=None)
    bangumi_id: Mapped[int | None] = mapped_column(
        ForeignKey("bangumi.id", ondelete="SET NULL"), default=None, index=True
    )
    season: Mapped[int | None] = mapped_column(Integer, default=None)
    episode: Mapped[float | None] = mapped_column(Float, default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # pending | done | held | failed | superseded | unparsed | removed
    status: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), default=None)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    # The same in Chinese, when the reason came in both languages (NULL on older rows).
    last_error_zh: Mapped[str | None] = mapped_column(Text, default=None)
    notified: Mapped[bool] = mapped_column(Boolean, default=False)
    reported: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
