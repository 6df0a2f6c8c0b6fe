"""The neutral message types that cross the line between adapters and the core.

An adapter turns a platform event into an `Incoming`, hands it to the engine and renders the
`Reply` it gets back. Nothing platform-specific lives here, so the core can be tested without
Slack or Discord and every adapter renders the same reply the same way.
"""

from __future__ import annotations

import re

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator


class ActionKind(StrEnum):
    """What a button (or a numbered pick in the terminal) asks the engine to do."""

    SUGGESTION = "suggestion"  # value: an entry id picked from "Did you mean ...?"
    HELPFUL = "helpful"  # value: the entry id the feedback is about
    NOT_HELPFUL = "not-helpful"
    SHARE = "share"  # value: an award id the owner wants to post publicly
    POST_AS_REPLY = "post-as-reply"  # value: an entry id staff want to post in a thread


class Attachment(BaseModel):
    """A file the user sent along with a message (for example a baked badge image)."""

    model_config = ConfigDict(frozen=True)

    name: str
    content_type: str = "application/octet-stream"
    url: str | None = None
    data: bytes | None = None


class ClickedAction(BaseModel):
    model_config = ConfigDict(frozen=True)

    kind: ActionKind
    value: str


class Incoming(BaseModel):
    """One thing a user said or clicked, wherever they said it."""

    model_config = ConfigDict(frozen=True)

    platform: str = "console"
    workspace: str = ""
    channel: str = ""
    thread: str | None = None
    user: str = "anonymous"
    is_direct: bool = True
    event_id: str | None = None
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    action: ClickedAction | None = None
    # A structured command from a slash command or prefix ("admin", "badges", "help", "share",
    # "ask"); `text` then holds its arguments. None for ordinary messages.
    command: str | None = None
    # What the platform itself says about the user, for access control and badge linking:
    # workspace/server administrators, role names, and e-mail addresses the platform vouches for.
    platform_admin: bool = False
    roles: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    display_name: str | None = None

    @field_validator("text")
    @classmethod
    def _encodable(cls, text: str) -> str:
        """Bytes that were no UTF-8 (a terminal reads them as lone surrogates) become U+FFFD: the
        database and the platforms need text they can encode, and the question must still reach staff."""
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return text

    @classmethod
    def speaking_as(cls, identity: str, **fields) -> Incoming:
        """An Incoming from `platform:user` (Slack `slack:TEAM/USER`), as `--user` and CREDBOT_STAFF write it."""
        platform, _, user = identity.strip().partition(":")
        if not user:
            platform, user = "console", identity.strip() or "anonymous"
        workspace = ""
        if platform == "slack" and "/" in user:
            workspace, user = user.split("/", 1)
        return cls(platform=platform, workspace=workspace, user=user, **fields)

    @property
    def identity(self) -> str:
        """`platform:user` (Slack: `slack:team/user`), the form CREDBOT_STAFF and `--user` use."""
        if self.workspace and self.platform == "slack":
            return f"{self.platform}:{self.workspace}/{self.user}"
        return f"{self.platform}:{self.user}"

    @property
    def conversation_key(self) -> tuple[str, str, str, str, str]:
        """Who is talking where: the key follow-up context is kept under."""
        return (self.platform, self.workspace, self.channel, self.thread or "", self.user)


class Card(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str
    body: str
    source_url: str | None = None


class ReplyAction(BaseModel):
    """A button the renderer shows; clicking it comes back as a `ClickedAction`."""

    model_config = ConfigDict(frozen=True)

    kind: ActionKind
    label: str
    value: str


class Intent(StrEnum):
    FAQ = "faq"
    GREETING = "greeting"
    HELP = "help"
    MY_BADGES = "my-badges"
    BADGE_DETAIL = "badge-detail"
    OUT_OF_SCOPE = "out-of-scope"
    FEEDBACK = "feedback"
    VERIFY = "verify"  # a badge document or image the user sent, checked
    ADMIN = "admin"  # a staff command


class Reply(BaseModel):
    """What the engine wants said. Renderers decide how, within their platform's limits."""

    model_config = ConfigDict(frozen=True)

    text: str = Field(min_length=1)
    intent: Intent
    topic: str | None = None
    confidence: float = 0.0
    card: Card | None = None
    suggestions: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # the entries an answer's numbered "Related" line names, in order
    awards: tuple[str, ...] = ()  # the award ids a numbered list of the learner's badges names, in order
    award: str | None = None  # the one award of the learner's a reply is about (a share), for "why?" after it
    checked: str | None = None  # the status a check of one pasted or attached badge found, for "why?" after it
    pathway: str | None = None  # the pathway a progress reply is about, for "what's missing?" after it
    pathways: tuple[str, ...] = ()  # the pathway ids a numbered list of pathways names, in order, for "2" after it
    # said the asker's badges cannot be shown yet (the chat account is not linked, or staff have added
    # none), for "why?" or "how long does that take?" after it
    waiting: bool = False
    actions: tuple[ReplyAction, ...] = ()
    private: bool = False
    in_thread: bool = True
    # Why nothing was answered, for staff: "unsure", "no-match", "not-english", or the out_of_scope.yaml group.
    declined: str | None = None

    def card_text(self) -> str:
        """The text less the lines a card shows apart (its title as a header, its source as a footer),
        for renderers that show a card. The text, not the card's body, is what was said: after "why?",
        the one part of the entry that answers it."""
        lines = self.text.split("\n")
        for line in (f"**{self.card.title}**", f"Source: {self.card.source_url}") if self.card else ():
            if line in lines:
                lines.remove(line)
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
