"""The policy data: ``data/policy.yml`` loaded, validated once, and looked up by date.

Every figure on the site, in the calculator and on the leaflets comes from here. A lookup always asks
for "the value in force on date D" (:meth:`Policy.entry`), never for "the latest entry", because the
law changes on fixed dates (1/7/2026 reference level, 1/1/2027 income floor) and a page built today
must show today's figures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.errors import DataError
from scripts.paths import POLICY_FILE
from scripts.yamlfile import YamlDoc, cached

GROUPS = ("poor", "near_poor", "ethnic_minority", "other")
"""Support groups, in the order the site lists them (highest support first)."""

PERIODS = (1, 3, 6, 12)
CONFIDENCE = ("confirmed", "unconfirmed")
ENTRY_KEYS = {"value", "effective_from", "effective_to", "source", "article", "confidence", "note", "label", "group_labels"}

# Every parameter the code uses, with its unit. An unknown key in the file is a typo, not a new feature.
PARAMETERS: dict[str, str] = {
    "contribution_rate": "rate",
    "income_floor": "vnd",
    "reference_level": "vnd",
    "ceiling_multiplier": "count",
    "support_rates": "rates_by_group",
    "support_cap_months": "months",
    "payment_deadlines": "months_by_period",
    "advance_max_months": "months",
    "back_payment_max_months": "months",
    "fund_rate_monthly": "rate",
    "retirement_age": "age_schedule",
    "pension_min_years": "years",
    "pension_rate": "pension_rule",
    "retirement_lump_sum": "lump_sum_rule",
    "one_time_withdrawal": "lump_sum_rule",
    "maternity_allowance": "vnd",
    "maternity_min_months": "months",
    "funeral_multiplier": "count",
    "funeral_min_months": "months",
    "social_pension": "vnd",
    "social_pension_age": "years",
    "social_pension_age_poor": "years",
    # Conditions the pages state in words (from the legal review), each with its article.
    "join_min_age": "years",
    "retirement_transitional": "rule",
    "maternity_window_months": "months",
    "maternity_foetus_weeks": "count",
    "withdrawal_conditions": "rule",
    "survivor_lump_sum": "rule",
    "survivor_pensioner": "rule",
    "mixed_record": "rule",
    "claim_deadlines": "rule",
    "pension_adjustment": "rate",
}

# The fields of each structured rule and what each must be: "whole" (a whole number), "number" (a multiple such
# as 1.5), "rate" (a fraction: 0.81 for 81%) or "date" (YYYY-MM-DD). A missing or unknown field is a typo.
RULES: dict[str, dict[str, str]] = {
    "retirement_lump_sum": {"male_years": "whole", "female_years": "whole", "factor": "number", "after_age_factor": "number"},
    "one_time_withdrawal": {"before_2014": "number", "from_2014": "number", "under_one_year_cap": "number"},
    "retirement_transitional": {"joined_before": "date", "min_voluntary_years": "whole", "male_age": "whole",
                                "female_age": "whole"},
    "withdrawal_conditions": {"work_capacity_loss": "rate", "paid_before": "date", "pause_months": "whole",
                              "below_years": "whole"},
    "survivor_lump_sum": {"before_2014": "number", "from_2014": "number", "paid_back_below_months": "whole",
                          "mixed_min_times": "number"},
    "survivor_pensioner": {"first_months": "whole", "pension_months": "whole", "monthly_cut": "number",
                           "min_pension_months": "whole"},
    "mixed_record": {"pension_compulsory_years": "whole", "pension_compulsory_years_reduced_capacity": "whole",
                     "survivor_monthly_compulsory_years": "whole", "funeral_compulsory_months": "whole"},
    "claim_deadlines": {"maternity_days": "whole", "survivors_days": "whole", "pension_days_before": "whole",
                        "pension_decision_days": "whole", "allowance_decision_working_days": "whole"},
}


@dataclass(frozen=True)
class Entry:
    """One dated value of a parameter, with its legal basis."""

    value: Any
    effective_from: dt.date
    effective_to: dt.date | None
    source: str
    article: str
    confidence: str
    note: dict[str, str] | None = None
    label: dict[str, str] | None = None  # the name of the time, when it differs ("mức lương cơ sở" before 7/2025)
    group_labels: dict[str, dict[str, str]] | None = None  # support groups of the time, for rates_by_group
    article_en: str = ""  # ``article`` (Vietnamese, as the law writes it) for English pages: "Article 87(1)"

    def cite(self, lang: str) -> str:
        """The article in the page's language (``article`` stays the Vietnamese text many readers use)."""
        return self.article_en if lang == "en" and self.article_en else self.article

    @property
    def confirmed(self) -> bool:
        return self.confidence == "confirmed"

    def covers(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True)
