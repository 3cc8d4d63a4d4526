"""Campaigns and places (``data/campaigns.yml``): where and when staff hand out leaflets.

Each place gets a short path ``<site_url>q/<code>/`` that forwards to a page of this site with
``utm_source=leaflet&utm_medium=print&utm_campaign=<campaign id>&utm_content=<code>``; the printed QR
encodes the short path so it stays small (version ≤ 4 at error correction M).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from scripts.office import Office, load_office
from scripts.paths import CAMPAIGNS_FILE, DOCS
from scripts.yamlfile import YamlDoc, load_yaml

VENUE_KINDS = ("market", "commune", "post_office")  # labels: venues.* in data/texts.yml
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{0,14}$")
ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
DEFAULT_TARGET = "tinh-muc-dong/"


@dataclass(frozen=True)
class Campaign:
    id: str
    name: dict[str, str]
    start: dt.date
    end: dt.date

    def status(self, on: dt.date) -> str:
        """``upcoming``, ``current`` or ``past`` relative to ``on``."""
        if on < self.start:
            return "upcoming"
        return "past" if on > self.end else "current"


@dataclass(frozen=True)
class CampaignPlace:
    code: str
    campaign: Campaign
    name: str
    kind: str
    commune: str
    days: tuple[dt.date, ...]
    target: str  # a path of this site, relative to site_url, such as "tinh-muc-dong/"
    hours: dict[str, str] | None = None  # when staff are there on those days, {vi, en}; optional

    def short_path(self) -> str:
        """``q/<code>/`` relative to the site root."""
        return f"q/{self.code}/"

    def short_url(self, site_url: str) -> str:
        return site_url + self.short_path()

    def full_url(self, site_url: str) -> str:
        query = urlencode({"utm_source": "leaflet", "utm_medium": "print", "utm_campaign": self.campaign.id, "utm_content": self.code})
        return f"{site_url}{self.target}?{query}"


@dataclass(frozen=True)
class Campaigns:
    sample: bool
    campaigns: tuple[Campaign, ...]
    places: tuple[CampaignPlace, ...]
    file: str = "data/campaigns.yml"

    def printable(self, on: dt.date) -> tuple[CampaignPlace, ...]:
        """The places that get posters and leaflets on ``on``: those of campaigns not over yet, current
        campaigns first, then coming ones, soonest first (file order within a campaign). A past campaign's
        places keep their short path ``q/<code>/`` (leaflets already handed out still scan), nothing new."""
        rank = {"current": 0, "upcoming": 1}
        live = [p for p in self.places if p.campaign.status(on) in rank]
        return tuple(sorted(live, key=lambda p: (rank[p.campaign.status(on)], p.campaign.start)))


def load_campaigns(path: Path | str = CAMPAIGNS_FILE, office: Office | None = None, pages: set[str] | None = None) -> Campaigns:
    """Load and validate the campaigns. ``pages`` are the site's page paths (default: from ``docs/vi``)."""
    office = office or load_office()
    return parse_campaigns(load_yaml(path), office, pages if pages is not None else site_pages())


def site_pages() -> set[str]:
    """Paths of the public pages (``""`` for the home page, ``quyen-loi/``, ``en/quyen-loi/`` …)."""
    out: set[str] = set()
    for lang, prefix in (("vi", ""), ("en", "en/")):
        for md in (DOCS / lang).glob("*.md"):
            out.add(prefix if md.stem == "index" else f"{prefix}{md.stem}/")
    return out


