from __future__ import annotations

import os
import threading
import uuid
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sqlalchemy as sa

from bot import database
from bot.badges.store import BadgeStore

PG_ADMIN_URL = os.environ.get("CREDBOT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_url() -> str:
    try:
        admin = database.create(PG_ADMIN_URL)
        name = f"credbot_badges_{uuid.uuid4().hex[:10]}"
        with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception as exc:
        pytest.skip(f"no PostgreSQL server answers at {PG_ADMIN_URL} ({type(exc).__name__}); set CREDBOT_TEST_POSTGRES")
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


def _drop_postgres(url: str) -> None:
    admin = database.create(PG_ADMIN_URL)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'badges.sqlite3'}" if request.param == "sqlite" else _postgres_url()
    engine = database.create(url)
    database.upgrade(engine)
    yield BadgeStore(engine)
    engine.dispose()
    if request.param == "postgresql":
        _drop_postgres(url)


@pytest.fixture
def sqlite_store(tmp_path):
    engine = database.create(f"sqlite:///{tmp_path / 'badges.sqlite3'}")
    database.upgrade(engine)
    yield BadgeStore(engine)
    engine.dispose()


class LocalServer:
    """A local HTTP server answering from a table: path -> (status, body bytes, headers)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, dict[str, str]]] = {}
        self.hits: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.hits.append(self.path)
                route = server.routes.get(self.path)
                if callable(route):
                    route = route(self)
                status, body, headers = route or (404, b'{"error": "not found"}', {})
                self.send_response(status)
                for key, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def add(self, path: str, body: bytes | str | Callable, status: int = 200, **headers: str) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = body if callable(body) else (status, data, headers)
        return self.url + path

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = LocalServer()
    yield srv
    srv.close()
