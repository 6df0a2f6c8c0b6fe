"""Discord adapter speed: `/ask` interactions per second and time to first response.

Runs the real `credbot run discord` in its own process against the test suite's fake Discord
(REST and gateway on 127.0.0.1), then has N concurrent users each ask several questions in turn,
each waiting for its answer before asking the next. The time to first response is measured at
the fake, from sending INTERACTION_CREATE to receiving the interaction callback; Discord's limit
is 3 seconds.

    python bench/discord_interactions.py [--users 200] [--rounds 5] [--shards 1]

With `--shards N` the bot runs the auto-sharded client (`DISCORD_SHARDS=N`) and the users are
spread over N servers, one on each shard.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from knowledge import BUNDLED_DIR  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402
from tests.discord.fake_discord import FakeDiscord, Request  # noqa: E402

LIMIT = 3.0


class TimedFake(FakeDiscord):
    """The fake, resolving a future when an interaction's callback arrives."""

    async def start(self) -> None:
        self.waiting: dict[str, asyncio.Future[float]] = {}
        await super().start()

    async def _record(self, req: Request) -> None:
        self.requests.append(req)
        if req.path.startswith("/interactions/") and req.path.endswith("/callback"):
            future = self.waiting.pop(req.path.split("/")[2], None)
            if future is not None and not future.done():
                future.set_result(req.at)
        if req.method == "PUT" or len(self.requests) < 10:
            async with self._changed:
                self._changed.notify_all()


def guilds_one_per_shard(shards: int) -> tuple[tuple[str, str], ...]:
    """(server id, channel id) pairs, server k on shard k: Discord's shard is (id >> 22) % shards."""
    base = (900000000000000000 >> 22) // shards * shards
    return tuple((str(((base + k) << 22) + 100), str(((base + k) << 22) + 200)) for k in range(shards))


async def ask(fake: TimedFake, question: str, user: str, guild: str) -> float:
    loop = asyncio.get_running_loop()
    iid = fake.next_id()
    future: asyncio.Future[float] = loop.create_future()
    fake.waiting[iid] = future
    payload = fake._interaction(2, {"id": fake.next_id(), "name": "ask", "type": 1,
                                    "options": [{"name": "question", "type": 3, "value": question}]},
                                author_id=user, roles=(), permissions=0x80000000 | 0x400 | 0x800, guild_id=guild)
    payload["id"], payload["token"] = iid, f"token-{iid}"
    sent = time.monotonic()
    await fake.dispatch("INTERACTION_CREATE", payload)
    arrived = await asyncio.wait_for(future, 30)
    return arrived - sent


async def main(users: int, rounds: int, shards: int) -> None:
    kb = load_knowledge(BUNDLED_DIR)
    questions = [q for entry in kb.entries.values() for q in entry.questions[:3]]
    guilds = guilds_one_per_shard(shards)
    fake = TimedFake(gateway_bot=False, guilds=guilds, max_concurrency=shards)
    await fake.start()
    folder = tempfile.mkdtemp(prefix="credbot-bench-")
    env = {**os.environ, "DISCORD_TOKEN": "bench", "DISCORD_API_URL": fake.api_url,
           "DISCORD_GATEWAY_URL": fake.gateway_url, "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3",
           "CREDBOT_LOG_LEVEL": "WARNING", **({"DISCORD_SHARDS": str(shards)} if shards > 1 else {})}
    process = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot.cli", "run", "discord", cwd=ROOT,
                                                   env=env)
    try:
        await asyncio.wait_for(fake.identified.wait(), 60)
        await fake.wait_for("PUT", "/commands", timeout=30)
        while len(fake.identifies) < shards:
            await asyncio.sleep(0.05)
        for guild, _ in guilds:  # warm up, and wait until every shard is connected
            await ask(fake, "what is a micro-credential?", "800000000000000000", guild)

        async def user(number: int) -> list[float]:
            uid = str(800000000000000001 + number)
            guild = guilds[number % len(guilds)][0]
            return [await ask(fake, questions[(number * rounds + r) % len(questions)], uid, guild)
                    for r in range(rounds)]

        started = time.monotonic()
        results = await asyncio.gather(*(user(n) for n in range(users)))
        elapsed = time.monotonic() - started
    finally:
        process.send_signal(signal.SIGTERM)
        await process.wait()
        await fake.stop()
    latencies = sorted(t for per_user in results for t in per_user)
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]  # noqa: E731
    late = sum(1 for t in latencies if t >= LIMIT)
    print(f"users {users}, shards {shards}, interactions {len(latencies)}, wall {elapsed:.2f}s")
    print(f"interactions/s {len(latencies) / elapsed:.1f} (first responses over {LIMIT:.0f}s: {late})")
    print(f"first response: p50 {p(0.50) * 1000:.0f} ms, p90 {p(0.90) * 1000:.0f} ms, "
          f"p99 {p(0.99) * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms, mean {statistics.mean(latencies) * 1000:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--shards", type=int, default=1)
    options = parser.parse_args()
    asyncio.run(main(options.users, options.rounds, options.shards))
