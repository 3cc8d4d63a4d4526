"""The few formulas that Python prints (pages, leaflets, share images).

The formulas' home is the JavaScript core (``docs/assets/javascripts/calculator/core.js``). This module
mirrors only what pages, leaflets and share images print: the monthly contribution (with the province's top-up),
the retirement age required in a year, the years to the maximum pension rate and the pension at the minimum years,
with the same integer arithmetic and rounding; ``tests/test_parity.py`` runs both on shared vectors so they cannot
drift apart.

Rounding rule (same as the JS core): amounts are whole đồng, rounded half up, once per monthly amount.
The law gives the percentages but no rounding rule; VSS notices and the published examples
(330.000, 66.000, 264.000 …) are all whole đồng, and the percentages of whole-thousand incomes are
exact, so the rule only matters for incomes that are not multiples of 50 đồng.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scripts.errors import DataError
from scripts.policy import GROUPS, Policy

SCALE = 10_000  # rates become integers in basis points, so the arithmetic is exact
TOP_UP = "provincial_top_up"  # the office's dated top-up rates, merged into the policy by scripts/site_data.py


def _bp(rate: float) -> int:
    return round(rate * SCALE)


def _div_round(numerator: int, denominator: int) -> int:
    """Integer division rounded half up (amounts are never negative)."""
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Contribution:
    gross: int
    support: int
    net: int
    floor: int
    ceiling: int
    top_up: int = 0  # the province's part of ``support``


def bounds(policy: Policy, on: dt.date) -> tuple[int, int]:
    """Lowest and highest monthly income basis on ``on``."""
    floor = policy.value("income_floor", on)
    ceiling = policy.value("ceiling_multiplier", on) * policy.value("reference_level", on)
    return floor, ceiling


def top_up_in_force(policy: Policy, on: dt.date) -> bool:
    """Whether the office sets a provincial top-up on ``on`` (``data/office.yml`` ``top_ups``)."""
    parameter = policy.parameters.get(TOP_UP)
    return parameter is not None and any(e.covers(on) for e in parameter.entries)


def top_up_rate(policy: Policy, group: str, on: dt.date) -> float:
    """The province's own support rate for ``group`` on ``on``; 0 when the office sets none."""
    return policy.value(TOP_UP, on)[group] if top_up_in_force(policy, on) else 0.0


def contribution(policy: Policy, income: int, group: str, on: dt.date, top_up: float | None = None) -> Contribution:
    """Monthly gross contribution, support and net payment.

    The support is the State's rate plus the province's top-up (``top_up``; by default the office's rate on ``on``).
    """
    if group not in GROUPS:
        raise DataError(policy.file, "group", f"unknown group {group!r}", f"use one of {', '.join(GROUPS)}")
    floor, ceiling = bounds(policy, on)
    if not floor <= income <= ceiling:
        raise DataError(policy.file, "income", f"{income} is outside {floor}–{ceiling} on {on:%d/%m/%Y}")
    local = top_up_rate(policy, group, on) if top_up is None else top_up
    rate = _bp(policy.value("contribution_rate", on))
    state = _bp(policy.value("support_rates", on)[group])
    gross = _div_round(income * rate, SCALE)

    def on_floor(k: int) -> int:
        return min(_div_round(floor * rate * min(k, SCALE), SCALE * SCALE), gross)

    support = on_floor(state + _bp(local))
    return Contribution(gross, support, gross - support, floor, ceiling, support - on_floor(state))


def retirement_age_in(policy: Policy, sex: str, year: int) -> tuple[int, int]:
    """Retirement age (years, months) required in calendar ``year`` (Decree 135/2020 Art 4 roadmap; core ``retirementAgeIn``)."""
    entry = next((e for e in policy.parameters["retirement_age"].entries if e.covers(dt.date(year, 1, 1))),
                 policy.parameters["retirement_age"].entries[0])
    schedule = entry.value
    rule = schedule[sex]
    start = rule["start"][0] * 12 + rule["start"][1]
    final = rule["final"][0] * 12 + rule["final"][1]
    steps = max(0, year - schedule["first_year"] + 1)
    total = min(start + steps * rule["step_months"], final)
    return total // 12, total % 12


def years_to_max_rate(policy: Policy, sex: str, on: dt.date) -> int:
    """Years of contributions at which the pension rate reaches its maximum (Law 41/2024 Art 99; core ``yearsToMaxRate``)."""
    rule = policy.value("pension_rate", on)
    last = rule[sex][-1]
    gap, step = _bp(rule["max_rate"]) - _bp(last["rate"]), _bp(last["step"])
    return last["from_years"] + -(-gap // step)  # whole years, rounded up


def pension_at_min_years(policy: Policy, sex: str, income: int, on: dt.date) -> int:
    """The pension of someone with exactly the minimum years (Art 98) whose average income is ``income``, half up
    (core ``pensionEstimate`` with ``years`` = the minimum)."""
    rule = policy.value("pension_rate", on)
    years = policy.value("pension_min_years", on)
    tiers = [t for t in rule[sex] if t["from_years"] <= years]
    if not tiers:
        return 0
    tier = tiers[-1]
    rate = min(_bp(tier["rate"]) + _bp(tier["step"]) * (years - tier["from_years"]), _bp(rule["max_rate"]))
    return _div_round(rate * income, SCALE)