class Parameter:
    key: str
    unit: str
    label: dict[str, str]
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Document:
    key: str
    number: str
    kind: dict[str, str]
    sets: dict[str, str]
    signed: dt.date | None = None
    effective: dt.date | None = None


@dataclass(frozen=True)
class Provision:
    """A rule the pages state in words without a figure of its own, with its article (the legal page lists it)."""

    source: str
    article: str
    article_en: str
    says: dict[str, str]

    def cite(self, lang: str) -> str:
        return self.article_en if lang == "en" else self.article


@dataclass(frozen=True, eq=False)  # compared (and hashed) by identity: one validated object per file version
class Policy:
    updated: dt.date
    parameters: dict[str, Parameter]
    documents: dict[str, Document]
    file: str = "data/policy.yml"
    provisions: tuple[Provision, ...] = ()

    def entry(self, key: str, on: dt.date) -> Entry:
        """The entry of ``key`` in force on ``on``; a clear error when there is none."""
        try:
            parameter = self.parameters[key]
        except KeyError:
            known = ", ".join(sorted(self.parameters))
            raise DataError(self.file, key, "no such parameter", f"use one of: {known}") from None
        for entry in parameter.entries:
            if entry.covers(on):
                return entry
        raise DataError(
            self.file, f"parameters.{key}", f"no value is in force on {on:%d/%m/%Y}",
            "add an entry whose effective_from/effective_to cover that date",
        )

    def value(self, key: str, on: dt.date) -> Any:
        return self.entry(key, on).value

    def entries_on(self, on: dt.date) -> dict[str, Entry]:
        """Every parameter's entry in force on ``on`` (parameters without one are left out)."""
        found = {}
        for key, parameter in self.parameters.items():
            for entry in parameter.entries:
                if entry.covers(on):
                    found[key] = entry
        return found

    def to_json(self) -> dict[str, Any]:
        """The JSON the browser gets (``assets/data/policy.json``): the same entries, dates as ISO strings."""

        def entry_json(e: Entry) -> dict[str, Any]:
            out: dict[str, Any] = {
                "value": e.value,
                "effective_from": e.effective_from.isoformat(),
                "effective_to": e.effective_to.isoformat() if e.effective_to else None,
                "source": e.source,
                "article": e.article,
                "article_en": e.article_en,
                "confidence": e.confidence,
            }
            if e.note:
                out["note"] = e.note
            if e.label:
                out["label"] = e.label
            if e.group_labels:
                out["group_labels"] = e.group_labels
            return out

        return {
            "updated": self.updated.isoformat(),
            "parameters": {
                k: {"unit": p.unit, "label": p.label, "values": [entry_json(e) for e in p.entries]}
                for k, p in self.parameters.items()
            },
            "documents": {
                k: {"number": d.number, "kind": d.kind, "sets": d.sets,
                    "signed": d.signed.isoformat() if d.signed else None,
                    "effective": d.effective.isoformat() if d.effective else None}
                for k, d in self.documents.items()
            },
        }


# --------------------------------------------------------------------------------------------------
# Loading and validation
# --------------------------------------------------------------------------------------------------


def parse_policy(doc: YamlDoc) -> Policy:
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error("", "the file must be a mapping with 'updated', 'parameters' and 'documents'")
    doc.no_unknown("", data, {"updated", "parameters", "documents", "provisions"})
    updated = doc.date("updated", data.get("updated"))
    documents = _documents(doc, data.get("documents"))
    provisions = _provisions(doc, data.get("provisions"), documents)
    params_raw = data.get("parameters")
    if not isinstance(params_raw, dict):
        raise doc.error("parameters", "missing or not a mapping", "list the parameters under 'parameters:'")
    for key in params_raw:
        if key not in PARAMETERS:
            raise doc.error(
                f"parameters.{key}", "unknown parameter",
                f"check the spelling; known parameters: {', '.join(PARAMETERS)}",
            )
    parameters = {}
    for key, unit in PARAMETERS.items():
        if key not in params_raw:
            raise doc.error("parameters", f"parameter '{key}' is missing", f"add '{key}:' with its values")
        parameters[key] = _parameter(doc, key, unit, params_raw[key], documents)
    return Policy(updated, parameters, documents, doc.path, provisions)


