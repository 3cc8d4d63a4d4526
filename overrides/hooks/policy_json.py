"""Write ``assets/data/policy.json``: the policy data for the calculator, from the same validated file.

The path is a contract: the JS core and independent checks read it. Written once, at the site root,
whatever the language being built.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from scripts.policy import load_policy

TARGET = Path("assets/data/policy.json")


def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    # The i18n plugin builds English into site_dir/en with site_dir unchanged; always write at the root.
    out = site / TARGET
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(load_policy().to_json(), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    out.write_text(text, encoding="utf-8")
