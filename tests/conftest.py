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


@pytest.fixture(autouse=True, scope="session")
def _private_database(tmp_path_factory):
    """Commands run by the tests record into a throwaway SQLite file, never the user's own."""
    import os

    path = tmp_path_factory.mktemp("db") / "credbot.sqlite3"
    old = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    yield
    if old is None:
        os.environ.pop("DATABASE_URL", None)
    else:
        os.environ["DATABASE_URL"] = old


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Sentence vectors are cached in a folder of the test run's, not the user's cache."""
    import os

    old = os.environ.get("CREDBOT_CACHE_DIR")
    os.environ["CREDBOT_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        os.environ.pop("CREDBOT_CACHE_DIR", None)
    else:
        os.environ["CREDBOT_CACHE_DIR"] = old


@pytest.fixture
async def local_proxy():
    """A plain HTTP proxy on 127.0.0.1 that records what it forwards (see tests/proxy.py)."""
    from tests.proxy import LocalProxy

    proxy = LocalProxy()
    await proxy.start()
    yield proxy
    await proxy.stop()


@pytest.fixture
def db(tmp_path):
    """A migrated SQLite database of the test's own."""
    from bot import database

    engine = database.create(f"sqlite:///{tmp_path / 'credbot.sqlite3'}")
    database.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def small_kb():
    """Three entries built so that "email" alone is a genuine three-way tie."""
    return load_knowledge(DATA / "small_kb")
