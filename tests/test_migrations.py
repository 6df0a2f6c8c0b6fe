"""Several credbot processes starting at once on a fresh database: one migrates, none dies.

Sharded Discord processes, or a Slack and a Discord process, share one database; on the first
start each runs the migrations. Without a lock two of them created the same tables and one failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot import database
from tests.postgres import throwaway_database

ROOT = Path(__file__).resolve().parents[1]


def upgrade_at_once(url: str, processes: int = 4) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "DATABASE_URL": url}
    running = [subprocess.Popen([sys.executable, "-m", "bot.cli", "db", "upgrade"], cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(processes)]
    results = []
    for p in running:
        out, err = p.communicate(timeout=120)
        results.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return results


def check(url: str) -> None:
    for result in upgrade_at_once(url):
        assert result.returncode == 0, result.stderr
    engine = database.create(url)
    try:
        assert database.current_revisions(engine) == database.head_revisions()
    finally:
        engine.dispose()


def test_concurrent_first_starts_on_one_sqlite_file(tmp_path):
    check(f"sqlite:///{tmp_path / 'shared.sqlite3'}")


def test_concurrent_first_starts_on_postgresql():
    with throwaway_database("credbot_migrate") as url:
        check(url)


def test_a_database_that_cannot_be_migrated_says_so_rather_than_unreachable(tmp_path):
    """Reachable, but holding a table of the same name that credbot did not create."""
    import sqlite3

    path = tmp_path / "theirs.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE installation (something TEXT)")
    out = subprocess.run([sys.executable, "-m", "bot.cli", "db", "upgrade"], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "DATABASE_URL": f"sqlite:///{path}"}, timeout=120)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert "could not update the tables" in out.stderr and "installation" in out.stderr
    assert "cannot reach" not in out.stderr


def test_a_backup_is_a_private_consistent_copy_taken_while_credbot_writes(tmp_path):
    import sqlite3

    db = database.create(f"sqlite:///{tmp_path / 'live.sqlite3'}")
    database.upgrade(db)
    with db.begin() as conn:
        conn.execute(database.sa.text("INSERT INTO question (asked_at, platform, asker, direct, text, intent, confidence, suggestions) "
                                      "VALUES (CURRENT_TIMESTAMP, 'console', 'h', 0, 'what is a badge', 'faq', 0.9, '[]')"))
    writer = db.connect()  # a write in flight, not committed: not in the backup, and not in its way
    writer.execute(database.sa.text("BEGIN"))
    writer.execute(database.sa.text("DELETE FROM question"))
    copy = tmp_path / "backup.sqlite3"
    size = database.backup(db, copy)
    writer.rollback()
    writer.close()
    assert size == copy.stat().st_size > 0
    assert copy.stat().st_mode & 0o777 == 0o600  # learners' addresses and chat ids are in it
    with sqlite3.connect(copy) as restored:
        assert restored.execute("SELECT text FROM question").fetchall() == [("what is a badge",)]
        assert restored.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal beside it
    # never over an existing file: the older backup would be lost
    with pytest.raises(database.DatabaseError, match="already exists"):
        database.backup(db, copy)
    with sqlite3.connect(copy) as still:
        assert still.execute("SELECT count(*) FROM question").fetchone() == (1,)


def test_backup_of_postgresql_points_at_pg_dump_without_the_password():
    db = database.create("postgresql://credbot:s3cret@127.0.0.1/credbot")  # (no connection is made)
    with pytest.raises(database.DatabaseError, match="pg_dump") as caught:
        database.backup(db, Path("unused.dump"))
    assert "s3cret" not in str(caught.value) and "postgresql://credbot:***@127.0.0.1/credbot" in str(caught.value)
    assert not Path("unused.dump").exists()
