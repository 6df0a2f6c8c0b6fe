"""Questions: a question's number is never given again once it is deleted (SQLite AUTOINCREMENT).

`admin unanswered` numbers each group by its first question's id, and `admin teach N` finds the
group by it. Without AUTOINCREMENT, SQLite hands the highest number out again after that question
is deleted (the retention purge takes the newest too when nothing was asked since), so a number
read before could name another question. PostgreSQL sequences never reuse a number, so only
SQLite's table is rebuilt.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    # (no table refers to question, so rebuilding it under foreign_keys=ON is safe)
    with op.batch_alter_table("question", recreate="always", table_kwargs={"sqlite_autoincrement": True}):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("question", recreate="always"):
        pass
