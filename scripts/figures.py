"""Named figures for pages, leaflets and share images, computed from the policy data for one date.

Content editors write ``{{ f.net_min.other }}`` in Markdown; leaflets and share images use the same
names. Every figure knows which policy entries it rests on, so a figure built on an unconfirmed value
is labelled wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from scripts import fmt
from scripts.calc import (
    TOP_UP,
    bounds,
    contribution,
    pension_at_min_years,
    retirement_age_in,
    top_up_in_force,
    top_up_rate,
    years_to_max_rate,
)
from scripts.errors import DataError
from scripts.policy import GROUPS, RULES, Policy


@dataclass(frozen=True)
class Figure:
    """One number, with the policy entries it depends on."""

    value: float | int | dt.date
    kind: str  # money | money_short | per_month | percent | count | date | month
    keys: tuple[str, ...]
    confirmed: bool

    def text(self, lang: str) -> str:
        if self.kind == "date":
            assert isinstance(self.value, dt.date)
            return fmt.date(self.value, lang)
        if self.kind == "month":
            assert isinstance(self.value, dt.date)
            return fmt.month(self.value, lang)
        if self.kind == "money":
            return fmt.money(int(self.value), lang)
        if self.kind == "money_short":
            return fmt.money_short(int(self.value), lang)
        if self.kind == "per_month":
            return fmt.per_month(int(self.value), lang)
        if self.kind == "percent":
            return fmt.percent(float(self.value), lang)
        return fmt.number(self.value, lang)


@dataclass(frozen=True)
class FigureSet:
    """All named figures on one date. Names with a dot (``net_min.poor``) are grouped.

    A figure whose parameters have no value on that date is missing; ``errors`` says which parameter.
    """

    on: dt.date
    figures: dict[str, Figure] = field(default_factory=dict)
    errors: list[DataError] = field(default_factory=list)

    def get(self, name: str) -> Figure:
        try:
            return self.figures[name]
        except KeyError:
            if self.errors:
                raise self.errors[0] from None
            raise UnknownFigure(name, sorted(self.figures)) from None


class UnknownFigure(KeyError):
    """A figure name that does not exist (a typo in a page or a template)."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.message = f"unknown figure '{name}'. Known figures: {', '.join(known)}"

    def __str__(self) -> str:
        return self.message


Add = Callable[..., None]


@lru_cache(maxsize=256)  # pages, leaflets, share images and validity windows ask for the same dates: compute once
def compute(policy: Policy, on: dt.date) -> FigureSet:
    """Compute every named figure for ``on``; figures whose parameters have no value then are left out.

    The result is shared between callers: treat it as read-only.
    """
    fs = FigureSet(on)

    def add(name: str, value: float | int | dt.date, kind: str, *keys: str) -> None:
        confirmed = all(policy.entry(k, on).confirmed for k in keys)
        fs.figures[name] = Figure(value, kind, keys, confirmed)

    for block in (_income, _contributions, _periods, _pension, _pension_example, _benefits, _retirement, _conditions,
                  _late_start, _adjustment):
        try:
            block(policy, on, add)
        except DataError as exc:  # a parameter has no value on this date: its figures are missing
            fs.errors.append(exc)
    add("updated", policy.updated, "date")
    return fs


def _income(policy: Policy, on: dt.date, add: Add) -> None:
    floor, ceiling = bounds(policy, on)
    add("floor", floor, "money", "income_floor")
    add("ceiling", ceiling, "money", "reference_level", "ceiling_multiplier")
    add("reference_level", policy.value("reference_level", on), "money", "reference_level")
    add("reference_level_from", policy.entry("reference_level", on).effective_from, "date", "reference_level")
    add("floor_from", policy.entry("income_floor", on).effective_from, "date", "income_floor")
    add("ceiling_multiplier", policy.value("ceiling_multiplier", on), "count", "ceiling_multiplier")


