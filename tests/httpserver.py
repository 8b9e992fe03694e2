"""A scriptable HTTP server on 127.0.0.1 for the fetch tests.

Each path (with its query string) gets a queue of `Reply` objects, or a callable that
builds one from the request; the last reply of a queue repeats. Unknown paths answer 404.
Every request is logged with its path, headers and arrival time. A reply can drop the
connection mid-body (announce the whole length, send part of it, close), omit its
Content-Length (the body then ends when the connection closes), or wait before answering.
"""

from __future__ import annotations

import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Reply:
    """One scripted response."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    drop_after: int | None = None  # send only this many body bytes, then close
    omit_length: bool = False  # no Content-Length: the body ends when the connection closes
    delay: float = 0.0  # seconds to wait before answering


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    path: str
    headers: dict[str, str]
    time: float  # time.monotonic() on arrival


Script = Callable[[Request], Reply]


class ScriptedServer:
    """A ThreadingHTTPServer in a daemon thread; see the module docstring."""

    def __init__(self) -> None:
        self.log: list[Request] = []
        self._routes: dict[str, deque[Reply] | Script] = {}
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def route(self, path: str, *replies: Reply | Script) -> None:
        """Script `path`: replies in order (the last repeats), or one callable."""
        with self._lock:
            if len(replies) == 1 and callable(replies[0]):
                self._routes[path] = replies[0]
            else:
                self._routes[path] = deque(r for r in replies if isinstance(r, Reply))

    def requests(self, path: str | None = None) -> list[Request]:
        with self._lock:
            return [r for r in self.log if path is None or r.path == path]

    def reply_for(self, request: Request) -> Reply:
        with self._lock:
            self.log.append(request)
            route = self._routes.get(request.path)
            if route is None:
                return Reply(404, {"Content-Type": "text/plain"}, b"not found")
            if callable(route):
                script = route
            else:
                return route.popleft() if len(route) > 1 else route[0]
        return script(request)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


def _handler_for(server: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            request = Request(self.path, dict(self.headers.items()), time.monotonic())
            reply = server.reply_for(request)
            if reply.delay:
                time.sleep(reply.delay)
            self._send(reply)

        def _send(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.omit_length:
                self.send_header("Connection", "close")
                self.close_connection = True
            else:
                self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            body = reply.body if reply.drop_after is None else reply.body[: reply.drop_after]
            self.wfile.write(body)
            self.wfile.flush()
            if reply.drop_after is not None:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_server() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