_load = cached(parse_policy)


def load_policy(path: Path | str = POLICY_FILE) -> Policy:
    """``data/policy.yml``, validated (once per file version)."""
    return _load(path)


def _parameter(doc: YamlDoc, key: str, unit: str, raw: Any, documents: dict[str, Document]) -> Parameter:
    base = f"parameters.{key}"
    if not isinstance(raw, dict):
        raise doc.error(base, "must be a mapping with 'unit', 'label' and 'values'")
    doc.no_unknown(base, raw, {"unit", "label", "values"})
    if raw.get("unit") != unit:
        raise doc.error(f"{base}.unit", f"must be '{unit}', found {raw.get('unit')!r}")
    label = doc.text_pair(f"{base}.label", raw.get("label"))
    values = raw.get("values")
    if not isinstance(values, list) or not values:
        raise doc.error(f"{base}.values", "needs at least one entry")
    entries = [_entry(doc, f"{base}.values[{i}]", unit, item, documents) for i, item in enumerate(values)]
    if key in RULES:
        for i, entry in enumerate(entries):
            _check_rule(doc, f"{base}.values[{i}].value", RULES[key], entry.value)
    for i in range(1, len(entries)):
        prev, cur = entries[i - 1], entries[i]
        where = f"{base}.values[{i}]"
        if cur.effective_from <= prev.effective_from:
            raise doc.error(f"{where}.effective_from", "entries are not in date order",
                            "list the entries from the oldest to the newest")
        if prev.effective_to is None:
            raise doc.error(f"{base}.values[{i - 1}]", "has no effective_to but a later entry follows it",
                            f"add 'effective_to: {cur.effective_from - dt.timedelta(days=1)}' (the day before the next entry)")
        if prev.effective_to >= cur.effective_from:
            raise doc.error(f"{where}.effective_from",
                            f"overlaps the previous entry, which runs until {prev.effective_to:%d/%m/%Y}",
                            "make the previous entry end the day before this one starts")
        if prev.effective_to + dt.timedelta(days=1) < cur.effective_from:
            first, last = prev.effective_to + dt.timedelta(days=1), cur.effective_from - dt.timedelta(days=1)
            raise doc.error(f"{where}.effective_from",
                            f"leaves a gap: no value from {first:%d/%m/%Y} to {last:%d/%m/%Y} (the calculator would answer "
                            "'no rules' for those days)",
                            f"make the previous entry end on {cur.effective_from - dt.timedelta(days=1)}, the day before this one "
                            "starts, or add an entry for the gap")
    _plausible(doc, base, key, unit, entries)
    return Parameter(key, unit, label, tuple(entries))


# Plausible values of the single-number parameters, from their history in the law, with room for
# years of change, and tight enough that a missing or extra zero falls outside. A parameter not listed here keeps
# the wide range of its unit (_check_value).
RANGES: dict[str, tuple[float, float]] = {
    "contribution_rate": (0.1, 0.4),           # 22 % since 2016
    "income_floor": (500_000, 6_000_000),      # rural poverty line: 700.000 (2016), 1.500.000 (2022), 2.200.000 (2027)
    "reference_level": (1_000_000, 6_000_000),  # base salary: 1.490.000 (2019) … 2.530.000 (2026)
    "ceiling_multiplier": (10, 30),            # 20
    "support_cap_months": (12, 240),           # 120
    "advance_max_months": (12, 120),           # 60
    "back_payment_max_months": (12, 240),      # 120, then 60
    "fund_rate_monthly": (0.0005, 0.02),       # 0,363 % (2025), 0,31 % (2026) a month
    "pension_min_years": (10, 30),             # 20, then 15
    "maternity_allowance": (500_000, 10_000_000),  # 2.000.000
    "maternity_min_months": (1, 12),           # 6 of the last 12 months
    "funeral_multiplier": (5, 20),             # 10
    "funeral_min_months": (12, 240),           # 60
    "social_pension": (200_000, 3_000_000),    # 500.000, then 540.000
    "social_pension_age": (60, 90),            # 75
    "social_pension_age_poor": (55, 90),       # 70
}
# Between two consecutive entries an amount in đồng changes by at most this factor (the largest step so far:
# the poverty line from 700.000 to 1.500.000 in 2022, ×2.1); a tenfold step is a typing mistake.
MAX_STEP = 3


