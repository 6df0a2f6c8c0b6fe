"""`admin ...`: the staff commands every adapter routes here (`/credbot admin` in Slack, `/admin`
in Discord, `:admin` in the terminal), checked for access before anything runs.

Replies are private Markdown, so a staff member can run them in any channel without showing the
records to everyone.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from bot.messages import Incoming, Intent, Reply
from bot.safety import neutralize, private_echo
from bot.settings import Settings
from bot.staff import reports
from bot.staff.access import is_staff, refuse
from knowledge import editing

if TYPE_CHECKING:
    from bot.engine import Engine

BadgeAdmin = Callable[[Incoming, list[str]], Awaitable[Reply]]
TEACH_FROM_GROUP = 5  # distinct wordings taken from one unanswered group
QUOTES = "\"'"
# the rest of a word: anything but a space, or a space or quote kept by a backslash (`My\ Rosters`)
_REST_OF_WORD = re.compile(r"(?:\\[\s\"']|\S)*")
_ESCAPED = re.compile(r"\\([\s\"'])")
# a number staff copy from a list, `12` or `#12` (ASCII digits, no more than a database integer holds)
_LIST_NUMBER = re.compile(r"#?([0-9]{1,18})")

USAGE = """Staff commands:
- `admin unanswered`: what credbot declined or was unsure about, grouped, most asked first
- `admin feedback`: helpful / not helpful per entry, with the questions that led there
- `admin stats`: questions per day, answer rate, top topics, per platform
- `admin reload`: reload the knowledge base (the last good one stays if the new one has errors)
- `admin teach ENTRY-ID QUESTION`, or `admin teach N ENTRY-ID` for group #N of `admin unanswered` (a group
  keeps its number): add the question(s) to that entry's phrasings, reload, and say where they land now
- `admin badges ...`: rosters, the learners (`admin badges learners [text]`), links between chat users
  and learners, a learner's awards"""


