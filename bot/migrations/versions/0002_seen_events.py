"""Event ids already handled, so a platform's retries are answered once even across processes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seen_event",
        sa.Column("key", sa.String(length=255), primary_key=True),  # platform:event id
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_seen_event_seen_at", "seen_event", ["seen_at"])


def downgrade() -> None:
    op.drop_table("seen_event")