def _plausible(doc: YamlDoc, base: str, key: str, unit: str, entries: list[Entry]) -> None:
    """Refuse a value outside the parameter's range, or an amount that jumps more than ×MAX_STEP from its neighbour."""
    for i, entry in enumerate(entries):
        if key in RANGES and isinstance(entry.value, (int, float)):
            lo, hi = RANGES[key]
            if not lo <= entry.value <= hi:
                raise doc.error(f"{base}.values[{i}].value", f"{entry.value} is outside the plausible range for {key}, "
                                f"{lo}–{hi}", "check for a missing or extra zero; rates are fractions (0.22 for 22%)")
        if i and entry.value and entries[i - 1].value and unit == "vnd":
            ratio = entry.value / entries[i - 1].value
            if not 1 / MAX_STEP <= ratio <= MAX_STEP:
                raise doc.error(f"{base}.values[{i}].value",
                                f"{entry.value} is {ratio:.2g} times the previous entry ({entries[i - 1].value})",
                                "check for a missing or extra zero (a step of more than 3 times is not plausible)")


def _entry(doc: YamlDoc, where: str, unit: str, raw: Any, documents: dict[str, Document]) -> Entry:
    if not isinstance(raw, dict):
        raise doc.error(where, "each entry must be a mapping with value, effective_from, source, article, confidence")
    doc.no_unknown(where, raw, ENTRY_KEYS)
    for required in ("value", "effective_from", "source", "confidence"):
        if required not in raw:
            raise doc.error(where, f"'{required}' is missing", f"add '{required}:' to this entry")
    start = doc.date(f"{where}.effective_from", raw["effective_from"])
    end = doc.date(f"{where}.effective_to", raw["effective_to"]) if raw.get("effective_to") is not None else None
    if end is not None and end < start:
        raise doc.error(f"{where}.effective_to", f"ends ({end:%d/%m/%Y}) before it starts ({start:%d/%m/%Y})",
                        "swap the dates or correct the year")
    source = raw["source"]
    if source not in documents:
        raise doc.error(f"{where}.source", f"unknown document '{source}'",
                        f"use one of the keys under 'documents:' ({', '.join(documents)})")
    confidence = raw["confidence"]
    if confidence not in CONFIDENCE:
        raise doc.error(f"{where}.confidence", f"must be 'confirmed' or 'unconfirmed', found {confidence!r}")
    note = doc.text_pair(f"{where}.note", raw["note"]) if raw.get("note") is not None else None
    if confidence == "unconfirmed" and note is None and unit not in ("rate",):
        pass  # a note is welcome but not required: the page labels the figure either way
    value = _check_value(doc, f"{where}.value", unit, raw["value"])
    label = doc.text_pair(f"{where}.label", raw["label"]) if raw.get("label") is not None else None
    group_labels = _group_labels(doc, f"{where}.group_labels", unit, raw["group_labels"]) \
        if raw.get("group_labels") is not None else None
    article, article_en = _article(doc, f"{where}.article", raw.get("article", ""))
    return Entry(value, start, end, source, article, confidence, note, label, group_labels, article_en)


_CITATION = re.compile(r"Điều (\d+)(?: khoản (\d+(?:, \d+)*))?(?: điểm ([a-zđ](?:, [a-zđ])*))?")


def article_en(vi: str) -> str | None:
    """``Điều 102 khoản 1 điểm d, đ; Điều 5 khoản 3`` → ``Article 102(1)(d), (đ); Article 5(3)``.

    ``None`` when the text says more than article, clause and point (a document name, a remark): such a text needs
    its English form written out in the data.
    """
    out = []
    for part in vi.split(";"):
        m = _CITATION.fullmatch(part.strip())
        if m is None:
            return None
        number, clauses, points = m.groups()
        text = f"Article {number}"
        if clauses:
            text += ", ".join(f"({c})" for c in clauses.split(", "))
        if points:
            text += ", ".join(f"({p})" for p in points.split(", "))
        out.append(text)
    return "; ".join(out)


