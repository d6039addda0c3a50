"""feed item decisions (reason, detail, duplicate_of, published/downloaded times), rename reasons
in Chinese, and revoked API tokens kept so their ids are never given out again

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reason", sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column("reason_detail", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("duplicate_of", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("published_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("downloaded_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_torrent_downloaded_at"), ["downloaded_at"], unique=False)
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("rename_record", schema=None) as batch_op:
        batch_op.add_column(sa.Column("last_error_zh", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rename_record", schema=None) as batch_op:
        batch_op.drop_column("last_error_zh")
    with op.batch_alter_table("api_token", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_torrent_downloaded_at"))
        batch_op.drop_column("downloaded_at")
        batch_op.drop_column("published_at")
        batch_op.drop_column("duplicate_of")
        batch_op.drop_column("reason_detail")
        batch_op.drop_column("reason")
