from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.engine import Engine
from knowledge import BUNDLED_DIR
from knowledge.loader import load_knowledge

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"


def shared_file(*parts: str) -> Path:
    """A file from ../shared, or a skip that says why the test cannot run here."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: this test reads the shared development files beside the checkout")
    return path


@pytest.fixture(scope="session")
def bundled_kb():
    return load_knowledge(BUNDLED_DIR)


@pytest.fixture
def engine(bundled_kb) -> Engine:
    return Engine(bundled_kb)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled knowledge base, to break in tests."""
    target = tmp_path / "kb"
    shutil.copytree(BUNDLED_DIR, target, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return target