def parse_campaigns(doc: YamlDoc, office: Office, pages: set[str]) -> Campaigns:
    d = doc.data
    if not isinstance(d, dict):
        raise doc.error("", "the file must be a mapping with 'sample', 'campaigns' and 'places'", "see the sample in data/campaigns.yml")
    doc.no_unknown("", d, {"sample", "campaigns", "places"})
    if not isinstance(d.get("sample"), bool):
        raise doc.error("sample", "must be true or false", "write 'sample: false' once the campaigns are real")
    campaigns: dict[str, Campaign] = {}
    for i, raw in enumerate(doc.entries("campaigns", d)):
        key = f"campaigns[{i}]"
        c = doc.mapping(key, raw)
        doc.no_unknown(key, c, {"id", "name", "start", "end"})
        cid = doc.string(f"{key}.id", c.get("id"))
        if not isinstance(cid, str) or not ID.match(cid):
            raise doc.error(f"{key}.id", f"{cid!r} is not a campaign id",
                            "use 2–40 lowercase letters, digits and '-', e.g. cao-diem-12-2026")
        if cid in campaigns:
            raise doc.error(f"{key}.id", f"campaign id '{cid}' is used twice", "give each campaign its own id")
        name = doc.text_pair(f"{key}.name", c.get("name"))
        start, end = doc.date(f"{key}.start", c.get("start")), doc.date(f"{key}.end", c.get("end"))
        if end < start:
            raise doc.error(f"{key}.end", f"campaign '{cid}' ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})",
                            "swap the dates or correct the year")
        campaigns[cid] = Campaign(cid, name, start, end)

    communes = {c for lo in office.local_offices for c in lo.communes} | {p.commune for p in office.collection_points}
    places: list[CampaignPlace] = []
    codes: dict[str, str] = {}
    for i, raw in enumerate(doc.entries("places", d)):
        key = f"places[{i}]"
        p = doc.mapping(key, raw)
        doc.no_unknown(key, p, {"code", "campaign", "name", "kind", "commune", "days", "target", "hours"})
        name = doc.string(f"{key}.name", p.get("name"))
        if not isinstance(name, str) or not name.strip():
            raise doc.error(f"{key}.name", "the place has no name", 'write where staff will be, e.g. name: "Chợ xã A"')
        name = doc.text(f"{key}.name", name)
        code = doc.string(f"{key}.code", p.get("code"))
        if not isinstance(code, str) or not CODE.match(code):
            raise doc.error(f"{key}.code", f"{code!r} is not a short code",
                            "use 1–15 lowercase letters, digits and '-' (it is printed: keep it short), e.g. cho-b")
        if code in codes:
            raise doc.error(f"{key}.code", f"short code '{code}' is already used by {codes[code]}", "give each place its own code")
        codes[code] = key
        cid = p.get("campaign")
        if cid not in campaigns:
            raise doc.error(f"{key}.campaign", f"unknown campaign {cid!r}", f"use one of the campaign ids: {', '.join(campaigns)}")
        campaign = campaigns[cid]
        kind = p.get("kind")
        if kind not in VENUE_KINDS:
            raise doc.error(f"{key}.kind", f"unknown kind {kind!r}", f"use one of: {', '.join(VENUE_KINDS)}")
        commune = doc.string(f"{key}.commune", p.get("commune"))
        if commune not in communes:
            raise doc.error(f"{key}.commune", f"{commune!r} is not a commune of data/office.yml",
                            f"use one of: {', '.join(sorted(communes))} (or add it to office.yml)")
        raw_days = p.get("days")
        if not isinstance(raw_days, list) or not raw_days:
            raise doc.error(f"{key}.days", "list the days staff will be there", "for example days: [2026-12-01, 2026-12-05]")
        days = tuple(doc.date(f"{key}.days[{j}]", v) for j, v in enumerate(raw_days))
        for j, day in enumerate(days):
            if j and day <= days[j - 1]:
                raise doc.error(f"{key}.days[{j}]", f"{day:%d/%m/%Y} is not after {days[j - 1]:%d/%m/%Y}",
                                "list the days in order, each once")
            if not campaign.start <= day <= campaign.end:
                raise doc.error(f"{key}.days[{j}]", f"{day:%d/%m/%Y} is outside campaign '{cid}' "
                                f"({campaign.start:%d/%m/%Y}–{campaign.end:%d/%m/%Y})", "correct the day or the campaign")
        target = _target(doc, f"{key}.target", p.get("target", DEFAULT_TARGET), office.site_url, pages)
        hours = _hours(doc, f"{key}.hours", p["hours"]) if "hours" in p else None
        places.append(CampaignPlace(code, campaign, name, kind, commune, days, target, hours))
    return Campaigns(d["sample"], tuple(campaigns.values()), tuple(places), doc.path)


def _hours(doc: YamlDoc, key: str, raw: Any) -> dict[str, str]:
    """``"7:00–11:00"`` (the same in both languages) or ``{vi: "Sáng 7:00–11:00", en: "7:00–11:00 a.m."}``."""
    if isinstance(raw, dict):
        return doc.text_pair(key, raw)
    raw = doc.string(key, raw)  # 7:00 unquoted is read as a number: "write it in quotes"
    if not isinstance(raw, str) or not raw.strip():
        raise doc.error(key, f"{raw!r} is not opening hours", 'write when staff are there, e.g. hours: "7:00–11:00" '
                        'or hours: {vi: "Sáng 7:00–11:00", en: "7:00–11:00 a.m."}')
    text = doc.text(key, raw)
    return {"vi": text, "en": text}


def _target(doc: YamlDoc, key: str, raw: Any, site_url: str, pages: set[str]) -> str:
    """A page of this site: a relative path (``tinh-muc-dong/``) or a full URL under ``site_url``."""
    if not isinstance(raw, str) or not raw.strip():
        raise doc.error(key, "is empty", f'write a page of this site, e.g. "{DEFAULT_TARGET}"')
    value = raw.strip()
    if urlsplit(value).scheme or value.startswith("//"):
        if not value.startswith(site_url):
            raise doc.error(key, f"{value!r} is outside the site {site_url}",
                            f'QR codes may only open pages of this site: write a path such as "{DEFAULT_TARGET}"')
        value = value[len(site_url):]
    value = value.lstrip("/")
    if value and not value.endswith("/"):
        value += "/"
    if "?" in value or "#" in value or value not in pages:
        known = ", ".join(sorted(p or '"" (home page)' for p in pages))
        raise doc.error(key, f"{raw!r} is not a page of this site", f"use one of: {known}")
    return value