def _article(doc: YamlDoc, where: str, raw: Any) -> tuple[str, str]:
    """``article: "Điều 87 khoản 1"`` (English made from it) or ``article: {vi: "…", en: "…"}`` for any other text."""
    if isinstance(raw, dict):
        pair = doc.text_pair(where, raw)
        return pair["vi"], pair["en"]
    vi = doc.optional_text(where, raw)  # text, not a number or a date read by YAML
    if not vi:
        return "", ""
    en = article_en(vi)
    if en is None:
        raise doc.error(where, f"'{vi}' is more than an article, clause and point, so the English page cannot show it",
                        'write it as {vi: "…", en: "…"} (or only "Điều 87 khoản 1", which is translated for you)')
    return vi, en


def _group_labels(doc: YamlDoc, where: str, unit: str, raw: Any) -> dict[str, dict[str, str]]:
    """The support groups as they were named when the entry applied (one text pair per group)."""
    if unit != "rates_by_group":
        raise doc.error(where, "only support rates have group labels", "remove 'group_labels' from this entry")
    if not isinstance(raw, dict) or set(raw) != set(GROUPS):
        raise doc.error(where, f"must name each group: {', '.join(GROUPS)}")
    return {g: doc.text_pair(f"{where}.{g}", raw[g]) for g in GROUPS}


def _check_rule(doc: YamlDoc, where: str, fields: dict[str, str], value: dict[str, Any]) -> None:
    """A structured rule has exactly its fields, each of its kind (see ``RULES``)."""
    missing = [f for f in fields if f not in value]
    if missing:
        raise doc.error(where, f"'{missing[0]}' is missing", f"this rule needs: {', '.join(fields)}")
    for name, v in value.items():
        kind = fields.get(name)
        key = f"{where}.{name}"
        if kind is None:
            raise doc.error(key, "unknown field", f"check the spelling; this rule has: {', '.join(fields)}")
        if kind == "date":
            try:
                dt.date.fromisoformat(str(v))
            except ValueError:
                raise doc.error(key, f"{v!r} is not a date", "write dates as YYYY-MM-DD, for example 2021-01-01") from None
            continue
        integer = kind == "whole"
        hi = 1 if kind == "rate" else 1_000
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)) or not 0 < v <= hi:
            what = {"whole": "a whole number", "number": "a number", "rate": "a fraction from 0 to 1 (0.81 for 81%)"}[kind]
            raise doc.error(key, f"must be {what}, found {v!r}", "write digits only, without dots or spaces")


