"""Slack HTTP mode under load: events per second with every ack under 3 s, and ack latency.

Starts the real `credbot run slack` process on loopback against a fake Slack Web API (the one the
tests use), then has N concurrent conversations each send signed mentions one after another.
Ack latency is the time to the HTTP response (what Slack's 3-second rule is about); replies are
counted as they arrive at the fake `chat.postMessage`.

    python bench/slack_http.py [--conversations 200] [--per-conversation 10]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.slack.serve import start_site  # noqa: E402
from tests.slack.fakes import FakeSlack, sign  # noqa: E402

SECRET = "bench-secret"
QUESTIONS = ["can a badge expire?", "what is a micro-credential?", "how do I add my badge to linkedin?",
             "is a micromasters a degree?", "what is open badges 3.0?", "do employers value badges?"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def conversation(session: aiohttp.ClientSession, url: str, number: int, turns: int,
                       latencies: list[float]) -> None:
    for turn in range(turns):
        ts = f"17000{number:05d}.{turn:06d}"
        body = json.dumps({"token": "t", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                           "event_id": f"Ev{number}-{turn}", "event_time": int(time.time()),
                           "event": {"type": "app_mention", "user": f"U{number}", "channel": f"C{number % 20}",
                                     "text": f"<@UBOT> {QUESTIONS[(number + turn) % len(QUESTIONS)]}",
                                     "ts": ts, "event_ts": ts}})
        headers = {"Content-Type": "application/json", **sign(SECRET, body)}
        start = time.perf_counter()
        async with session.post(url, data=body, headers=headers) as response:
            await response.read()
            assert response.status == 200, response.status
        latencies.append(time.perf_counter() - start)


async def main(conversations: int, turns: int) -> None:
    fake = FakeSlack()
    runner, fake.port = await start_site(fake.app(), "127.0.0.1", 0)
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3", "SLACK_BOT_TOKEN": "xoxb-bench",
               "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url, "PYTHONPATH": str(ROOT)}
        process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "slack", "--port", str(port),
                                    "--host", "127.0.0.1"], env=env, cwd=tmp, stderr=subprocess.DEVNULL)
        try:
            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=conversations)) as session:
                for _ in range(300):
                    try:
                        async with session.get(f"http://127.0.0.1:{port}/healthz") as r:
                            if r.status == 200:
                                break
                    except aiohttp.ClientConnectionError:
                        await asyncio.sleep(0.05)
                latencies: list[float] = []
                url = f"http://127.0.0.1:{port}/slack/events"
                start = time.perf_counter()
                await asyncio.gather(*(conversation(session, url, n, turns, latencies) for n in range(conversations)))
                acked = time.perf_counter() - start
                total = conversations * turns
                deadline = time.perf_counter() + 60
                while len(fake.of("chat.postMessage")) < total and time.perf_counter() < deadline:
                    await asyncio.sleep(0.05)
                answered = time.perf_counter() - start
                bot_cpu = sum(psutil.Process(process.pid).cpu_times()[:2])
                own_cpu = sum(psutil.Process().cpu_times()[:2])
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    await runner.cleanup()
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    replies = len(fake.of("chat.postMessage"))
    print(f"{conversations} concurrent conversations x {turns} mentions = {total} events")
    print(f"acked in {acked:.2f} s: {total / acked:.0f} events/s; all {replies} replies posted after {answered:.2f} s "
          f"({replies / answered:.0f} answered/s)")
    print(f"ack latency ms: p50 {p(0.5):.1f}  p90 {p(0.9):.1f}  p99 {p(0.99):.1f}  max {latencies[-1] * 1000:.1f}  "
          f"mean {statistics.mean(latencies) * 1000:.1f}; over 3 s: {sum(1 for x in latencies if x >= 3)}")
    print(f"CPU seconds: bot process {bot_cpu:.1f} (start-up included), load generator and fake Slack {own_cpu:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=200)
    parser.add_argument("--per-conversation", type=int, default=10)
    args = parser.parse_args()
    asyncio.run(main(args.conversations, args.per_conversation))
