"""Answer quality: the engine against a naive baseline, under typos, and on follow-ups.

Prints numbers; asserts nothing. Run: python bench/quality.py [../shared/eval/dev.jsonl]

* engine: top-1 on knowledge questions and the share of out-of-scope questions declined, as
  `credbot eval` reports them;
* baseline: rapidfuzz `extractOne` with WRatio over every entry's title and phrasings (lowercased,
  punctuation stripped), answering when the best score clears a threshold; the threshold is tuned
  on the same file to the baseline's best mean of the two figures, so the comparison flatters it;
* typos: the knowledge questions again with about one typo in every 20 letters, and the share of
  the clean top-1 that survives, over ten seeded draws (mean, worst, best);
* follow-ups: accuracy on the conversations in tests/data/conversations.yaml;
* scope questions: tests/data/scope_questions.jsonl, 186 questions written from the scope lines of
  knowledge-topics.md alone, by a writer who saw neither the knowledge base nor dev.jsonl (three per
  topic: short, full, long; and 12 to decline). Nothing is tuned on it: it is the check that what
  helps on dev.jsonl helps elsewhere too;
* chat questions: tests/data/chat_questions.jsonl, 126 messages written the same way at stop 11 (two
  per topic, one short and one long, typed the way people write in Slack or Discord, and 10 to
  decline). Its first run found two intent bugs, since fixed (91.4% before, 93.1% after);
* voices: tests/data/voices.jsonl, 199 questions written at stop 13 by a writer who read only
  knowledge-topics.md (not the entries, dev.jsonl or the other sets) and never ran credbot: for
  each topic, one typed the way a learner chats, one that tells a situation first, one as staff,
  an employer or an instructor would ask; and 25 to decline. First run, before anything was changed
  for it: top-1 91.4% (learner 89.7%, context 91.4%, staff 93.1%), declined 96.0%. Its misses were
  read and two fixed that stop (filler words, a phrasing on legit or scam), so it is held out
  no longer;
* boundaries: tests/data/boundaries.jsonl, questions written from the boundary notes of
  knowledge-topics.md, most of them naming a platform ("does my Coursera certificate expire?" is
  about expiry, "is Coursera worth it?" about Coursera, "I forgot my Credly password" is declined).
* platform questions: tests/data/platform_questions.jsonl, the same boundary notes as templates
  filled in with each platform: a verdict ("is Badgr any good", "is Udacity a scam", 130) answered
  by the platform's entry, and a lifecycle question ("does my FutureLearn certificate expire", 252)
  answered by the lifecycle topic. Written at stop 12; the verdict phrasings added to the platform
  entries that stop were prompted by its first run, so it is not held out.
* near-domain questions: tests/data/near_domain.jsonl, 30 questions close to the domain to decline
  (an SSL or birth certificate, GitHub achievements, a Coursera password) and 15 in scope that use
  words of other fields ("is there a micro-credential in JavaScript?"). Written at stop 12 and used
  to fix what it found, so not held out either.
* FAQ and forum questions: tests/data/faq_forum.jsonl, written at stop 36 by a writer who read only
  knowledge-topics.md: for each topic one question as a provider's own FAQ page words it ("Are your
  badges compliant with Open Badges 3.0?") and one as a help forum post with its details, and 16 to
  decline. First run, before anything was changed for it: top-1 94.0% (faq 93.1%, forum 94.8%),
  declined 100%.
"""

from __future__ import annotations

import asyncio
import random
import re
import sys
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402
from bot.evaluation import (  # noqa: E402
    OUT_OF_SCOPE,
    Example,
    Report,
    evaluate,
    evaluate_conversations,
    read_conversations,
    read_examples,
)
from knowledge.loader import KnowledgeBase, load_knowledge  # noqa: E402

KEYBOARD = "qwertyuiop asdfghjkl zxcvbnm"
TYPO_SEEDS = 10


def plain(text: str) -> str:
    return re.sub(r"[^\w\s]", " ", text.lower()).strip()


def baseline(kb: KnowledgeBase, examples: list[Example]) -> tuple[float, float, float]:
    choices, owners = [], []
    for entry in kb.entries.values():
        for phrasing in [entry.title, *entry.questions]:
            choices.append(plain(phrasing))
            owners.append(entry.id)
    scored = []
    for ex in examples:
        hit = process.extractOne(plain(ex.question), choices, scorer=fuzz.WRatio)
        scored.append((ex, owners[hit[2]] if hit else None, hit[1] if hit else 0.0))
    best = (0.0, 0.0, 0.0, 0.0)
    for threshold in range(0, 101):
        knowledge = [(ex, got, s) for ex, got, s in scored if not ex.label.startswith("intent:")]
        oos = [(ex, got, s) for ex, got, s in scored if ex.label == OUT_OF_SCOPE]
        top1 = sum(1 for ex, got, s in knowledge if s >= threshold and got == ex.label) / max(1, len(knowledge))
        declined = sum(1 for _, _, s in oos if s < threshold) / max(1, len(oos))
        if (top1 + declined) / 2 > best[0]:
            best = ((top1 + declined) / 2, top1, declined, threshold)
    return best[1], best[2], best[3]


