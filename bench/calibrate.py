"""Fit the confidence model on labelled questions and show how well calibrated it is.

The engine turns two numbers into a confidence: the best entry's score and its lead over the
runner-up. This script fits a logistic model P(best entry is right | score, lead) on a labelled
file (out-of-scope questions count as "wrong whatever is answered"), prints the coefficients to put
in bot/retrieval.py, and a reliability table: in each confidence band, how often the answer was
right. Run: python bench/calibrate.py ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.retrieval import KnowledgeIndex, _confidence  # noqa: E402
from bot.understanding import detect_intent  # noqa: E402
from knowledge.loader import load_knowledge  # noqa: E402


def features(index: KnowledgeIndex, question: str) -> tuple[tuple[float, float], str | None]:
    ranking = index.search(question)
    best = ranking.matches[0].topic if ranking.matches and ranking.decline is None else None
    return ranking.evidence, best


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/eval/dev.jsonl")
    index = KnowledgeIndex(load_knowledge())
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    X, y = [], []
    for row in rows:
        label = row["topic"]
        if label.startswith("intent:") and label != "intent:out-of-scope":
            continue
        if detect_intent(row["q"]) is not None:
            continue
        evidence, best = features(index, row["q"])
        X.append(evidence)
        y.append(1.0 if best == label else 0.0)
    X_arr, y_arr = np.array(X), np.array(y)
    w, b = np.zeros(2), 0.0
    for _ in range(20000):  # plain gradient descent: two features need nothing fancier
        p = 1 / (1 + np.exp(-(X_arr @ w + b)))
        w -= 0.5 * (X_arr.T @ (p - y_arr)) / len(y_arr)
        b -= 0.5 * float(np.mean(p - y_arr))
    mode = "with meaning" if index.meaning is not None else "word matches only (CREDBOT_SEMANTIC=0)"
    print(f"{len(y_arr)} questions, {mode}; fitted: z = {w[0]:.2f} * score + {w[1]:.2f} * lead + {b:.2f}")
    current = np.array([_confidence(*x, with_meaning=index.meaning is not None) for x in X])
    print("reliability of the engine's confidence (band: right / answered):")
    for lo in np.arange(0.0, 1.0, 0.1):
        band = (current >= lo) & (current < lo + 0.1 + (1e-9 if lo >= 0.9 else 0))
        if band.any():
            print(f"  {lo:.1f}-{lo + 0.1:.1f}: {y_arr[band].mean():.2f} of {int(band.sum())}")


if __name__ == "__main__":
    main()
