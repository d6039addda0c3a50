"""a rule's own preference ladder (codec, source, order, delay) and rename template

Revision ID: 0009
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0007"
branch_labels = None
depends_on = None

_STRINGS = (
    ("preferred_codec", 255),
    ("preferred_source", 255),
    ("preference_order", 255),
    ("rename_template", 512),
)


def upgrade() -> None:
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        for name, length in _STRINGS:
            batch_op.add_column(sa.Column(name, sa.String(length=length), nullable=True))
        batch_op.add_column(sa.Column("delay_minutes", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.drop_column("delay_minutes")
        for name, _ in reversed(_STRINGS):
            batch_op.drop_column(name)
