"""The App Home tab: what credbot does, what people ask most, and the learner's own badges.

The tab is only ever shown to the user who opened it, so their badges may appear there.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any

import sqlalchemy as sa

from bot.engine import CAN_HELP_WITH, EXAMPLES
from bot.messages import Incoming
from bot.records import QuestionRecord, utcnow
from bot.runtime import Runtime

from adapters.slack.blocks import clip, split_text
from adapters.slack.mrkdwn import escape, to_mrkdwn

log = logging.getLogger(__name__)
POPULAR_DAYS = 30
POPULAR_COUNT = 5
MAX_HOME_BLOCKS = 100  # a Home tab view takes twice what a message does


def popular_topics(db: sa.Engine, limit: int = POPULAR_COUNT, days: int = POPULAR_DAYS) -> list[str]:
    """The entry ids answered most often lately (most asked first)."""
    since = utcnow() - dt.timedelta(days=days)
    query = (sa.select(QuestionRecord.topic, sa.func.count().label("n"))
             .where(QuestionRecord.topic.is_not(None), QuestionRecord.asked_at >= since)
             .group_by(QuestionRecord.topic).order_by(sa.desc("n"), QuestionRecord.topic).limit(limit))
    with db.connect() as conn:
        return [row[0] for row in conn.execute(query)]


async def view(runtime: Runtime, incoming: Incoming) -> dict[str, Any]:
    engine = runtime.engine
    try:
        topics = await asyncio.to_thread(popular_topics, runtime.db)
    except Exception:
        log.exception("could not read popular topics")
        topics = []
    titles = [engine.knowledge.entries[t].title for t in topics if t in engine.knowledge.entries]
    lines = titles or list(EXAMPLES)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": "credbot"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(CAN_HELP_WITH)}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "Mention me in a channel, send me a direct message, "
                                     "or use `/credbot <question>`. `/credbot badges` shows your badges."}},
        {"type": "divider"},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*" + ("Popular topics" if titles else "Try asking") + "*\n"
                                     + "\n".join(f"\u2022 {clip(escape(t), 300)}" for t in lines)}},
        {"type": "divider"},
    ]
    try:
        badges = await engine.badges.my_badges(incoming)
        text = badges.text
    except Exception:
        log.exception("could not list badges for the home tab")
        text = "Your badges could not be loaded just now."
    blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": "*Your badges*"}})
    blocks += [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in split_text(to_mrkdwn(text))]
    return {"type": "home", "blocks": blocks[:MAX_HOME_BLOCKS]}
