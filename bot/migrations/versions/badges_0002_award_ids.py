"""Badge awards: an award number is never given again once removed (SQLite AUTOINCREMENT).

Numbers on a learner's list, in staff replies and in logs point at awards by id. Without
AUTOINCREMENT, SQLite hands the highest number out again after that award is removed, so "3" on a
list shown before a removal (or "share it") could open, or publicly share, another badge. PostgreSQL
sequences never reuse a number, so only SQLite's table is rebuilt.

Revision ID: badges_0002
Revises: badges_0001
Create Date: 2026-11-30
"""
from alembic import op

revision = "badges_0002"
down_revision = "badges_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # (no table refers to badge_award, so rebuilding it under foreign_keys=ON is safe)
    with op.batch_alter_table("badge_award", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("badge_award", recreate="always"):
        pass
