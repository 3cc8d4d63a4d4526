"""Figures and tables in Markdown, from the policy data for the build date.

Pages write ``{{ f.net_min.other }}`` instead of typing an amount. The Markdown is rendered as a Jinja
template with *strict* undefined names, so a typo stops the build with the page, the line and the list
of known figures. A figure that rests on an unconfirmed parameter carries a "chưa xác nhận" link to the
legal-basis page wherever it appears.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from scripts import fmt
from scripts.calc import contribution
from scripts.errors import DataError
from scripts.figures import Figure, FigureSet, build_date, compute
from scripts.office import load_national, load_office
from scripts.policy import GROUPS, load_policy

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
    },
    "en": {
        "unconfirmed": "unconfirmed",
        "group": {"poor": "Poor households; island communes, special zones", "near_poor": "Near-poor households",
                  "ethnic_minority": "Ethnic minorities", "other": "Everyone else"},
        "cols": ("Group", "State support", "You pay at least", "You pay at most"),
        "income_cols": ("Chosen income", "Total contribution (22%)"),
        "per_month": " a month",
    },
}

_env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True)


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "{{" not in markdown and "{%" not in markdown and not any("{{" in str(v) for v in page.meta.values()):
        return markdown
    lang = _lang(page)
    src = f"docs/{page.file.src_uri}"
    try:
        ctx = context(lang)
        for key, value in page.meta.items():  # front matter (title, description) may use figures too
            if isinstance(value, str) and "{{" in value:
                page.meta[key] = _env.from_string(value).render(**ctx)
        return _env.from_string(markdown).render(**ctx)
    except jinja2.TemplateSyntaxError as exc:
        raise PluginError(f"{src}:{exc.lineno}: {exc.message} — check the {{{{ … }}}} braces on that line") from None
    except jinja2.UndefinedError as exc:
        line = _template_line(exc)
        raise PluginError(f"{src}:{line}: {exc.message}") from None
    except (DataError, KeyError) as exc:
        line = _template_line(exc)
        raise PluginError(f"{src}:{line}: {exc}") from None


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------


def context(lang: str, on: dt.date | None = None) -> dict[str, Any]:
    """Everything a page may use: ``f`` (figures), ``office``, ``national`` and table helpers."""
    policy = load_policy()
    on = on or build_date()
    figures = compute(policy, on)
    return {
        "f": _Namespace(figures, lang, ""),
        "lang": lang,
        "today": fmt.date(on, lang),
        "office": load_office(),
        "national": load_national(),
        "support_table": lambda: support_table(figures, lang),
        "income_table": lambda *incomes: income_table(lang, on, incomes),
        "figure": lambda name: render(figures.get(name), lang),
    }


def render(figure: Figure, lang: str) -> str:
    text = figure.text(lang)
    if figure.confirmed:
        return text
    return f"{text} [({TEXT[lang]['unconfirmed']})]({LEGAL_PAGE}#{UNCONFIRMED_ANCHOR}){{ .unconfirmed }}"


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
    head = "| " + " | ".join(t["cols"]) + " |\n|---|--:|--:|--:|\n"
    rows = []
    for g in GROUPS:
        support = render(figures.get(f"support.{g}"), lang)
        rate = figures.get(f"support_rate.{g}").text(lang)
        rows.append(
            f"| {t['group'][g]} | {support} ({rate}) | {render(figures.get(f'net_min.{g}'), lang)} "
            f"| {render(figures.get(f'net_max.{g}'), lang)} |"
        )
    return _wrap(head + "\n".join(rows), "support")


def income_table(lang: str, on: dt.date, incomes: tuple[int | str, ...]) -> str:
    """Markdown table of the net payment per group for a few incomes (the calculator without JS).

    An income may be a figure name or a whole multiple of one (``"floor"``, ``"2*reference_level"``),
    so pages need not type an amount.
    """
    policy = load_policy()
    figures = compute(policy, on)
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


def _wrap(table: str, name: str) -> str:
    """A scrollable, keyboard-focusable wrapper that tests and styles can find by ``data-table``."""
    return f'<div class="figures-table" data-table="{name}" markdown>\n\n{table}\n\n</div>'



def _lang(page: Page) -> str:
    locale = getattr(page.file, "locale", None)
    if locale in TEXT:
        return locale
    return page.file.src_uri.split("/", 1)[0] if page.file.src_uri.split("/", 1)[0] in TEXT else "vi"


def _template_line(exc: BaseException) -> int | str:
    """The Markdown line that raised, found in the traceback frame of the compiled template."""
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
