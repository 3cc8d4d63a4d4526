"""Where things live. Every tool resolves paths from here so they work from any working directory.

``DATA_DIR`` overrides the data folder (tests build the site with another office's data that way).
"""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("DATA_DIR") or ROOT / "data").resolve()
DOCS = ROOT / "docs"
POLICY_FILE = DATA / "policy.yml"
OFFICE_FILE = DATA / "office.yml"
NATIONAL_FILE = DATA / "national.yml"
CAMPAIGNS_FILE = DATA / "campaigns.yml"
TEXTS_FILE = DATA / "texts.yml"
STAFF_FILE = DATA / "staff.yml"
CACHE = ROOT / ".cache"
SITE = ROOT / "site"
