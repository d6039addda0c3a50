"""a rule and a feed may name the downloader instance they download with

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("downloader", sa.String(length=32), nullable=True))
    with op.batch_alter_table("rssitem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("downloader", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rssitem", schema=None) as batch_op:
        batch_op.drop_column("downloader")
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.drop_column("downloader")
