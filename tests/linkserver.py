"""A real HTTP server on 127.0.0.1 that answers as the web's sites do, for the link checks.

Each path shows one case: status codes, HEAD refused, an error page served with 200, redirects to
the home page, to an error page and to private addresses, a loop, an endless body, a slow
server, one that trickles its body, and one that fails once. ``LinkServer.log`` records every
request (method, path, headers) so tests can tell what was sent, and how often.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import attrs
import pytest

PAGE = b"<!doctype html><html><head><title>%s</title></head><body><h1>%s</h1>%s</body></html>"


@attrs.frozen
class Seen:
    method: str
    path: str
    headers: dict[str, str]


@attrs.define
class LinkServer:
    host: str
    port: int
    log: list[Seen] = attrs.field(factory=list)
    flaky: dict[str, int] = attrs.field(factory=dict)
    sent: dict[str, int] = attrs.field(factory=dict)
    """Body bytes written per path (for the endless body)."""

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def requests(self, path: str) -> list[str]:
        """The methods of the requests made for ``path``, in order."""
        return [seen.method for seen in self.log if seen.path == path]


def _page(title: str, heading: str | None = None, text: str = "Some text.") -> bytes:
    return PAGE % (title.encode(), (heading or title).encode(), text.encode())


def _handler(server: LinkServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_HEAD(self) -> None:
            self.answer(head=True)

        def do_GET(self) -> None:
            self.answer(head=False)

        def send(self, status: int, body: bytes = b"", *, head: bool,
                 content_type: str = "text/html; charset=utf-8",
                 headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def redirect(self, location: str, status: int = 302, *, head: bool) -> None:
            self.send(status, b"", head=head, headers={"Location": location})

        def answer(self, *, head: bool) -> None:
            path = self.path
            server.log.append(Seen(self.command, path, dict(self.headers.items())))
            if path in ("/", "/ok", "/echo", "/old/article", "/news/2001/story"):
                if path == "/old/article":
                    return self.redirect("/", 301, head=head)
                if path == "/news/2001/story":
                    return self.redirect(f"http://{server.host}:{server.port}/en/", head=head)
                if path == "/echo":
                    return self.send(200, _page("Echo"), head=head,
                                     headers={"Set-Cookie": "session=secret; Path=/"})
                return self.send(200, _page("Home" if path == "/" else "A report"), head=head)
            if path == "/en/":
                return self.send(200, _page("Welcome"), head=head)
            if path == "/pdf":
                return self.send(200, b"%PDF-1.4 " + b"x" * 5000, head=head,
                                 content_type="application/pdf")
            if path in ("/404", "/410", "/401", "/402", "/403", "/500", "/400"):
                return self.send(int(path[1:]), _page("Error"), head=head)
            if path == "/gone-on-head":  # a server that mishandles HEAD
                return self.send(404 if head else 200, _page("Fine"), head=head)
            if path == "/no-head":
                return self.send(405 if head else 200, _page("Fine"), head=head,
                                 headers={"Allow": "GET"})
            if path == "/soft-404":
                return self.send(200, _page("Page not found – Example News"), head=head)
            if path == "/soft-404-h1":
                return self.send(200, _page("Example News", "Sorry, this page doesn't exist"),
                                 head=head)
            if path == "/peugeot-404":  # "404" in a title is not an error by itself
                return self.send(200, _page("Peugeot 404 – a review"), head=head)
            if path == "/moved-story":
                return self.redirect("/errors/404.html", head=head)
            if path == "/errors/404.html":
                return self.send(200, _page("Oops"), head=head)
            if path == "/members-only":
                return self.redirect("/login?next=/members-only", head=head)
            if path.startswith("/login"):
                return self.send(200, _page("Sign in"), head=head)
            if path == "/to-private":
                return self.redirect("/hop", head=head)
            if path == "/hop":
                return self.redirect("http://10.0.0.1/internal", head=head)
            if path == "/to-metadata":
                return self.redirect("http://169.254.169.254/latest/meta-data/", head=head)
            if path == "/to-ftp":
                return self.redirect("ftp://files.example.org/x", head=head)
            if path == "/loop":
                return self.redirect("/loop", head=head)
            if path == "/flaky":
                count = server.flaky.get(path, 0)
                if not head:
                    server.flaky[path] = count + 1
                if not head and count == 0:
                    return self.send(503, _page("Busy"), head=head)
                return self.send(200, _page("Fine"), head=head)
            if path == "/huge":  # an endless page: the fetcher must stop reading
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                if head:
                    return None
                self.wfile.write(b"<html><head><title>Big</title></head><body>")
                chunk = b"x" * 65536
                try:
                    for _ in range(2000):  # 128 MB at most
                        self.wfile.write(chunk)
                        server.sent[path] = server.sent.get(path, 0) + len(chunk)
                except OSError:
                    pass
                return None
            if path == "/slow":  # no answer for 3 s
                time.sleep(3)
                return self.send(200, _page("Late"), head=head)
            if path == "/drip":  # answers at once, then trickles its body
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                if head:
                    return None
                try:
                    for _ in range(100):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(0.05)
                except OSError:
                    pass
                return None
            return self.send(404, _page("Not here"), head=head)

    return Handler


@pytest.fixture
def link_server() -> Iterator[LinkServer]:
    """A fresh server per test (its own log), on a free port of 127.0.0.1."""
    state = LinkServer("127.0.0.1", 0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.port = int(httpd.server_address[1])
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
