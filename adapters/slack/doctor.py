"""`credbot doctor --live` for Slack: ask Slack itself whether the tokens work.

`auth.test` for the bot token (which workspace and bot it belongs to), and for Socket Mode
`apps.connections.open` with the app-level token, which hands out a connection address without
connecting. The CLI adds these findings to the offline ones from `bot.doctor`.
"""

from __future__ import annotations

import asyncio

from bot.doctor import Finding
from bot.settings import Settings


def live(settings: Settings) -> list[Finding]:
    if not (settings.slack_bot_token or settings.slack_app_token):
        return []
    return asyncio.run(_check(settings))


async def _check(settings: Settings) -> list[Finding]:
    found: list[Finding] = []
    if settings.slack_bot_token:
        answer = await _ask(settings, settings.slack_bot_token, "auth_test", {}, "SLACK_BOT_TOKEN", found)
        if answer is not None:
            found.append(Finding("ok", "slack (live)", f"SLACK_BOT_TOKEN accepted: bot {answer.get('user')} "
                                                       f"({answer.get('user_id')}) in {answer.get('team')} "
                                                       f"({answer.get('team_id')})"))
    if settings.slack_app_token:
        opened = await _ask(settings, None, "apps_connections_open", {"app_token": settings.slack_app_token},
                            "SLACK_APP_TOKEN", found)
        if opened is not None:
            found.append(Finding("ok", "slack (live)", "SLACK_APP_TOKEN accepted: Socket Mode can connect"))
    return found


async def _ask(settings: Settings, token: str | None, method: str, arguments: dict[str, str], name: str,
               found: list[Finding]) -> dict | None:
    import aiohttp
    from slack_sdk.errors import SlackApiError

    from adapters.slack.app import web_client

    client = web_client(settings, token)
    try:
        return (await getattr(client, method)(**arguments)).data
    except SlackApiError as exc:
        error = exc.response.get("error", "an error")
        found.append(Finding("fail", "slack (live)", f"Slack refused {name} ({error}): copy it again from the "
                                                     "app's settings page (OAuth & Permissions, or Basic "
                                                     "Information for the app-level token)"))
    except (aiohttp.ClientError, OSError, asyncio.TimeoutError) as exc:
        found.append(Finding("warn", "slack (live)", f"could not reach Slack at {settings.slack_api_url} "
                                                     f"to check {name} ({exc})"))
    return None
