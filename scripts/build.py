"""``make site``: validate the data, build the whole site into a temporary folder, then swap it in.

``site/`` is never left half-written: when any step fails, the previous ``site/`` stays as it was and
the temporary folder is removed. Errors in ``data/`` or ``docs/`` are printed as one actionable line
(file, key or line, what to fix), without a traceback.

Usage: ``python -m scripts.build [--out DIR]`` (environment: ``BUILD_DATE``, ``DATA_DIR``, ``PRODUCTION``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.errors import DataError
from scripts.files import make_readable
from scripts.paths import ROOT, SITE
from scripts.site_data import SiteData, load_site_data, today_in_vietnam
from scripts.validity import change_lines


def check_data() -> SiteData:
    """Load and validate every data file (the MkDocs process does it again for the same date, from the same code)."""
    return load_site_data()


def build_site(out: Path = SITE, env: dict[str, str] | None = None, quiet: bool = False) -> None:
    """Build into a temporary sibling of ``out`` and swap it in. Raises ``BuildError`` on failure."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    run_env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    # One clock for the whole build: the MkDocs process gets the date fixed here, even across midnight.
    run_env.setdefault("BUILD_DATE", today_in_vietnam().isoformat())
    try:
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp)]
        proc = subprocess.run(cmd, env=run_env, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            raise BuildError(_mkdocs_errors(proc.stderr + proc.stdout))
        if not quiet:
            for line in (proc.stderr + proc.stdout).splitlines():
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


class BuildError(Exception):
    """The site could not be built; the message holds MkDocs's own error lines."""


LEVEL_RE = re.compile(r"^(ERROR|WARNING)\s+-\s+")
NOISE = ("Aborted with", "Error reading page", "Aborted with a BuildError")


def _mkdocs_errors(output: str) -> str:
    """MkDocs's error and warning lines without the log-level prefix and the generic wrappers."""
    keep = []
    for line in output.splitlines():
        if not line.startswith(("ERROR", "WARNING", "Error")):
            continue
        text = LEVEL_RE.sub("", line).strip()
        if text and not text.startswith(NOISE) and text not in keep:
            keep.append(text)
    return "\n".join(keep) or output[-3000:]


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
