"""Slack payloads (events, slash commands, button clicks, shortcuts) as neutral `Incoming`s.

Pure functions of the payload, so the mapping can be read and tested on its own; what Slack says
about the user (admin, e-mail) is looked up elsewhere and passed in as `Person`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.messages import ActionKind, ClickedAction, Incoming

from adapters.slack.blocks import parse_action_id

PLATFORM = "slack"
COMMANDS = ("badges", "help", "admin", "share")
THREAD_SEPARATOR = "|"  # post-as-reply buttons carry "entry-id|channel|thread_ts"


@dataclass(frozen=True)
class Person:
    """What Slack vouches for about a user; empty when the app may not read it."""

    admin: bool = False
    email: str | None = None
    name: str | None = None


NOBODY = Person()


def _person(person: Person) -> dict[str, Any]:
    return {"platform_admin": person.admin, "emails": (person.email,) if person.email else (),
            "display_name": person.name}


def strip_mention(text: str, bot_user_id: str | None) -> str:
    """The message without the bot's own mention (`<@U123>` or `<@U123|name>`)."""
    if bot_user_id:
        text = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", " ", text)
    return " ".join(text.split()) if "\n" not in text else text.strip()


def message_command(text: str) -> tuple[str | None, str]:
    """`admin badges import` in a message -> ("admin", "badges import"); other text is no command.

    Slash commands cannot carry files, so a staff roster comes as a file shared in a DM or a
    mention whose text is the admin command.
    """
    word, _, rest = text.strip().partition(" ")
    if word.lower() == "admin":
        return "admin", rest.strip()
    return None, text


def from_message_event(body: dict[str, Any], bot_user_id: str | None, person: Person = NOBODY) -> Incoming:
    """An `app_mention` in a channel, or a direct message to the bot (files are added later)."""
    event = body["event"]
    direct = event.get("channel_type") == "im"
    thread = event.get("thread_ts") or (None if direct else event.get("ts"))
    command, text = message_command(strip_mention(event.get("text") or "", bot_user_id))
    return Incoming(
        platform=PLATFORM, workspace=body.get("team_id") or event.get("team") or "",
        channel=event.get("channel", ""), thread=thread, user=event.get("user", ""),
        is_direct=direct, event_id=body.get("event_id"), text=text, command=command, **_person(person),
    )


def parse_command(text: str) -> tuple[str, str]:
    """`/credbot badges x` -> ("badges", "x"); `/credbot what is ...` -> ("ask", "what is ...")."""
    text = text.strip()
    word, _, rest = text.partition(" ")
    word = word.lower()
    if not text:
        return "help", ""
    if word in COMMANDS:
        return word, rest.strip()
    return "ask", text


def from_command(body: dict[str, Any], person: Person = NOBODY) -> Incoming:
    command, text = parse_command(body.get("text") or "")
    channel = body.get("channel_id", "")
    return Incoming(
        platform=PLATFORM, workspace=body.get("team_id", ""), channel=channel, thread=None,
        user=body.get("user_id", ""), is_direct=channel.startswith("D"),
        event_id=body.get("trigger_id"), text=text, command=command, **_person(person),
    )


def team_of(body: dict[str, Any]) -> str:
    return (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id") or body.get("team_id") or ""


def clicked(body: dict[str, Any]) -> tuple[ClickedAction, str | None] | None:
    """The first credbot button in a `block_actions` payload, and the thread its value names."""
    for action in body.get("actions") or []:
        kind = parse_action_id(action.get("action_id", ""))
        if kind is None:
            continue
        value = action.get("value") or ""
        thread = None
        if kind is ActionKind.POST_AS_REPLY and THREAD_SEPARATOR in value:
            value, _, thread = value.partition(THREAD_SEPARATOR)
        return ClickedAction(kind=kind, value=value), thread or None
    return None


def message_thread(body: dict[str, Any]) -> str | None:
    """The thread a clicked message lives in (its parent's ts, or its own for a top-level one)."""
    container = body.get("container") or {}
    message = body.get("message") or {}
    return container.get("thread_ts") or message.get("thread_ts") or (
        None if container.get("is_ephemeral") else message.get("ts") or container.get("message_ts"))


def from_action(body: dict[str, Any], action: ClickedAction, person: Person = NOBODY) -> Incoming:
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id") or ""
    return Incoming(
        platform=PLATFORM, workspace=team_of(body), channel=channel,
        thread=message_thread(body), user=(body.get("user") or {}).get("id", ""),
        is_direct=channel.startswith("D"), event_id=body.get("trigger_id"), action=action, **_person(person),
    )


def from_shortcut(body: dict[str, Any], person: Person = NOBODY) -> Incoming:
    """"Answer with credbot" on a message: the message's text is the question."""
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id", "")
    return Incoming(
        platform=PLATFORM, workspace=team_of(body), channel=channel,
        thread=message.get("thread_ts") or message.get("ts"), user=(body.get("user") or {}).get("id", ""),
        is_direct=False, event_id=body.get("trigger_id"), text=message.get("text") or "",
        **_person(person),
    )
