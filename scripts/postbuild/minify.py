"""Serve our own JavaScript minified, and leave Material's source maps (about 1 MB, read only by developer tools)
out of the site.

The sources in ``docs/assets/javascripts/`` keep their comments (they explain the law and the rounding); only the
copies in the built site are minified. Material's files are already minified and vendored files keep their
licence headers, so both are left alone.
"""

from __future__ import annotations

from pathlib import Path

import rjsmin

OWN_JS = "assets/javascripts"
SKIP = ("vendor/", "workers/", "lunr/")


def minify_js(site_dir: Path) -> None:
    root = site_dir / OWN_JS
    for path in root.rglob("*.js"):
        rel = path.relative_to(root).as_posix()
        if path.name.endswith(".min.js") or rel.startswith(SKIP):
            continue
        text = path.read_text(encoding="utf-8")
        path.write_text(rjsmin.jsmin(text, keep_bang_comments=True) + "\n", encoding="utf-8")
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
