"""Questions and feedback recorded in a real database: an SQLite file, and PostgreSQL where one answers."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from bot import database
from bot.engine import Engine
from bot.messages import ActionKind, ClickedAction, Incoming
from bot.records import DatabaseRecorder, FeedbackRecord, QuestionRecord, installation_secret
from tests.postgres import throwaway_database

@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'sub' / 'credbot.sqlite3'}"
        return
    with throwaway_database() as url:
        yield url


@pytest.fixture
def db(db_url):
    engine = database.create(db_url)
    database.upgrade(engine)
    yield engine
    engine.dispose()


def test_migrations_reach_head_and_are_idempotent(db):
    assert database.current_revisions(db) == database.head_revisions()
    database.upgrade(db)  # a second start changes nothing
    assert database.current_revisions(db) == database.head_revisions()
    assert {"question", "feedback", "installation", "seen_event"} <= set(sa.inspect(db).get_table_names())


async def test_questions_and_feedback_are_recorded_without_raw_user_ids(db, bundled_kb):
    recorder = DatabaseRecorder(db, installation_secret(db))
    engine = Engine(bundled_kb, recorder=recorder)
    await engine.handle(Incoming(platform="slack", workspace="T1", user="U12345", text="can a badge expire?"))
    await engine.handle(Incoming(platform="slack", workspace="T1", user="U12345", text="what's the weather"))
    await engine.handle(Incoming(platform="slack", workspace="T1", user="U12345",
                                 action=ClickedAction(kind=ActionKind.HELPFUL, value="badge-expiry")))
    recorder.close()
    with Session(db) as session:
        rows = list(session.exec(select(QuestionRecord).order_by(QuestionRecord.id)))
        feedback = list(session.exec(select(FeedbackRecord)))
    assert [(r.intent, r.topic) for r in rows] == [("faq", "badge-expiry"), ("out-of-scope", None)]
    assert rows[0].asker == rows[1].asker and "U12345" not in rows[0].asker
    assert rows[0].asked_at is not None
    assert [(f.topic, f.helpful) for f in feedback] == [("badge-expiry", True)]


def test_generated_secret_is_kept(db):
    first = installation_secret(db)
    assert len(first) == 64 and installation_secret(db) == first
    assert installation_secret(db, "configured") == b"configured"


def test_ask_command_records_in_the_configured_database(db_url, tmp_path):
    out = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--json", "-"], input="what is credly\nhello\n",
                         capture_output=True, text=True, timeout=60, env={**os.environ, "DATABASE_URL": db_url})
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.splitlines()) == 2
    engine = database.create(db_url)
    with Session(engine) as session:
        texts = [r.text for r in session.exec(select(QuestionRecord).order_by(QuestionRecord.id))]
    engine.dispose()
    assert texts == ["what is credly", "hello"]


def test_unreachable_database_is_a_clear_error(tmp_path):
    out = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "hi"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    assert out.returncode == 1
    assert "cannot reach the database" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("url", ["not a url", "mysql://root@localhost/test"])  # (mysql: a driver traceback)
def test_bad_database_url_is_a_clear_error(url):
    out = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "hi"], capture_output=True, text=True, timeout=60,
                         env={**os.environ, "DATABASE_URL": url})
    assert out.returncode == 1 and "DATABASE_URL" in out.stderr and "Traceback" not in out.stderr


def test_an_event_is_handled_once_across_processes(db):
    from bot.dedupe import SeenEvents

    one, two = SeenEvents(db), SeenEvents(db)  # two bot processes sharing the database
    assert one.first_time("slack", "Ev1") is True
    assert two.first_time("slack", "Ev1") is False
    assert one.first_time("slack", "Ev1") is False
    assert two.first_time("discord", "Ev1") is True  # another platform's ids are another space
