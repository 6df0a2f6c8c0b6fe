"""credbot in Slack: `credbot run slack` and `credbot slack manifest`.

Socket Mode when SLACK_APP_TOKEN is set; otherwise HTTP mode on `--port` (events, slash commands
and interactivity all at POST /slack/events). With SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and
SLACK_STATE_SECRET set, several workspaces install credbot through Slack's OAuth flow and their
tokens are kept in credbot's database. Heavy imports wait until a command needs them.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from bot.settings import Settings

MANIFEST = Path(__file__).with_name("manifest.yml")
DEFAULT_PORT = 3000
log = logging.getLogger(__name__)


def manifest(settings: Settings, args: argparse.Namespace) -> int:
    """Print the app manifest (exactly the scopes, events, command and shortcut credbot uses)."""
    sys.stdout.write(MANIFEST.read_text(encoding="utf-8"))
    return 0


def problems(settings: Settings) -> list[str]:
    """What is missing for the mode the settings select, in words a person can act on."""
    oauth = [settings.slack_client_id, settings.slack_client_secret, settings.slack_state_secret]
    found: list[str] = []
    if any(oauth) and not all(oauth):
        found.append("OAuth needs all three of SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET")
    if settings.slack_app_token:
        if not settings.slack_app_token.startswith("xapp-"):
            found.append("SLACK_APP_TOKEN must be an app-level token (xapp-...)")
        if not settings.slack_bot_token:
            found.append("Socket Mode needs SLACK_BOT_TOKEN (xoxb-...) as well as SLACK_APP_TOKEN")
        return found
    if not settings.slack_signing_secret:
        found.append("HTTP mode needs SLACK_SIGNING_SECRET (Basic Information > App Credentials)")
    if not all(oauth) and not settings.slack_bot_token:
        found.append("set SLACK_BOT_TOKEN (xoxb-...), or SLACK_APP_TOKEN for Socket Mode, "
                     "or the OAuth trio for several workspaces")
    if not settings.slack_api_url.endswith("/"):
        found.append("SLACK_API_URL must end with '/' (for example https://slack.com/api/)")
    return found


def run(settings: Settings, args: argparse.Namespace) -> int:
    found = problems(settings)
    if found:
        for problem in found:
            print(f"credbot run slack: {problem}", file=sys.stderr)
        return 2
    from bot.runtime import running

    from adapters.slack.app import SlackBot
    from adapters.slack.installations import oauth_settings
    from adapters.slack.serve import serve_http, serve_socket

    host = getattr(args, "host", None) or "0.0.0.0"
    with running(settings) as rt:
        async def main() -> int:
            oauth = None if settings.slack_app_token else oauth_settings(settings, rt.db)
            bot = SlackBot(rt, oauth_settings=oauth)
            if settings.slack_app_token:
                return await serve_socket(bot, settings.slack_app_token, host, settings.http_port)
            return await serve_http(bot, host, getattr(args, "port", None) or settings.http_port or DEFAULT_PORT)

        try:
            return asyncio.run(main())
        except OSError as exc:
            print(f"credbot run slack: {exc}", file=sys.stderr)
            return 1
        except Exception as exc:
            from slack_sdk.errors import SlackApiError

            from adapters.slack.errors import api_error

            if isinstance(exc, SlackApiError):
                print(f"credbot run slack: Slack refused the token: {api_error(exc)}", file=sys.stderr)
                return 1
            raise
