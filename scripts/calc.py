"""The few formulas that Python prints (pages, leaflets, share images).

The formulas' home is the JavaScript core (``docs/assets/javascripts/calculator/core.js``). This module
mirrors only the monthly contribution, with the same integer arithmetic and rounding, and
``tests/test_parity.py`` runs both on shared vectors so they cannot drift apart.

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


def bounds(policy: Policy, on: dt.date) -> tuple[int, int]:
    """Lowest and highest monthly income basis on ``on``."""
    floor = policy.value("income_floor", on)
    ceiling = policy.value("ceiling_multiplier", on) * policy.value("reference_level", on)
    return floor, ceiling


def contribution(policy: Policy, income: int, group: str, on: dt.date, top_up: float = 0.0) -> Contribution:
    """Monthly gross contribution, State support and net payment (policy reference §3.1)."""
    if group not in GROUPS:
        raise DataError(policy.file, "group", f"unknown group {group!r}", f"use one of {', '.join(GROUPS)}")
    floor, ceiling = bounds(policy, on)
    if not floor <= income <= ceiling:
        raise DataError(policy.file, "income", f"{income} is outside {floor}–{ceiling} on {on:%d/%m/%Y}")
    rate = _bp(policy.value("contribution_rate", on))
    k = min(_bp(policy.value("support_rates", on)[group]) + _bp(top_up), SCALE)
    gross = _div_round(income * rate, SCALE)
    support = min(_div_round(floor * rate * k, SCALE * SCALE), gross)
    return Contribution(gross, support, gross - support, floor, ceiling)
