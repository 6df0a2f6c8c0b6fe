"""Who may run staff commands.

Staff are named in `CREDBOT_STAFF` (`platform:user-id`, Slack as `slack:TEAM/USER`), or are
recognised by their platform: Slack workspace admins and owners, Discord members with Manage
Server or the role named in `DISCORD_STAFF_ROLE` (the adapters set `platform_admin` and `roles`),
but only in the workspaces and servers listed in `CREDBOT_STAFF_SPACES`. Anyone can invite a
Discord bot to a server of their own, where they have Manage Server and can name a role anything;
an app installable in many workspaces has as many sets of admins. Trusted everywhere, they could
link themselves to any learner's address and read that learner's badges.
The terminal chat runs on the server under its operator's account, so, like `credbot staff`, it is
trusted; a terminal session speaking as another platform's user (`--user slack:...`) is not.
"""

from __future__ import annotations

import getpass
import logging

from bot.messages import Incoming
from bot.settings import Settings

log = logging.getLogger(__name__)
TRUSTED_PLATFORMS = frozenset({"console"})


def operator_identity() -> str:
    """Who runs the terminal chat and `credbot` commands: the server account's login."""
    try:
        return f"console:{getpass.getuser()}"
    except Exception:  # no login name in some containers
        return "console:local"


def is_staff(incoming: Incoming, settings: Settings) -> bool:
    named = settings.staff_ids
    if incoming.identity in named or f"{incoming.platform}:{incoming.user}" in named:
        return True
    if incoming.platform in TRUSTED_PLATFORMS:
        return True
    if f"{incoming.platform}:{incoming.workspace}".lower() not in settings.staff_space_ids or not incoming.workspace:
        return False
    if incoming.platform_admin:
        return True
    role = settings.discord_staff_role.strip()
    return bool(role) and incoming.platform == "discord" and role in incoming.roles


def refuse(incoming: Incoming, what: str) -> None:
    """Every refused attempt is logged, so staff can see who tried what."""
    log.warning("refused staff command %r from %s (not staff)", what, incoming.identity)
