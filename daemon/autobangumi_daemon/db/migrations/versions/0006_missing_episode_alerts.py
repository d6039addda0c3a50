"""the late episode told last per rule, so a missing-episode alert is sent once

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.add_column(sa.Column("late_told", sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.drop_column("late_told")
