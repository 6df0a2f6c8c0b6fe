"""How common a word is in ordinary English, so typo correction leaves real words alone.

Correction maps a word the knowledge base has never seen to the closest word it has. Without a
check "expert" became "export", and "what is an ExpertTrack" met the entry on exporting badges. A
real word is now kept when it is at least as common in English as the word it would become (the
noisy-channel idea behind spelling correctors): "expert" is far more common than "export", while
"badger" typed for "badges" is still corrected. The counts are pyspellchecker's English frequency
list (words seen in large bodies of text); the misspellings learners make ("acredited", "recieve",
"bagde") are not in it.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

import numpy as np


@cache
def _table() -> tuple[np.ndarray, np.ndarray]:
    """Sorted 64-bit hashes of the words and their counts: 2.5 MB where a dict of strings takes 25."""
    data = resources.files("spellchecker").joinpath("resources", "en.json.gz").read_bytes()
    counts: dict[str, int] = json.loads(gzip.decompress(data))
    hashes = np.fromiter((hash(w) for w in counts), dtype=np.int64, count=len(counts))
    values = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    order = np.argsort(hashes)
    return hashes[order], values[order]


def prepare_english() -> None:
    """Read the list (about 0.1 s, once per process) ahead of the first lookup."""
    _table()


def english_count(word: str) -> int:
    """How often `word` occurs in the English list; 0 when it is not an English word."""
    hashes, values = _table()
    key = hash(word)
    at = int(np.searchsorted(hashes, key))
    return int(values[at]) if at < len(hashes) and int(hashes[at]) == key else 0


# Occurrences in the list that make a word an everyday one: "which", "data", "project", not "que",
# "python" or "scrum".
EVERYDAY = 20_000


def is_everyday(word: str) -> bool:
    """Whether `word` is an everyday English word (so it names nothing in particular on its own)."""
    return english_count(word) >= EVERYDAY
