"""Why a question was not answered, and which question a piece of feedback was about.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("question") as batch:
        batch.add_column(sa.Column("declined_as", sa.String(length=60), nullable=True))
    with op.batch_alter_table("feedback") as batch:
        batch.add_column(sa.Column("question", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("feedback") as batch:
        batch.drop_column("question")
    with op.batch_alter_table("question") as batch:
        batch.drop_column("declined_as")
