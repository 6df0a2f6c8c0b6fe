"""The App Home tab's "Popular topics" come from the questions really recorded in the database:
most asked first, recent ones only, and examples to try while nothing has been asked yet."""

from __future__ import annotations

import datetime as dt
import json

import sqlalchemy as sa

from adapters.slack.home import popular_topics
from bot.records import QuestionRecord, utcnow
from tests.slack.conftest import direct, serving, settings_for


def home_text(call) -> str:
    view = call.body["view"]
    view = json.loads(view) if isinstance(view, str) else view
    return "\n".join(b["text"]["text"] for b in view["blocks"] if "text" in b)


async def open_home(slack, fake, event_id: str) -> str:
    before = len(fake.of("views.publish"))
    await slack.event({"type": "app_home_opened", "user": "ULEARNER", "channel": "D1", "tab": "home"},
                      event_id=event_id)
    await fake.wait_for(lambda: len(fake.of("views.publish")) > before)
    return home_text(fake.of("views.publish")[-1])


async def test_popular_topics_are_the_most_asked_questions(fake, tmp_path):
    async with serving(settings_for(fake, tmp_path / "db.sqlite3")) as slack:
        empty = await open_home(slack, fake, "EvHome0")
        assert "Try asking" in empty and "Popular topics" not in empty

        asked = ["can a badge expire?"] * 3 + ["what is an open badge?"] * 2
        for i, question in enumerate(asked):
            await slack.event(direct(question, ts=f"1700000200.{i:06d}"), event_id=f"EvAsk{i}")
        await fake.wait_for(lambda: len(fake.of("chat.postMessage")) == len(asked))
        slack.runtime.recorder.flush()  # records are written in the background

        with slack.runtime.db.connect() as conn:
            counts = conn.execute(sa.select(QuestionRecord.topic, sa.func.count()).group_by(QuestionRecord.topic)
                                  .order_by(sa.func.count().desc())).all()
        assert [n for _, n in counts] == [3, 2] and None not in [t for t, _ in counts]
        titles = [slack.runtime.engine.knowledge.entries[t].title for t, _ in counts]

        shown = await open_home(slack, fake, "EvHome1")
    assert "Popular topics" in shown and "Try asking" not in shown
    assert titles[0] in shown and titles[1] in shown
    assert shown.index(titles[0]) < shown.index(titles[1])  # most asked first


def test_old_questions_and_unanswered_ones_are_not_popular(tmp_path):
    from bot import database

    db = database.create(f"sqlite:///{tmp_path / 'db.sqlite3'}")
    database.upgrade(db)
    now = utcnow()
    rows = [("badge-expiry", now - dt.timedelta(days=40))] * 5 + [("what-is-an-open-badge", now)] * 2 \
        + [(None, now)] * 9 + [("stacking", now - dt.timedelta(days=2))]
    with db.begin() as conn:
        conn.execute(sa.insert(QuestionRecord), [
            {"asked_at": at, "platform": "slack", "asker": "h", "text": "q", "intent": "faq" if topic else "out-of-scope",
             "topic": topic} for topic, at in rows])
    assert popular_topics(db) == ["what-is-an-open-badge", "stacking"]
    assert popular_topics(db, limit=1) == ["what-is-an-open-badge"]
    db.dispose()
