"""Formatting the Vietnamese (and English) way, plus tone-mark folding for slugs and search.

Vietnamese: ``1.500.000 đồng``, ``264.000 đ/tháng``, dates ``01/07/2026``.
English:    ``VND 1,500,000``, dates ``1 July 2026``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from babel.dates import format_date
from babel.numbers import format_decimal

LANGS = ("vi", "en")


def number(value: float, lang: str = "vi") -> str:
    """``1500000`` → ``1.500.000`` (vi) or ``1,500,000`` (en)."""
    return format_decimal(value, locale="vi" if lang == "vi" else "en")


def money(amount: int, lang: str = "vi") -> str:
    """``1.500.000 đồng`` or ``VND 1,500,000``."""
    return f"{number(amount, 'vi')} đồng" if lang == "vi" else f"VND {number(amount, 'en')}"


def money_short(amount: int, lang: str = "vi") -> str:
    """``264.000 đ`` or ``VND 264,000`` (for tables and share images)."""
    return f"{number(amount, 'vi')} đ" if lang == "vi" else f"VND {number(amount, 'en')}"


def per_month(amount: int, lang: str = "vi") -> str:
    """``264.000 đ/tháng`` or ``VND 264,000 a month``."""
    return f"{money_short(amount, lang)}/tháng" if lang == "vi" else f"{money_short(amount, lang)} a month"


def percent(rate: float, lang: str = "vi") -> str:
    """``0.22`` → ``22%``; ``0.0031`` → ``0,31%`` (vi) / ``0.31%`` (en)."""
    return format_decimal(rate * 100, format="#,##0.###", locale="vi" if lang == "vi" else "en") + "%"


def date(day: dt.date, lang: str = "vi") -> str:
    """``01/07/2026`` (vi) or ``1 July 2026`` (en)."""
    return f"{day:%d/%m/%Y}" if lang == "vi" else format_date(day, "d MMMM y", locale="en")


def month(day: dt.date, lang: str = "vi") -> str:
    """``tháng 7/2026`` (vi) or ``July 2026`` (en)."""
    return f"tháng {day.month}/{day.year}" if lang == "vi" else format_date(day, "MMMM y", locale="en")


def fold(text: str) -> str:
    """Remove Vietnamese tone marks and diacritics: ``Lương hưu đóng`` → ``Luong huu dong``.

    ``đ``/``Đ`` are letters of their own in Unicode (no decomposition), so they are mapped by hand.
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def slugify(value: str, separator: str = "-") -> str:
    """ASCII slug that keeps ``đ`` as ``d``: ``Đóng tiền ở đâu?`` → ``dong-tien-o-dau``.

    Used for heading anchors (``toc.slugify`` in ``mkdocs.yml``) and for file names.
    """
    value = fold(value).lower()
    value = re.sub(r"[^a-z0-9]+", separator, value)
    return value.strip(separator)
