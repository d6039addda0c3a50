"""initial schema: users, sessions, tokens, passkeys, rules, feeds, torrents

Revision ID: 0001
Revises: (none)
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "api_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    op.create_table(
        "bangumi",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("official_title", sa.String(length=512), nullable=False),
        sa.Column("year", sa.String(length=16), nullable=True),
        sa.Column("title_raw", sa.String(length=512), nullable=False),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("season_raw", sa.String(length=64), nullable=True),
        sa.Column("group_name", sa.String(length=255), nullable=True),
        sa.Column("dpi", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=64), nullable=True),
        sa.Column("subtitle", sa.String(length=255), nullable=True),
        sa.Column("eps_collect", sa.Boolean(), nullable=False),
        sa.Column("episode_offset", sa.Integer(), nullable=False),
        sa.Column("season_offset", sa.Integer(), nullable=False),
        sa.Column("filter", sa.Text(), nullable=False),
        sa.Column("rss_link", sa.Text(), nullable=False),
        sa.Column("poster_link", sa.String(length=1024), nullable=True),
        sa.Column("added", sa.Boolean(), nullable=False),
        sa.Column("rule_name", sa.String(length=512), nullable=True),
        sa.Column("save_path", sa.String(length=1024), nullable=True),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("archived", sa.Boolean(), nullable=False),
        sa.Column("air_weekday", sa.Integer(), nullable=True),
        sa.Column("weekday_locked", sa.Boolean(), nullable=False),
        sa.Column("needs_review", sa.Boolean(), nullable=False),
        sa.Column("needs_review_reason", sa.Text(), nullable=True),
        sa.Column("suggested_season_offset", sa.Integer(), nullable=True),
        sa.Column("suggested_episode_offset", sa.Integer(), nullable=True),
        sa.Column("title_aliases", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bangumi_archived"), ["archived"], unique=False)
        batch_op.create_index(batch_op.f("ix_bangumi_deleted"), ["deleted"], unique=False)
        batch_op.create_index(batch_op.f("ix_bangumi_title_raw"), ["title_raw"], unique=False)

    op.create_table(
        "rssitem",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=512), nullable=True),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("aggregate", sa.Boolean(), nullable=False),
        sa.Column("parser", sa.String(length=32), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("connection_status", sa.String(length=32), nullable=True),
        sa.Column("last_checked_at", sa.String(length=64), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("rssitem", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rssitem_url"), ["url"], unique=True)

    op.create_table(
        "user",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "passkey",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("credential_id", sa.String(length=512), nullable=False),
        sa.Column("public_key", sa.Text(), nullable=False),
        sa.Column("sign_count", sa.Integer(), nullable=False),
        sa.Column("aaguid", sa.String(length=64), nullable=True),
        sa.Column("transports", sa.String(length=255), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("backup_eligible", sa.Boolean(), nullable=False),
        sa.Column("backup_state", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("credential_id"),
    )
    with op.batch_alter_table("passkey", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_passkey_user_id"), ["user_id"], unique=False)

    op.create_table(
        "session",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("client_ip", sa.String(length=64), nullable=True),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_expires_at"), ["expires_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_session_user_id"), ["user_id"], unique=False)

    op.create_table(
        "torrent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bangumi_id", sa.Integer(), nullable=True),
        sa.Column("rss_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("url", sa.String(length=4096), nullable=False),
        sa.Column("homepage", sa.String(length=2048), nullable=True),
        sa.Column("downloaded", sa.Boolean(), nullable=False),
        sa.Column("qb_hash", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["bangumi_id"], ["bangumi.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["rss_id"], ["rssitem.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_torrent_bangumi_id"), ["bangumi_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_torrent_qb_hash"), ["qb_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_torrent_rss_id"), ["rss_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_torrent_url"), ["url"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_torrent_url"))
        batch_op.drop_index(batch_op.f("ix_torrent_rss_id"))
        batch_op.drop_index(batch_op.f("ix_torrent_qb_hash"))
        batch_op.drop_index(batch_op.f("ix_torrent_bangumi_id"))

    op.drop_table("torrent")
    with op.batch_alter_table("session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_session_user_id"))
        batch_op.drop_index(batch_op.f("ix_session_expires_at"))

    op.drop_table("session")
    with op.batch_alter_table("passkey", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_passkey_user_id"))

    op.drop_table("passkey")
    op.drop_table("user")
    with op.batch_alter_table("rssitem", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rssitem_url"))

    op.drop_table("rssitem")
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bangumi_title_raw"))
        batch_op.drop_index(batch_op.f("ix_bangumi_deleted"))
        batch_op.drop_index(batch_op.f("ix_bangumi_archived"))

    op.drop_table("bangumi")
    op.drop_table("api_token")
