"""Short-lived memory of each conversation, so follow-ups can lean on what came before.

Kept per (platform, workspace, channel, thread, user): two people in one channel each have their
own thread of thought. Context expires after a quiet spell, because "how long does it take?" an
hour later is a new question, and the store is bounded so a busy server cannot grow it forever.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

Key = tuple[str, ...]


@dataclass
class Context:
    last_question: str = ""  # the question as resolved (after follow-up rewriting)
    last_topic: str | None = None  # the entry last answered
    answered: bool = False  # whether the last reply was that answer (not a decline, a greeting ...)
    suggestions: list[str] = field(default_factory=list)  # the "Did you mean" offered last
    last_badge: str | None = None  # the award id of the learner's own badge shown last
    awards: list[str] = field(default_factory=list)  # the award ids of the badge list shown last
    related: list[str] = field(default_factory=list)  # the last answer's "Related" entries, to pick by number
    asked_too: list[str] = field(default_factory=list)  # "You also asked about" entries, which "yes" opens
    checked: str | None = None  # the status of a pasted or attached badge just checked ("unverified")
    last_pathway: str | None = None  # the pathway whose progress was shown last
    pathways: list[str] = field(default_factory=list)  # the pathway ids of the numbered list shown last
    waiting: bool = False  # the last reply said the asker's badges cannot be shown yet (not linked, or none added)
    stuck: bool = False  # the last reply gave the steps left to one still stuck ("still nothing" twice: no repeat)
    missed: str | None = None  # the entry the learner just said missed ("that's not what I asked")
    shown: str = ""  # the reply that quoted a part of the last answer, which the next turn should not repeat
    place: str | None = None  # the country the learner named last ("im in pune": India), for answers after
    hiring: bool = False  # the asker said they hire or screen candidates ("I'm in HR"), for the verdicts after
    # the platform the last turn was about (answered, or named in it), and the one the turn before was
    # about: "how much would it cost?" two turns after Google's certificates is still Google's price
    platform: str | None = None
    platform_before: str | None = None
    earlier: list[str] = field(default_factory=list)  # the entries answered before the last, latest first
    updated: float = 0.0


class ConversationStore:
    def __init__(self, ttl_seconds: float = 900.0, max_conversations: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl = ttl_seconds
        self.max = max_conversations
        self.clock = clock
        self._items: OrderedDict[Key, Context] = OrderedDict()

    def get(self, key: Key) -> Context:
        """The live context for a conversation; a fresh one if none or it went stale."""
        ctx = self._items.get(key)
        if ctx is None or self.clock() - ctx.updated > self.ttl:
            return Context()
        return ctx

    def save(self, key: Key, ctx: Context) -> None:
        ctx.updated = self.clock()
        self._items[key] = ctx
        self._items.move_to_end(key)
        while len(self._items) > self.max:
            self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
