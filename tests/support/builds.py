"""Builds of the site for tests that need another office, another date or a changed data file."""

from __future__ import annotations

import shutil
from pathlib import Path

from scripts.build import build_site
from scripts.paths import DATA


def build_variant(out: Path, env: dict[str, str] | None = None, data_changes: dict[str, str] | None = None) -> Path:
    """Build the site into ``out`` with environment overrides and, optionally, changed data files.

    ``data_changes`` maps a file name in ``data/`` to its new text; the other data files are copied.
    """
    env = dict(env or {})
    if data_changes:
        data = out.parent / f"{out.name}-data"
        shutil.copytree(DATA, data, dirs_exist_ok=True)
        for name, text in data_changes.items():
            (data / name).write_text(text, encoding="utf-8")
        env["DATA_DIR"] = str(data)
    build_site(out, env=env, quiet=True)
    return out
