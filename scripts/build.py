"""``make site``: validate the data, build the whole site into a temporary folder, then swap it in.

``site/`` is never left half-written: when any step fails, the previous ``site/`` stays as it was and
the temporary folder is removed. Errors in ``data/`` or ``docs/`` are printed as one actionable line
(file, key or line, what to fix), without a traceback. Around the MkDocs process:

* **one build at a time**: a lock (``.cache/build.lock``, ``fcntl``) makes a second build wait, saying so in one
  line, because two builds swapping ``site/`` and sharing ``.cache/`` at once broke each other; the next build
  removes what killed builds left behind (``.site.*``, ``.cache/*/.tmp-*``);
* **never a hang**: the MkDocs process has an overall time limit (``BUILD_TIMEOUT`` seconds, default 900); past it,
  the process is stopped and one line says where it was busy (its Python stack, dumped by ``faulthandler`` on
  ``SIGABRT``, and the page MkDocs was building).

Usage: ``python -m scripts.build [--out DIR]`` (environment: ``BUILD_DATE``, ``DATA_DIR``, ``PRODUCTION``,
``BUILD_TIMEOUT``).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from scripts.errors import DataError
from scripts.files import make_readable
from scripts.paths import CACHE, ROOT, SITE
from scripts.site_data import SiteData, load_site_data, today_in_vietnam
from scripts.validity import change_lines

TIMEOUT_S = 900  # a cold build takes about a minute here; 15 minutes means something is spinning
LOCK_FILE = CACHE / "build.lock"
# Temporary files of the cached renderers (scripts/printing/build.py, assets.py, share_images.py, postbuild/compress.py).
CACHE_LEFTOVERS = ("print/.tmp-*", "js/.tmp-*", "social/.tmp-*", "compress/.tmp-*")


def check_data() -> SiteData:
    """Load and validate every data file (the MkDocs process does it again for the same date, from the same code)."""
    return load_site_data()


def build_site(out: Path = SITE, env: dict[str, str] | None = None, quiet: bool = False, timeout: float | None = None) -> None:
    """Build into a temporary sibling of ``out`` and swap it in. Raises ``BuildError`` on failure."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    run_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # One clock for the whole build: the MkDocs process gets the date fixed here, even across midnight.
    run_env.setdefault("BUILD_DATE", today_in_vietnam().isoformat())
    limit = timeout if timeout is not None else float(run_env.get("BUILD_TIMEOUT") or TIMEOUT_S)
    with build_lock(limit, quiet):
        remove_leftovers(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
        try:
            # -X faulthandler: on SIGABRT (the watchdog) the process prints its Python stack before it ends.
            # scripts.mkdocs_run: MkDocs's command line, saying which page it is on (for the same message).
            cmd = [sys.executable, "-X", "faulthandler", "-m", "scripts.mkdocs_run", "build", "--strict", "--clean",
                   "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp)]
            output = _run(cmd, run_env, limit)
            if not quiet:
                for line in output.splitlines():
                    if line.startswith("WARNING"):
                        print(line, file=sys.stderr)
            make_readable(tmp)  # mkdtemp made it 0700: a web server's user could not read the site
            old = out.with_name(f".{out.name}.old")
            if old.exists():
                shutil.rmtree(old)
            if out.exists():
                out.rename(old)
            tmp.rename(out)
            shutil.rmtree(old, ignore_errors=True)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)


def _run(cmd: list[str], env: dict[str, str], limit: float) -> str:
    """Run the MkDocs process with the time limit; its output, or ``BuildError`` with the lines that matter."""
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
        try:
            proc.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGABRT)  # faulthandler dumps the stack, then the process ends
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            log.seek(0)
            raise BuildError(_where_it_hung(log.read(), limit)) from None
        finally:
            if proc.poll() is None:  # interrupted (Ctrl-C): the MkDocs process must not go on writing
                proc.kill()
                proc.wait()
        log.seek(0)
        output = log.read()
    if proc.returncode != 0:
        raise BuildError(_mkdocs_errors(output))
    return output


