"""`credbot doctor`: check a deployment's configuration and say what to fix.

Each check returns findings rather than raising, so one run lists everything wrong at once, like
`credbot kb check` does for the knowledge base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot import database
from bot.settings import Settings
from knowledge.loader import check_knowledge, knowledge_dir

Level = Literal["ok", "warn", "fail"]
_STAFF_SPACE = re.compile(r"^(slack:[a-z0-9]+|discord:\d+)$")  # (lower-cased when read)


@dataclass(frozen=True)
class Finding:
    level: Level
    what: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.level}] {self.what}: {self.detail}"


def diagnose(settings: Settings) -> list[Finding]:
    return [*_knowledge(settings), *_meaning(settings), *_database(settings), *_platforms(settings), *_staff(settings)]


def _knowledge(settings: Settings) -> list[Finding]:
    folder = settings.knowledge_dir or knowledge_dir()
    result = check_knowledge(folder)
    if result.errors:
        first = "; ".join(str(p) for p in result.errors[:3])
        return [Finding("fail", "knowledge base", f"{len(result.errors)} error(s) in {folder}: {first}. "
                                                  "Run 'credbot kb check' for the full list.")]
    note = f", {len(result.warnings)} warning(s) ('credbot kb check' lists them)" if result.warnings else ""
    return [Finding("ok", "knowledge base", f"{len(result.knowledge.entries)} entries in {folder}{note}")]


def _meaning(settings: Settings) -> list[Finding]:
    if not settings.semantic:
        return []
    from bot.sentence_encoder import EncoderUnavailable, SentenceEncoder

    try:
        SentenceEncoder(settings.embedding_model_dir)
    except EncoderUnavailable as exc:
        return [Finding("fail", "matching by meaning", f"CREDBOT_SEMANTIC is on but {exc}")]
    return [Finding("ok", "matching by meaning", f"model loaded; vectors cached in {settings.cache_dir}")]


def _database(settings: Settings) -> list[Finding]:
    try:
        engine = database.create(settings.database_url)
    except database.DatabaseError as exc:
        return [Finding("fail", "database", str(exc))]
    where = engine.url.render_as_string(hide_password=True)
    try:
        current = database.current_revisions(engine)
    except Exception as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        return [Finding("fail", "database", f"cannot reach {where} ({reason}). "
                                            "Check DATABASE_URL and that the server is running.")]
    finally:
        engine.dispose()
    heads = database.head_revisions()
    if set(current) != set(heads):
        return [Finding("warn", "database", f"{where} is not fully migrated (at {', '.join(current) or 'nothing'}): "
                                            "run 'credbot db upgrade' (credbot also does this at start)")]
    return [Finding("ok", "database", f"{where}, migrated")]


def _platforms(settings: Settings) -> list[Finding]:
    found: list[Finding] = []
    slack = any([settings.slack_bot_token, settings.slack_app_token, settings.slack_client_id])
    if slack:
        if settings.slack_client_id and not (settings.slack_client_secret and settings.slack_state_secret):
            found.append(Finding("fail", "slack", "SLACK_CLIENT_ID is set: SLACK_CLIENT_SECRET and SLACK_STATE_SECRET "
                                                  "are needed too for the OAuth install flow"))
        elif not settings.slack_client_id and not settings.slack_bot_token.startswith("xoxb-"):
            found.append(Finding("fail", "slack", "SLACK_BOT_TOKEN should be a bot token starting with xoxb-"))
        if settings.slack_app_token and not settings.slack_app_token.startswith("xapp-"):
            found.append(Finding("fail", "slack", "SLACK_APP_TOKEN (Socket Mode) should start with xapp-"))
        if not settings.slack_app_token and not settings.slack_signing_secret:
            found.append(Finding("fail", "slack", "HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN "
                                                  "for Socket Mode)"))
        if not any(f.what == "slack" for f in found):
            mode = "Socket Mode" if settings.slack_app_token else "HTTP mode"
            found.append(Finding("ok", "slack", f"configured for {mode}"))
    if settings.discord_token:
        if len(settings.discord_token) < 50 or settings.discord_token.count(".") != 2:
            found.append(Finding("warn", "discord", "DISCORD_TOKEN does not look like a bot token "
                                                    "(three dot-separated parts): copy it again from the portal"))
        else:
            found.append(Finding("ok", "discord", "token present"))
        for name, value in (("DISCORD_API_URL", settings.discord_api_url),
                            ("DISCORD_GATEWAY_URL", settings.discord_gateway_url)):
            if value and not re.match(r"^(https?|wss?)://", value):
                found.append(Finding("fail", "discord", f"{name} must be a full URL (http(s):// or ws(s)://)"))
    if not found:
        found.append(Finding("warn", "platforms", "no Slack or Discord settings: only the terminal chat "
                                                  "('credbot chat') will run"))
    return found


def _staff(settings: Settings) -> list[Finding]:
    from bot.badges.store import Account, StoreError

    bad = []
    for staff_id in sorted(settings.staff_ids):  # the checks staff ids get everywhere else
        try:
            Account.parse(staff_id)
        except StoreError as exc:
            bad.append(str(exc))
    if bad:
        return [Finding("fail", "staff", f"CREDBOT_STAFF: {'; '.join(bad)}")]
    spaces = [s for s in settings.staff_space_ids if not _STAFF_SPACE.match(s)]
    if spaces:
        return [Finding("fail", "staff", "CREDBOT_STAFF_SPACES entries must look like slack:TEAM-ID or "
                                         f"discord:SERVER-ID: {', '.join(sorted(spaces))}")]
    if not settings.staff_ids and not settings.staff_space_ids:
        return [Finding("warn", "staff", "neither CREDBOT_STAFF nor CREDBOT_STAFF_SPACES is set: no one can run "
                                         "staff commands in chat (the terminal still can)")]
    if settings.discord_staff_role and not any(s.startswith("discord:") for s in settings.staff_space_ids):
        return [Finding("warn", "staff", "DISCORD_STAFF_ROLE counts only in the servers CREDBOT_STAFF_SPACES lists, "
                                         "and it lists none")]
    found = [Finding("ok", "staff", f"{len(settings.staff_ids)} named staff member(s), admins of "
                                    f"{len(settings.staff_space_ids)} workspace(s) or server(s)")]
    if not settings.secret:
        found.append(Finding("warn", "secret", "CREDBOT_SECRET is not set: a secret generated once is kept in the "
                                               "database; set one to keep record hashes stable across databases"))
    return found
