"""Engine speed and memory: index build time, per-question latency, resident memory.

Prints numbers; asserts nothing. Run: python bench/engine_speed.py [--entries 10000]
Targets from the core issue: build < 1 s for the bundled base, p99 < 5 ms a question in-process,
p99 < 25 ms with a synthetic 10,000-entry base, resident memory < 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine import Engine  # noqa: E402
from bot.messages import Incoming  # noqa: E402
from bot.settings import Settings  # noqa: E402
from knowledge.loader import KnowledgeBase, load_knowledge  # noqa: E402
from knowledge.schema import Entry  # noqa: E402


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def rss_now_mb() -> float:
    """Resident memory at this moment (the peak above never comes down)."""
    with open("/proc/self/status") as status:
        return int(status.read().split("VmRSS:")[1].split()[0]) / 1024


def questions_from(kb: KnowledgeBase, rng: random.Random, n: int) -> list[str]:
    """Realistic load: the indexed phrasings, reworded a little (dropped words, a typo)."""
    pool = [q for e in kb.entries.values() for q in e.questions]
    out = []
    for _ in range(n):
        words = rng.choice(pool).split()
        if len(words) > 3 and rng.random() < 0.5:
            words.pop(rng.randrange(len(words)))
        if rng.random() < 0.3:
            i = rng.randrange(len(words))
            w = words[i]
            if len(w) > 4:
                j = rng.randrange(1, len(w) - 1)
                words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        out.append(" ".join(words))
    return out + ["what's the weather tomorrow", "how do I reset my password", "hi", "help"]


def synthetic(kb: KnowledgeBase, size: int, rng: random.Random) -> KnowledgeBase:
    """A knowledge base of `size` entries whose words follow the bundled base's vocabulary."""
    vocab = sorted({w.lower().strip("?.,") for e in kb.entries.values() for q in e.questions for w in q.split()})
    vocab += [f"term{i}" for i in range(20_000)]  # rare words, as a big real base would have
    entries = {}
    for i in range(size):
        qs = [" ".join(rng.choices(vocab, k=rng.randint(4, 12))) for _ in range(12)]
        answer = " ".join(rng.choices(vocab, k=150))
        entries[f"topic-{i}"] = Entry(id=f"topic-{i}", title=" ".join(rng.choices(vocab, k=5)), questions=qs,
                                      answer=answer, tags=rng.choices(vocab, k=4), updated=dt.date(2026, 1, 1))
    return KnowledgeBase(kb.directory, entries, kb.synonyms, kb.declines, [])


async def latencies(engine: Engine, questions: list[str]) -> list[float]:
    times = []
    for n, q in enumerate(questions):
        start = time.perf_counter()
        await engine.handle(Incoming(user=f"bench-{n}", text=q))
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(label: str, times: list[float]) -> None:
    times = sorted(times)
    pct = lambda p: times[min(len(times) - 1, int(p / 100 * len(times)))]  # noqa: E731
    print(f"{label}: {len(times)} questions  p50 {pct(50):.2f} ms  p95 {pct(95):.2f} ms  "
          f"p99 {pct(99):.2f} ms  max {times[-1]:.2f} ms  mean {statistics.mean(times):.2f} ms")


RUNTIME_RSS = """
import asyncio, resource, tempfile, os
os.environ.setdefault("DATABASE_URL", "sqlite:///" + os.path.join(tempfile.mkdtemp(), "bench.sqlite3"))
from bot.runtime import running
from bot.messages import Incoming
with running() as rt:
    for q in ["can a badge expire", "what is credly", "hi", "show my badges", "what is the weather"]:
        asyncio.run(rt.engine.handle(Incoming(text=q)))
    rss = open("/proc/self/status").read().split("VmRSS:")[1].split()[0]
    print(int(rss) // 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def runtime_memory() -> str:
    """Resident memory of a whole credbot process (engine, database, badges, staff tools) on the
    bundled base, measured in a fresh interpreter so this benchmark's own data does not count."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", RUNTIME_RSS], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], timeout=120)
    if out.returncode != 0:
        return f"could not measure ({out.stderr.strip().splitlines()[-1] if out.stderr else 'no output'})"
    now, peak = out.stdout.split()
    return f"{now} MB now, {peak} MB peak"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=2000)
    args = parser.parse_args()
    rng = random.Random(7)

    start = time.perf_counter()
    kb = load_knowledge()
    loaded = time.perf_counter()
    engine = Engine(kb)
    built = time.perf_counter()
    mode = "words and meaning" if engine.index.meaning is not None else "words only"
    print(f"matching by {mode} (CREDBOT_SEMANTIC); vectors cached in {Settings().cache_dir}")
    print(f"bundled base: {len(kb.entries)} entries; load {1000 * (loaded - start):.0f} ms, "
          f"index build {1000 * (built - loaded):.0f} ms")
    qs = questions_from(kb, rng, args.questions)
    asyncio.run(latencies(engine, qs[:50]))  # warm-up
    report("bundled base", asyncio.run(latencies(engine, qs)))
    print(f"resident memory (peak) after bundled base: {rss_mb():.0f} MB")
    print(f"a whole credbot process on the bundled base: {runtime_memory()}")

    before = rss_now_mb()
    big = synthetic(kb, args.entries, rng)
    with_base = rss_now_mb()
    start = time.perf_counter()
    big_engine = Engine(big)
    print(f"synthetic base: {len(big.entries)} entries; index build {time.perf_counter() - start:.1f} s")
    print(f"synthetic base in memory: the entries {with_base - before:.0f} MB, their index "
          f"{rss_now_mb() - with_base:.0f} MB more")
    big_qs = [" ".join(rng.choice(list(big.entries.values())).questions[0].split()[:6]) for _ in range(args.questions // 2)]
    report("synthetic base", asyncio.run(latencies(big_engine, big_qs + qs[: args.questions // 2])))
    print(f"resident memory (peak) with both: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
