"""What share images and share-kit messages say, and until when: one implementation for both.

* The headline is ``data/texts.yml`` ``headline.lowest``: the lowest payment of "người tham gia khác" with the
  poor-household figure named (Decree 159/2025 Art 5(1): 165.000 is the poor-household figure only).
* Every text with figures says when they hold ("Áp dụng đến 31/12/2026", or "Áp dụng từ …" when no change is
  known), from :func:`scripts.validity.window` over exactly the figures it shows.
* Within the office's transition window (``office.transition_days``) it also gives the figures from the next
  change ("Từ 01/01/2027: …"), from :func:`scripts.validity.coming`, labelled "chưa xác nhận" where they are.

Share-kit messages (``share_kit.<id>.message``) name figures as placeholders (``{net_min.poor}``), ``{headline}``
and ``{url}``; their optional ``share_kit.<id>.coming`` text gives the coming figures. A coming change of a
figure that the message names but its coming text does not is a data error: no change goes unannounced.
"""

from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from typing import Any

from scripts import fmt, validity
from scripts.errors import DataError
from scripts.figures import Figure, FigureSet
from scripts.site_data import SiteData

HEADLINE = ("net_min.other", "net_min.poor")  # the figures of headline.lowest
MESSAGE_LANG = "vi"  # staff paste the messages to Vietnamese readers, on both language versions of the kit


@dataclass(frozen=True)
class Dated:
    """A text with its validity statement and, within the transition window, the coming figures."""

    text: str
    valid: str = ""
    coming: str = ""
    coming_on: dt.date | None = None


# -------------------------------------------------------------------------------------------------
# Share images
# -------------------------------------------------------------------------------------------------


def image_headline(site: SiteData, lang: str) -> Dated:
    """The pill, the validity statement and the coming line of a share image (short amounts: ``264.000 đ``)."""
    text = headline(site, site.figures, lang, short=True)
    nxt = _coming(site, list(HEADLINE))
    coming = ""
    if nxt:
        day, figures = nxt
        other, poor = (figures.get(n) for n in HEADLINE)
        coming = _label(site, site.t("share.coming", lang, date=fmt.date(day, lang), other=_amount(other, lang, True),
                                     poor=_amount(poor, lang, True)), (other, poor), lang)
    return Dated(text, valid_text(site, list(HEADLINE), lang, "share"), coming, nxt[0] if nxt else None)


def headline(site: SiteData, figures: FigureSet, lang: str, short: bool = False) -> str:
    """``Mỗi tháng đóng từ 264.000 đồng; hộ nghèo từ 165.000 đồng`` (with "(chưa xác nhận)" where it is)."""
    other, poor = (figures.get(n) for n in HEADLINE)
    text = site.t("headline.lowest", lang, other=_amount(other, lang, short), poor=_amount(poor, lang, short))
    return _label(site, text, (other, poor), lang)


def valid_text(site: SiteData, names: list[str], lang: str, section: str) -> str:
    """``Áp dụng đến 31/12/2026`` (``share.valid_until``) or ``Áp dụng từ 01/07/2025`` when no end is known."""
    w = validity.window(site.policy, names, site.on)
    if w.end:
        return site.t(f"{section}.valid_until", lang, end=fmt.date(w.end, lang))
    if w.start:
        return site.t(f"{section}.valid_from", lang, start=fmt.date(w.start, lang))
    return ""


# -------------------------------------------------------------------------------------------------
# Share-kit messages
# -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    """One ready-to-paste message: the Vietnamese text staff copy, and its English explanation."""

    key: str
    figures: tuple[str, ...]  # the figure names it shows
    vi: Dated
    en: Dated


