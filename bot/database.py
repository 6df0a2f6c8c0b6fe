"""Where credbot keeps what happens: one SQLAlchemy engine, migrated by Alembic on start.

`DATABASE_URL` is a plain SQLAlchemy URL; users should not need to know driver names, so
`postgresql://` is given the psycopg (v3) driver here. SQLite files get their folder created.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine, make_url

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """The database cannot be used, with what to do about it."""


def resolve_url(url: str) -> sa.URL:
    try:
        parsed = make_url(url)
    except Exception as exc:
        raise DatabaseError(f"DATABASE_URL is not a database URL ({exc}): use sqlite:///path or postgresql://user@host/db") from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        # (another database's driver is not installed, and its SQL is not tested: a traceback at start)
        raise DatabaseError(f"DATABASE_URL names {parsed.get_backend_name()!r}, which credbot does not support: "
                            "use sqlite:///path or postgresql://user@host/db")
    if parsed.drivername.startswith("sqlite") and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    return parsed


def create(url: str) -> Engine:
    resolved = resolve_url(url)
    if resolved.drivername.startswith("sqlite"):
        engine = sa.create_engine(resolved, connect_args={"check_same_thread": False, "timeout": 30})

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # several processes may share one file
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        return engine
    return sa.create_engine(resolved, pool_pre_ping=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection_engine"] = engine
    return config


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; safe to run on every start, and from several
    processes starting at once (the first migrates, the others wait and then find nothing to do)."""
    where = engine.url.render_as_string(hide_password=True)
    try:
        with engine.connect():
            pass
    except sa.exc.OperationalError as exc:
        raise DatabaseError(f"cannot reach the database at {where}: {exc.orig}. "
                            "Check DATABASE_URL and that the server is running.") from None
    try:
        with _migration_lock(engine):
            command.upgrade(alembic_config(engine), "heads")
    except sa.exc.SQLAlchemyError as exc:  # reachable, but the schema could not be brought up to date
        raise DatabaseError(f"could not update the tables of the database at {where}: "
                            f"{getattr(exc, 'orig', None) or exc}. Check that the DATABASE_URL user may "
                            "create and alter tables, then run 'credbot db upgrade'.") from None


_MIGRATION_LOCK_KEY = 0x63726564626F74  # "credbot": the PostgreSQL advisory lock migrations hold


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """One migrator at a time: an advisory lock on PostgreSQL, a lock file beside a SQLite file.

    Without it two processes starting on a fresh database both try to create the same tables,
    and one of them dies ("table ... already exists").
    """
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK_KEY})
            try:
                yield
            finally:
                conn.execute(sa.text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK_KEY})
                conn.commit()
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    try:
        import fcntl
    except ImportError:  # not a POSIX system: start the processes one after another
        yield
        return
    with open(Path(database).expanduser().with_name(Path(database).name + ".migration-lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def backup(engine: Engine, to: Path) -> int:
    """Copy a SQLite database to a new file `to`, safely while credbot runs; its size in bytes.

    SQLite's online backup copies a consistent snapshot page by page, where copying the file
    could catch a write half done (and would miss what still sits in the -wal file). The copy
    holds learners' addresses and chat ids: a new file, the operator's alone, never one that
    exists (a backup written over another loses the older one). PostgreSQL has pg_dump for this.
    """
    if engine.dialect.name != "sqlite" or not engine.url.database or engine.url.database == ":memory:":
        where = engine.url.set(drivername="postgresql").render_as_string(hide_password=True)
        raise DatabaseError(f"the database is not a SQLite file; back up PostgreSQL with its own tool: "
                            f"pg_dump --format=custom --file=credbot.dump '{where}'")
    try:
        fd = os.open(to, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise DatabaseError(f"{to} already exists: give the backup a new file name") from None
    except OSError as exc:
        raise DatabaseError(f"cannot create {to} ({exc.strerror or exc})") from None
    os.close(fd)
    try:
        source = engine.raw_connection()
        try:
            target = sqlite3.connect(to)
            try:
                source.driver_connection.backup(target)
                # (WAL mode belongs to the running database; a backup restored by copying is one file)
                target.execute("PRAGMA journal_mode=DELETE")
                checked = target.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                target.close()
        finally:
            source.close()
    except sqlite3.Error as exc:
        Path(to).unlink(missing_ok=True)
        raise DatabaseError(f"could not back up the database to {to}: {exc}") from None
    if checked != "ok":
        raise DatabaseError(f"the backup in {to} does not pass SQLite's integrity check ({checked}); keep it "
                            "for inspection and try again")
    return Path(to).stat().st_size


def current_revisions(engine: Engine) -> tuple[str, ...]:
    """The applied revisions: one per branch (the core, each adapter's or feature's tables)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return tuple(sorted(MigrationContext.configure(conn).get_current_heads()))


def head_revisions() -> tuple[str, ...]:
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return tuple(sorted(ScriptDirectory.from_config(config).get_heads()))
