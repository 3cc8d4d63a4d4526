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
    answering (``float("inf")``: accept and never answer, as a dead mobile connection does). Pages and JSON are sent
    with ``Cache-Control: no-cache``, as ``deploy/nginx.conf`` does, and conditional requests are answered in full, so
    two builds whose files have the same modification time are never confused by a 304.
    """

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.delays: dict[str, float] = {}
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
