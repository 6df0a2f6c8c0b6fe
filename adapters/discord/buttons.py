"""What a credbot button carries in its Discord custom id, and reading it back.

Buttons must keep working after a restart and across shards, so no state is kept in memory:
everything a click needs (the action, its value, and for "post as reply" the message it answers)
is in the custom id, `credbot:<kind>:<ref>:<value>`, at most 100 characters as Discord requires.
"""

from __future__ import annotations

from bot.messages import ActionKind, ClickedAction, ReplyAction

PREFIX = "credbot"
CUSTOM_ID_MAX = 100


def custom_id(action: ReplyAction, ref: str = "") -> str | None:
    """The custom id for a button, or None when it cannot fit Discord's 100 characters."""
    cid = f"{PREFIX}:{action.kind.value}:{ref}:{action.value}"
    return cid if len(cid) <= CUSTOM_ID_MAX else None


def parse(cid: str) -> tuple[ClickedAction, str] | None:
    """The clicked action and its reference, or None for a custom id that is not credbot's."""
    prefix, _, rest = cid.partition(":")
    if prefix != PREFIX:
        return None
    kind, _, rest = rest.partition(":")
    ref, _, value = rest.partition(":")
    try:
        action_kind = ActionKind(kind)
    except ValueError:
        return None
    if not value:
        return None
    return ClickedAction(kind=action_kind, value=value), ref
