"""Several credbot processes starting at once on a fresh database: one migrates, none dies.

Sharded Discord processes, or a Slack and a Discord process, share one database; on the first
start each runs the migrations. Without a lock two of them created the same tables and one failed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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
