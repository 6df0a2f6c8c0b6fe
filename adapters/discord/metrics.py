"""Counters for the adapter, served as Prometheus text by the health server.

Just what an operator needs to see the adapter is keeping up: events by kind, errors, and how
long the first response to an interaction took (Discord's limit is 3 seconds).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0)


@dataclass
class Metrics:
    events: Counter = field(default_factory=Counter)
    errors: int = 0
    deferred: int = 0
    syncs: int = 0
    first_response_count: int = 0
    first_response_sum: float = 0.0
    first_response_buckets: list[int] = field(default_factory=lambda: [0] * len(BUCKETS))

    def first_response(self, seconds: float) -> None:
        self.first_response_count += 1
        self.first_response_sum += seconds
        for i, bound in enumerate(BUCKETS):
            if seconds <= bound:
                self.first_response_buckets[i] += 1

    def text(self) -> str:
        lines = ["# TYPE credbot_discord_events_total counter"]
        lines += [f'credbot_discord_events_total{{kind="{kind}"}} {n}' for kind, n in sorted(self.events.items())]
        lines += ["# TYPE credbot_discord_errors_total counter", f"credbot_discord_errors_total {self.errors}",
                  "# TYPE credbot_discord_deferred_total counter", f"credbot_discord_deferred_total {self.deferred}",
                  "# TYPE credbot_discord_command_syncs_total counter",
                  f"credbot_discord_command_syncs_total {self.syncs}",
                  "# TYPE credbot_discord_first_response_seconds histogram"]
        lines += [f'credbot_discord_first_response_seconds_bucket{{le="{bound}"}} {n}'
                  for bound, n in zip(BUCKETS, self.first_response_buckets)]
        lines += [f'credbot_discord_first_response_seconds_bucket{{le="+Inf"}} {self.first_response_count}',
                  f"credbot_discord_first_response_seconds_sum {self.first_response_sum:.6f}",
                  f"credbot_discord_first_response_seconds_count {self.first_response_count}"]
        return "\n".join(lines) + "\n"
