"""Figures and tables in Markdown, from the policy data for the build date.

Pages write ``{{ f.net_min.other }}`` instead of typing an amount. The Markdown is rendered as a Jinja
template with *strict* undefined names, so a typo stops the build with the page, the line and the list
of known figures. A figure that rests on an unconfirmed parameter carries a "chưa xác nhận" link to the
legal-basis page wherever it appears.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import fmt
from scripts.calc import contribution
from scripts.errors import DataError
from scripts.figures import Figure, FigureSet
from scripts.i18n import page_lang
from scripts.office import Office
from scripts.policy import GROUPS, Document, Entry, Parameter, Policy
from scripts.site_data import SiteData, from_config

LEGAL_PAGE = "can-cu-phap-ly.md"
UNCONFIRMED_ANCHOR = "chua-xac-nhan"
TEXT = {
    "vi": {
        "unconfirmed": "chưa xác nhận",
        "group": {"poor": "Hộ nghèo; người sống ở xã đảo, đặc khu", "near_poor": "Hộ cận nghèo",
                  "ethnic_minority": "Người dân tộc thiểu số", "other": "Người tham gia khác"},
        "cols": ("Nhóm", "Nhà nước hỗ trợ", "Bạn đóng ít nhất", "Bạn đóng nhiều nhất"),
        "income_cols": ("Thu nhập chọn đóng", "Tổng tiền đóng (22%)"),
        "per_month": "/tháng",
        "kind": {"agent": "Đại lý thu", "post_office": "Bưu điện", "office": "Cơ quan BHXH"},
        "address": "Địa chỉ", "hours": "Giờ làm việc", "phone": "Điện thoại", "communes": "Phục vụ",
        "signed": "ký ngày", "effective": "hiệu lực từ", "cites": "Căn cứ cho",
        "since": "từ", "until": "đến", "value": "Giá trị", "no_unconfirmed": "Hiện không có số liệu nào chưa xác nhận.",
    },
    "en": {
        "unconfirmed": "unconfirmed",
        "group": {"poor": "Poor households; island communes, special zones", "near_poor": "Near-poor households",
                  "ethnic_minority": "Ethnic minorities", "other": "Everyone else"},
        "cols": ("Group", "State support", "You pay at least", "You pay at most"),
        "income_cols": ("Chosen income", "Total contribution (22%)"),
        "per_month": " a month",
        "kind": {"agent": "Collection agent", "post_office": "Post office", "office": "Social insurance office"},
        "address": "Address", "hours": "Opening hours", "phone": "Phone", "communes": "Serves",
        "signed": "signed", "effective": "in force from", "cites": "Basis for",
        "since": "from", "until": "to", "value": "Value", "no_unconfirmed": "At present no figure is unconfirmed.",
    },
}

_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "{{" not in markdown and "{%" not in markdown and not any("{{" in str(v) for v in page.meta.values()):
        return markdown
    lang = page_lang(page)
    src = f"docs/{page.file.src_uri}"
    # Jinja counts lines in the body; the editor sees the file, front matter included.
    offset = len(page.file.content_string.splitlines()) - len(markdown.splitlines())
    try:
        ctx = context(from_config(config), lang)
        for key, value in page.meta.items():  # front matter (title, description) may use figures too
            if isinstance(value, str) and "{{" in value:
                page.meta[key] = _env.from_string(value).render(**ctx)
        return _env.from_string(markdown).render(**ctx)
    except jinja2.TemplateSyntaxError as exc:
        raise PluginError(f"{src}:{exc.lineno + offset}: {exc.message} — check the {{{{ … }}}} braces on that line") from None
    except jinja2.UndefinedError as exc:
        raise PluginError(f"{src}:{_template_line(exc, offset)}: {exc.message}") from None
    except (DataError, KeyError) as exc:
        raise PluginError(f"{src}:{_template_line(exc, offset)}: {exc}") from None


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------


def context(site: SiteData, lang: str) -> dict[str, Any]:
    """Everything a page may use: ``f`` (figures), ``office``, ``national`` and table helpers."""
    policy, on, figures = site.policy, site.on, site.figures
    return {
        "f": _Namespace(figures, lang, ""),
        "f_vi": _Namespace(figures, "vi", ""),  # Vietnamese wording on an English page (ready-to-paste messages)
        "lang": lang,
        "today": fmt.date(on, lang),
        "office": site.office,
        "national": site.national,
        "support_table": lambda: support_table(figures, lang),
        "income_table": lambda *incomes: income_table(site, lang, incomes),
        "figure": lambda name: render(figures.get(name), lang),
        "has": lambda name: name in figures.figures,
        "retirement_age": lambda sex: retirement_age(figures, sex, lang),
        "points_by_commune": lambda: points_by_commune(site.office, lang),
        "local_offices": lambda: local_offices(site.office, lang),
        "legal_documents": lambda: legal_documents(policy, lang),
        "unconfirmed_list": lambda: unconfirmed_list(policy, on, lang),
    }


def render(figure: Figure, lang: str) -> str:
    text = figure.text(lang)
    return text if figure.confirmed else text + _unconfirmed_link(lang)


def _unconfirmed_link(lang: str) -> str:
    return f" [({TEXT[lang]['unconfirmed']})]({LEGAL_PAGE}#{UNCONFIRMED_ANCHOR}){{ .unconfirmed }}"


class _Namespace:
    """``f.net_min.other`` → the rendered figure; an unknown name raises with the list of known ones."""

    def __init__(self, figures: FigureSet, lang: str, prefix: str) -> None:
        self._figures, self._lang, self._prefix = figures, lang, prefix

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        full = f"{self._prefix}{name}"
        if full in self._figures.figures:
            return render(self._figures.figures[full], self._lang)
        if any(k.startswith(full + ".") for k in self._figures.figures):
            return _Namespace(self._figures, self._lang, full + ".")
        self._figures.get(full)  # raises KeyError listing the known figures
        return None  # pragma: no cover

    def __str__(self) -> str:  # "{{ f.net_min }}" without a group is a mistake worth naming
        raise KeyError(f"'f.{self._prefix.rstrip('.')}' is a group; add one of its names")


def support_table(figures: FigureSet, lang: str) -> str:
    """Markdown table: per group, the support and the lowest and highest monthly payment."""
    t = TEXT[lang]
    cols = t["cols"]
    # Three columns, short amounts: the table fits a 360 px screen without sideways scrolling.
    head = f"| {cols[0]} | {cols[2]} | {cols[3]} |\n|---|--:|--:|\n"
    rows = []
    for g in GROUPS:
        support = render(replace(figures.get(f"support.{g}"), kind="money_short"), lang)
        rate = figures.get(f"support_rate.{g}").text(lang)
        low = render(replace(figures.get(f"net_min.{g}"), kind="money_short"), lang)
        high = render(replace(figures.get(f"net_max.{g}"), kind="money_short"), lang)
        rows.append(f"| {t['group'][g]}<br><small>{cols[1]}: {_nbsp(support)} ({rate})</small> | {_nbsp(low)} | {_nbsp(high)} |")
    return _wrap(head + "\n".join(rows), "support")


def _nbsp(text: str) -> str:
    """Keep an amount and its unit on one line in narrow table cells (``11.000.000 đ``, ``VND 11,000,000``)."""
    return re.sub(r"(\d) đ\b", "\\1\u00a0đ", text).replace("VND ", "VND\u00a0")


def income_table(site: SiteData, lang: str, incomes: tuple[int | str, ...]) -> str:
    """Markdown table of the net payment per group for a few incomes (the calculator without JS).

    An income may be a figure name or a whole multiple of one (``"floor"``, ``"2*reference_level"``),
    so pages need not type an amount.
    """
    policy, on, figures = site.policy, site.on, site.figures
    incomes = tuple(_income(figures, i) for i in incomes)
    t = TEXT[lang]
    groups = " | ".join(t["group"][g] for g in GROUPS)
    head = f"| {t['income_cols'][0]} | {t['income_cols'][1]} | {groups} |\n|" + "--:|" * (2 + len(GROUPS)) + "\n"
    rows = []
    for income in incomes:
        results = [contribution(policy, income, g, on) for g in GROUPS]
        cells = " | ".join(fmt.money_short(r.net, lang) for r in results)
        rows.append(f"| {fmt.money_short(income, lang)} | {fmt.money_short(results[0].gross, lang)} | {cells} |")
    return _wrap(head + "\n".join(rows), "incomes")


def _income(figures: FigureSet, spec: int | str) -> int:
    """``3000000``, ``"floor"`` or ``"2*reference_level"`` → an amount in đồng."""
    if isinstance(spec, int):
        return spec
    factor, _, name = spec.rpartition("*")
    return int(factor.strip() or 1) * int(figures.get(name.strip()).value)


def retirement_age(figures: FigureSet, sex: str, lang: str) -> str:
    """The retirement age required this year: ``61 tuổi 6 tháng`` / ``61 years 6 months`` (no "0 tháng")."""
    years = figures.get(f"retirement_age_years.{sex}")
    months = figures.get(f"retirement_age_months.{sex}")
    words = ("tuổi", "tháng") if lang == "vi" else ("years", "months")
    text = f"{years.text(lang)} {words[0]}"
    if months.value:
        text += f" {months.text(lang)} {words[1]}"
    return text if years.confirmed else text + _unconfirmed_link(lang)


def _phone_link(phone: str, tel: str) -> str:
    return f"[{phone}](tel:{tel})"


def points_by_commune(office: Office, lang: str) -> str:
    """Collection points from ``data/office.yml``, one heading per commune, phones as ``tel:`` links."""
    t = TEXT[lang]
    out = []
    for commune, points in office.points_by_commune().items():
        out.append(f"### {commune}\n")
        for p in points:
            out.append(
                f"- **{p.name}** ({t['kind'][p.kind]})  \n"
                f"  {t['address']}: {p.address}  \n"
                f"  {t['hours']}: {p.hours[lang]}  \n"
                f"  {t['phone']}: {_phone_link(p.phone, p.tel)}"
            )
        out.append("")
    return "\n".join(out)


def local_offices(office: Office, lang: str) -> str:
    """The local offices (BHXH cơ sở) with the communes each serves."""
    t = TEXT[lang]
    out = []
    for o in office.local_offices:
        out.append(
            f"- **{o.name}**  \n"
            f"  {t['communes']}: {', '.join(o.communes)}  \n"
            f"  {t['address']}: {o.address}  \n"
            f"  {t['hours']}: {o.hours[lang]}  \n"
            f"  {t['phone']}: {_phone_link(o.phone, o.tel)}"
        )
    return "\n".join(out)


def _value_text(key: str, unit: str, value: Any, lang: str) -> str | None:
    """A plain value for the simple units; ``None`` for structured ones (tables of rates, schedules)."""
    if "_age" in key and unit == "years":
        return fmt.number(value, lang) + (" tuổi" if lang == "vi" else " years of age")
    if unit == "vnd":
        return fmt.money(int(value), lang)
    if unit == "rate":
        return fmt.percent(float(value), lang)
    if unit == "rates_by_group":
        return ", ".join(f"{TEXT[lang]['group'][g]} {fmt.percent(float(value[g]), lang)}" for g in GROUPS if g in value)
    if unit in ("months", "years", "count"):
        word = {"months": (" tháng", " months"), "years": (" năm", " years"), "count": ("", "")}[unit]
        return fmt.number(value, lang) + word[0 if lang == "vi" else 1]
    return None


def _shown(param: Parameter, entry: Entry, lang: str) -> str:
    """``: 1.500.000 đồng`` after a parameter label (labels that end with a colon get no second one)."""
    value = _value_text(param.key, param.unit, entry.value, lang)
    if not value:
        return ""
    return f" {value}" if param.label[lang].endswith(":") else f": {value}"


def _period(entry: Entry, lang: str) -> str:
    t = TEXT[lang]
    text = f"{t['since']} {fmt.date(entry.effective_from, lang)}"
    if entry.effective_to:
        text += f" {t['until']} {fmt.date(entry.effective_to, lang)}"
    return text


def doc_title(doc: Document, lang: str) -> str:
    """``Nghị định 159/2025/NĐ-CP``; a source without a number (``—``) is named by its kind alone."""
    has_number = doc.number.strip() not in ("", "-", "—")
    return f"{doc.kind[lang]} {doc.number}" if has_number else doc.kind[lang]


def legal_documents(policy: Policy, lang: str) -> str:
    """Every document in ``data/policy.yml``: number, dates, what it sets, and the values that cite it."""
    t = TEXT[lang]
    out = []
    for key, doc in policy.documents.items():
        out.append(f"### {doc_title(doc, lang)}\n")
        dates = []
        if doc.signed:
            dates.append(f"{t['signed']} {fmt.date(doc.signed, lang)}")
        if doc.effective:
            dates.append(f"{t['effective']} {fmt.date(doc.effective, lang)}")
        if dates:
            joined = "; ".join(dates)
            out.append(joined[0].upper() + joined[1:] + ".\n")
        out.append(f"{doc.sets[lang]}\n")
        cites = []
        for param in policy.parameters.values():
            for entry in param.entries:
                if entry.source != key:
                    continue
                shown = _shown(param, entry, lang)
                flag = "" if entry.confirmed else f" ({t['unconfirmed']})"
                note = f" {entry.note[lang]}" if entry.note and entry.confirmed else ""  # unconfirmed notes: own list
                cites.append(f"- {param.label[lang]}{shown}, {_period(entry, lang)} — {entry.article}{flag}.{note}")
        if cites:
            out.append(f"{t['cites']}:\n")
            out.extend(cites)
        out.append("")
    return "\n".join(out)


def unconfirmed_list(policy: Policy, on: dt.date, lang: str) -> str:
    """Every unconfirmed entry in force on ``on`` or later, with the note that says why."""
    t = TEXT[lang]
    out = []
    for param in policy.parameters.values():
        for entry in param.entries:
            if entry.confirmed or (entry.effective_to and entry.effective_to < on):
                continue
            shown = _shown(param, entry, lang)
            doc = policy.documents[entry.source]
            note = f" {entry.note[lang]}" if entry.note else ""
            out.append(f"- **{param.label[lang]}**{shown}, {_period(entry, lang)} ({doc_title(doc, lang)}).{note}")
    return "\n".join(out) if out else t["no_unconfirmed"]


def _wrap(table: str, name: str) -> str:
    """A scrollable, keyboard-focusable wrapper that tests and styles can find by ``data-table``."""
    return f'<div class="figures-table" data-table="{name}" markdown>\n\n{table}\n\n</div>'



def _template_line(exc: BaseException, offset: int = 0) -> int | str:
    """The Markdown line that raised, found in the traceback frame of the compiled template."""
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno + offset
        tb = tb.tb_next
    return line
