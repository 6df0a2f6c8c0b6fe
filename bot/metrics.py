"""Prometheus metrics for the core: questions, answers by outcome, latency, errors.

Counted in the engine, so every adapter reports the same numbers; an adapter that serves HTTP
exposes them at `/metrics` with `exposition()`. One registry per process: counters only ever go up,
which is what Prometheus expects across engine reloads.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry(auto_describe=True)

QUESTIONS = Counter("credbot_questions_total", "Messages and clicks handled", ["platform"], registry=REGISTRY)
ANSWERS = Counter("credbot_answers_total", "Replies by intent and outcome", ["platform", "intent", "outcome"],
                  registry=REGISTRY)
LATENCY = Histogram("credbot_answer_seconds", "Time to produce a reply in the engine", ["platform"],
                    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
                    registry=REGISTRY)
ERRORS = Counter("credbot_errors_total", "Failures, by where they happened", ["where"], registry=REGISTRY)


def outcome_of(intent: str, declined: str | None, suggestions: int) -> str:
    if intent == "faq":
        return "answered"
    if declined == "unsure" or (intent == "out-of-scope" and suggestions):
        return "unsure"
    if intent == "out-of-scope":
        return "declined"
    return "other"


def exposition() -> tuple[bytes, str]:
    """The Prometheus text format and its content type, for a `/metrics` handler."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
