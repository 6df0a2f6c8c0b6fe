from __future__ import annotations

import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from bot import database
from bot.badges.store import BadgeStore
from tests.postgres import throwaway_database

@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        engine = database.create(f"sqlite:///{tmp_path / 'badges.sqlite3'}")
        database.upgrade(engine)
        yield BadgeStore(engine)
        engine.dispose()
        return
    with throwaway_database("credbot_badges") as url:
        engine = database.create(url)
        database.upgrade(engine)
        yield BadgeStore(engine)
        engine.dispose()


@pytest.fixture
def sqlite_store(db):
    return BadgeStore(db)


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
