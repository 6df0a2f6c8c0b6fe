"""Meaning-level similarity between a question and each entry's phrasings.

The lexical scores in `bot.retrieval` reward shared words; this adds how close the question is in
meaning to the nearest phrasing of each entry (cosine of sentence vectors), so paraphrases with no
word in common still find their entry. It is an option, off by default (`CREDBOT_SEMANTIC=1` turns it on,
after `pip install '.[semantic]' in credbot's folder`): on the development questions it ranks the right entry
first more often, but declines out-of-scope questions less reliably, and it costs about 90 MB of
memory and about 10 ms a question (README, "Matching by meaning"). Where the model cannot be loaded,
retrieval stays lexical and `credbot doctor` says why.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import numpy as np

from bot.sentence_encoder import EncoderUnavailable, SentenceEncoder
from bot.vector_cache import VectorCache

log = logging.getLogger(__name__)

_shared: dict[str, SentenceEncoder | None] = {}
_shared_lock = threading.Lock()


def default_encoder() -> SentenceEncoder | None:
    """The process's one encoder (its weights never change, so every index shares them), or None."""
    from bot.settings import Settings

    settings = Settings()
    if not settings.semantic:
        return None
    key = str(settings.embedding_model_dir or "")
    with _shared_lock:
        if key not in _shared:
            try:
                _shared[key] = SentenceEncoder(settings.embedding_model_dir)
            except EncoderUnavailable as exc:
                log.warning("answering on word matches only: %s", exc)
                _shared[key] = None
        return _shared[key]


def default_cache(encoder: SentenceEncoder) -> VectorCache | None:
    from bot.settings import Settings

    directory = Settings().cache_dir
    return VectorCache(Path(directory), encoder.fingerprint, encoder.dimensions) if directory else None


class PhrasingVectors:
    """Every phrasing of every document as a unit vector, and which document it belongs to."""

    def __init__(self, encoder: SentenceEncoder, phrasings: list[list[str]], cache: VectorCache | None = None):
        self.encoder = encoder
        texts = [text for doc in phrasings for text in doc]
        self._owner = np.array([i for i, doc in enumerate(phrasings) for _ in doc], dtype=np.int64)
        self._n_docs = len(phrasings)
        self._matrix = self._vectors(texts, cache)

    def _vectors(self, texts: list[str], cache: VectorCache | None) -> np.ndarray:
        matrix = np.zeros((len(texts), self.encoder.dimensions), dtype=np.float32)
        found = cache.lookup(texts) if cache else [None] * len(texts)
        missing = [i for i, v in enumerate(found) if v is None]
        for i, v in enumerate(found):
            if v is not None:
                matrix[i] = v
        if missing:
            if len(missing) > 200:
                log.info("encoding %d phrasings (once: they are cached for the next start)", len(missing))
            fresh = self.encoder.encode([texts[i] for i in missing])
            matrix[missing] = fresh
            if cache:
                cache.store([texts[i] for i in missing], fresh)
        return matrix

    def similarity(self, text: str) -> np.ndarray:
        """Per document, the cosine between the text and its closest phrasing (0 where it has none)."""
        best = np.zeros(self._n_docs, dtype=np.float32)
        if len(self._matrix):
            cosines = self._matrix @ self.encoder.encode([text])[0]
            np.maximum.at(best, self._owner, cosines)
        return best
