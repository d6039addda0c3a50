"""a rule's own preference ladder (codec, source, order, delay) and rename template; when an
episode's wait for other releases began

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
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("waiting_since", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_torrent_waiting_since"), ["waiting_since"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("torrent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_torrent_waiting_since"))
        batch_op.drop_column("waiting_since")
    with op.batch_alter_table("bangumi", schema=None) as batch_op:
        batch_op.drop_column("delay_minutes")
        for name, _ in reversed(_STRINGS):
            batch_op.drop_column(name)
