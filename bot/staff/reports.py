"""What staff read: unanswered questions grouped by similarity, feedback per entry, usage stats.

Pure queries over the records; formatting for chat or JSON happens in the callers. Grouping is
greedy: each question joins the first group whose first question it resembles closely enough
(rapidfuzz over the normalised words), which is cheap, stable, and good enough to spot the same
question asked many ways.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa
from rapidfuzz import fuzz, process
from sqlmodel import Session, select

from bot import followups
from bot.conversation import Context
from bot.records import FeedbackRecord, QuestionRecord, utcnow
from bot.retrieval import UNSURE_FLOOR, KnowledgeIndex, Ranking
from bot.understanding import detect_intent, looks_foreign, normalize

SIMILAR = 72  # token-set similarity (0-100) for two questions to count as one
MAX_DAYS = 36_500  # the longest span a report looks back over (a hundred years; more overflowed the calendar)


@dataclass
class UnansweredGroup:
    # the id of its first question: what `admin teach N` names the group by, so the number stays
    # with the group as others are taught or asked more, and never names another group
    number: int
    count: int
    examples: list[str]
    first_seen: str
    last_seen: str
    closest: list[str]
    reasons: dict[str, int] = field(default_factory=dict)  # unsure / no-match / a decline group
    askers: int = 0
    now_answered: str | None = None  # the entry that answers it today (taught, or a new entry)

    def status(self) -> str:
        """What staff read beside the group: answered now, or the closest entries to teach."""
        return f"now answered from {self.now_answered}" if self.now_answered else \
            f"closest: {', '.join(self.closest) or 'none'}"


def _iso(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _answered_today(text: str, today: Ranking | None) -> str | None:
    """The entry today's base answers `text` from, as a fresh message to the bot would be: one the
    bot reads as something else first ("not helpful" is feedback with nothing to rate, "hola" is not
    English) is not answered, whatever the index alone would match."""
    if today is None or today.answer is None or detect_intent(text) is not None or looks_foreign(text):
        return None
    if followups.resolve(text, Context()).kind is followups.Kind.REJECT:
        return None
    return today.answer


def unanswered(db: sa.Engine, index: KnowledgeIndex | None = None, days: int | None = None,
               include_declined: bool = True) -> list[UnansweredGroup]:
    """Questions declined or met with "Did you mean", grouped, most asked first.

    With the index, each group also says whether today's base answers it (`now_answered`): after
    `admin teach` or a new entry the group stays on record, but sorts after the ones to act on.
    """
    query = select(QuestionRecord).where(QuestionRecord.intent == "out-of-scope").order_by(QuestionRecord.asked_at)
    if days is not None:
        query = query.where(QuestionRecord.asked_at >= utcnow() - dt.timedelta(days=days))
    with Session(db) as session:
        rows = [r for r in session.exec(query) if r.text.strip()]
    if not include_declined:
        rows = [r for r in rows if r.declined_as in (None, "unsure", "no-match", "not-english")]

    leaders: list[str] = []
    members: list[list[QuestionRecord]] = []
    for row in rows:
        key = normalize(row.text)
        hit = process.extractOne(key, leaders, scorer=fuzz.token_set_ratio, score_cutoff=SIMILAR) if leaders else None
        if hit is None:
            leaders.append(key)
            members.append([row])
        else:
            members[hit[2]].append(row)

    groups = []
    for rows_in in members:
        texts = list(dict.fromkeys(r.text.strip() for r in rows_in))
        suggested = Counter(t for r in rows_in for t in json.loads(r.suggestions or "[]"))
        closest = [t for t, _ in suggested.most_common(3)]
        today = index.search(texts[0]) if index is not None else None
        if today is not None:
            for match in today.matches:
                if match.score >= UNSURE_FLOOR and match.topic not in closest and len(closest) < 3:
                    closest.append(match.topic)
        groups.append(UnansweredGroup(
            number=rows_in[0].id,
            now_answered=_answered_today(texts[0], today),
            count=len(rows_in),
            examples=texts[:10],
            first_seen=_iso(rows_in[0].asked_at),
            last_seen=_iso(rows_in[-1].asked_at),
            closest=closest,
            reasons=dict(Counter(r.declined_as or "unsure" for r in rows_in)),
            askers=len({r.asker for r in rows_in}),
        ))
    # what the base still cannot answer first: those are the groups to act on
    groups.sort(key=lambda g: (g.now_answered is not None, -g.count, g.last_seen))
    return groups


@dataclass
class TopicFeedback:
    topic: str
    helpful: int
    not_helpful: int
    questions: list[str]


def feedback(db: sa.Engine, days: int | None = None) -> list[TopicFeedback]:
    """Helpful / not helpful per entry, with the questions that led there; worst first."""
    query = select(FeedbackRecord).order_by(FeedbackRecord.given_at)
    if days is not None:
        query = query.where(FeedbackRecord.given_at >= utcnow() - dt.timedelta(days=days))
    with Session(db) as session:
        rows = list(session.exec(query))
    per: dict[str, TopicFeedback] = {}
    for r in rows:
        item = per.setdefault(r.topic, TopicFeedback(r.topic, 0, 0, []))
        if r.helpful:
            item.helpful += 1
        else:
            item.not_helpful += 1
        if r.question and r.question not in item.questions:
            item.questions.append(r.question)
    return sorted(per.values(), key=lambda f: (-f.not_helpful, f.helpful, f.topic))


def stats(db: sa.Engine, days: int = 30) -> dict:
    """Questions per day, answer rate, top topics and top unanswered, per platform."""
    since = utcnow() - dt.timedelta(days=days)
    with Session(db) as session:
        rows = list(session.exec(select(QuestionRecord).where(QuestionRecord.asked_at >= since)))
    knowledge = [r for r in rows if r.intent in ("faq", "out-of-scope")]
    per_day: Counter[str] = Counter(_iso(r.asked_at)[:10] for r in rows)
    platforms: dict[str, dict] = defaultdict(lambda: {"questions": 0, "answered": 0})
    for r in rows:
        platforms[r.platform]["questions"] += 1
        platforms[r.platform]["answered"] += r.intent == "faq"
    unanswered_top = Counter(normalize(r.text) for r in knowledge if r.intent == "out-of-scope")
    return {
        "days": days,
        "questions": len(rows),
        "knowledge_questions": len(knowledge),
        "answer_rate": round(sum(r.intent == "faq" for r in knowledge) / len(knowledge), 4) if knowledge else None,
        "per_day": dict(sorted(per_day.items())),
        "intents": dict(Counter(r.intent for r in rows).most_common()),
        "top_topics": [{"topic": t, "count": c} for t, c in Counter(r.topic for r in rows if r.topic).most_common(10)],
        "top_unanswered": [{"question": q, "count": c} for q, c in unanswered_top.most_common(10)],
        "platforms": {p: v for p, v in sorted(platforms.items())},
    }


def as_json(items) -> str:
    if isinstance(items, list):
        return json.dumps([asdict(i) if hasattr(i, "__dataclass_fields__") else i for i in items], indent=2,
                          ensure_ascii=False)
    return json.dumps(items, indent=2, ensure_ascii=False)
