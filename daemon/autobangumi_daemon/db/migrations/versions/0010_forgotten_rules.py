"""deleted rules remembered (title, group, season, feed) so aggregate feeds do not make them again

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "forgotten_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title_raw", sa.String(length=512), nullable=False),
        sa.Column("title_aliases", sa.Text(), nullable=True),
        sa.Column("group_name", sa.String(length=255), nullable=True),
        sa.Column("season", sa.Integer(), nullable=False),
        sa.Column("official_title", sa.String(length=512), nullable=False),
        sa.Column("rss_link", sa.Text(), nullable=False),
        sa.Column("forgotten_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("forgotten_rule")
