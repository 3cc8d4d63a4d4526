"""Every word on the leaflets and posters, from ``data/texts.yml`` (``print.*``) with the figures of the print date.

The templates get ready markup: catalogue texts are HTML-escaped, and each value put into them (an amount, a date,
a phone number) is wrapped in ``<span class="nw">`` so that it never breaks across lines.

Time is part of every product:

* each figure shown is recorded, and the product says until when they all hold (``validity.window``) and when it
  was printed;
* a figure that changes within the office's transition window shows its coming value too: the group table gets a
  column "Từ 01/01/2027", the cover a second headline, the worked example a second line, and any other figure its
  coming value inline; a coming value resting on an unconfirmed entry says "chưa xác nhận".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from scripts import fmt, validity
from scripts.errors import DataError
from scripts.figures import Figure, FigureSet
from scripts.policy import GROUPS
from scripts.site_data import SiteData

EXAMPLE_GROUP = "other"  # the worked example is the group most readers are in ("người tham gia khác")
EXAMPLE_SEX = "female"  # chị Hoa

# The parts of the catalogue each template shows (each part records the figures it uses).
SECTIONS: dict[str, tuple[str, ...]] = {
    "trifold": ("cover", "join", "contact", "about", "table", "example"),
    "flyer": ("cover", "join", "contact", "about", "table", "example"),
    "poster": ("cover", "poster", "contact"),
    "card": ("cover", "contact", "card"),  # a staff member's A6 card (cards.py)
}


def nw(value: Any) -> Markup:
    """A value that must stay on one line (an amount, a date, a phone number): its spaces become no-break spaces
    (a ``white-space: nowrap`` span would do the same, but WeasyPrint then breaks some lines too early)."""
    return Markup(escape(str(value).replace(" ", "\u00a0")))


ONE_LETTER = re.compile(r"(?<![\w{])(\w) (?=\w)")
KEEP_MAX = 14  # characters: the last two words are kept together only when they are this short


def keep_last(template: str) -> str:
    """No word alone on a last line: the last space of the text itself (not inside a ``{value}``) becomes a
    no-break space, so "Quét mã để tính mức đóng" never ends on "đóng" alone."""
    depth, spaces = 0, []
    for i, ch in enumerate(template):
        depth += (ch == "{") - (ch == "}")
        if ch == " " and depth == 0:
            spaces.append(i)
    if not spaces:
        return template
    last = spaces[-1]
    pair = template[spaces[-2] + 1 if len(spaces) > 1 else 0:]
    if len(pair) > KEEP_MAX:  # two long words together may not fit a narrow box
        return template
    return template[:last] + "\u00a0" + template[last + 1:]


def lower_first(text: Markup) -> Markup:
    """``Mỗi tháng …`` → ``mỗi tháng …`` after "Từ 01/01/2027:" (the text starts with a letter, not markup)."""
    return Markup(text[:1].lower() + text[1:]) if text[:1].isalpha() else text


class Words:
    """The words of one language on the print date; remembers the figures it showed."""

    def __init__(self, site: SiteData, lang: str, on: dt.date | None = None) -> None:
        self.site, self.lang = site, lang
        self.on = on or site.on
        self.figures: FigureSet = site.figures_on(self.on)
        self.used: set[str] = set()

    # Texts and figures --------------------------------------------------------------------------

    def t(self, key: str, breaks: str = "not last", **values: Any) -> Markup:
        """A catalogue text as markup; plain values are escaped and kept on one line, markup values kept as they are.

        ``breaks``: ``"not last"`` (no word alone on the last line), ``"any"`` (narrow table headings), ``"none"``
        (a short phrase that reads as one, "(hỗ trợ 50%)") or ``"only last"`` ("từ 01/01/2027:" | "2.200.000 đồng")."""
        template = self.site.texts.get(key, self.lang)  # raises DataError naming a missing key
        template = ONE_LETTER.sub("\\1\u00a0", template)  # "a month", "ở đâu": a one-letter word never ends a line
        if breaks == "not last":
            template = keep_last(template)
        elif breaks == "none":
            template = template.replace(" ", "\u00a0")
        elif breaks == "only last":  # "từ 01/01/2027:" stays together, the amount may go to the next line
            head, sep, tail = template.rpartition(" ")
            template = head.replace(" ", "\u00a0") + sep + tail
        safe = {k: v if isinstance(v, Markup) else nw(v) for k, v in values.items()}
        try:
            return Markup(escape(template)).format_map(safe)
        except KeyError as exc:
            raise DataError(self.site.texts.file, key, f"the code gives no value for {{{exc.args[0]}}}",
                            f"use only {', '.join('{' + v + '}' for v in values)}") from None

    def plain(self, key: str, **values: Any) -> str:
        return self.site.t(key, self.lang, **values)

    def unconfirmed(self) -> Markup:
        return Markup(' <span class="unconfirmed">(') + nw(self.plain("common.unconfirmed")) + Markup(")</span>")

    def _text(self, fig: Figure, short: bool) -> str:
        if short and fig.kind == "money":
            return Figure(fig.value, "money_short", fig.keys, fig.confirmed).text(self.lang)
        return fig.text(self.lang)

    def fig(self, name: str, *, coming: bool = True, short: bool = False, mark: bool = True) -> Markup:
        """A figure on one line, "(chưa xác nhận)" if it rests on an unconfirmed entry, and its coming value if it
        changes within the transition window (``coming=False`` where the product shows the change otherwise)."""
        f = self.figures.get(name)
        self.used.add(name)
        out = nw(self._text(f, short))
        if mark and not f.confirmed:
            out += self.unconfirmed()
        if coming and (nxt := self.coming([name])):
            day, later = nxt
            new = later.figures.get(name)
            if new is not None and new.value != f.value:
                inner = self.t("print.coming_inline", "only last", date=self.date(day), value=self._text(new, short))
                if not new.confirmed:
                    inner += Markup(', <span class="unconfirmed">') + nw(self.plain("common.unconfirmed")) + Markup("</span>")
                out += Markup(' <span class="coming">(') + inner + Markup(")</span>")
        return out

    def coming(self, names: list[str]) -> tuple[dt.date, FigureSet] | None:
        """The next change of these figures and the figures from then, if it falls within the transition window."""
        return validity.coming(self.site.policy, names, self.on, self.site.office.transition_days)

    def date(self, day: dt.date) -> str:
        return fmt.date(day, self.lang)

    # Parts of the products ----------------------------------------------------------------------

    def common(self) -> dict[str, Any]:
        return {"title": self.plain("print.title"), "poster_title": self.plain("print.poster_title"),
                "sample": self.plain("print.sample"), "lang": self.lang}

    def cover(self) -> dict[str, Any]:
        """Title, lead and the one headline rule (``headline.lowest``: everyone else, with the poor-household figure)."""
        names = [f"net_min.{EXAMPLE_GROUP}", "net_min.poor"]
        headline = self._headline(self.figures, big=True)
        for n in names:
            self.used.add(n)
        out: dict[str, Any] = {"title": self.t("print.cover_title"), "lead": self.t("print.cover_lead"),
                               "headline": headline, "coming": None}
        if nxt := self.coming(names):
            day, later = nxt
            if any(later.get(n).value != self.figures.get(n).value for n in names):
                text = self.t("print.coming_headline", date=self.date(day), headline=lower_first(self._headline(later)))
                out["coming"] = text + (self.unconfirmed() if not all(later.get(n).confirmed for n in names) else Markup(""))
        if not all(self.figures.get(n).confirmed for n in names):
            out["headline"] += self.unconfirmed()
        return out

    def _headline(self, figures: FigureSet, big: bool = False) -> Markup:
        other = nw(figures.get(f"net_min.{EXAMPLE_GROUP}").text(self.lang))
        if big:
            other = Markup('<b class="amount">') + other + Markup("</b>")
        return self.t("headline.lowest", other=other, poor=nw(figures.get("net_min.poor").text(self.lang)))

    def join(self) -> dict[str, Any]:
        deadlines = self.site.policy.value("payment_deadlines", self.on)  # {months in one payment: deadline}
        self.used.update(f"deadline.m{p}" for p in deadlines)
        periods = sorted(int(p) for p in deadlines if int(p) > 1)
        portal = self.site.national.portals[0]  # the social insurance portal (register and pay online)
        listed = str(periods[-1]) if len(periods) == 1 else \
            ", ".join(str(p) for p in periods[:-1]) + f" {self.plain('print.or')} {periods[-1]}"
        return {"title": self.t("print.how_title"),
                "steps": [self.t("print.how_step1"), self.t("print.how_step2"),
                          self.t("print.how_step3", app=Markup(escape(self.site.national.app)))],
                "online_title": self.t("print.online_title"),
                "online": self.t("print.online", portal=Markup(escape(portal["name"]))),
                "online_address": urlsplit(portal["url"]).netloc + urlsplit(portal["url"]).path.rstrip("/"),
                "pay_title": self.t("print.pay_title"),
                "pay_text": self.t("print.pay_text", periods=listed, years=self.fig("advance_max_years"))}

    def contact(self) -> dict[str, Any]:
        office, national = self.site.office, self.site.national
        return {"title": self.t("print.contact_title"), "hotline_label": national.hotline_note[self.lang],
                "hotline": nw(national.hotline), "office": office.name[self.lang], "short_name": office.short_name[self.lang],
                "address": office.address, "phone": self.t("print.phone", phone=office.phone),
                "hours": self.t("print.office_hours", hours=Markup(escape(office.hours[self.lang]))),
                "local": [{"name": lo.name, "phone": self.t("print.phone", phone=lo.phone)} for lo in office.local_offices[:2]],
                "qr_caption": self.t("print.qr_caption")}

    def about(self) -> dict[str, Any]:
        return {"what_title": self.t("print.what_title"), "what_text": self.t("print.what_text"),
                "get_title": self.t("print.get_title"),
                "benefits": [self.t("print.get_pension", years=self.fig("pension_min_years")),
                        self.t("print.get_health"),
                        self.t("print.get_maternity", amount=self.fig("maternity"), months=self.fig("maternity_min_months")),
                        self.t("print.get_funeral", amount=self.fig("funeral"), months=self.fig("funeral_min_months"))],
                "when_title": self.t("print.when_title"),
                "when_text": self.t("print.when_text", years=self.fig("pension_min_years"))}

    def table(self) -> dict[str, Any]:
        """The lowest monthly payment of each group; a second column when they change within the window."""
        names = [f"net_min.{g}" for g in GROUPS]
        nxt = self.coming(names)
        now_all_confirmed = all(self.figures.get(n).confirmed for n in names)
        rows = []
        for g in GROUPS:
            row = {"label": self.plain(f"groups_short.{g}"),
                   "rate": self._support_rate(g),
                   "now": self.fig(f"net_min.{g}", coming=False, short=True, mark=False), "next": None}
            if nxt:
                new = nxt[1].get(f"net_min.{g}")
                row["next"] = nw(self._text(new, True))
            rows.append(row)
        head = None
        if nxt:
            end = nxt[0] - dt.timedelta(days=1)
            later_confirmed = all(nxt[1].get(n).confirmed for n in names)
            now = self.t("print.col_until", "any", date=self.date(end))  # "Đến" may go above its date
            later = self.t("print.col_from", "any", date=self.date(nxt[0]))
            head = {"now": now if now_all_confirmed else now + self.unconfirmed(),
                    "next": later if later_confirmed else later + self.unconfirmed()}
        elif not now_all_confirmed:
            head = {"now": self.unconfirmed(), "next": None}
        return {"title": self.t("print.pay_min_title"), "lead": self.t("print.pay_min_lead"), "rows": rows, "head": head,
                "note": self.t("print.pay_min_note", rate=self.fig("rate"), floor=self.fig("floor"), ceiling=self.fig("ceiling")),
                "support": self.t("print.support_note", years=self.fig("support_cap_years")),
                "unconfirmed_note": self.t("print.unconfirmed_note") if self._any_unconfirmed(names, nxt) else None}

    def _support_rate(self, g: str, key: str = "print.support_rate", breaks: str = "none") -> Markup:
        """The State's rate, and the province's on top when the office has a top-up in force (included in the amounts)."""
        top_up = f"top_up_rate.{g}"
        if top_up in self.figures.figures and self.figures.get(top_up).value:
            return self.t(f"{key}_top_up", breaks, rate=self.fig(f"support_rate.{g}"), top_up=self.fig(top_up, mark=False))
        return self.t(key, breaks, rate=self.fig(f"support_rate.{g}"))

    def _any_unconfirmed(self, names: list[str], nxt: tuple[dt.date, FigureSet] | None) -> bool:
        figures = [self.figures.get(n) for n in names] + ([nxt[1].get(n) for n in names] if nxt else [])
        return not all(f.confirmed for f in figures)

    def example(self) -> dict[str, Any]:
        """Chị Hoa pays on the lowest income: income, contribution, State support, what she pays (all from the data)."""
        g = EXAMPLE_GROUP
        sums = ["floor", "gross_min", f"support.{g}", f"net_min.{g}"]
        total = self.t("print.example_net")
        if not all(self.figures.get(n).confirmed for n in sums):  # said once, under the total, not in every cell
            total += self.unconfirmed()
        rows = [(self.t("print.example_income"), self.fig("floor", coming=False, short=True, mark=False)),
                (self.t("print.example_gross", rate=self.fig("rate")), self.fig("gross_min", coming=False, short=True, mark=False)),
                (self._support_rate(g, "print.example_support", "not last"),
                 Markup("−&#8239;") + self.fig(f"support.{g}", coming=False, short=True, mark=False)),
                (total, self.fig(f"net_min.{g}", coming=False, short=True, mark=False))]
        out: dict[str, Any] = {"title": self.t("print.example_title"), "who": self.t("print.example_who"), "rows": rows,
                               "coming": None, "cap": self.t("print.example_cap", years=self.fig("support_cap_years")),
                               "pension": self.t("print.example_pension", years=self.fig("pension_min_years"),
                                                 rate=self.fig(f"pension_start_rate.{EXAMPLE_SEX}"))}
        names = ["floor", f"net_min.{g}"]
        if (nxt := self.coming(names)) and any(nxt[1].get(n).value != self.figures.get(n).value for n in names):
            day, later = nxt
            line = self.t("print.example_coming", date=self.date(day), floor=self._text(later.get("floor"), False),
                          net=self._text(later.get(f"net_min.{g}"), False))
            out["coming"] = line + (Markup("") if all(later.get(n).confirmed for n in names) else self.unconfirmed())
        return out

    def poster(self) -> dict[str, Any]:
        return {"benefit": self.t("print.poster_benefit", years=self.fig("pension_min_years")),
                "ask": self.t("print.poster_ask"), "ask_more": self.t("print.poster_ask_more"),
                "here": self.t("print.poster_here")}

    def card(self) -> dict[str, Any]:
        return {"scan": self.t("print.card.scan"), "or_open": self.t("print.card.or_open", "none")}

    def validity(self) -> dict[str, Markup]:
        """"Áp dụng đến hết ngày 31/12/2026" for every figure shown (or "Áp dụng từ …" when no end is known), and
        "In ngày 01/12/2026"."""
        w = validity.window(self.site.policy, sorted(self.used), self.on)
        if w.end:
            valid = self.t("print.valid_until", end=self.date(w.end))
        elif w.start:
            valid = self.t("print.valid_from", start=self.date(w.start))
        else:
            valid = Markup("")
        return {"valid": valid, "printed": self.t("print.printed", date=self.date(self.on)),
                "until": w.end.isoformat() if w.end else ""}


def words(site: SiteData, lang: str, template: str) -> dict[str, Any]:
    """Everything ``template`` prints, in ``lang``, on the build date; ``validity`` covers every figure shown."""
    w = Words(site, lang)
    out: dict[str, Any] = {"common": w.common()}
    for part in SECTIONS[template]:
        out[part] = getattr(w, part)()
    out["validity"] = w.validity()
    return out
