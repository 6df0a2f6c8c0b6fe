"""Running the Slack app: HTTP mode (events, commands, buttons at POST /slack/events) or Socket
Mode, with /healthz and /metrics, until SIGTERM or SIGINT asks it to stop cleanly.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import Any, Awaitable, Callable

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

from bot import metrics as core_metrics

from adapters.slack.app import SlackBot

log = logging.getLogger(__name__)
EVENTS_PATH = "/slack/events"


def web_app(bot: SlackBot, *, events: bool = True,
            connected: Callable[[], Awaitable[bool]] | None = None) -> web.Application:
    """The aiohttp application: Slack's endpoint (and OAuth pages when set up), health, metrics.

    `connected` tells, in Socket Mode, whether the websocket to Slack is up: a process that cannot
    reach Slack keeps retrying by itself, and its health check must say so rather than "ok".
    """
    app = web.Application(client_max_size=1024 * 1024)

    async def handle(request: web.Request) -> web.Response:
        return await to_aiohttp_response(await bot.app.async_dispatch(await to_bolt_request(request)))

    async def healthz(request: web.Request) -> web.Response:
        if connected is not None and not await connected():
            return web.json_response({"status": "disconnected", "platform": "slack"}, status=503)
        return web.json_response({"status": "ok", "platform": "slack"})

    async def metrics(request: web.Request) -> web.Response:
        core, content_type = core_metrics.exposition()  # questions, outcomes, latency, errors
        lines = [f"credbot_slack_{name}_total {value}" for name, value in sorted(bot.stats.items())]
        return web.Response(body=core + ("\n".join(lines) + "\n").encode(), headers={"Content-Type": content_type})

    routes = [web.get("/healthz", healthz), web.get("/metrics", metrics)]
    if events:
        routes.append(web.post(EVENTS_PATH, handle))
        flow = bot.app.oauth_flow
        if flow is not None:
            async def oauth(request: web.Request) -> web.Response:
                bolt_request = await to_bolt_request(request)
                if request.path == flow.install_path:
                    return await to_aiohttp_response(await flow.handle_installation(bolt_request))
                return await to_aiohttp_response(await flow.handle_callback(bolt_request))

            routes += [web.get(flow.install_path, oauth), web.get(flow.redirect_uri_path, oauth)]
    app.add_routes(routes)
    return app


async def start_site(app: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Serve `app`; returns the runner (to clean up) and the port really bound (port 0 picks one)."""
    runner = web.AppRunner(app, access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port)
    await site.start()
    server: Any = site._server  # the bound socket tells the real port when 0 was asked for
    bound = server.sockets[0].getsockname()[1] if server and server.sockets else port
    return runner, bound


def _stop_on_signals(stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # not on this platform / not the main thread
            pass


async def serve_http(bot: SlackBot, host: str, port: int, stop: asyncio.Event | None = None) -> int:
    stop = stop or asyncio.Event()
    _stop_on_signals(stop)
    await _check_token(bot)
    runner, bound = await start_site(web_app(bot), host, port)
    log.warning("credbot Slack app (HTTP mode) listening on http://%s:%d%s", host, bound, EVENTS_PATH)
    try:
        await stop.wait()
    finally:
        log.warning("credbot Slack app stopping")
        await _drain(bot)
        await runner.cleanup()
        await bot.close()
    return 0


async def serve_socket(bot: SlackBot, app_token: str, health_host: str, health_port: int | None,
                       stop: asyncio.Event | None = None) -> int:
    """Socket Mode: Slack pushes events over a websocket credbot opens (it reconnects by itself).

    The first websocket address is asked for here, so that an app token Slack refuses stops the
    start with Slack's word (SlackApiError) instead of being retried every few seconds for ever.
    """
    stop = stop or asyncio.Event()
    _stop_on_signals(stop)
    await _check_token(bot)
    handler = AsyncSocketModeHandler(bot.app, app_token, web_client=bot.app.client)
    try:
        handler.client.wss_uri = await handler.client.issue_new_wss_url()
    except BaseException:
        await handler.close_async()
        raise
    runner = None
    if health_port is not None:
        app = web_app(bot, events=False, connected=handler.client.is_connected)
        runner, bound = await start_site(app, health_host, health_port)
        log.warning("health and metrics on http://%s:%d/healthz", health_host, bound)
    await handler.connect_async()
    log.warning("credbot Slack app connected (Socket Mode)")
    try:
        await stop.wait()
    finally:
        log.warning("credbot Slack app stopping")
        await handler.close_async()
        await _drain(bot)
        if runner is not None:
            await runner.cleanup()
        await bot.close()
    return 0


async def _check_token(bot: SlackBot) -> None:
    """Single-workspace mode: fail at start with Slack's own word if the token is wrong."""
    client = bot.app.client
    if client.token:
        response = await client.auth_test()
        log.warning("signed in to Slack team %s as %s", response.get("team_id"), response.get("user_id"))


async def _drain(bot: SlackBot, timeout: float = 10.0) -> None:
    """Give replies being sent a moment to finish before the process exits."""
    pending = [t for t in asyncio.all_tasks() if t is not asyncio.current_task() and not t.done()
               and "run_ack_function_asynchronously" in repr(t.get_coro())]
    if pending:
        await asyncio.wait(pending, timeout=timeout)
