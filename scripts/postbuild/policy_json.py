"""``assets/data/policy.json``: the policy data for the calculator, from the same validated object as the pages.

The path is a contract: the JS core and independent checks read it.
"""

from __future__ import annotations

import json
from pathlib import Path

from scripts.site_data import SiteData

TARGET = Path("assets/data/policy.json")


def write_policy_json(site_dir: Path, site: SiteData) -> None:
    out = site_dir / TARGET
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(site.policy.to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    out.write_text(text, encoding="utf-8")
