"""Sentence vectors kept on disk between runs, keyed by the model and the exact text.

Encoding every phrasing of the bundled knowledge base takes seconds; a restart, a knowledge reload
or a test that builds a fresh engine should only pay for the phrasings it has not seen before.
A cache that cannot be read or written is skipped with a warning: it only ever saves time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)


def text_key(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


class VectorCache:
    def __init__(self, directory: Path, model_fingerprint: str, dimensions: int):
        self.path = directory / f"vectors-{model_fingerprint}.npz"
        self.dimensions = dimensions
        self._vectors: dict[bytes, np.ndarray] | None = None

    def _load(self) -> dict[bytes, np.ndarray]:
        if self._vectors is None:
            self._vectors = {}
            try:
                with np.load(self.path) as data:
                    keys, vectors = data["keys"], data["vectors"]
                if vectors.ndim == 2 and vectors.shape[1] == self.dimensions and len(keys) == len(vectors):
                    self._vectors = {bytes(k): v for k, v in zip(keys, vectors)}
            except FileNotFoundError:
                pass
            except (OSError, ValueError, KeyError) as exc:
                log.warning("ignoring the sentence-vector cache %s (%s); it will be rebuilt", self.path, exc)
        return self._vectors

    def lookup(self, texts: list[str]) -> list[np.ndarray | None]:
        known = self._load()
        return [known.get(text_key(t)) for t in texts]

    def store(self, texts: list[str], vectors: np.ndarray) -> None:
        known = self._load()
        for text, vector in zip(texts, vectors):
            known[text_key(text)] = vector
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Written beside the target and renamed over it: a reader never sees half a file.
            fd, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".npz.part")
            try:
                with os.fdopen(fd, "wb") as f:
                    np.savez(f, keys=np.array(list(known), dtype="S16"),
                             vectors=np.array(list(known.values()), dtype=np.float32).reshape(-1, self.dimensions))
                os.replace(temporary, self.path)
            finally:
                Path(temporary).unlink(missing_ok=True)
        except OSError as exc:
            log.warning("could not save the sentence-vector cache %s (%s); it only saves start-up time", self.path, exc)
