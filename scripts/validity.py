"""When shown figures hold: the window of validity of a set of named figures, and their next change.

A leaflet printed on 1/12/2026 is read in January; a page built today is read next year. So every output says
from when to when its figures hold, computed here from ``data/policy.yml`` and nowhere else:

* the figures are recomputed on every date at which some policy entry starts or ends, and on every 1 January
  (the retirement age required grows each year without a new entry);
* the window runs from the latest such date on which one of the figures took its present value, to the day
  before the first date on which one of them changes (or on which the data no longer gives a value);
* a window with no known end is open: "Áp dụng từ …".

Comparing the figures themselves, not the entries, means that a new entry with the same value (a new decree that
keeps the amount) does not end a window, and that a figure built on several parameters changes when any of them does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from scripts.errors import DataError
from scripts.figures import FigureSet, compute
from scripts.policy import Policy

HORIZON_YEARS = 6  # how far ahead changes are looked for (the data holds the law a few years ahead at most)


@dataclass(frozen=True)
class Window:
    """The days on which a set of figures all keep the values they have on ``on``."""

    on: dt.date
    start: dt.date | None  # None: since before the oldest date the data describes
    end: dt.date | None  # None: no change known

    @property
    def next_change(self) -> dt.date | None:
        """The first day with other figures (or with no known figures), if the data knows of one."""
        return self.end + dt.timedelta(days=1) if self.end else None

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@lru_cache(maxsize=4)
def change_dates(policy: Policy, first_year: int, last_year: int) -> tuple[dt.date, ...]:
    """Every date between the two years on which a figure may change: entry starts, days after entry ends, 1 January."""
    days: set[dt.date] = {dt.date(y, 1, 1) for y in range(first_year, last_year + 1)}
    for parameter in policy.parameters.values():
        for entry in parameter.entries:
            days.add(entry.effective_from)
            if entry.effective_to:
                days.add(entry.effective_to + dt.timedelta(days=1))
    return tuple(sorted(d for d in days if first_year <= d.year <= last_year))


def _figures(policy: Policy, day: dt.date) -> FigureSet | None:
    try:
        return compute(policy, day)
    except DataError:  # some parameter has no value on that day
        return None


def _has_value(policy: Policy, key: str, day: dt.date) -> bool:
    parameter = policy.parameters.get(key)
    if parameter is None:  # a figure's key that is not a parameter (a rule): it does not end on a date
        return True
    return any(e.covers(day) for e in parameter.entries)


def _same(a: FigureSet | None, b: FigureSet | None, names: tuple[str, ...], policy: Policy, day: dt.date) -> bool:
    if a is None or b is None:
        return False
    for name in names:
        x, y = a.figures.get(name), b.figures.get(name)
        if x is not None and y is None and all(_has_value(policy, k, day) for k in x.keys):
            # Not computed on that day only because another parameter of its group runs out (the income floor
            # after 2030 takes the support rates with it): its own entries go on, so this is no change.
            continue
        if (x is None) != (y is None) or (x is not None and (x.value, x.confirmed) != (y.value, y.confirmed)):
            return False
    return True


def window(policy: Policy, names: Iterable[str], on: dt.date) -> Window:
    """The window of validity, on ``on``, of the figures called ``names`` (see the module docstring)."""
    names = tuple(sorted(set(names)))
    today = compute(policy, on)
    for name in names:
        today.get(name)  # an unknown name is a mistake in the caller: say so
    oldest = min(e.effective_from for p in policy.parameters.values() for e in p.entries)
    dates = change_dates(policy, oldest.year, on.year + HORIZON_YEARS)
    end = None
    for day in (d for d in dates if d > on):
        if not _same(today, _figures(policy, day), names, policy, day):
            end = day - dt.timedelta(days=1)
            break
    start = None
    for day in reversed([d for d in dates if d <= on]):
        if not _same(today, _figures(policy, day - dt.timedelta(days=1)), names, policy, day - dt.timedelta(days=1)):
            start = day
            break
    return Window(on, start, end)


def coming(policy: Policy, names: Iterable[str], on: dt.date, days: int) -> tuple[dt.date, FigureSet] | None:
    """The next change of these figures and the figures from that day, if it comes within ``days`` of ``on``."""
    w = window(policy, names, on)
    nxt = w.next_change
    if nxt is None or (nxt - on).days > days:
        return None
    figures = _figures(policy, nxt)
    return (nxt, figures) if figures is not None else None


@dataclass(frozen=True)
class Change:
    """A parameter whose value changes soon: for the office's build message."""

    day: dt.date
    key: str
    label: str
    old: str
    new: str
    confirmed: bool


NOTICE_DAYS = 30  # `make site` and `make check-data` announce changes this close to the build date


def upcoming_changes(policy: Policy, on: dt.date, days: int = NOTICE_DAYS) -> list[Change]:
    """Every parameter whose next different value takes effect within ``days`` after ``on``, soonest first."""
    from scripts import fmt

    def shown(unit: str, value: object) -> str:
        if unit == "vnd":
            return fmt.number(value, "vi")
        if unit == "rate":
            return fmt.percent(float(value), "vi")
        if unit == "rates_by_group" and isinstance(value, dict):
            return "/".join(fmt.percent(float(v), "vi") for v in value.values())
        return str(value) if isinstance(value, int) else "…"

    out = []
    for key, parameter in policy.parameters.items():
        current = next((e for e in parameter.entries if e.covers(on)), None)
        if current is None:
            continue
        later = [e for e in parameter.entries if e.effective_from > on and e.value != current.value]
        if later and (later[0].effective_from - on).days <= days:
            new = later[0]
            out.append(Change(new.effective_from, key, parameter.label["vi"], shown(parameter.unit, current.value),
                              shown(parameter.unit, new.value), new.confirmed))
    return sorted(out, key=lambda c: (c.day, c.key))


def change_lines(policy: Policy, on: dt.date, days: int = NOTICE_DAYS) -> list[str]:
    """``01/01/2027: Thu nhập thấp nhất … 1.500.000 → 2.200.000 (chưa xác nhận); pages, leaflets and share images
    now show both`` — one line per coming change, for the person who runs the build."""
    return [f"{c.day:%d/%m/%Y}: {c.label} {c.old} → {c.new}{'' if c.confirmed else ' (chưa xác nhận)'}; "
            "pages, leaflets and share images now show both" for c in upcoming_changes(policy, on, days)]
