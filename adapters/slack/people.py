"""Who a Slack user is, as far as Slack vouches: workspace admin or owner, and their e-mail.

Answered by `users.info` and cached, because every message would otherwise cost an extra API
call (and Slack rate-limits `users.info`). Without the `users:read.email` scope, or when the call
fails, the user is simply a non-admin with no e-mail: the question is still answered.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.errors import api_error
from adapters.slack.inbound import NOBODY, Person

log = logging.getLogger(__name__)


class People:
    def __init__(self, ttl: float = 600.0, failed_ttl: float = 60.0, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.ttl, self.failed_ttl, self.size, self.clock = ttl, failed_ttl, size, clock
        self._cache: OrderedDict[tuple[str, str], tuple[float, Person]] = OrderedDict()

    async def get(self, client: AsyncWebClient, team: str, user: str) -> Person:
        if not user:
            return NOBODY
        key = (team, user)
        hit = self._cache.get(key)
        now = self.clock()
        if hit is not None and hit[0] > now:
            self._cache.move_to_end(key)
            return hit[1]
        try:
            response = await client.users_info(user=user)
            person, ttl = _person(response.get("user") or {}), self.ttl
        except SlackApiError as exc:
            log.warning("users.info for %s failed: %s", user, api_error(exc))
            person, ttl = NOBODY, self.failed_ttl
        except Exception as exc:  # a network problem costs the extras, not the answer
            log.warning("users.info for %s failed: %s", user, exc)
            person, ttl = NOBODY, self.failed_ttl
        self._cache[key] = (now + ttl, person)
        self._cache.move_to_end(key)
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return person


def _person(user: dict) -> Person:
    profile = user.get("profile") or {}
    email = profile.get("email") or None
    admin = bool(user.get("is_admin") or user.get("is_owner") or user.get("is_primary_owner"))
    name = profile.get("display_name") or profile.get("real_name") or user.get("name") or None
    # Slack vouches for the address only when it is the account's own and confirmed
    return Person(admin=admin and not user.get("is_bot"), email=email if not user.get("is_bot") else None, name=name)