def _check_value(doc: YamlDoc, where: str, unit: str, value: Any) -> Any:
    def number(v: Any, key: str, lo: float, hi: float, integer: bool = False) -> float | int:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or (integer and not isinstance(v, int)):
            kind = "a whole number" if integer else "a number"
            raise doc.error(key, f"must be {kind}, found {v!r}",
                            "write digits only, without dots or spaces (1500000, 0.22)")
        if not lo <= v <= hi:
            raise doc.error(key, f"{v} is outside the plausible range {lo}–{hi}",
                            "check for a missing or extra zero; rates are fractions (0.22 for 22%)")
        return v

    if unit == "rate":
        return number(value, where, 0, 1)
    if unit == "vnd":
        return number(value, where, 1_000, 1_000_000_000, integer=True)
    if unit in ("count", "months", "years"):
        return number(value, where, 1, 1_000, integer=True)
    if unit == "rates_by_group":
        if not isinstance(value, dict) or set(value) != set(GROUPS):
            raise doc.error(where, f"must give a rate for each group: {', '.join(GROUPS)}")
        return {g: number(value[g], f"{where}.{g}", 0, 1) for g in GROUPS}
    if unit == "months_by_period":
        if not isinstance(value, dict) or set(value) != set(PERIODS):
            raise doc.error(where, f"must give a deadline for each period: {', '.join(map(str, PERIODS))} months")
        return {str(p): number(value[p], f"{where}.{p}", 1, 12, integer=True) for p in PERIODS}
    if unit == "age_schedule":
        if not isinstance(value, dict) or set(value) != {"first_year", "male", "female"}:
            raise doc.error(where, "must have first_year, male and female")
        number(value["first_year"], f"{where}.first_year", 1990, 2100, integer=True)
        for sex in ("male", "female"):
            s = value[sex]
            if not isinstance(s, dict) or set(s) != {"start", "step_months", "final"}:
                raise doc.error(f"{where}.{sex}", "must have start: [years, months], step_months and final: [years, months]")
            for k in ("start", "final"):
                if not (isinstance(s[k], list) and len(s[k]) == 2):
                    raise doc.error(f"{where}.{sex}.{k}", "must be [years, months], for example [60, 3]")
                number(s[k][0], f"{where}.{sex}.{k}", 40, 80, integer=True)
                if not isinstance(s[k][1], int) or not 0 <= s[k][1] <= 11:
                    raise doc.error(f"{where}.{sex}.{k}", "months must be a whole number from 0 to 11")
            number(s["step_months"], f"{where}.{sex}.step_months", 1, 12, integer=True)
        return value
    if unit == "pension_rule":
        if not isinstance(value, dict) or set(value) != {"max_rate", "male", "female", "half_year_up_to_months"}:
            raise doc.error(where, "must have max_rate, male, female and half_year_up_to_months")
        number(value["max_rate"], f"{where}.max_rate", 0, 1)
        number(value["half_year_up_to_months"], f"{where}.half_year_up_to_months", 1, 11, integer=True)
        for sex in ("male", "female"):
            tiers = value[sex]
            if not isinstance(tiers, list) or not tiers:
                raise doc.error(f"{where}.{sex}", "must list at least one tier {from_years, rate, step}")
            last = -1
            for i, t in enumerate(tiers):
                k = f"{where}.{sex}[{i}]"
                if not isinstance(t, dict) or set(t) != {"from_years", "rate", "step"}:
                    raise doc.error(k, "each tier needs from_years, rate and step")
                y = number(t["from_years"], f"{k}.from_years", 1, 50, integer=True)
                if y <= last:
                    raise doc.error(f"{k}.from_years", "tiers must be in increasing order of years")
                last = y
                number(t["rate"], f"{k}.rate", 0, 1)
                number(t["step"], f"{k}.step", 0, 0.1)
        return value
    if unit == "rule":  # fields checked against RULES by _parameter; dates kept as ISO text (policy.json is JSON)
        if not isinstance(value, dict) or not value:
            raise doc.error(where, "must be a mapping of named values")
        return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in value.items()}
    if unit == "lump_sum_rule":
        if not isinstance(value, dict) or not value:
            raise doc.error(where, "must be a mapping of numbers")
        return {k: number(v, f"{where}.{k}", 0, 100) for k, v in value.items()}
    raise doc.error(where, f"unknown unit '{unit}'")  # pragma: no cover - PARAMETERS is closed


def _provisions(doc: YamlDoc, raw: Any, documents: dict[str, Document]) -> tuple[Provision, ...]:
    """``provisions:`` (optional): ``- {source: luat-41-2024, article: "Điều 23", says: {vi: …, en: …}}``."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise doc.error("provisions", "must be a list", 'write each as "- source: …" with article and says')
    out = []
    for i, item in enumerate(raw):
        where = f"provisions[{i}]"
        if not isinstance(item, dict):
            raise doc.error(where, "must be a mapping with source, article and says")
        doc.no_unknown(where, item, {"source", "article", "says"})
        if item.get("source") not in documents:
            raise doc.error(f"{where}.source", f"unknown document {item.get('source')!r}",
                            f"use one of the keys under 'documents:' ({', '.join(documents)})")
        article, article_en = _article(doc, f"{where}.article", item.get("article", ""))
        if not article:
            raise doc.error(f"{where}.article", "is missing", 'add the article it rests on, for example "Điều 23"')
        out.append(Provision(item["source"], article, article_en, doc.text_pair(f"{where}.says", item.get("says"))))
    return tuple(out)


def _documents(doc: YamlDoc, raw: Any) -> dict[str, Document]:
    if not isinstance(raw, dict) or not raw:
        raise doc.error("documents", "missing or empty", "list the legal documents under 'documents:'")
    out = {}
    for key, d in raw.items():
        where = f"documents.{key}"
        if not isinstance(d, dict):
            raise doc.error(where, "must be a mapping with number, kind and sets")
        doc.no_unknown(where, d, {"number", "kind", "sets", "signed", "effective"})
        if "number" not in d:
            raise doc.error(where, "'number' is missing")
        signed = doc.date(f"{where}.signed", d["signed"]) if d.get("signed") else None
        effective = doc.date(f"{where}.effective", d["effective"]) if d.get("effective") else None
        out[key] = Document(key, doc.text(f"{where}.number", d["number"]), doc.text_pair(f"{where}.kind", d.get("kind")),
                            doc.text_pair(f"{where}.sets", d.get("sets")), signed, effective)
    return out


