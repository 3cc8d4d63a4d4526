"""Leave Material's source maps (about 1 MB, only ever read by developer tools) out of the site.

Our own JavaScript is minified before the build by esbuild (``scripts/assets.py``); Material's is minified already.
"""

from __future__ import annotations

from pathlib import Path


def drop_source_maps(site_dir: Path) -> None:
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
