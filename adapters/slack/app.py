"""credbot as a slack-bolt `AsyncApp`: Slack events in, engine replies out, in the right place.

Where a reply goes is decided here and nowhere else:
- a mention is answered in the mention's thread; a private reply (badges, feedback thanks) is an
  ephemeral message to the asker in that same thread;
- a direct message is answered in the DM;
- a slash command is acknowledged at once and answered by an ephemeral response, with a button to
  post a knowledge answer to the channel;
- a button click answers in the thread of the clicked message, privately when the message was
  private;
- the "Answer with credbot" shortcut shows the suggested answer privately, with a button to post
  it in the message's thread.
Retried events are dropped by event id in a table every process shares, before any work is done.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncApp
from slack_bolt.oauth.async_oauth_settings import AsyncOAuthSettings
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.messages import ActionKind, Incoming, Intent, Reply, ReplyAction
from bot.runtime import Runtime
from bot.settings import Settings

from adapters.slack import home, inbound
from adapters.slack.errors import api_error
from adapters.slack.files import FileDownloader, shared_files
from adapters.slack.blocks import Message, notice, render
from adapters.slack.people import People

log = logging.getLogger(__name__)

SHORTCUT_CALLBACK = "credbot_answer"
APOLOGY = "Sorry, I could not answer that just now. Please try again in a moment."
POST_LABEL = "Post in channel"
POST_IN_THREAD_LABEL = "Post as a reply"
METRICS = ("requests", "duplicates", "answered", "posted", "ephemeral", "errors",
           "files_downloaded", "files_refused")  # served at /metrics
MESSAGE_SUBTYPES = (None, "file_share")  # edits, joins and the like need no answer


def web_client(settings: Settings, token: str | None = None,
               session: aiohttp.ClientSession | None = None) -> AsyncWebClient:
    """The Web API client every call goes through: SLACK_API_URL, and 429s waited out and retried.

    Given a session, every call (bolt's per-request clients copy it) reuses its pooled connections
    instead of opening a new one per call.
    """
    return AsyncWebClient(
        token=token or None,
        base_url=settings.slack_api_url,
        session=session,
        retry_handlers=[AsyncConnectionErrorRetryHandler(max_retry_count=2),
                        AsyncRateLimitErrorRetryHandler(max_retry_count=3)],
    )


BOLT_ENVIRONMENT = ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET")


@contextmanager
def _settings_only() -> Iterator[None]:
    """Build the bolt app from credbot's settings alone.

    Bolt also reads a few SLACK_* variables from the environment by itself: an empty or stray
    SLACK_CLIENT_ID would silently switch it to an OAuth flow with file-based stores in the home
    folder, ignoring the bot token. Hiding them while the app is built keeps one source of truth.
    """
    saved = {name: os.environ.pop(name) for name in BOLT_ENVIRONMENT if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


class SlackBot:
    """One credbot Slack app on a running credbot (engine, database, shared event dedupe)."""

    def __init__(self, runtime: Runtime, *, client: AsyncWebClient | None = None,
                 oauth_settings: AsyncOAuthSettings | None = None, people: People | None = None,
                 files: FileDownloader | None = None):
        settings = runtime.settings
        self.runtime = runtime
        self.engine = runtime.engine
        self.people = people or People()
        self.files = files or FileDownloader(settings.slack_api_url)
        self.stats: Counter[str] = Counter(dict.fromkeys(METRICS, 0))
        self._tasks: set[asyncio.Task] = set()
        self._session: aiohttp.ClientSession | None = None
        if client is None:
            self._session = aiohttp.ClientSession()  # built inside the running event loop
            client = web_client(settings, None if oauth_settings else settings.slack_bot_token, self._session)
        with _settings_only():
            self.app = AsyncApp(
                signing_secret=settings.slack_signing_secret,
                client=client,
                oauth_settings=oauth_settings,
                logger=logging.getLogger("credbot.slack.bolt"),
                request_verification_enabled=True,  # bad signatures and stale timestamps get a 401
            )
        self._register()

    async def close(self) -> None:
        await self.files.close()
        if self._session is not None:
            await self._session.close()

    # --- wiring -------------------------------------------------------------------------------

    def _register(self) -> None:
        app = self.app
        app.middleware(self._dedupe)
        app.event("app_mention")(self._on_mention)
        app.event("message")(self._on_message)
        app.event("app_home_opened")(self._on_home)
        app.command(re.compile(r"^/credbot"))(self._on_command)
        app.action(re.compile(r"^credbot:"))(self._on_action)
        app.shortcut(SHORTCUT_CALLBACK)(self._on_shortcut)
        app.error(self._on_error)

    async def _dedupe(self, body: dict[str, Any], next, logger) -> BoltResponse | None:  # noqa: A002
        """Answer a retried (or replayed) event once: first process to record its id wins."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id:
            try:
                first = await self.runtime.seen.first_time_async("slack", event_id)
            except Exception:
                log.exception("event dedupe failed; handling %s anyway", event_id)
                first = True
            if not first:
                self.stats["duplicates"] += 1
                return BoltResponse(status=200, body="")
        self.stats["requests"] += 1
        await next()
        return None

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        self.stats["errors"] += 1
        log.error("unhandled error in a Slack listener: %r", error, exc_info=error)

    async def _person(self, client: AsyncWebClient, team: str, user: str) -> inbound.Person:
        return await self.people.get(client, team, user)

    async def _answer(self, incoming: Incoming) -> Reply:
        self.stats["answered"] += 1
        return await self.engine.handle(incoming)

    # --- listeners ----------------------------------------------------------------------------

    async def _on_mention(self, body: dict[str, Any], event: dict[str, Any], context, client: AsyncWebClient) -> None:
        if event.get("bot_id") or event.get("subtype") not in MESSAGE_SUBTYPES:
            return
        incoming, reply = await self._message(body, event, context, client)
        await self._deliver(client, incoming, reply, thread=incoming.thread if reply.in_thread else None)

    async def _on_message(self, body: dict[str, Any], event: dict[str, Any], context, client: AsyncWebClient) -> None:
        # only direct messages (with or without files); edits, joins and the bot's own messages need no answer
        if event.get("channel_type") != "im" or event.get("bot_id") or event.get("subtype") not in MESSAGE_SUBTYPES:
            return
        incoming, reply = await self._message(body, event, context, client)
        # a DM is private already: the reply goes in the DM (in its thread when asked in one)
        await self._post(client, incoming, incoming.channel, incoming.thread, render(reply))

    async def _message(self, body: dict[str, Any], event: dict[str, Any], context,
                       client: AsyncWebClient) -> tuple[Incoming, Reply]:
        """A mention or DM as an `Incoming` (with the files it carries, downloaded) and its reply."""
        person = await self._person(client, body.get("team_id", ""), event.get("user", ""))
        incoming = inbound.from_message_event(body, context.bot_user_id, person)
        files = shared_files(event)
        if not files:
            return incoming, await self._answer(incoming)
        downloaded = await self.files.download(client, files)
        self.stats["files_downloaded"] += len(downloaded.attachments)
        self.stats["files_refused"] += len(downloaded.problems)
        intent = Intent.ADMIN if incoming.command == "admin" else Intent.VERIFY
        problems = ""
        if downloaded.problems:
            which = "the file" if len(files) == 1 else "every file"
            problems = f"I could not check {which} you sent:\n" + "\n".join(f"- {p}" for p in downloaded.problems)
        if not downloaded.attachments:
            # nothing to look at: say why, privately (a file's details are the sender's business)
            return incoming, Reply(text=problems, intent=intent, private=True)
        incoming = incoming.model_copy(update={"attachments": downloaded.attachments})
        reply = await self._answer(incoming)
        if problems:
            reply = reply.model_copy(update={"text": f"{problems}\n\n{reply.text}"})
        return incoming, reply

    async def _on_command(self, ack, body: dict[str, Any], respond, client: AsyncWebClient) -> None:
        await ack()  # within Slack's 3 seconds; the answer follows through response_url
        try:
            person = await self._person(client, body.get("team_id", ""), body.get("user_id", ""))
            incoming = inbound.from_command(body, person)
            reply = await self._answer(incoming)
            extra = ()
            if reply.topic and reply.intent is Intent.FAQ and not reply.private:
                extra = (ReplyAction(kind=ActionKind.POST_AS_REPLY, label=POST_LABEL, value=reply.topic),)
            await respond(response_type="ephemeral", **render(reply, extra_actions=extra).kwargs())
        except Exception:
            log.exception("slash command failed")
            self.stats["errors"] += 1
            await respond(response_type="ephemeral", **notice(APOLOGY).kwargs())

    async def _on_action(self, ack, body: dict[str, Any], respond, client: AsyncWebClient) -> None:
        await ack()
        picked = inbound.clicked(body)
        if picked is None:
            return
        action, target_thread = picked
        person = await self._person(client, inbound.team_of(body), (body.get("user") or {}).get("id", ""))
        incoming = inbound.from_action(body, action, person)
        reply = await self._answer(incoming)
        ephemeral = bool((body.get("container") or {}).get("is_ephemeral")) or not body.get("message")
        try:
            if action.kind in (ActionKind.POST_AS_REPLY, ActionKind.SHARE) and not reply.private:
                # the asker chose to make it public (the skill decides who may): post it, then drop
                # their private preview
                thread = target_thread or incoming.thread
                await client.chat_postMessage(channel=incoming.channel, thread_ts=thread, **render(reply).kwargs())
                if ephemeral:
                    await respond(delete_original=True)
                return
            if reply.private or ephemeral:
                extra = ()
                if ephemeral and not reply.private and reply.topic and reply.intent is Intent.FAQ:
                    extra = (ReplyAction(kind=ActionKind.POST_AS_REPLY, label=POST_LABEL, value=reply.topic),)
                await self._private(client, incoming, respond, render(reply, extra_actions=extra), ephemeral)
                return
            await client.chat_postMessage(channel=incoming.channel, thread_ts=incoming.thread, **render(reply).kwargs())
        except SlackApiError as exc:
            await self._apologise(client, incoming, exc)

    async def _on_shortcut(self, ack, body: dict[str, Any], respond, client: AsyncWebClient) -> None:
        await ack()
        person = await self._person(client, inbound.team_of(body), (body.get("user") or {}).get("id", ""))
        incoming = inbound.from_shortcut(body, person)
        incoming = incoming.model_copy(update={"text": inbound.strip_mention(incoming.text, None)})
        reply = await self.engine.handle(incoming.model_copy(update={"command": "ask"}))
        extra = ()
        values = {}
        if reply.topic and reply.intent is Intent.FAQ:
            extra = (ReplyAction(kind=ActionKind.POST_AS_REPLY, label=POST_IN_THREAD_LABEL, value=reply.topic),)
            values = {ActionKind.POST_AS_REPLY: f"{reply.topic}{inbound.THREAD_SEPARATOR}{incoming.thread or ''}"}
        message = render(reply.model_copy(update={"private": True}), extra_actions=extra, values=values)
        try:
            await client.chat_postEphemeral(channel=incoming.channel, user=incoming.user,
                                            thread_ts=incoming.thread, **message.kwargs())
        except SlackApiError:  # credbot is not in that channel: the response URL still reaches the user
            await respond(response_type="ephemeral", **message.kwargs())

    async def _on_home(self, event: dict[str, Any], body: dict[str, Any], client: AsyncWebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user = event.get("user", "")
        person = await self._person(client, body.get("team_id", ""), user)
        incoming = Incoming(platform="slack", workspace=body.get("team_id", ""), channel=event.get("channel", ""),
                            user=user, is_direct=True, event_id=body.get("event_id"),
                            platform_admin=person.admin, emails=(person.email,) if person.email else ())
        view = await home.view(self.runtime, incoming)
        try:
            await client.views_publish(user_id=user, view=view)
        except SlackApiError as exc:
            log.warning("views.publish failed: %s", api_error(exc))

    # --- delivery -----------------------------------------------------------------------------

    async def _deliver(self, client: AsyncWebClient, incoming: Incoming, reply: Reply, thread: str | None) -> None:
        """A reply to a mention: public in the thread, or ephemeral to the asker in the thread."""
        message = render(reply)
        if reply.private:
            try:
                await client.chat_postEphemeral(channel=incoming.channel, user=incoming.user, thread_ts=thread,
                                                **message.kwargs())
                self.stats["ephemeral"] += 1
            except SlackApiError as exc:
                log.error("chat.postEphemeral failed: %s", api_error(exc))
                self.stats["errors"] += 1
            return
        await self._post(client, incoming, incoming.channel, thread, message)

    async def _post(self, client: AsyncWebClient, incoming: Incoming, channel: str, thread: str | None,
                    message: Message) -> None:
        try:
            await client.chat_postMessage(channel=channel, thread_ts=thread, **message.kwargs())
            self.stats["posted"] += 1
        except SlackApiError as exc:
            await self._apologise(client, incoming, exc)

    async def _private(self, client: AsyncWebClient, incoming: Incoming, respond, message: Message,
                       ephemeral_origin: bool) -> None:
        if ephemeral_origin:
            await respond(response_type="ephemeral", replace_original=False, **message.kwargs())
        else:
            await client.chat_postEphemeral(channel=incoming.channel, user=incoming.user, thread_ts=incoming.thread,
                                            **message.kwargs())
        self.stats["ephemeral"] += 1

    async def _apologise(self, client: AsyncWebClient, incoming: Incoming, exc: SlackApiError) -> None:
        """An API error is logged, and the asker hears a short apology instead of silence."""
        self.stats["errors"] += 1
        log.error("Slack API call failed (%s) answering in %s", api_error(exc), incoming.channel)
        try:
            await client.chat_postEphemeral(channel=incoming.channel, user=incoming.user, thread_ts=incoming.thread,
                                            **notice(APOLOGY).kwargs())
        except SlackApiError as again:
            log.error("could not apologise either: %s", api_error(again))
