"""Named figures for pages, leaflets and share images, computed from the policy data for one date.

Content editors write ``{{ f.net_min.other }}`` in Markdown; leaflets and share images use the same
names. Every figure knows which policy entries it rests on, so a figure built on an unconfirmed value
is labelled wherever it appears.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from scripts import fmt
from scripts.calc import bounds, contribution
from scripts.errors import DataError
from scripts.policy import GROUPS, Policy


def build_date() -> dt.date:
    """The date whose law the build shows: ``BUILD_DATE=YYYY-MM-DD`` or today."""
    raw = os.environ.get("BUILD_DATE")
    if not raw:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DataError("environment", "BUILD_DATE", f"{raw!r} is not a date", "write it as YYYY-MM-DD") from None


@dataclass(frozen=True)
class Figure:
    """One number, with the policy entries it depends on."""

    value: float | int
    kind: str  # money | per_month | percent | count | date
    keys: tuple[str, ...]
    confirmed: bool

    def text(self, lang: str) -> str:
        if self.kind == "money":
            return fmt.money(int(self.value), lang)
        if self.kind == "money_short":
            return fmt.money_short(int(self.value), lang)
        if self.kind == "per_month":
            return fmt.per_month(int(self.value), lang)
        if self.kind == "percent":
            return fmt.percent(float(self.value), lang)
        return fmt.number(self.value, lang)


@dataclass
class FigureSet:
    """All named figures on one date. Names with a dot (``net_min.poor``) are grouped."""

    on: dt.date
    figures: dict[str, Figure] = field(default_factory=dict)

    def get(self, name: str) -> Figure:
        try:
            return self.figures[name]
        except KeyError:
            raise KeyError(f"unknown figure '{name}'. Known figures: {', '.join(sorted(self.figures))}") from None


def compute(policy: Policy, on: dt.date) -> FigureSet:
    """Compute every named figure for ``on``. Raises :class:`DataError` when a parameter has no value then."""
    fs = FigureSet(on)

    def add(name: str, value: float | int, kind: str, *keys: str) -> None:
        confirmed = all(policy.entry(k, on).confirmed for k in keys)
        fs.figures[name] = Figure(value, kind, keys, confirmed)

    floor, ceiling = bounds(policy, on)
    add("floor", floor, "money", "income_floor")
    add("ceiling", ceiling, "money", "reference_level", "ceiling_multiplier")
    add("reference_level", policy.value("reference_level", on), "money", "reference_level")
    add("rate", policy.value("contribution_rate", on), "percent", "contribution_rate")
    base = ("income_floor", "contribution_rate", "support_rates")
    for g in GROUPS:
        low = contribution(policy, floor, g, on)
        high = contribution(policy, ceiling, g, on)
        add(f"support_rate.{g}", policy.value("support_rates", on)[g], "percent", "support_rates")
        add(f"support.{g}", low.support, "money", *base)
        add(f"net_min.{g}", low.net, "money", *base)
        add(f"net_max.{g}", high.net, "money", *base, "reference_level", "ceiling_multiplier")
    add("gross_min", contribution(policy, floor, "other", on).gross, "money", "income_floor", "contribution_rate")
    add("gross_max", contribution(policy, ceiling, "other", on).gross, "money",
        "contribution_rate", "reference_level", "ceiling_multiplier")
    add("support_cap_months", policy.value("support_cap_months", on), "count", "support_cap_months")
    add("support_cap_years", policy.value("support_cap_months", on) // 12, "count", "support_cap_months")
    add("advance_max_years", policy.value("advance_max_months", on) // 12, "count", "advance_max_months")
    add("back_payment_max_years", policy.value("back_payment_max_months", on) // 12, "count", "back_payment_max_months")
    for period, months in policy.value("payment_deadlines", on).items():
        add(f"deadline.m{period}", months, "count", "payment_deadlines")
    add("pension_min_years", policy.value("pension_min_years", on), "count", "pension_min_years")
    rule = policy.value("pension_rate", on)
    add("pension_max_rate", rule["max_rate"], "percent", "pension_rate")
    for sex in ("male", "female"):
        tiers = rule[sex]
        add(f"pension_start_rate.{sex}", tiers[0]["rate"], "percent", "pension_rate")
        add(f"pension_full_years.{sex}", _years_to_max(tiers, rule["max_rate"]), "count", "pension_rate")
        add(f"pension_step.{sex}", tiers[-1]["step"], "percent", "pension_rate")
    add("pension_male_tier2_years", rule["male"][-1]["from_years"], "count", "pension_rate")
    add("pension_male_tier2_rate", rule["male"][-1]["rate"], "percent", "pension_rate")
    add("pension_male_tier1_step", rule["male"][0]["step"], "percent", "pension_rate")
    lump = policy.value("retirement_lump_sum", on)
    add("lump_sum_years.male", lump["male_years"], "count", "retirement_lump_sum")
    add("lump_sum_years.female", lump["female_years"], "count", "retirement_lump_sum")
    withdrawal = policy.value("one_time_withdrawal", on)
    add("withdrawal.before_2014", withdrawal["before_2014"], "count", "one_time_withdrawal")
    add("withdrawal.from_2014", withdrawal["from_2014"], "count", "one_time_withdrawal")
    add("maternity", policy.value("maternity_allowance", on), "money", "maternity_allowance")
    add("maternity_min_months", policy.value("maternity_min_months", on), "count", "maternity_min_months")
    add("funeral", policy.value("funeral_multiplier", on) * policy.value("reference_level", on), "money",
        "funeral_multiplier", "reference_level")
    add("funeral_multiplier", policy.value("funeral_multiplier", on), "count", "funeral_multiplier")
    add("funeral_min_months", policy.value("funeral_min_months", on), "count", "funeral_min_months")
    add("social_pension", policy.value("social_pension", on), "money", "social_pension")
    add("social_pension_age", policy.value("social_pension_age", on), "count", "social_pension_age")
    add("fund_rate", policy.value("fund_rate_monthly", on), "percent", "fund_rate_monthly")
    ages = policy.value("retirement_age", on)
    for sex in ("male", "female"):
        add(f"retirement_final_age.{sex}", ages[sex]["final"][0], "count", "retirement_age")
    return fs


def _years_to_max(tiers: list[dict], max_rate: float) -> int:
    """Years of contributions at which the pension rate reaches its maximum."""
    last = tiers[-1]
    return last["from_years"] + round((max_rate - last["rate"]) / last["step"])
