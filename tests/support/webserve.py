"""Serve a built site with the real nginx and ``deploy/nginx.conf``, and measure a page's first view in Chromium.

Shared by ``tests/test_nginx.py``, ``tests/test_budgets.py`` and ``scripts/bench.py`` (``make bench``).
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from scripts.paths import ROOT
from tests.support.servers import free_port

NGINX = "/usr/sbin/nginx"
WEB_USER = "www-data"  # Debian's nginx workers
DEPLOY_CONF = ROOT / "deploy" / "nginx.conf"


ACCESS_LOG = re.compile(r"^(\s*)access_log\s+\S+(\s[^;]*)?;", re.M)


def nginx_test_config(site: Path, port: int, tmp: Path, access_log: Path | None = None) -> str:
    """``deploy/nginx.conf`` with only ``listen``, ``root`` and the access log's file changed (its format is kept;
    no log unless ``access_log`` is given), wrapped in a minimal main config."""
    conf = DEPLOY_CONF.read_text(encoding="utf-8")
    conf = re.sub(r"^\s*listen \[::\]:80;\n", "", conf, flags=re.M)
    conf = re.sub(r"^(\s*)listen 80;", rf"\1listen 127.0.0.1:{port};", conf, count=1, flags=re.M)
    conf = re.sub(r"^(\s*)root [^;]+;", rf"\1root {site};", conf, count=1, flags=re.M)
    if access_log is not None and not ACCESS_LOG.search(conf):
        raise RuntimeError("deploy/nginx.conf has no access_log line: make report has no log to read")
    conf = ACCESS_LOG.sub(lambda m: f"{m[1]}access_log {access_log}{m[2] or ''};" if access_log else f"{m[1]}access_log off;", conf)
    for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (tmp / t).mkdir(exist_ok=True)
    temps = "\n".join(f"    {t}_temp_path {tmp / t};" for t in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # As on a server: the master runs as root, the workers that read the files as Debian's web user. (Run by another
    # user, nginx cannot switch and its workers keep that user.)
    user = f"user {WEB_USER};" if os.geteuid() == 0 else ""
    return f"""daemon off;
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
{temps}
{conf}
}}
"""


def deploy_copy(site: Path, tmp: Path) -> Path:
    """``site`` copied the way the README says to deploy it: a plain ``cp -r`` into a web root (``/var/www``, 755).

    No ``-p``, no ``chmod`` afterwards: the copy has the modes the build gave, so a site the web user cannot read
    (``site/`` was once 0700) fails here as it would on a server.
    """
    www = tmp / "www"
    www.mkdir()
    os.chmod(tmp, 0o755)  # mkdtemp makes 0700: the web user must be able to traverse the way to the web root
    os.chmod(www, 0o755)
    subprocess.run(["cp", "-r", str(Path(site).resolve()), str(www / "bhxh")], check=True)
    return www / "bhxh"


class Served(str):
    """The base URL of a running nginx (a ``str``), with its master's ``pid`` and the ``root`` it serves."""

    pid: int
    root: Path


def worker_users(master_pid: int) -> set[str]:
    """The user names of the nginx worker processes of ``master_pid`` (read from ``/proc``)."""
    import pwd

    users = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == master_pid:  # field 4 of /proc/<pid>/stat: the parent
                users.add(pwd.getpwuid(stat.parent.stat().st_uid).pw_name)
        except (OSError, IndexError, ValueError):
            continue
    return users


@contextmanager
def nginx(site: Path, config: Callable[[str], str] = lambda conf: conf, access_log: Path | None = None) -> Iterator[Served]:
    """Run nginx on 127.0.0.1 serving a deploy copy of ``site`` with the deploy config; yields the base URL.

    ``config`` may change the generated config (``make bench`` turns ``gzip_static`` off and sets the workers).
    ``access_log``: the file nginx logs requests to, in the format deploy/nginx.conf names (none by default).
    """
    tmp = Path(tempfile.mkdtemp(prefix="nginx-"))
    port = free_port()
    conf = tmp / "nginx.conf"
    root = deploy_copy(site, tmp)
    conf.write_text(config(nginx_test_config(root, port, tmp, access_log)), encoding="utf-8")
    check = subprocess.run([NGINX, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    if check.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"deploy/nginx.conf does not load: {check.stderr}")
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        served = Served(f"http://127.0.0.1:{port}/")
        served.pid, served.root = proc.pid, root
        yield served
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


@dataclass
class FirstView:
    """What one page load fetched: per response (url, type, gzip bytes), and the hosts contacted."""

    url: str
    responses: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(n for _, _, n in self.responses)

    @property
    def requests(self) -> int:
        return len(self.responses)

    def by_type(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for _, kind, n in self.responses:
            out[kind] = out.get(kind, 0) + n
        return out

    def hosts(self) -> set[str]:
        return {urlsplit(u).netloc for u, _, _ in self.responses}


def _kind(url: str, resource_type: str) -> str:
    path = urlsplit(url).path
    if resource_type == "document" or path.endswith((".html", "/")):
        return "html"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    if path.endswith(".json"):
        return "json"
    if path.endswith((".svg", ".png", ".jpg", ".webp", ".ico")):
        return "img"
    if path.endswith((".woff2", ".woff", ".ttf")):
        return "font"
    return "other"


def first_view(browser: object, url: str, width: int = 360, settle_ms: int = 1000) -> FirstView:
    """Load ``url`` in a fresh context (empty cache, no service worker) and gzip (level 6) every response body.

    Each URL counts once. Waits for the network to be idle, then ``settle_ms`` more, so what loads right after the first paint
    (deferred scripts, lazy data) is counted too. Bytes are deterministic: they do not depend on the server.
    """
    context = browser.new_context(viewport={"width": width, "height": 740}, service_workers="block")
    page = context.new_page()
    seen: list[object] = []
    page.on("response", lambda r: seen.append(r))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(settle_ms)
    view = FirstView(url)
    fetched: set[str] = set()
    for response in seen:
        # A second request for the same URL in one view (the theme asks for sitemap.xml once per hreflang link,
        # the favicon twice) is answered by the browser cache or a body-less 304: count its bytes once.
        if response.url in fetched:
            continue
        fetched.add(response.url)
        try:
            body = response.body()
        except Exception:  # redirects have no body
            body = b""
        size = len(gzip.compress(body, 6)) if body else 0
        view.responses.append((response.url, _kind(response.url, response.request.resource_type), size))
    context.close()
    return view
