"""rename journal: one row per renamed, held or failed file (and per settled torrent)

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rename_record",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("torrent_hash", sa.String(length=64), nullable=False),
        sa.Column("file_path", sa.String(length=1024), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.String(length=1024), nullable=True),
        sa.Column("save_path", sa.String(length=1024), nullable=True),
        sa.Column("bangumi_id", sa.Integer(), nullable=True),
        sa.Column("season", sa.Integer(), nullable=True),
        sa.Column("episode", sa.Float(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("notified", sa.Boolean(), nullable=False),
        sa.Column("reported", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["bangumi_id"], ["bangumi.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("torrent_hash", "file_path"),
    )
    with op.batch_alter_table("rename_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rename_record_torrent_hash"), ["torrent_hash"], unique=False)
        batch_op.create_index(batch_op.f("ix_rename_record_bangumi_id"), ["bangumi_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rename_record_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("rename_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rename_record_status"))
        batch_op.drop_index(batch_op.f("ix_rename_record_bangumi_id"))
        batch_op.drop_index(batch_op.f("ix_rename_record_torrent_hash"))
    op.drop_table("rename_record")
