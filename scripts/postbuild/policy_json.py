"""``assets/data/policy.json``: the policy data for the calculator, from the same validated object as the pages.

The path is a contract: the JS core and independent checks read it. It carries ``"build"``, the build id that every
page also names (``<meta name="build-id">``, ``overrides/main.html``): a short hash of the policy data itself, so
the calculator can tell a ``policy.json`` of another build from its own (``calculator/policy.js``). Two builds from
the same data have the same id, and may mix: their figures agree.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from scripts.site_data import SiteData

TARGET = Path("assets/data/policy.json")


def _dump(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def build_id(site: SiteData) -> str:
    """12 hex digits of the SHA-256 of the policy data as published (without the id itself)."""
    return hashlib.sha256(_dump(site.policy.to_json()).encode()).hexdigest()[:12]


def write_policy_json(site_dir: Path, site: SiteData) -> None:
    out = site_dir / TARGET
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_dump({**site.policy.to_json(), "build": build_id(site)}), encoding="utf-8")
