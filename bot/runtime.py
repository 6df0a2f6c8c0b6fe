"""Wiring: settings in, a ready credbot out (knowledge base, database, recorder, engine).

Every entry point (the CLI commands, the adapters) starts credbot through here, so they all
migrate the database and record questions the same way, and all close it cleanly.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import sqlalchemy as sa

from bot import database
from bot.badges.skill import BadgeSkill
from bot.badges.store import BadgeStore
from bot.dedupe import SeenEvents
from bot.engine import Engine
from bot.knowledge_watch import KnowledgeWatcher
from bot.records import DatabaseRecorder, installation_secret, purge
from bot.settings import Settings
from bot.staff.badge_admin import BadgeAdmin
from bot.staff.commands import StaffTools
from knowledge.loader import knowledge_dir, load_knowledge


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    db: sa.Engine
    recorder: DatabaseRecorder
    seen: SeenEvents


@contextmanager
def running(settings: Settings | None = None) -> Iterator[Runtime]:
    """credbot on the configured knowledge base and database; records are flushed on exit."""
    settings = settings or Settings()
    knowledge = load_knowledge(settings.knowledge_dir or knowledge_dir())  # fail fast, before the database
    db = database.create(settings.database_url)
    database.upgrade(db)
    purge(db, settings.retention_days)  # records older than the retention period go at every start
    recorder = DatabaseRecorder(db, installation_secret(db, settings.secret), settings.retention_days)
    badges = BadgeSkill(BadgeStore(db), pathways=lambda: knowledge.pathways)
    engine = Engine(knowledge, recorder=recorder, badges=badges, context_ttl=settings.context_ttl_seconds,
                    privacy_contact=settings.privacy_contact)
    badges.pathways = lambda: engine.knowledge.pathways  # follow knowledge reloads
    engine.staff = StaffTools(settings, db, engine,
                              badges=BadgeAdmin(badges.store, pathways=lambda: engine.knowledge.pathways))
    watcher = KnowledgeWatcher(engine).start() if settings.watch_knowledge else None
    try:
        yield Runtime(settings=settings, engine=engine, db=db, recorder=recorder, seen=SeenEvents(db))
    finally:
        if watcher is not None:
            watcher.stop()
        recorder.close()
        db.dispose()