def message(site: SiteData, key: str, url: str) -> Message:
    """``share_kit.<key>.message`` with its figures, validity and coming figures, in both languages."""
    base = f"share_kit.{key}"
    names = message_figures(site, f"{base}.message")
    nxt = _coming(site, names) if names else None
    coming_key = f"{base}.coming"
    if nxt:
        day, figures = nxt
        changed = [n for n in names if _changed(site.figures, figures, n)]
        if changed:
            if coming_key not in site.texts.entries:
                raise DataError(site.texts.file, coming_key, f"missing: {', '.join(changed)} change on {fmt.date(day, 'vi')}",
                                "add a 'coming' text that names the new figures")
            missing = [n for n in changed if n not in message_figures(site, coming_key) and not _via_headline(site, coming_key, n)]
            if missing:
                raise DataError(site.texts.file, coming_key, f"does not name {', '.join(missing)}, which change on "
                                f"{fmt.date(day, 'vi')}", "add " + ", ".join("{" + n + "}" for n in missing))
        else:
            nxt = None  # only figures the message does not show change (or only their confirmation)
    out = {}
    for lang in ("vi", "en"):
        text = _fill(site, f"{base}.message", site.figures, lang, url)
        valid = valid_text(site, names, lang, "share_kit") if names else ""
        coming = _fill(site, coming_key, nxt[1], lang, url, day=nxt[0]) if nxt else ""
        out[lang] = Dated(text, valid, coming, nxt[0] if nxt else None)
    return Message(key, tuple(names), out["vi"], out["en"])


def message_figures(site: SiteData, key: str) -> list[str]:
    """The figure names a catalogue text shows (``{headline}`` stands for the two headline figures)."""
    names: list[str] = []
    for field in _fields(site.texts.get(key, MESSAGE_LANG)):
        if field == "headline":
            names += HEADLINE
        elif field not in ("url", "date"):
            site.figures.get(field)  # an unknown name raises UnknownFigure with the list of known ones
            names.append(field)
    return sorted(set(names))


def _via_headline(site: SiteData, key: str, name: str) -> bool:
    return name in HEADLINE and "headline" in _fields(site.texts.get(key, MESSAGE_LANG))


def _fill(site: SiteData, key: str, figures: FigureSet, lang: str, url: str, day: dt.date | None = None) -> str:
    """A catalogue text with its placeholders filled. Today's figures carry their own "(chưa xác nhận)"; a coming
    text (``day`` given) carries one at its end, when any of its figures is unconfirmed."""
    raw = site.texts.entries[key][lang]
    values: dict[str, Any] = {}
    used: list[Figure] = []
    for field in _fields(raw):
        if field == "url":
            values[field] = url
        elif field == "date":
            values[field] = fmt.date(day, lang) if day else ""
        elif field == "headline":
            values[field] = headline(site, figures, lang)
        else:
            fig = figures.get(field)
            used.append(fig)
            values[field] = fig.text(lang) if day else _label(site, fig.text(lang), (fig,), lang)
    text = _DOTTED.vformat(raw, (), values)
    if day and used:
        end = "." if text.endswith(".") else ""
        text = _label(site, text.removesuffix("."), tuple(used), lang) + end
    return text


class _DottedNames(string.Formatter):
    """``{net_min.poor}`` looked up as one name (``str.format`` would read ``.poor`` as an attribute)."""

    def get_field(self, field_name: str, args: Any, kwargs: Any) -> tuple[Any, str]:
        return kwargs[field_name], field_name


_DOTTED = _DottedNames()


def _fields(text: str) -> list[str]:
    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


# -------------------------------------------------------------------------------------------------
# Helpers
# -------------------------------------------------------------------------------------------------


def _coming(site: SiteData, names: list[str]) -> tuple[dt.date, FigureSet] | None:
    nxt = validity.coming(site.policy, names, site.on, site.office.transition_days)
    if not nxt or any(n not in nxt[1].figures for n in names):
        return None  # no change soon, or the data gives no value after it (the validity statement says until when)
    return nxt


def _changed(today: FigureSet, later: FigureSet, name: str) -> bool:
    a, b = today.figures.get(name), later.figures.get(name)
    return a is None or b is None or a.value != b.value


def _amount(fig: Figure, lang: str, short: bool) -> str:
    return fmt.money_short(int(fig.value), lang) if short else fig.text(lang)


def _label(site: SiteData, text: str, figures: tuple[Figure, ...], lang: str) -> str:
    """One "(chưa xác nhận)" after a text when any figure in it rests on an unconfirmed value."""
    if all(f.confirmed for f in figures):
        return text
    return f"{text} ({site.t('common.unconfirmed', lang)})"
