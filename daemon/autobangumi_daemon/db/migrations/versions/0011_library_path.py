"""where the library holds each file placed there (NULL: renamed in place, or placed before)

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("rename_record") as batch:
        batch.add_column(sa.Column("library_path", sa.String(length=1024), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("rename_record") as batch:
        batch.drop_column("library_path")
