"""Where credbot keeps what happens: one SQLAlchemy engine, migrated by Alembic on start.

`DATABASE_URL` is a plain SQLAlchemy URL; users should not need to know driver names, so
`postgresql://` is given the psycopg (v3) driver here. SQLite files get their folder created.
"""

from __future__ import annotations

import logging
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
