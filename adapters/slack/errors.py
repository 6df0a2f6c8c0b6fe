"""Slack's word for what went wrong with a Web API call, for logs and start-up messages."""

from __future__ import annotations

from slack_sdk.errors import SlackApiError


def api_error(exc: SlackApiError) -> str:
    """`not_in_channel`, `ratelimited`...; or the HTTP status when the answer was not Slack's JSON."""
    data = getattr(exc.response, "data", None)
    if isinstance(data, dict) and data.get("error"):
        return str(data["error"])
    return f"HTTP {getattr(exc.response, 'status_code', '?')}"
