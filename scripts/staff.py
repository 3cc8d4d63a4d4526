"""Staff who share the site (``data/staff.yml``, optional): a personal short path, QR code and card each.

Each staff member's short path ``<site_url>q/<code>/`` forwards to the calculator with
``utm_source=staff&utm_medium=share&utm_campaign=<campaign>&utm_content=<code>``, where the campaign is the one
running on the build date (``thuong-xuyen`` when none is): the office's server log then says which staff member's
link, in which campaign, brought a reader (``scripts/report.py``). Names are for that report only: nothing of this
file but the codes is published.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from scripts.campaigns import CODE, DEFAULT_TARGET, Campaigns
from scripts.paths import STAFF_FILE
from scripts.yamlfile import YamlDoc, load_yaml

ALWAYS_ON = "thuong-xuyen"  # utm_campaign of staff links when no campaign is running
RESERVED = {"_"}  # q/_/ holds the beacon files (scripts/report.py)


@dataclass(frozen=True)
class Member:
    code: str
    name: str
    unit: str = ""

    def short_path(self) -> str:
        return f"q/{self.code}/"

    def short_url(self, site_url: str) -> str:
        return site_url + self.short_path()

    def full_url(self, site_url: str, campaign: str) -> str:
        query = urlencode({"utm_source": "staff", "utm_medium": "share", "utm_campaign": campaign, "utm_content": self.code})
        return f"{site_url}{DEFAULT_TARGET}?{query}"


@dataclass(frozen=True)
class Staff:
    sample: bool
    members: tuple[Member, ...]
    file: str = "data/staff.yml"

    def by_code(self) -> dict[str, Member]:
        return {m.code: m for m in self.members}


def campaign_on(campaigns: Campaigns, on: dt.date) -> str:
    """The id of the campaign running on ``on`` (the earliest-starting one if several), or :data:`ALWAYS_ON`."""
    running = sorted((c for c in campaigns.campaigns if c.status(on) == "current"), key=lambda c: c.start)
    return running[0].id if running else ALWAYS_ON


def parse_staff(doc: YamlDoc, place_codes: set[str]) -> Staff:
    d = doc.data
    if not isinstance(d, dict):
        raise doc.error("", "the file must be a mapping with 'sample' and 'staff'", "see the comments at the top of data/staff.yml")
    doc.no_unknown("", d, {"sample", "staff"})
    if not isinstance(d.get("sample"), bool):
        raise doc.error("sample", "must be true or false", "write 'sample: false' once the list is real")
    members: list[Member] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(d.get("staff") or []):
        key = f"staff[{i}]"
        m = doc.mapping(key, raw)
        doc.no_unknown(key, m, {"code", "name", "unit"})
        code = m.get("code")
        if not isinstance(code, str) or not CODE.match(code) or code in RESERVED:
            raise doc.error(f"{key}.code", f"{code!r} is not a short code",
                            "use 1–15 lowercase letters, digits and '-' (it is printed in the QR code), e.g. cb01")
        if code in seen:
            raise doc.error(f"{key}.code", f"short code '{code}' is already used by {seen[code]}", "give each staff member their own code")
        if code in place_codes:
            raise doc.error(f"{key}.code", f"short code '{code}' is already the code of a place in data/campaigns.yml",
                            "choose another code: both open <site>/q/<code>/")
        seen[code] = key
        unit = doc.text(f"{key}.unit", m["unit"]) if m.get("unit") is not None else ""
        members.append(Member(code, doc.text(f"{key}.name", m.get("name")), unit))
    return Staff(d["sample"], tuple(members), doc.path)


def load_staff(path: Path | str = STAFF_FILE, place_codes: set[str] | None = None) -> Staff:
    """``data/staff.yml`` validated; an office without the file has no staff links."""
    path = Path(path)
    if not path.exists():
        return Staff(False, (), str(path))
    return parse_staff(load_yaml(path), place_codes or set())