class StaffTools:
    def __init__(self, settings: Settings, db: sa.Engine, engine: Engine, badges: BadgeAdmin | None = None):
        self.settings = settings
        self.db = db
        self.engine = engine
        self.badges = badges
        self._commands: dict[str, Callable[[Incoming, list[str]], Awaitable[str | Reply]]] = {
            "unanswered": self._unanswered,
            "feedback": self._feedback,
            "stats": self._stats,
            "reload": self._reload,
            "teach": self._teach,
            "badges": self._badges,
            "help": self._help,
        }

    async def handle(self, incoming: Incoming) -> Reply:
        if not is_staff(incoming, self.settings):
            refuse(incoming, next(iter(incoming.text.split()), "help").lower())
            return _private("Sorry, staff commands are only for the people who look after credbot here: if that "
                            "should include you, ask whoever runs credbot to add you to its staff. Ask me anything "
                            "about micro-credentials or badges instead.")
        try:
            words = command_words(incoming.text)
        except UnclosedQuote as exc:
            return _private(str(exc))
        name = words[0].lower() if words else "help"
        command = self._commands.get(name)
        if command is None:
            return _private(f"I don't know the staff command {neutralize(name, 40)!r}.\n\n{USAGE}")
        flush = getattr(self.engine.recorder, "flush", None)
        if flush is not None:  # reports must include the questions asked a moment ago
            await asyncio.to_thread(flush)
        result = await command(incoming, words[1:])
        return result if isinstance(result, Reply) else _private(result)

    async def _unanswered(self, incoming: Incoming, args: list[str]) -> str:
        groups = await asyncio.to_thread(reports.unanswered, self.db, self.engine.index)
        if not groups:
            return "Nothing unanswered yet."
        lines = [f"**Unanswered questions** ({sum(g.count for g in groups)} in {len(groups)} groups, most asked first; "
                 "each keeps its number, for `admin teach N ENTRY-ID`):"]
        # (a bullet, not "12.": Markdown renumbers an ordered list from its first number on)
        for group in groups[:15]:
            lines.append(f"- #{group.number}: {group.count}x, last {group.last_seen[:10]}: "
                         f"\"{private_echo(group.examples[0], 150)}\" ({group.status()})")
        if len(groups) > 15:
            lines.append(f"... and {len(groups) - 15} more groups: `credbot staff unanswered --json` lists them all.")
        return "\n".join(lines)

    async def _feedback(self, incoming: Incoming, args: list[str]) -> str:
        items = await asyncio.to_thread(reports.feedback, self.db)
        if not items:
            return "No feedback yet."
        lines = ["**Feedback per entry** (least helpful first):"]
        for item in items[:20]:
            asked = "; ".join(f"\"{private_echo(q, 80)}\"" for q in item.questions[:3])
            lines.append(f"- {item.topic}: {item.helpful} helpful, {item.not_helpful} not helpful"
                         + (f" (asked as {asked})" if asked else ""))
        return "\n".join(lines)

    async def _stats(self, incoming: Incoming, args: list[str]) -> str:
        if args and not (args[0].isdigit() and 1 <= int(args[0]) <= reports.MAX_DAYS):
            return (f"Give the number of days as 1 to {reports.MAX_DAYS}: `admin stats 7` (without it, the last 30 days).")
        days = int(args[0]) if args else 30
        s = await asyncio.to_thread(reports.stats, self.db, days)
        rate = f"{s['answer_rate']:.0%}" if s["answer_rate"] is not None else "n/a"
        lines = [f"**Last {days} days**: {s['questions']} messages, {s['knowledge_questions']} questions, "
                 f"answer rate {rate}."]
        if s["per_day"]:
            lines.append("Per day: " + ", ".join(f"{d[5:]}: {n}" for d, n in list(s["per_day"].items())[-7:]))
        if s["top_topics"]:
            lines.append("Top topics: " + ", ".join(f"{t['topic']} ({t['count']})" for t in s["top_topics"][:5]))
        if s["top_unanswered"]:
            lines.append("Top unanswered: " + "; ".join(f"\"{neutralize(t['question'], 60)}\" ({t['count']})"
                                                         for t in s["top_unanswered"][:5]))
        for platform, counts in s["platforms"].items():
            lines.append(f"- {platform}: {counts['questions']} messages, {counts['answered']} answered")
        return "\n".join(lines)

    async def _reload(self, incoming: Incoming, args: list[str]) -> str:
        result = await asyncio.to_thread(self.engine.reload)
        if result.errors:
            problems = "\n".join(f"- {neutralize(str(p), 300)}" for p in result.errors[:15])
            return (f"The knowledge base has {len(result.errors)} error(s), so I kept the last good one "
                    f"({len(self.engine.knowledge.entries)} entries):\n{problems}")
        warnings = f" ({len(result.warnings)} warning(s): run `credbot kb check`)" if result.warnings else ""
        return f"Reloaded: {len(self.engine.knowledge.entries)} entries{warnings}."

    async def _teach(self, incoming: Incoming, args: list[str]) -> str:
        """Unanswered question -> phrasing of an entry, the loop `admin unanswered` opens."""
        usage = ("Usage: `admin teach ENTRY-ID QUESTION` (e.g. `admin teach badge-expiry how long is my badge "
                 "good for`), or `admin teach N ENTRY-ID` to add the questions of group N of `admin unanswered`.")
        if len(args) < 2:
            return usage
        if (number := list_number(args[0])) is not None:
            groups = await asyncio.to_thread(reports.unanswered, self.db, self.engine.index)
            entry_id = args[1]
            group = next((g for g in groups if g.number == number), None)
            if group is None:  # (a number is never another group's: this one's questions were deleted)
                return (f"There is no group {number} (now): `admin unanswered` lists the groups, each with its "
                        "number.")
            questions = group.examples[:TEACH_FROM_GROUP]
        else:
            entry_id, questions = args[0], [" ".join(args[1:])]
        if entry_id not in self.engine.knowledge.entries:
            return f"No entry {neutralize(entry_id, 60)!r}: use an entry id (`credbot kb export --json` lists them)."
        try:
            edit = await asyncio.to_thread(editing.add_questions, self.engine.knowledge.directory, entry_id, questions)
        except editing.BundledBase as exc:
            if incoming.platform == "console":  # (on credbot's own machine, where the copy is to be made)
                return f"Nothing added: {exc}."
            # in a chat, the server's folders are no one's business: who runs credbot knows them
            return ("Nothing added: this credbot answers from the knowledge base installed with it, which is not "
                    "edited from chat. Ask whoever runs credbot to copy it to a folder of your own and set "
                    "`CREDBOT_KNOWLEDGE_DIR` to that folder (README, \"The knowledge base\"); teaching then works here.")
        except (editing.EditError, OSError) as exc:
            return f"Nothing added: {exc}."  # our own words: the entry id was checked above
        personal = [f"Not added: \"{neutralize(q, 150)}\" holds an e-mail address or phone number, which must not go "
                    "into the knowledge base: teach it in your own words (`admin teach ENTRY-ID QUESTION`)."
                    for q in edit.personal]
        if not edit.added:
            return "\n".join(personal) if personal and not edit.already else \
                f"{entry_id} already has {'that phrasing' if len(edit.already) == 1 else 'those phrasings'}."
        result = await asyncio.to_thread(self.engine.reload)
        if result.errors:  # never leave staff's folder worse than it was
            await asyncio.to_thread(editing.restore, edit)
            await asyncio.to_thread(self.engine.reload)
            return f"Nothing added: the knowledge base did not load afterwards ({neutralize(str(result.errors[0]), 300)})."
        # a phrasing that a decline group still catches would only sit in the file: taken out again
        declined = {q: r.decline.id for q in edit.added if (r := self.engine.index.search(q)).decline is not None}
        if declined:
            await asyncio.to_thread(editing.restore, edit)
            kept = [q for q in edit.added if q not in declined]
            edit = await asyncio.to_thread(editing.add_questions, self.engine.knowledge.directory, entry_id, kept) \
                if kept else None
            await asyncio.to_thread(self.engine.reload)
        lines = [f"Added to {entry_id} ({edit.path.name}), and reloaded:"] if edit else []
        for question in edit.added if edit else ():
            ranking = self.engine.index.search(question)
            best = ranking.best.topic if ranking.best else None
            landing = ("now answered from it" if ranking.answer == entry_id
                       else f"still goes to {best or 'nothing'} ({ranking.outcome.value}): add a synonym or "
                            "reword the entry's other phrasings")
            lines.append(f"- \"{neutralize(question, 150)}\": {landing}")
        lines += [f"Not added: \"{neutralize(q, 150)}\" is declined as {group} (out_of_scope.yaml), whatever an "
                  "entry says; change that group first if it should be answered." for q, group in declined.items()]
        return "\n".join(lines + personal)

    async def _badges(self, incoming: Incoming, args: list[str]) -> str | Reply:
        if self.badges is None:
            return "Badge administration is not available: no badge store is configured."
        return await self.badges(incoming, args)

    async def _help(self, incoming: Incoming, args: list[str]) -> str:
        return USAGE


