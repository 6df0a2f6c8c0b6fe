"""What credbot remembers for staff: the questions it was asked and the feedback it got.

No raw platform user ids are stored: the asker is a keyed hash (HMAC with `CREDBOT_SECRET`, or a
secret generated once per installation and kept in the database), enough to count distinct askers
and nothing more. Writes happen on a background thread so a slow database never delays a reply.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import logging
import queue
import secrets
import threading
import time

import sqlalchemy as sa
from sqlmodel import Field, Session, SQLModel

from bot.messages import Incoming, Intent, Reply

log = logging.getLogger(__name__)
metadata = SQLModel.metadata


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Installation(SQLModel, table=True):
    """Key/value facts about this installation (the generated hashing secret, the last sync...)."""

    key: str = Field(primary_key=True, max_length=100)
    value: str


class QuestionRecord(SQLModel, table=True):
    __tablename__ = "question"
    # a deleted question's number is never given to another (`admin teach N` names a group by it)
    __table_args__ = {"sqlite_autoincrement": True}

    id: int | None = Field(default=None, primary_key=True)
    asked_at: dt.datetime = Field(default_factory=utcnow, index=True, sa_type=sa.DateTime(timezone=True))
    platform: str = Field(max_length=40)
    asker: str = Field(max_length=64)  # keyed hash of platform + workspace + user
    direct: bool = False
    text: str
    intent: str = Field(max_length=40, index=True)
    topic: str | None = Field(default=None, max_length=200, index=True)
    confidence: float = 0.0
    suggestions: str = "[]"  # JSON list of entry ids offered
    declined_as: str | None = Field(default=None, max_length=60)  # "unsure", "no-match", "not-english" or a decline group


class FeedbackRecord(SQLModel, table=True):
    __tablename__ = "feedback"

    id: int | None = Field(default=None, primary_key=True)
    given_at: dt.datetime = Field(default_factory=utcnow, index=True, sa_type=sa.DateTime(timezone=True))
    platform: str = Field(max_length=40)
    asker: str = Field(max_length=64)
    topic: str = Field(max_length=200, index=True)
    helpful: bool
    question: str | None = None  # the question that led to the answer, when known


def installation_secret(engine: sa.Engine, configured: str = "") -> bytes:
    """The configured secret, or one generated on first use and kept in the database."""
    if configured:
        return configured.encode()
    with Session(engine) as session:
        row = session.get(Installation, "hash-secret")
        if row is None:
            row = Installation(key="hash-secret", value=secrets.token_hex(32))
            session.add(row)
            try:
                session.commit()
            except sa.exc.IntegrityError:  # another process generated it first
                session.rollback()
                row = session.get(Installation, "hash-secret")
        return row.value.encode()


def hash_user(secret: bytes, incoming: Incoming) -> str:
    ident = f"{incoming.platform}\x1f{incoming.workspace}\x1f{incoming.user}"
    return hmac.new(secret, ident.encode(), hashlib.sha256).hexdigest()


PURGE_EVERY_SECONDS = 24 * 3600
PURGE_CHECK_SECONDS = 600


class DatabaseRecorder:
    """Implements the engine's `Recorder` on the database, writing from a background thread."""

    def __init__(self, engine: sa.Engine, secret: bytes, retention_days: int | None = None):
        self.engine = engine
        self.secret = secret
        self.retention_days = retention_days  # purged at start and then daily by the writer thread
        self._purged = time.monotonic()
        self._queue: queue.Queue[SQLModel | None] = queue.Queue(maxsize=10_000)
        self._thread = threading.Thread(target=self._drain, name="credbot-records", daemon=True)
        self._thread.start()

    def question(self, incoming: Incoming, reply: Reply) -> None:
        text = incoming.text if incoming.action is None else f"[picked] {incoming.action.value}"
        self._put(QuestionRecord(
            platform=incoming.platform, asker=hash_user(self.secret, incoming), direct=incoming.is_direct,
            text=text[:2000], intent=reply.intent.value,
            topic=reply.topic if reply.intent is Intent.FAQ else None,
            confidence=reply.confidence, suggestions=json.dumps(list(reply.suggestions)),
            declined_as=reply.declined,
        ))

    def feedback(self, incoming: Incoming, topic: str, helpful: bool, question: str | None = None) -> None:
        self._put(FeedbackRecord(platform=incoming.platform, asker=hash_user(self.secret, incoming),
                                 topic=topic, helpful=helpful, question=question))

    def _put(self, row: SQLModel) -> None:
        try:
            self._queue.put_nowait(row)
        except queue.Full:
            log.error("record queue full: the database is not keeping up; dropping a record")

    def _drain(self) -> None:
        while True:
            try:
                row = self._queue.get(timeout=PURGE_CHECK_SECONDS)
            except queue.Empty:
                self._purge_if_due()
                continue
            self._purge_if_due()
            if row is None:
                self._queue.task_done()
                return
            try:
                with Session(self.engine) as session:
                    session.add(row)
                    session.commit()
            except Exception as exc:  # keep serving; staff see the log
                log.error("could not write a record to the database: %s", exc)
            finally:
                self._queue.task_done()

    def _purge_if_due(self) -> None:
        if self.retention_days is None or time.monotonic() - self._purged < PURGE_EVERY_SECONDS:
            return
        self._purged = time.monotonic()
        try:
            gone = purge(self.engine, self.retention_days)
            log.info("purged %d record(s) older than %d days", gone, self.retention_days)
        except Exception as exc:
            log.error("could not purge old records: %s", exc)

    def flush(self) -> None:
        self._queue.join()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=30)


def purge(engine: sa.Engine, retention_days: int, now: dt.datetime | None = None) -> int:
    """Delete questions and feedback older than the retention period; returns how many rows went."""
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    with engine.begin() as conn:
        gone = conn.execute(sa.delete(QuestionRecord).where(QuestionRecord.asked_at < cutoff)).rowcount
        gone += conn.execute(sa.delete(FeedbackRecord).where(FeedbackRecord.given_at < cutoff)).rowcount
    return gone
