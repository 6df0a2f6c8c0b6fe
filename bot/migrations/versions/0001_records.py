"""Questions, feedback and installation facts.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "installation",
        sa.Column("key", sa.String(length=100), primary_key=True),
        sa.Column("value", sa.String(), nullable=False),
    )
    op.create_table(
        "question",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("asker", sa.String(length=64), nullable=False),
        sa.Column("direct", sa.Boolean(), nullable=False),
        sa.Column("text", sa.String(), nullable=False),
        sa.Column("intent", sa.String(length=40), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("suggestions", sa.String(), nullable=False),
    )
    op.create_index("ix_question_asked_at", "question", ["asked_at"])
    op.create_index("ix_question_intent", "question", ["intent"])
    op.create_index("ix_question_topic", "question", ["topic"])
    op.create_table(
        "feedback",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("given_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("asker", sa.String(length=64), nullable=False),
        sa.Column("topic", sa.String(length=200), nullable=False),
        sa.Column("helpful", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_feedback_given_at", "feedback", ["given_at"])
    op.create_index("ix_feedback_topic", "feedback", ["topic"])


def downgrade() -> None:
    op.drop_table("feedback")
    op.drop_table("question")
    op.drop_table("installation")