class UnclosedQuote(ValueError):
    """A staff command with a quote that is never closed: run as it is, its words would be guessed."""

    def __init__(self, quote: str, rest: str):
        super().__init__(f"The quote ({quote}) before {private_echo(rest, 80)!r} is not closed: close it, or remove "
                         "it. Nothing was run. (A path with spaces goes in quotes: "
                         f"`admin badges import {quote}My Rosters/spring.csv{quote}`.)")


def command_words(text: str) -> list[str]:
    """The words of a staff command, every command's split the same way: at spaces, as a shell
    would, with "..." or '...' (or a backslash before the space, as a terminal writes a dropped
    file) around a word that holds spaces: `:admin badges import "~/My Rosters/spring.csv"`.

    Unlike a shell's, a quote opens a quoted part only at the start of a word: the apostrophe of
    "what's" in a question to teach, or of "O'Brien" in a name to look up, is a letter. And a
    backslash keeps only a space or a quote, so a Windows path keeps its own.
    """
    words: list[str] = []
    rest = text.strip()
    while rest:
        quoted = ""
        if rest[0] in QUOTES:
            end = rest.find(rest[0], 1)
            if end < 0:
                raise UnclosedQuote(rest[0], rest[1:])
            quoted, rest = rest[1:end], rest[end + 1:]
        plain = _REST_OF_WORD.match(rest)
        assert plain is not None  # (it matches the empty string at least)
        words.append(quoted + _ESCAPED.sub(r"\1", plain.group()))
        rest = rest[plain.end():].lstrip()
    return words


def list_number(word: str) -> int | None:
    """The number in `12` or `#12`, as staff copy it from a list (an unanswered group, an award);
    None for any other word."""
    found = _LIST_NUMBER.fullmatch(word.strip())
    return int(found.group(1)) if found else None


def _private(text: str) -> Reply:
    return Reply(text=text, intent=Intent.ADMIN, private=True, confidence=1.0)
