"""One fingerprinted stylesheet instead of several: fewer render-blocking requests on a slow phone network.

The files listed in ``extra_css`` (site.css, share.css, a11y.css …) are joined in their order, comments removed,
and written as ``assets/stylesheets/extra.<hash>.min.css``; pages link that one file (``overrides/hooks/bundle_css.py``
puts its name in ``extra_css``). Its name changes with its content, so ``deploy/nginx.conf`` can cache it for a
year like the theme's own ``*.<hash>.min.css`` files. All sources live in ``assets/stylesheets/``, so relative
``url()`` still works.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

FOLDER = "assets/stylesheets/"
COMMENT = re.compile(r"/\*.*?\*/", re.S)


class BundleError(ValueError):
    """An ``extra_css`` entry that cannot be bundled; the message says what to change in ``mkdocs.yml``."""


def join_css(docs_dir: Path, names: list[str]) -> tuple[str, str]:
    """``(site path, text)`` of the bundle made from ``names`` (paths relative to ``docs_dir``)."""
    parts = []
    for name in names:
        if not name.startswith(FOLDER):
            raise BundleError(f"mkdocs.yml extra_css: {name} must live in docs/{FOLDER} to be bundled (relative url() would break)")
        path = docs_dir / name
        if not path.exists():
            raise BundleError(f"mkdocs.yml extra_css: docs/{name} does not exist; fix the name or remove the line")
        text = COMMENT.sub("", path.read_text(encoding="utf-8"))
        parts.append("\n".join(line.strip() for line in text.splitlines() if line.strip()))
    text = "\n".join(parts) + "\n"
    return f"{FOLDER}extra.{hashlib.sha256(text.encode()).hexdigest()[:8]}.min.css", text


def write_bundle(site_dir: Path, bundle: tuple[str, str] | None) -> None:
    if bundle:
        out = site_dir / bundle[0]
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(bundle[1], encoding="utf-8")