def _contributions(policy: Policy, on: dt.date, add: Add) -> None:
    floor, ceiling = bounds(policy, on)
    add("rate", policy.value("contribution_rate", on), "percent", "contribution_rate")
    base = ("income_floor", "contribution_rate", "support_rates", *((TOP_UP,) if top_up_in_force(policy, on) else ()))
    for g in GROUPS:
        low = contribution(policy, floor, g, on)
        high = contribution(policy, ceiling, g, on)
        add(f"support_rate.{g}", policy.value("support_rates", on)[g], "percent", "support_rates")
        if top_up_in_force(policy, on):  # the office's provincial top-up (data/office.yml), included in support.* and net_*
            add(f"top_up_rate.{g}", top_up_rate(policy, g, on), "percent", TOP_UP)
        add(f"support.{g}", low.support, "money", *base)
        add(f"net_min.{g}", low.net, "money", *base)
        add(f"net_max.{g}", high.net, "money", *base, "reference_level", "ceiling_multiplier")
    add("gross_min", contribution(policy, floor, "other", on).gross, "money", "income_floor", "contribution_rate")
    add("gross_max", contribution(policy, ceiling, "other", on).gross, "money",
        "contribution_rate", "reference_level", "ceiling_multiplier")
    # A year of contributions is 12 × the rate = this many months of the chosen income (a withdrawal pays 1.5 or 2).
    add("contribution_months_per_year", round(policy.value("contribution_rate", on) * 12, 4), "count", "contribution_rate")
    add("support_rates_from", policy.entry("support_rates", on).effective_from, "date", "support_rates")
    add("support_cap_months", policy.value("support_cap_months", on), "count", "support_cap_months")
    add("support_cap_years", policy.value("support_cap_months", on) // 12, "count", "support_cap_months")


def _periods(policy: Policy, on: dt.date, add: Add) -> None:
    add("advance_max_years", policy.value("advance_max_months", on) // 12, "count", "advance_max_months")
    add("back_payment_max_years", policy.value("back_payment_max_months", on) // 12, "count", "back_payment_max_months")
    add("fund_rate", policy.value("fund_rate_monthly", on), "percent", "fund_rate_monthly")
    for period, months in policy.value("payment_deadlines", on).items():
        add(f"deadline.m{period}", months, "count", "payment_deadlines")


def _pension(policy: Policy, on: dt.date, add: Add) -> None:
    add("pension_min_years", policy.value("pension_min_years", on), "count", "pension_min_years")
    rule = policy.value("pension_rate", on)
    add("pension_max_rate", rule["max_rate"], "percent", "pension_rate")
    for sex in ("male", "female"):
        tiers = rule[sex]
        add(f"pension_start_rate.{sex}", tiers[0]["rate"], "percent", "pension_rate")
        add(f"pension_full_years.{sex}", years_to_max_rate(policy, sex, on), "count", "pension_rate")
        add(f"pension_step.{sex}", tiers[-1]["step"], "percent", "pension_rate")
    add("pension_male_tier2_years", rule["male"][-1]["from_years"], "count", "pension_rate")
    add("pension_male_tier2_rate", rule["male"][-1]["rate"], "percent", "pension_rate")
    add("pension_male_tier1_step", rule["male"][0]["step"], "percent", "pension_rate")
    lump = policy.value("retirement_lump_sum", on)
    add("lump_sum_years.male", lump["male_years"], "count", "retirement_lump_sum")
    add("lump_sum_years.female", lump["female_years"], "count", "retirement_lump_sum")
    add("lump_sum_factor", lump["factor"], "count", "retirement_lump_sum")
    add("lump_sum_after_age_factor", lump["after_age_factor"], "count", "retirement_lump_sum")
    withdrawal = policy.value("one_time_withdrawal", on)
    add("withdrawal.before_2014", withdrawal["before_2014"], "count", "one_time_withdrawal")
    add("withdrawal.from_2014", withdrawal["from_2014"], "count", "one_time_withdrawal")
    add("withdrawal.under_one_year_cap", withdrawal["under_one_year_cap"], "count", "one_time_withdrawal")
    # Odd months (Law 41 Art 5(6)): up to this many count as half a year, more as a full year.
    half = rule["half_year_up_to_months"]
    add("odd_months.half_up_to", half, "count", "pension_rate")
    add("odd_months.full_from", half + 1, "count", "pension_rate")


def _pension_example(policy: Policy, on: dt.date, add: Add) -> None:
    """Illustration only: the first pension of someone with the minimum years whose average income is the lowest income."""
    floor = policy.value("income_floor", on)
    for sex in ("male", "female"):
        add(f"pension_example.{sex}", pension_at_min_years(policy, sex, floor, on), "money",
            "pension_rate", "pension_min_years", "income_floor")


def _benefits(policy: Policy, on: dt.date, add: Add) -> None:
    add("maternity", policy.value("maternity_allowance", on), "money", "maternity_allowance")
    add("maternity_min_months", policy.value("maternity_min_months", on), "count", "maternity_min_months")
    add("funeral", policy.value("funeral_multiplier", on) * policy.value("reference_level", on), "money",
        "funeral_multiplier", "reference_level")
    add("funeral_multiplier", policy.value("funeral_multiplier", on), "count", "funeral_multiplier")
    add("funeral_min_months", policy.value("funeral_min_months", on), "count", "funeral_min_months")
    add("social_pension", policy.value("social_pension", on), "money", "social_pension")
    add("social_pension_age", policy.value("social_pension_age", on), "count", "social_pension_age")
    add("social_pension_age_poor", policy.value("social_pension_age_poor", on), "count", "social_pension_age_poor")
    add("social_pension_from", policy.entry("social_pension", on).effective_from, "date", "social_pension")


def _retirement(policy: Policy, on: dt.date, add: Add) -> None:
    ages = policy.value("retirement_age", on)
    for sex in ("male", "female"):
        add(f"retirement_final_age.{sex}", ages[sex]["final"][0], "count", "retirement_age")
        years, months = retirement_age_in(policy, sex, on.year)
        add(f"retirement_age_years.{sex}", years, "count", "retirement_age")
        add(f"retirement_age_months.{sex}", months, "count", "retirement_age")


def _conditions(policy: Policy, on: dt.date, add: Add) -> None:
    """The conditions pages state in words (who may join, deadlines, thresholds), each from its dated entry."""
    add("join_min_age", policy.value("join_min_age", on), "count", "join_min_age")
    add("maternity_window_months", policy.value("maternity_window_months", on), "count", "maternity_window_months")
    add("maternity_foetus_weeks", policy.value("maternity_foetus_weeks", on), "count", "maternity_foetus_weeks")
    rules = {  # parameter → figure prefix
        "retirement_transitional": "transitional", "withdrawal_conditions": "withdrawal", "survivor_lump_sum": "survivor",
        "survivor_pensioner": "survivor_pensioner", "mixed_record": "mixed", "claim_deadlines": "claim",
    }
    for key, prefix in rules.items():
        for name, kind in RULES[key].items():
            value = policy.value(key, on)[name]
            if kind == "date":
                add(f"{prefix}.{name}", dt.date.fromisoformat(value), "date", key)
            else:
                add(f"{prefix}.{name}", value, "percent" if kind == "rate" else "count", key)


def _adjustment(policy: Policy, on: dt.date, add: Add) -> None:
    """The latest rise of pensions being paid (no value before the first one the data records: pages test ``has``)."""
    entry = policy.entry("pension_adjustment", on)
    add("pension_adjustment", entry.value, "percent", "pension_adjustment")
    add("pension_adjustment_from", entry.effective_from, "date", "pension_adjustment")
    # The rise is counted on the amount of the month before it takes effect (Decree 162/2026 Art 2(1)).
    add("pension_adjustment_base_month", entry.effective_from - dt.timedelta(days=1), "month", "pension_adjustment")


EXAMPLE_AGE = 50
"""The FAQ "Tôi đã 50 tuổi rồi, tham gia còn kịp không?" (legal review finding 6)."""


def _late_start(policy: Policy, on: dt.date, add: Add) -> None:
    """Someone who starts at ``EXAMPLE_AGE``: about how many years they can pay before the final retirement age, and
    how many they then lack. Someone aged 50 from 2026 on reaches the age after the roadmap ends (2028 for men, 2035
    for women), so the final age applies; odd months make the real shortfall a little larger ("khoảng")."""
    ages = policy.value("retirement_age", on)
    need = policy.value("pension_min_years", on)
    add("late_start.age", EXAMPLE_AGE, "count", "retirement_age")
    for sex in ("male", "female"):
        years = ages[sex]["final"][0] - EXAMPLE_AGE
        add(f"late_start.years.{sex}", years, "count", "retirement_age")
        add(f"late_start.short.{sex}", max(0, need - years), "count", "retirement_age", "pension_min_years")