def typo(text: str, rng: random.Random, every: int = 20) -> str:
    chars = list(text)
    letters = [i for i, c in enumerate(chars) if c.isalpha()]
    for _ in range(max(1, round(len(letters) / every)) if letters else 0):
        i = rng.choice(letters)
        if i >= len(chars) or not chars[i].isalpha():
            continue
        op = rng.choice(["swap", "drop", "double", "near"])
        if op == "swap" and i + 1 < len(chars) and chars[i + 1].isalpha():
            chars[i], chars[i + 1] = chars[i + 1], chars[i]
        elif op == "drop":
            chars[i] = ""
        elif op == "double":
            chars[i] = chars[i] * 2
        else:
            row = next((r for r in KEYBOARD.split() if chars[i].lower() in r), None)
            if row:
                j = row.index(chars[i].lower())
                chars[i] = row[max(0, min(len(row) - 1, j + rng.choice([-1, 1])))]
    return "".join(chars)


def kinds(report: Report) -> str:
    """Top-1 for each kind of question in a file ("short 96.5%, long 89.7%")."""
    return ", ".join(f"{kind} {share:.1%}" for kind, share in report.summary()["top1_by_kind"].items())


async def main() -> None:
    dev = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval" / "dev.jsonl"
    kb = load_knowledge()
    engine = Engine(kb)
    if dev.exists():
        examples = read_examples(dev)
        report = await evaluate(engine, examples)
        mean = (report.top1 + report.decline_rate) / 2
        print(f"engine:   top-1 {report.top1:.1%} of {report.knowledge_total}, out of scope declined "
              f"{report.decline_rate:.1%} of {report.out_of_scope_total}, intents {report.intent_accuracy:.1%}; "
              f"mean {mean:.1%}")
        b_top1, b_declined, threshold = baseline(kb, examples)
        b_mean = (b_top1 + b_declined) / 2
        print(f"baseline: top-1 {b_top1:.1%}, out of scope declined {b_declined:.1%} (WRatio threshold {threshold}); "
              f"mean {b_mean:.1%}")
        print(f"lead over the baseline: {100 * (mean - b_mean):.1f} points")

        # One draw of typos can flatter or punish by several points: report ten seeded draws.
        knowledge = [ex for ex in examples if not ex.label.startswith("intent:")]
        clean = await evaluate(Engine(kb), knowledge)
        kept = []
        for seed in range(TYPO_SEEDS):
            rng = random.Random(seed)
            noisy = [Example(typo(ex.question, rng), ex.label, ex.kind) for ex in knowledge]
            typed = await evaluate(Engine(kb), noisy)
            kept.append(typed.top1 / clean.top1 if clean.top1 else 0.0)
        print(f"typos (1 per 20 letters, {TYPO_SEEDS} draws): clean top-1 {clean.top1:.1%}; kept mean "
              f"{sum(kept) / len(kept):.1%}, worst {min(kept):.1%}, best {max(kept):.1%}")
        print("most frequent confusions left:")
        for (expected, got), count in report.confusions.most_common(5):
            print(f"  {count}  {expected} -> {got}")
    else:
        print(f"{dev} is absent: skipping the labelled-question figures")

    conversations = read_conversations(ROOT / "tests" / "data" / "conversations.yaml")
    follow = await evaluate_conversations(Engine(kb), conversations)
    print(f"follow-ups: {follow.accuracy:.1%} of {follow.total} turns")
    for said, expected, got in follow.misses:
        print(f"  missed: {said!r}: expected {expected}, got {got}")

    for label, name in (("scope questions", "scope_questions.jsonl"), ("chat questions", "chat_questions.jsonl"),
                        ("voices", "voices.jsonl"), ("FAQ and forum questions", "faq_forum.jsonl")):
        held = await evaluate(Engine(kb), read_examples(ROOT / "tests" / "data" / name))
        print(f"{label}: top-1 {held.top1:.1%} of {held.knowledge_total} "
              f"({kinds(held)}), "
              f"declined {held.decline_rate:.1%} of {held.out_of_scope_total}")

    boundaries = await evaluate(Engine(kb), read_examples(ROOT / "tests" / "data" / "boundaries.jsonl"))
    print(f"boundaries: top-1 {boundaries.top1:.1%} of {boundaries.knowledge_total}, "
          f"declined {boundaries.decline_rate:.1%} of {boundaries.out_of_scope_total}")
    for (expected, got), count in boundaries.confusions.most_common():
        print(f"  {count}  {expected} -> {got}")

    platforms = await evaluate(Engine(kb), read_examples(ROOT / "tests" / "data" / "platform_questions.jsonl"))
    print(f"platform questions: top-1 {platforms.top1:.1%} of {platforms.knowledge_total} "
          f"({kinds(platforms)})")
    near = await evaluate(Engine(kb), read_examples(ROOT / "tests" / "data" / "near_domain.jsonl"))
    print(f"near-domain questions: declined {near.decline_rate:.1%} of {near.out_of_scope_total}, "
          f"in scope answered right {near.top1:.1%} of {near.knowledge_total}")


if __name__ == "__main__":
    asyncio.run(main())
