"""`CREDBOT_HTTP_PORT`: health (and the adapter's metrics) for orchestrators and monitoring.

`GET /healthz` is 200 once the gateway session is ready and 503 before (or after it is lost);
`GET /metrics` is Prometheus text.
"""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

from aiohttp import web

from bot import metrics as core_metrics

if TYPE_CHECKING:
    from adapters.discord.client import Credbot

log = logging.getLogger(__name__)


def app(bot: "Credbot") -> web.Application:
    async def healthz(request: web.Request) -> web.Response:
        ready = bot.is_ready() and not bot.is_closed()
        body = {"status": "ok" if ready else "starting", "platform": "discord", "ready": ready,
                "guilds": len(bot.guilds)}
        return web.Response(status=200 if ready else 503, text=json.dumps(body), content_type="application/json")

    async def metrics(request: web.Request) -> web.Response:
        core, content_type = core_metrics.exposition()  # questions, outcomes, latency, errors
        return web.Response(body=core + bot.metrics.text().encode(), headers={"Content-Type": content_type})

    application = web.Application()
    application.router.add_get("/healthz", healthz)
    application.router.add_get("/health", healthz)
    application.router.add_get("/metrics", metrics)
    return application


async def serve(bot: "Credbot", port: int, host: str = "0.0.0.0") -> web.AppRunner:
    runner = web.AppRunner(app(bot), access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    log.info("health on http://%s:%s/healthz", host, port)
    return runner
