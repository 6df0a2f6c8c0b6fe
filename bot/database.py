"""Where credbot keeps what happens: one SQLAlchemy engine, migrated by Alembic on start.

`DATABASE_URL` is a plain SQLAlchemy URL; users should not need to know driver names, so
`postgresql://` is given the psycopg (v3) driver here. SQLite files get their folder created.
"""

from __future__ import annotations

import logging
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
    """Bring the schema to the newest migration; safe to run on every start."""
    try:
        command.upgrade(alembic_config(engine), "heads")
    except sa.exc.OperationalError as exc:
        raise DatabaseError(f"cannot reach the database at {engine.url.render_as_string(hide_password=True)}: "
                            f"{exc.orig}. Check DATABASE_URL and that the server is running.") from None


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
