"""release preference on rules; item status, episode and attempts on torrents

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preferred_group", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("preferred_resolution", sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column("preferred_subtitle", sa.String(length=255), nullable=True))
        # Existing rows get the default; the server default is only there to fill them.
        batch_op.add_column(
            sa.Column("allow_duplicates", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("status", sa.String(length=16), nullable=True))
        batch_op.add_column(sa.Column("save_path", sa.String(length=1024), nullable=True))
        batch_op.add_column(sa.Column("episode_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("attempts", sa.Integer(), nullable=False, server_default="0"))
        batch_op.create_index(batch_op.f("ix_torrent_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_torrent_episode_key"), ["episode_key"], unique=False)
    # Rows from AutoBangumi's data: downloaded ones are done; the rest were never retried there
    # either, so they count as seen without being matched again.
    op.execute("UPDATE torrent SET status = CASE WHEN downloaded THEN 'downloaded' ELSE 'seen' END")


def downgrade() -> None:
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_torrent_episode_key"))
        batch_op.drop_index(batch_op.f("ix_torrent_status"))
        batch_op.drop_column("attempts")
        batch_op.drop_column("episode_key")
        batch_op.drop_column("save_path")
        batch_op.drop_column("status")
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.drop_column("allow_duplicates")
        batch_op.drop_column("preferred_subtitle")
        batch_op.drop_column("preferred_resolution")
        batch_op.drop_column("preferred_group")
