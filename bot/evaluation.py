"""Measuring the engine on labelled questions (`credbot eval`, and the benchmarks in bench/).

A label is an entry id or `intent:<name>`. Each question is asked as a conversation of its own, so
one answer cannot lean on the previous one.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine import Engine
from bot.messages import Incoming, Intent

OUT_OF_SCOPE = "intent:out-of-scope"


@dataclass(frozen=True)
class Example:
    question: str
    label: str
    kind: str = ""


@dataclass
class Report:
    total: int = 0
    knowledge_correct: int = 0
    knowledge_total: int = 0
    offered_first: int = 0  # "did you mean" with the right entry as its first suggestion
    by_kind: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    declined: int = 0
    out_of_scope_total: int = 0
    intent_correct: int = 0
    intent_total: int = 0
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[str, str, str, tuple[str, ...]]] = field(default_factory=list)  # question, expected, got, offered

    @property
    def top1(self) -> float:
        return self.knowledge_correct / self.knowledge_total if self.knowledge_total else 0.0

    @property
    def first_or_offered(self) -> float:
        """Answered right, or asked "did you mean" with the right entry first."""
        total = self.knowledge_correct + self.offered_first
        return total / self.knowledge_total if self.knowledge_total else 0.0

    @property
    def decline_rate(self) -> float:
        return self.declined / self.out_of_scope_total if self.out_of_scope_total else 0.0

    @property
    def intent_accuracy(self) -> float:
        return self.intent_correct / self.intent_total if self.intent_total else 0.0

    def summary(self, most: int = 10) -> dict:
        return {
            "questions": self.total,
            "top1": round(self.top1, 4),
            "knowledge_questions": self.knowledge_total,
            "top1_by_kind": {k: round(c / t, 4) for k, (c, t) in sorted(self.by_kind.items()) if t},
            "top1_or_offered_first": round(self.first_or_offered, 4),
            "out_of_scope_declined": round(self.decline_rate, 4),
            "out_of_scope_questions": self.out_of_scope_total,
            "intent_accuracy": round(self.intent_accuracy, 4),
            "intent_questions": self.intent_total,
            "confusions": [{"expected": e, "got": g, "count": n} for (e, g), n in self.confusions.most_common(most)],
        }

    def misses_text(self) -> str:
        """Each missed question with what it got: what staff read to find a missing phrasing."""
        lines = []
        for question, expected, got, offered in self.misses:
            lines.append(f"- {question}")
            lines.append(f"    expected {expected}, got {got}" + (f" (offered: {', '.join(offered)})" if offered else ""))
        return "\n".join(lines) or "no misses"

    def text(self, most: int = 10) -> str:
        s = self.summary(most)
        lines = [
            f"questions:              {s['questions']}",
            f"top-1 (knowledge):      {self.top1:.1%} of {self.knowledge_total}",
        ]
        lines += [f"  {kind:<21} {acc:.1%}" for kind, acc in s["top1_by_kind"].items()]
        lines += [
            f"  or offered first:     {self.first_or_offered:.1%} (\"did you mean\" with the right entry first)",
            f"out of scope declined:  {_share(self.decline_rate, self.out_of_scope_total)}",
            f"intents recognised:     {_share(self.intent_accuracy, self.intent_total)}",
            "most frequent confusions (expected -> got):",
        ]
        lines += [f"  {c['count']:>3}  {c['expected']} -> {c['got']}" for c in s["confusions"]] or ["  none"]
        return "\n".join(lines)


def _share(rate: float, total: int) -> str:
    """"93.1% of 116", or a plain "none in the file" rather than a misleading 0.0%."""
    return f"{rate:.1%} of {total}" if total else "none in the file"


def read_examples(path: Path) -> list[Example]:
    """Labelled lines; a bad line is reported with its number rather than skipped silently."""
    examples = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            examples.append(Example(str(row["q"]), str(row["topic"]), str(row.get("kind", ""))))
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: expected {{\"q\": ..., \"topic\": ...}} ({exc})") from None
    return examples


def label_of(intent: Intent, topic: str | None) -> str:
    if intent is Intent.FAQ and topic:
        return topic
    return f"intent:{intent.value}"


async def evaluate(engine: Engine, examples: list[Example]) -> Report:
    report = Report()
    for number, ex in enumerate(examples):
        reply = await engine.handle(Incoming(platform="eval", user=f"eval-{number}", text=ex.question))
        got = label_of(reply.intent, reply.topic)
        report.total += 1
        if ex.label == OUT_OF_SCOPE:
            report.out_of_scope_total += 1
            report.declined += got == OUT_OF_SCOPE
        elif ex.label.startswith("intent:"):
            report.intent_total += 1
            report.intent_correct += got == ex.label
        else:
            report.knowledge_total += 1
            report.knowledge_correct += got == ex.label
            report.offered_first += got != ex.label and reply.suggestions[:1] == (ex.label,)
            counts = report.by_kind[ex.kind or "all"]
            counts[0] += got == ex.label
            counts[1] += 1
        if got != ex.label:
            report.confusions[(ex.label, got)] += 1
            report.misses.append((ex.question, ex.label, got, reply.suggestions))
    return report


@dataclass
class FollowUpReport:
    correct: int = 0
    total: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (said, expected, got)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


async def evaluate_conversations(engine: Engine, conversations: list[list[dict]]) -> FollowUpReport:
    """Follow-up accuracy: every turn after the first, scored against what it should land on.

    `expect` is an entry id, `intent:<name>`, a list of those (any is right: the scope lines
    overlap), `from-suggestion-N` (the Nth topic the previous reply offered), or null (the turn
    only sets the scene).
    """
    report = FollowUpReport()
    for number, turns in enumerate(conversations):
        previous = None
        for position, turn in enumerate(turns):
            incoming = Incoming(platform="eval", channel="conv", user=f"conv-{number}", text=str(turn["say"]))
            reply = await engine.handle(incoming)
            expected = turn.get("expect")
            accepted = expected if isinstance(expected, list) else [expected] if expected else []
            if accepted and str(accepted[0]).startswith("from-suggestion-"):
                index = int(accepted[0].rsplit("-", 1)[1]) - 1
                offered = list(previous.suggestions) if previous else []
                accepted = [offered[index] if index < len(offered) else "(nothing offered)"]
            got = label_of(reply.intent, reply.topic)
            if position > 0 and accepted:
                report.total += 1
                if got in accepted:
                    report.correct += 1
                else:
                    report.misses.append((str(turn["say"]), " or ".join(accepted), got))
            previous = reply
    return report


def read_conversations(path: Path) -> list[list[dict]]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [c["turns"] for c in data["conversations"]]
