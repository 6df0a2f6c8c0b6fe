"""Reloading the knowledge base when staff save a file (CREDBOT_WATCH_KNOWLEDGE=1).

Polling file times every couple of seconds is dull but works the same on every system and inside
containers, with no extra dependency. A save that leaves the base invalid keeps the last good one
(the engine's reload does that) and logs the problems.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from bot.engine import Engine

log = logging.getLogger(__name__)


def fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    files = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".md", ".yaml", ".yml") and path.is_file():
            stat = path.stat()
            files.append((str(path.relative_to(folder)), stat.st_mtime_ns, stat.st_size))
    return tuple(files)


class KnowledgeWatcher:
    def __init__(self, engine: Engine, interval: float = 2.0):
        self.engine = engine
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="credbot-knowledge-watch", daemon=True)
        self.reloads = 0

    def start(self) -> KnowledgeWatcher:
        self._seen = fingerprint(self.engine.knowledge.directory)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def check(self) -> bool:
        """Reload if anything changed since the last look; True when a reload was attempted."""
        current = fingerprint(self.engine.knowledge.directory)
        if current == self._seen:
            return False
        self._seen = current
        result = self.engine.reload()
        self.reloads += 1
        if result.errors:
            log.warning("knowledge files changed but have %d error(s); still answering from the last good base",
                        len(result.errors))
        else:
            log.info("knowledge files changed: reloaded %d entries", len(self.engine.knowledge.entries))
        return True

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.check()
            except Exception:
                log.exception("watching the knowledge folder failed; will try again")