FRAME_RE = re.compile(r'^\s*File "(?P<file>[^"]+)", line (?P<line>\d+) in (?P<func>\S+)', re.M)
PAGE_RE = re.compile(r"^DEBUG\s+-\s+(?:Reading:|Building page) (?P<page>\S+)", re.M)  # MkDocs's own progress lines


def _where_it_hung(output: str, limit: float) -> str:
    """One line: the time limit, our innermost frame on the stack, and the page being built."""
    where = ""
    for m in FRAME_RE.finditer(output):  # most recent call first
        path = Path(m["file"])
        if path.is_relative_to(ROOT) and not path.is_relative_to(ROOT / ".venv"):
            where = f" in {path.relative_to(ROOT).as_posix()}:{m['line']} ({m['func']})"
            break
    pages = PAGE_RE.findall(output)
    page = f" while building docs/{pages[-1]}" if pages else ""
    return (f"the build was still running after {limit:.0f} s and was stopped: it was busy{where}{page} — a step "
            "that never ends (a bug, or a loop written in that page); tell the developers this line "
            "(BUILD_TIMEOUT=seconds changes the limit)")


@contextlib.contextmanager
def build_lock(limit: float, quiet: bool = False) -> Iterator[None]:
    """Hold ``.cache/build.lock`` for the build; wait (saying so once) while another build holds it."""
    LOCK_FILE.parent.mkdir(parents=True, exist_ok=True)
    with open(LOCK_FILE, "a+", encoding="utf-8") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "another process"
            if not quiet:
                print(f"waiting for another build to finish ({holder})…", file=sys.stderr, flush=True)
            deadline = time.monotonic() + limit
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise BuildError(f"another build ({holder}) has held {LOCK_FILE.relative_to(ROOT)} for "
                                         f"{limit:.0f} s — wait for it or stop it, then build again") from None
                    time.sleep(0.2)
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()}, started {dt.datetime.now():%H:%M:%S}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()
            fcntl.flock(fh, fcntl.LOCK_UN)


def remove_leftovers(out: Path) -> list[Path]:
    """What killed builds left (temporary sites beside ``out``, renderers' temporary folders); called under the lock."""
    found = [p for p in out.parent.glob(f".{out.name}.*")]
    for pattern in CACHE_LEFTOVERS:
        found += list(CACHE.glob(pattern))
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return found


class BuildError(Exception):
    """The site could not be built; the message holds MkDocs's own error lines."""


LEVEL_RE = re.compile(r"^(ERROR|WARNING)\s+-\s+")
NOISE = ("Aborted with", "Error reading page", "Aborted with a BuildError")


def _mkdocs_errors(output: str) -> str:
    """MkDocs's error and warning lines (with their indented continuation lines) without the log-level prefix."""
    keep: list[str] = []
    kept_last = False
    for line in output.splitlines():
        if kept_last and line.startswith("  - "):  # "… not included in the nav:" lists the pages on the next lines
            keep.append(line.rstrip())
            continue
        kept_last = False
        if not line.startswith(("ERROR", "WARNING", "Error")):
            continue
        text = LEVEL_RE.sub("", line).strip()
        if text and not text.startswith(NOISE) and text not in keep:
            keep.append(text)
            kept_last = True
    if keep:
        return "\n".join(keep)
    quiet = [line for line in output.splitlines() if not line.startswith(("DEBUG", "INFO"))]
    return "\n".join(quiet)[-3000:]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SITE, help="output folder (default: site/)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    try:
        site = check_data()
        build_site(args.out, env={"BUILD_DATE": site.on.isoformat()})
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"The site was not built; site/ is unchanged.\n{exc}", file=sys.stderr)
        return 1
    print(f"Built {args.out} in {time.perf_counter() - start:.1f} s")
    for line in change_lines(site.policy, site.on):
        print(f"Coming change: {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
