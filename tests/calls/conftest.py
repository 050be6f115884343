import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

DATA = Path(__file__).parents[1] / "data"


class _Feeds(BaseHTTPRequestHandler):
    """Recorded sample files served on 127.0.0.1, and the ways a funder's server can fail."""

    stalled = threading.Event()
    page = b""  # what /sida answers: a funder's page that a test changes between fetches
    requests: list[str] = []  # the paths asked for, in order
    failures_left = 0  # how many more times /ostadig answers 503 before it answers

    def do_GET(self) -> None:  # noqa: N802
        self._answer()

    def do_POST(self) -> None:  # noqa: N802
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length)
        # The EU portal refuses parts that are not sent as JSON.
        if self.path.startswith("/sedia") and b"application/json" not in body:
            self.send_error(500)
            return
        self._answer()

    def _answer(self) -> None:
        _Feeds.requests.append(self.path)
        if self.path.startswith("/vinnova/"):
            # Vinnova's open data: rounds changed since a day, and the calls of given numbers.
            kind = self.path.split("/")[2]
            self._file(DATA / f"vinnova_{kind}.json")
        elif self.path == "/ostadig" and _Feeds.failures_left > 0:
            _Feeds.failures_left -= 1
            self.send_error(503)
        elif self.path == "/ostadig":
            self._file(DATA / "feed_lansstyrelsen.xml")
        elif self.path == "/sida":
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=windows-1252")
            self.end_headers()
            self.wfile.write(self.page)
        elif self.path == "/fel":
            self.send_error(500)
        elif self.path == "/stor":
            self.send_response(200)
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"x" * 1024)
        elif self.path == "/tyst":
            self.stalled.wait(5)  # until the client has given up; released at teardown
        else:
            self._file(DATA / self.path.lstrip("/").split("?")[0])

    def _file(self, file: Path) -> None:
        if not file.is_file():
            self.send_error(404)
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(file.read_bytes())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def feed_server(settings) -> Iterator[str]:
    """A funder's server on 127.0.0.1, which Navet may fetch from only because tests allow it."""
    settings.NAVET_FETCH_ALLOW_PRIVATE_ADDRESSES = True
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Feeds)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    _Feeds.stalled.set()
    server.shutdown()
    server.server_close()
    _Feeds.stalled.clear()
    _Feeds.requests.clear()
    _Feeds.failures_left = 0


@pytest.fixture(autouse=True)
def pauses(monkeypatch) -> list[float]:
    """The pauses between a fetch's attempts, recorded instead of waited for."""
    waited: list[float] = []
    monkeypatch.setattr("navet.calls.services._pause", waited.append)
    return waited
