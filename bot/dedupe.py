"""Answering each platform event once, even when the platform retries it or several bot
processes share the work.

Slack re-sends an event it thinks was lost; Discord can replay after a resume. The first process
to insert the event's key into `seen_event` wins; everyone else sees the key and stays quiet.
Keys expire after a day, which is far longer than any platform retries.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.records import utcnow

RETENTION = dt.timedelta(days=1)


class SeenEvent(SQLModel, table=True):
    __tablename__ = "seen_event"

    key: str = Field(primary_key=True, max_length=255)
    seen_at: dt.datetime = Field(default_factory=utcnow, index=True, sa_type=sa.DateTime(timezone=True))


class SeenEvents:
    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self._purged_at = dt.datetime.min.replace(tzinfo=dt.UTC)

    def first_time(self, platform: str, event_id: str) -> bool:
        """True the first time an event is seen, by any process sharing the database."""
        key = f"{platform}:{event_id}"[:255]
        now = utcnow()
        try:
            with self.engine.begin() as conn:
                conn.execute(sa.insert(SeenEvent).values(key=key, seen_at=now))
        except sa.exc.IntegrityError:
            return False
        if now - self._purged_at > dt.timedelta(hours=1):
            self._purged_at = now
            with self.engine.begin() as conn:
                conn.execute(sa.delete(SeenEvent).where(SeenEvent.seen_at < now - RETENTION))
        return True

    async def first_time_async(self, platform: str, event_id: str) -> bool:
        return await asyncio.to_thread(self.first_time, platform, event_id)
