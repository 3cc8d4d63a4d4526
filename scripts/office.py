"""The office data (``data/office.yml``): who runs the site, where people register and pay."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.paths import OFFICE_FILE
from scripts.policy import CONFIDENCE, GROUPS
from scripts.yamlfile import YamlDoc, cached

PLACE_KINDS = ("agent", "post_office", "office")
TRANSITION_DAYS = 90  # outputs show a coming figure next to today's from this many days before it takes effect


def tel(phone: str) -> str:
    """The phone number for a ``tel:`` link (digits and a leading +)."""
    return re.sub(r"[^0-9+]", "", phone)


@dataclass(frozen=True)
class Place:
    name: str
    commune: str
    address: str
    phone: str
    hours: dict[str, str]
    kind: str = "office"
    communes: tuple[str, ...] = ()

    @property
    def tel(self) -> str:
        return tel(self.phone)


@dataclass(frozen=True)
class TopUp:
    """The province's own support, added to the State's rate for each group (Law 41/2024 Art 6(6), Decree 159/2025 Art 5).

    ``rates`` are fractions of the contribution at the lowest income, like the State's; a group left out gets none.
    """

    rates: dict[str, float]
    effective_from: dt.date
    effective_to: dt.date | None
    number: str  # the resolution of the provincial People's Council, e.g. "12/2025/NQ-HĐND"
    signed: dt.date
    article: str
    confidence: str


@dataclass(frozen=True)
class Office:
    sample: bool
    name: dict[str, str]
    short_name: dict[str, str]
    province: str
    address: str
    phone: str
    hours: dict[str, str]
    site_url: str
    social: tuple[dict[str, str], ...]
    local_offices: tuple[Place, ...]
    collection_points: tuple[Place, ...]
    transition_days: int = TRANSITION_DAYS
    top_ups: tuple[TopUp, ...] = ()
    file: str = "data/office.yml"

    @property
    def tel(self) -> str:
        return tel(self.phone)

    def points_by_commune(self) -> dict[str, list[Place]]:
        out: dict[str, list[Place]] = {}
        for p in self.collection_points:
            out.setdefault(p.commune, []).append(p)
        return dict(sorted(out.items()))


def parse_office(doc: YamlDoc) -> Office:
    d = doc.data
    if not isinstance(d, dict):
        raise doc.error("", "the file must be a mapping (see the sample in data/office.yml)")
    doc.no_unknown("", d, {"sample", "office", "site_url", "social", "local_offices", "collection_points", "transition_days", "top_ups"})
    sample = d.get("sample")
    if not isinstance(sample, bool):
        raise doc.error("sample", "must be true or false", "write 'sample: false' once every entry is real")
    o = doc.mapping("office", d.get("office"))
    doc.no_unknown("office", o, {"name", "short_name", "province", "address", "phone", "hours"})
    site_url = doc.site_url("site_url", d.get("site_url"))
    social = []
    for i, s in enumerate(d.get("social") or []):
        key = f"social[{i}]"
        s = doc.mapping(key, s)
        doc.no_unknown(key, s, {"name", "url"})
        social.append({"name": doc.text(f"{key}.name", s.get("name")), "url": doc.url(f"{key}.url", s.get("url"))})
    local = tuple(_place(doc, f"local_offices[{i}]", p, local=True) for i, p in enumerate(doc.entries("local_offices", d)))
    points = tuple(_place(doc, f"collection_points[{i}]", p) for i, p in enumerate(doc.entries("collection_points", d)))
    return Office(
        sample=sample,
        name=doc.text_pair("office.name", o.get("name")),
        short_name=doc.text_pair("office.short_name", o.get("short_name")),
        province=doc.text("office.province", o.get("province")),
        address=doc.text("office.address", o.get("address")),
        phone=doc.phone("office.phone", o.get("phone")),
        hours=doc.text_pair("office.hours", o.get("hours")),
        site_url=site_url,
        social=tuple(social),
        local_offices=local,
        collection_points=points,
        transition_days=_days(doc, "transition_days", d.get("transition_days", TRANSITION_DAYS)),
        top_ups=_top_ups(doc, d.get("top_ups")),
        file=doc.path,
    )


def _place(doc: YamlDoc, key: str, raw: Any, local: bool = False) -> Place:
    p = doc.mapping(key, raw)
    allowed = {"name", "communes", "address", "phone", "hours"} if local else {"name", "kind", "commune", "address", "phone", "hours"}
    doc.no_unknown(key, p, allowed)
    if local:
        communes = p.get("communes")
        if not isinstance(communes, list) or not communes:
            raise doc.error(f"{key}.communes", "list the communes this office serves", 'for example ["Xã A", "Phường B"]')
        commune, kinds = "", "office"
    else:
        commune, kinds, communes = doc.text(f"{key}.commune", p.get("commune")), p.get("kind"), []
        if kinds not in PLACE_KINDS:
            raise doc.error(f"{key}.kind", f"unknown kind {kinds!r}", f"use one of: {', '.join(PLACE_KINDS)}")
    return Place(
        name=doc.text(f"{key}.name", p.get("name")),
        commune=commune,
        address=doc.text(f"{key}.address", p.get("address")),
        phone=doc.phone(f"{key}.phone", p.get("phone")),
        hours=doc.text_pair(f"{key}.hours", p.get("hours")),
        kind=kinds,
        communes=tuple(doc.text(f"{key}.communes[{j}]", c) for j, c in enumerate(communes)),
    )


_load = cached(parse_office)


def load_office(path: Path | str = OFFICE_FILE) -> Office:
    """``data/office.yml``, validated (once per file version)."""
    return _load(path)


def _days(doc: YamlDoc, key: str, value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 366:
        raise doc.error(key, f"{value!r} is not a number of days", "write a whole number from 0 to 366, for example 90")
    return value


def _top_ups(doc: YamlDoc, raw: Any) -> tuple[TopUp, ...]:
    """``top_ups:``: dated provincial support rates, oldest first, each with its resolution; none is fine."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise doc.error("top_ups", "must be a list of entries", "start each entry with '- rates:' (see the comment in data/office.yml)")
    out: list[TopUp] = []
    for i, item in enumerate(raw):
        key = f"top_ups[{i}]"
        t = doc.mapping(key, item)
        doc.no_unknown(key, t, {"rates", "effective_from", "effective_to", "resolution", "confidence"})
        rates = doc.mapping(f"{key}.rates", t.get("rates"))
        for group, rate in rates.items():
            if group not in GROUPS:
                raise doc.error(f"{key}.rates.{group}", "unknown group", f"use one of: {', '.join(GROUPS)}")
            if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate <= 1:
                raise doc.error(f"{key}.rates.{group}", f"{rate!r} is not a rate",
                                "write a fraction of the contribution at the lowest income: 0.1 for 10 %")
        if not rates:
            raise doc.error(f"{key}.rates", "gives no rate", "write at least one group, for example 'other: 0.1'")
        res = doc.mapping(f"{key}.resolution", t.get("resolution"))
        doc.no_unknown(f"{key}.resolution", res, {"number", "signed", "article"})
        start = doc.date(f"{key}.effective_from", t.get("effective_from"))
        end = doc.date(f"{key}.effective_to", t["effective_to"]) if t.get("effective_to") is not None else None
        if end is not None and end < start:
            raise doc.error(f"{key}.effective_to", f"ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})",
                            "swap the dates or correct the year")
        confidence = t.get("confidence")
        if confidence not in CONFIDENCE:
            raise doc.error(f"{key}.confidence", f"must be 'confirmed' or 'unconfirmed', found {confidence!r}",
                            "write 'unconfirmed' until you have read the resolution itself")
        if out:
            prev = out[-1]
            if prev.effective_to is None or prev.effective_to >= start:
                raise doc.error(f"{key}.effective_from", "overlaps the previous top-up",
                                f"give the previous one 'effective_to: {start - dt.timedelta(days=1)}' (the day before this one)")
        out.append(TopUp({g: float(rates.get(g, 0)) for g in GROUPS}, start, end,
                         doc.text(f"{key}.resolution.number", res.get("number")),
                         doc.date(f"{key}.resolution.signed", res.get("signed")),
                         doc.text(f"{key}.resolution.article", res.get("article")), confidence))
    return tuple(out)
