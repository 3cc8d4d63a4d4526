"""A plain static HTTP server for a built site (what GitHub Pages or any static host does: no headers of ours)."""

from __future__ import annotations

import functools
import http.server
import re
import socket
import threading
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output readable
        pass


Handler = type[http.server.SimpleHTTPRequestHandler]


def serve(directory: Path, handler: Handler = QuietHandler) -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` on 127.0.0.1 at a free port; returns the base URL and the server (call ``shutdown()``)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


class Deploys(http.server.ThreadingHTTPServer):
    """One origin whose site can be swapped (a deploy) and whose answers can be slowed per path (a weak network).

    ``root`` is the folder served; ``delays`` maps a regular expression of the path to the seconds to wait before
    answering (``float("inf")``: accept and never answer, as a dead mobile connection does); ``seen`` lists every
    path asked for, query included (what a server log holds). Pages and JSON are sent
    with ``Cache-Control: no-cache``, as ``deploy/nginx.conf`` does, and conditional requests are answered in full, so
    two builds whose files have the same modification time are never confused by a 304.
    """

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.delays: dict[str, float] = {}
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", 0), _DeployHandler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def start(self) -> Deploys:
        threading.Thread(target=self.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()


class _DeployHandler(QuietHandler):
    server: Deploys

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, directory=str(args[2].root), **kwargs)  # args: request, client address, server

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        path = self.path.split("?", 1)[0]
        for pattern, seconds in self.server.delays.items():
            if re.search(pattern, path):
                if seconds == float("inf"):
                    time.sleep(3600)  # a daemon thread: it ends with the test process
                    return
                time.sleep(seconds)
                break
        for header in ("If-Modified-Since", "If-None-Match"):
            del self.headers[header]
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-cache")  # revalidate everything: a deploy shows at once
        super().end_headers()


class PagesHandler(QuietHandler):
    """What GitHub Pages does for a project site: the site under a path prefix (``/bhxh/``), and the site's
    ``404.html`` with status 404 for any address that does not exist, at any depth."""

    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / ".no-such-file")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve_pages(directory: Path, prefix: str = "/") -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve ``directory`` like GitHub Pages at ``prefix``; returns the site's base URL (ending in ``prefix``)."""
    handler = type("Pages", (PagesHandler,), {"prefix": prefix})
    url, server = serve(directory, handler)
    return url.rstrip("/") + prefix, server
