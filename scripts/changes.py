"""The next change of the figures: what changes on that day, old and new, for the staff page
"Những gì thay đổi từ 01/01/2027" (``docs/*/thay-doi-sap-toi.md``, ``{{ changes() }}``).

The day is the first on which any named figure takes another value (:func:`scripts.validity.window` over every
figure that is not a date), so a yearly step of the retirement age counts as well as a new policy entry. The page
lists the policy entries that change (with their document and article), the figures of each support group, and
the other figures computed from the entries.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from scripts import validity
from scripts.figures import Figure, FigureSet, compute
from scripts.policy import GROUPS, Entry, Parameter, Policy

GROUP_FAMILIES = ("net_min", "support", "net_max")  # per group: what a household pays and what the State pays
# Figures computed from the entries, shown when they change (their entries' changes are listed anyway). Not the
# pension examples: they take the floor as a whole record's average income, so a new floor would read as "pensions
# rise" to staff, while a pension rests on the incomes the person actually paid on.
DERIVED = ("ceiling", "gross_min", "gross_max", "funeral", "retirement_age.male", "retirement_age.female")


@dataclass(frozen=True)
class EntryChange:
    parameter: Parameter
    old: Entry | None
    new: Entry | None


@dataclass(frozen=True)
class FigureChange:
    name: str
    old: Figure | None
    new: Figure | None
    basis: tuple[Entry, ...]  # the entries the new value rests on that change that day (else all of them)


@dataclass(frozen=True)
class NextChange:
    day: dt.date
    entries: list[EntryChange]
    groups: dict[str, list[FigureChange]]  # family → one change per group (only families that change)
    derived: list[FigureChange]


def next_change(policy: Policy, on: dt.date) -> NextChange | None:
    """What changes on the first day after ``on`` on which any figure changes; ``None`` if the data knows of none."""
    today = compute(policy, on)
    names = [n for n, f in today.figures.items() if f.kind != "date"]
    day = validity.window(policy, names, on).next_change
    if day is None:
        return None
    later = compute(policy, day)
    entries = []
    for parameter in policy.parameters.values():
        old, new = _entry(parameter, on), _entry(parameter, day)
        if (old is None) != (new is None) or (old and new and old.value != new.value):
            entries.append(EntryChange(parameter, old, new))
    groups = {}
    for family in GROUP_FAMILIES:
        rows = [_change(policy, today, later, f"{family}.{g}", on, day) for g in GROUPS]
        if any(_differs(r) for r in rows):
            groups[family] = rows
    derived = [c for c in (_change(policy, today, later, n, on, day) for n in DERIVED) if _differs(c)]
    return NextChange(day, entries, groups, derived)


def _entry(parameter: Parameter, day: dt.date) -> Entry | None:
    return next((e for e in parameter.entries if e.covers(day)), None)


def _change(policy: Policy, today: FigureSet, later: FigureSet, name: str, on: dt.date, day: dt.date) -> FigureChange:
    if name.startswith("retirement_age."):  # years and months shown as one age
        sex = name.split(".")[1]
        old, new = _age(today, sex), _age(later, sex)
    else:
        old, new = today.figures.get(name), later.figures.get(name)
    keys = (new or old).keys if (new or old) else ()
    entries = [(policy.parameters[k], _entry(policy.parameters[k], on), _entry(policy.parameters[k], day)) for k in keys]
    changed = tuple(n for _, o, n in entries if n and (o is None or o.value != n.value))
    return FigureChange(name, old, new, changed or tuple(n for _, _, n in entries if n))


def _age(figures: FigureSet, sex: str) -> Figure | None:
    years, months = figures.figures.get(f"retirement_age_years.{sex}"), figures.figures.get(f"retirement_age_months.{sex}")
    if years is None or months is None:
        return None
    return Figure(int(years.value) * 12 + int(months.value), "age_months", years.keys, years.confirmed)


def _differs(c: FigureChange) -> bool:
    return (c.old is None) != (c.new is None) or bool(c.old and c.new and c.old.value != c.new.value)
