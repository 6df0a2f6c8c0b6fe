"""Badge store and verifier speed: a learner's list with 1,000,000 awards stored, one
eddsa-rdfc-2022 verification with the bundled contexts, and a staff roster of 5,000 rows imported.

    python bench/badges.py [--awards 1000000] [--learners 100000] [--roster-rows 5000]

Prints percentiles; targets: list p99 under 10 ms on SQLite, verification under 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from bot import database  # noqa: E402
from bot.badges.fetch import Fetcher  # noqa: E402
from bot.badges.models import Award, BadgeClass, Identity, Issuer, Learner  # noqa: E402
from bot.badges.store import BadgeStore  # noqa: E402
from bot.badges.verify import verify_bytes  # noqa: E402


def fill(engine: sa.Engine, awards: int, learners: int) -> None:
    now = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(sa.insert(Issuer), [{"id": 1, "uri": "https://bench.test/issuer", "name": "Bench U"}])
        conn.execute(sa.insert(BadgeClass), [{"id": i, "uri": f"https://bench.test/b/{i}", "issuer_id": 1,
                                              "name": f"Badge {i}", "description": "", "criteria": "",
                                              "alignments": "[]", "tags": "[]"} for i in range(1, 201)])
        for start in range(1, learners + 1, 50_000):
            ids = range(start, min(start + 50_000, learners + 1))
            conn.execute(sa.insert(Learner), [{"id": i, "created_at": now} for i in ids])
            conn.execute(sa.insert(Identity), [{"learner_id": i, "platform": "bench", "workspace": "",
                                                "user_id": str(i), "created_at": now} for i in ids])
        rng = random.Random(1)
        batch = []
        for n in range(awards):
            batch.append({"learner_id": rng.randint(1, learners), "badge_class_id": rng.randint(1, 200),
                          "credential_key": f"{n:064x}", "format": "bench", "status": "verified",
                          "issued": now - dt.timedelta(minutes=n), "revoked": False, "evidence": "[]",
                          "source": "{}", "source_kind": "json", "report": "{}", "imported_at": now})
            if len(batch) == 50_000:
                conn.execute(sa.insert(Award), batch)
                batch.clear()
        if batch:
            conn.execute(sa.insert(Award), batch)


def roster(rows: int) -> None:
    """A roster as staff send one: a row an award, learners named by address, a few dozen badges."""
    from bot.badges.importing import import_roster

    lines = ["email,badge,issuer,issued,evidence"]
    lines += [f"learner{n % (rows * 2 // 5 or 1)}@example.org,Badge {n % 37},Issuer {n % 5},"
              f"2024-{1 + n % 12:02d}-{1 + n % 28:02d},https://example.org/evidence/{n}" for n in range(rows)]
    with tempfile.TemporaryDirectory() as tmp:
        engine = database.create(f"sqlite:///{tmp}/roster.sqlite3")
        database.upgrade(engine)
        started = time.perf_counter()
        results = import_roster(BadgeStore(engine), "\n".join(lines) + "\n", "bench.csv")
        took = time.perf_counter() - started
        assert len(results) == rows and all(r.ok for r in results)
        print(f"roster import (SQLite, one transaction): {rows:,} rows in {took:.1f} s, {rows / took:.0f} rows/s")
        engine.dispose()


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p = lambda q: ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {p(0.5):.2f} ms, p95 {p(0.95):.2f} ms, p99 {p(0.99):.2f} ms, max {ordered[-1] * 1000:.2f} ms"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--awards", type=int, default=1_000_000)
    parser.add_argument("--learners", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=2000)
    parser.add_argument("--roster-rows", type=int, default=5000)
    args = parser.parse_args()
    roster(args.roster_rows)
    with tempfile.TemporaryDirectory() as tmp:
        engine = database.create(f"sqlite:///{tmp}/bench.sqlite3")
        database.upgrade(engine)
        started = time.perf_counter()
        fill(engine, args.awards, args.learners)
        print(f"store: {args.awards:,} awards for {args.learners:,} learners, filled in "
              f"{time.perf_counter() - started:.1f} s")
        store = BadgeStore(engine)
        rng = random.Random(2)
        samples, sizes = [], []
        for _ in range(args.queries):
            learner = rng.randint(1, args.learners)
            t = time.perf_counter()
            awards = store.awards(learner, limit=21)
            samples.append(time.perf_counter() - t)
            sizes.append(len(awards))
        print(f"learner's badge list (newest 21, SQLite): {percentiles(samples)}; "
              f"{statistics.mean(sizes):.1f} awards per list")
        engine.dispose()

    from tests.badges.issuing import Issuer as TestIssuer

    issuer = TestIssuer()
    document = json.dumps(issuer.sign(issuer.credential(status_index=3))).encode()
    docs = [issuer.profile(), issuer.status_list({5})]
    verify_bytes(document, Fetcher(docs, offline=True))  # first call loads pyld and the contexts
    samples = []
    for _ in range(200):
        t = time.perf_counter()
        _, report = verify_bytes(document, Fetcher(docs, offline=True))
        samples.append(time.perf_counter() - t)
    assert report.status == "verified"
    print(f"verify eddsa-rdfc-2022 credential + signed status list, bundled contexts: {percentiles(samples)}")
    samples = []
    single = json.dumps(issuer.sign(issuer.credential())).encode()
    for _ in range(200):
        t = time.perf_counter()
        verify_bytes(single, Fetcher([issuer.profile()], offline=True))
        samples.append(time.perf_counter() - t)
    print(f"verify eddsa-rdfc-2022 credential alone: {percentiles(samples)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
