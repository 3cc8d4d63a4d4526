"""Page macros: ``{{ … }}`` in the Markdown pages, filled from the build's data.

Pages write ``{{ f.net_min.other }}`` instead of typing an amount, and ``{{ support_table() }}`` instead of a
table. The Markdown is rendered as a Jinja template before MkDocs converts it:

* **escaped by default**: every value from the data is HTML-escaped and its Markdown characters are
  backslash-escaped (``scripts/markup.py``), so an office name can neither inject a script nor turn into a link;
* **strict**: an unknown name stops the build with the page, the line and the list of known figures;
* **markup in templates**: tables and lists are rendered from ``overrides/macros/*.md`` through the theme's Jinja
  environment (as Material's ``translations.py`` does), with the words from ``data/texts.yml``;
* **dated**: each figure is wrapped in ``<span data-fig>`` with its later values, so a page read after its figures
  changed can show the new ones (``assets/javascripts/validity.js``); when a figure changes within the office's
  transition window, its coming value follows it ("từ 01/01/2027: …"). The names used are kept in
  ``page.meta["figures"]`` for the page's validity statement (``partials/validity.html``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import string
from typing import Any

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts import frontmatter, markup, share_texts, validity
from scripts.campaigns import site_pages
from scripts.errors import DataError
from scripts.figures import Figure, UnknownFigure
from scripts.i18n import DEFAULT_LANG, page_lang
from scripts.policy import GROUPS, RULES
from scripts.postbuild import state
from scripts.printing.build import PRINT_DIR, page_slug
from scripts.site_data import SiteData, from_config

LEGAL_PAGE = "can-cu-phap-ly.md"
CALCULATOR_PATH = "tinh-muc-dong/"
UNCONFIRMED_ANCHOR = "chua-xac-nhan"
# The share-kit messages a staff member sends with their own link: those whose link line fits the calculator, where
# every staff link leads (scripts/staff.py); (message, page whose share image goes with it).
STAFF_MESSAGES = (("home", "index"), ("calculator", "tinh-muc-dong"))


# -------------------------------------------------------------------------------------------------
# Hooks
# -------------------------------------------------------------------------------------------------


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """One environment for page Markdown and macro templates: the theme's loader, escaping on, strict names."""
    build = state.from_config(config)
    if build.page_env is None:  # once per build (the nested English build shares it)
        build.page_env = page_env(config.theme.get_env())
        build.text_env = text_env()
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    env.globals["t"] = from_config(config).t  # theme partials: {{ t("share.copy", page_lang) }}
    return env


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    site = from_config(config)
    build = state.from_config(config)
    src = f"docs/{page.file.src_uri}"
    try:
        frontmatter.check(src, page.file.content_string)  # MkDocs would publish broken front matter as text
        out, used = render_markdown(site, build.page_env, build.text_env, page_lang(page), src,
                                    page.file.content_string, markdown, page.meta, page)
    except DataError as exc:
        raise PluginError(str(exc)) from None
    page.meta["figures"] = sorted(used)
    return out


def render_markdown(site: SiteData, env: jinja2.Environment, plain_env: jinja2.Environment, lang: str, src: str,
                    content: str, markdown: str, meta: dict[str, Any], page: Page | None = None) -> tuple[str, set[str]]:
    """A page's Markdown (and the figures in its front matter ``meta``, changed in place) rendered for ``lang``.

    Returns the Markdown and the figure names it shows. A mistake raises :class:`DataError` naming ``src`` and the
    line in the file (``content``, front matter included). Shared with ``make check-data`` (``scripts/docs_check.py``).
    """
    # Jinja counts lines in the body; the editor sees the file, front matter included.
    offset = len(content.splitlines()) - len(markdown.splitlines())
    macros = Macros(site, env, lang, page)
    key = ""
    try:
        for key, value in meta.items():  # front matter (title, description) may use figures too: as plain text
            if isinstance(value, str) and ("{{" in value or "{%" in value):
                meta[key] = plain_env.from_string(value).render(**macros.context(text=True))
        key = ""
        out = env.from_string(markdown).render(**macros.context())
    except jinja2.TemplateSyntaxError as exc:
        line = _meta_line(content, key) or exc.lineno + offset
        raise DataError(src, "", f"{exc.message}", "check the {{ … }} braces on that line", line) from None
    except (jinja2.UndefinedError, DataError, UnknownFigure) as exc:
        message = exc.message if isinstance(exc, jinja2.UndefinedError) else str(exc).strip('"')
        raise DataError(src, "", message, "", _meta_line(content, key) or _template_line(exc, offset)) from None
    return out, macros.used


def text_env() -> jinja2.Environment:
    """The environment for figures in front matter: plain text, strict names."""
    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False)


def _meta_line(content: str, key: str) -> int | None:
    """The line of ``key:`` in the front matter of ``content`` (a figure mistake in a title or description)."""
    if not key:
        return None
    for i, line in enumerate(content.splitlines(), 1):
        if line.startswith(f"{key}:"):
            return i
    return None


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
    """``validity`` for ``partials/validity.html``: when the figures of this page hold."""
    if page.meta.get("precache"):
        state.from_config(config).precache.add(page.url or "./")
    if "noindex" in str(page.meta.get("robots") or ""):
        state.from_config(config).noindex.add(page.url or "./")
    names = page.meta.get("figures") or []
    site = from_config(config)
    w = validity.window(site.policy, names, site.on) if names else None
    if w and (w.start or w.end):  # figures on no dated entry (the data's own date) need no statement
        lang = page_lang(page)
        context["validity"] = {
            "text": validity_sentence(site, w, lang, "validity.page"),
            "until": w.end.isoformat() if w.end else "",
            "built": site.on.isoformat(),
            # For the browser: the notices, with {built}, {date} and {end} left for validity.js to fill.
            "texts": {k: site.texts.entries[f"validity.{k}"][lang] for k in ("stale", "stale_unknown", "calculator_link")}
            | {"unconfirmed": site.t("common.unconfirmed", lang),
               "calculator": _site_link(page, lang, CALCULATOR_PATH),
               "legal": _site_link(page, lang, f"can-cu-phap-ly/#{UNCONFIRMED_ANCHOR}")},
        }
    return context


# -------------------------------------------------------------------------------------------------
# The macros a page can use
# -------------------------------------------------------------------------------------------------


def page_env(theme_env: jinja2.Environment) -> jinja2.Environment:
    """The theme's environment (its loader finds ``overrides/macros/``) with escaping on and strict names."""
    return theme_env.overlay(autoescape=True, finalize=markup.finalize, undefined=jinja2.StrictUndefined,
                             keep_trailing_newline=True)


class Macros:
    """What one page may use, rendered for its language; records the figures it shows."""

    def __init__(self, site: SiteData, env: jinja2.Environment, lang: str, page: Page | None) -> None:
        self.site, self.env, self.lang, self.page = site, env, lang, page
        self.used: set[str] = set()
        self.legal_link = LEGAL_PAGE  # every page is a sibling of the legal page in docs/<lang>/: MkDocs resolves it

    def context(self, text: bool = False) -> dict[str, Any]:
        site, lang = self.site, self.lang
        ctx: dict[str, Any] = {
            "f": _Namespace(self, "", lang, text),
            "f_vi": _Namespace(self, "", "vi", text),  # Vietnamese wording on an English page (ready-to-paste messages)
            # Today's figure without its coming value: for examples, where "từ 01/01/2027: …" would mislead
            # (a pension follows the average of the whole record, not next year's floor).
            "f_today": _Namespace(self, "", lang, text, coming=False),
            "lang": lang,
            "t": lambda key, **values: site.t(key, lang, **values),
            "today": _date(site.on, lang),
            "office": site.office,
            "national": site.national,
            "has": lambda name: name in site.figures.figures,
        }
        if text:
            # Front matter (titles, descriptions, link previews): plain text, with "(chưa xác nhận)" where it is and
            # the day the figures hold to, as on the share image.
            ctx["headline"] = lambda: share_texts.headline(site, site.figures, lang)
            ctx["headline_valid"] = lambda: share_texts.valid_text(site, list(share_texts.HEADLINE), lang, "share")
            # A title goes into the theme's HTML unescaped (Material prints page titles as they are): escape it here.
            ctx["changes_title"] = lambda: str(escape(self.changes_title()))
            return ctx
        ctx.update({
            "figure": lambda name: self.figure(name),
            "retirement_age": self.retirement_age,
            "support_table": self.support_table,
            "income_table": self.income_table,
            "calculator": self.calculator,
            "net_min_list": self.net_min_list,
            "points_by_commune": lambda: self.render("points_by_commune.md", points=site.office.points_by_commune()),
            "local_offices": lambda: self.render("local_offices.md", offices=site.office.local_offices),
            "legal_documents": self.legal_documents,
            "provincial_top_up": self.provincial_top_up,
            "unconfirmed_list": self.unconfirmed_list,
            "next_change": self.next_change,
            "schedule": self.schedule,
            "print_places": self.print_places,
            "page_qr_list": self.page_qr_list,
            "share_item": self.share_item,
            "staff_links": self.staff_links,
            "changes": self.changes,
            "changes_title": self.changes_title,
            "headline": lambda: self.words("headline.lowest", other=self.figure("net_min.other", coming=False),
                                           poor=self.figure("net_min.poor", coming=False)),
        })
        return ctx

    def render(self, template: str, **values: Any) -> Markup:
        """A macro template of ``overrides/macros/``, with the catalogue as ``t(key, **values)``."""
        tpl = self.env.get_template(f"macros/{template}")
        return Markup(tpl.render(t=lambda key, **v: self.site.t(key, self.lang, **v), lang=self.lang, site=self.site,
                                 legal_link=self.legal_link, **values))

    def words(self, key: str, **values: Markup) -> Markup:
        """A catalogue text with rendered figures in its ``{placeholders}``: the words escaped, the figures kept as markup
        (``site.t`` would turn the figures' ``<span>`` into text)."""
        self.site.t(key, self.lang, **values)  # the catalogue's own check: unknown key, missing value
        out = Markup("")
        for literal, name, _, _ in string.Formatter().parse(self.site.texts.entries[key][self.lang]):
            out += markup.text(literal) if literal else Markup("")
            if name:
                out += markup.text(values[name])
        return out

    # Figures -----------------------------------------------------------------------------------

    def figure(self, name: str, *, coming: bool = True, short: bool = False) -> Markup:
        """A figure as ``<span data-fig>``, its "chưa xác nhận" link, and its coming value if it changes soon."""
        fig = self.site.figures.get(name)
        self.used.add(name)
        out = self._value(fig, short)
        later = _timeline(self.site, name, self.lang, short)
        attrs = f' data-fig="{markup.attr(name)}"'
        if later:
            attrs += f' data-next="{markup.attr(json.dumps(later, ensure_ascii=False))}"'
        html = Markup(f"<span class=\"fig\"{attrs}>{markup.text(out)}</span>")
        if not fig.confirmed:
            html += self._unconfirmed()
        if coming:
            html += self._coming(name, fig, short)
        return html

    def _value(self, fig: Figure, short: bool) -> str:
        if short and fig.kind == "money":
            return _nbsp(Figure(fig.value, "money_short", fig.keys, fig.confirmed).text(self.lang))
        return fig.text(self.lang)

    def _unconfirmed(self) -> Markup:
        label = self.site.t("common.unconfirmed", self.lang)
        return Markup(f" [({markup.text(label)})]({self.legal_link}#{UNCONFIRMED_ANCHOR}){{ .unconfirmed }}")

    def _coming(self, name: str, fig: Figure, short: bool) -> Markup:
        nxt = validity.coming(self.site.policy, [name], self.site.on, self.site.office.transition_days)
        if not nxt:
            return Markup("")
        day, figures = nxt
        new = figures.figures.get(name)
        if new is None or new.value == fig.value:
            return Markup("")
        label = self.site.t("validity.coming_inline", self.lang, date=_date(day, self.lang))
        html = Markup(f' <span class="fig-coming" data-from="{day.isoformat()}">({markup.text(label)} '
                      f'<span class="fig-next">{markup.text(self._value(new, short))}</span>')
        if not new.confirmed:
            html += self._unconfirmed()
        return html + Markup(")</span>")

    def next_change(self, *names: str) -> _Coming | None:
        """The figures after the next change, if it comes within the office's transition window.

        ``{% set c = next_change() %}{% if c %}Từ {{ c.date }}: {{ c.f.net_min.other }}{% endif %}``; by default
        the change of any lowest payment or of the income floor.
        """
        names = names or ("floor", *(f"net_min.{g}" for g in GROUPS))
        found = self._coming_set(list(names))
        return _Coming(self, *found) if found else None

    def retirement_age(self, sex: str) -> Markup:
        """The retirement age required this year: ``61 tuổi 6 tháng`` (no "0 tháng")."""
        years, months = f"retirement_age_years.{sex}", f"retirement_age_months.{sex}"
        self.used.update((years, months))
        y, m = self.site.figures.get(years), self.site.figures.get(months)
        key = "calc.age_months" if m.value else "calc.age"
        text = self.site.t(key, self.lang, years=y.text(self.lang), months=m.text(self.lang))
        if self.lang == "en":
            text = text.removeprefix("age ")
        html = Markup(f'<span class="fig" data-fig="{years}">{markup.text(text)}</span>')
        return html if y.confirmed else html + self._unconfirmed()

    # Tables and lists --------------------------------------------------------------------------

    def _validity(self, names: list[str]) -> str:
        w = validity.window(self.site.policy, names, self.site.on)
        return validity_sentence(self.site, w, self.lang, "validity.table")

    def _coming_set(self, names: list[str]) -> tuple[str, Any] | None:
        nxt = validity.coming(self.site.policy, names, self.site.on, self.site.office.transition_days)
        if not nxt:
            return None
        day, figures = nxt
        return _date(day, self.lang), figures

    def support_table(self) -> Markup:
        """Per group: the support and the lowest and highest monthly payment.

        When the lowest payments change within the transition window, the third column gives the coming ones and
        the highest payment moves to the small line; a change of the highest payment or the support alone is
        shown next to that figure.
        """
        lows = [f"net_min.{g}" for g in GROUPS]
        names = [f"{k}.{g}" for g in GROUPS for k in ("support", "support_rate", "net_min", "net_max")]
        coming = self._coming_set(lows)
        rows = []
        for g in GROUPS:
            # With the coming column, the small line keeps today's figures only (the column and the validity say the rest).
            row = {"group": self.site.t(f"groups.{g}", self.lang),
                   "support": self.figure(f"support.{g}", coming=not coming, short=True),
                   "rate": self._support_rate(g),
                   "low": self.figure(f"net_min.{g}", coming=False, short=True),
                   "high": self.figure(f"net_max.{g}", coming=not coming, short=True)}
            if coming:
                new = coming[1].get(f"net_min.{g}")
                row["next"] = _nbsp(Figure(new.value, "money_short", new.keys, new.confirmed).text(self.lang))
                row["next_unconfirmed"] = not new.confirmed
            rows.append(row)
        return self.render("support_table.md", rows=rows, coming=coming[0] if coming else None,
                           validity=self._validity(names))

    def _support_rate(self, group: str) -> str:
        """``20%``, or with the office's provincial top-up ``20%, Hà Nội thêm 10%`` (support.* includes it)."""
        figures, lang = self.site.figures, self.lang
        rate = figures.get(f"support_rate.{group}").text(lang)
        top_up = figures.figures.get(f"top_up_rate.{group}")
        if top_up is None or not top_up.value:
            return rate
        return self.site.t("calc_page.top_up_rate", lang, rate=rate, province=self.site.office.province, top_up=top_up.text(lang))

    # The calculator ---------------------------------------------------------------------------

    def calculator(self) -> Markup:
        """The calculator form, results and printed sheet (``overrides/partials/calculator.html``).

        Group options come from :data:`scripts.policy.GROUPS` (a test checks it equals the core's ``GROUPS``); the
        browser gets every ``calc.*`` text and the office's province as JSON, and its figures from ``policy.json``.
        """
        site, lang = self.site, self.lang
        f = site.figures
        self.used.update(("rate", "floor", "ceiling"))
        cutoff = dt.date.fromisoformat(str(site.policy.value("retirement_transitional", site.on)["joined_before"]))  # Art 141(9)
        config = {"lang": lang, "province": site.office.province, "texts": site.texts.section("calc", lang)}
        # JSON in a <script> block: no "<", ">", "&" or "'" as such; Vietnamese kept as UTF-8 (smaller than \u escapes)
        config_json = json.dumps(config, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027")):
            config_json = config_json.replace(char, code)
        env = self.env.overlay(finalize=None)  # plain HTML: escaping by autoescape, no Markdown escaping
        html = env.get_template("partials/calculator.html").render(
            t=lambda key, **v: site.t(key, lang, **v), lang=lang, office=site.office, national=site.national,
            groups=[{"code": g, "label": site.t(f"groups.{g}", lang)} for g in GROUPS],
            rate=f.get("rate").text(lang),
            bounds=site.t("calc.bounds", lang, floor=f.get("floor").text(lang), ceiling=f.get("ceiling").text(lang)),
            example_date=f"{site.on:%d/%m/%Y}", cutoff_year=cutoff.year, cutoff_date=_date(cutoff, lang),
            config_json=Markup(config_json))
        return Markup(html)

    def net_min_list(self) -> Markup:
        """The lowest monthly payment of each group, as a list (the home page)."""
        items = [{"group": self.site.t(f"groups.{g}", self.lang), "amount": self.figure(f"net_min.{g}")} for g in GROUPS]
        return self.render("net_min_list.md", items=items, validity=self._validity([f"net_min.{g}" for g in GROUPS]))

    def income_table(self, *incomes: int | str) -> Markup:
        """Net payment per group for a few incomes, in ascending order (the calculator without JavaScript).

        An income is a figure name or a whole multiple of one (``"floor"``, ``"2*reference_level"``), so pages
        need not type an amount.
        """
        from scripts.calc import contribution

        site, lang = self.site, self.lang
        amounts = sorted({_income(site, i) for i in incomes})
        groups = [site.t(f"groups.{g}", lang) for g in GROUPS]
        rows = []
        for income in amounts:
            results = [contribution(site.policy, income, g, site.on) for g in GROUPS]
            rows.append({"income": _nbsp(Figure(income, "money_short", (), True).text(lang)),
                         "gross": _nbsp(Figure(results[0].gross, "money_short", (), True).text(lang)),
                         "cells": [{"group": label, "net": _nbsp(Figure(r.net, "money_short", (), True).text(lang))}
                                   for label, r in zip(groups, results, strict=True)]})
        names = ["floor", "ceiling", "rate", *(f"net_min.{g}" for g in GROUPS)]
        self.used.update(names)
        return self.render("income_table.md", rows=rows, rate=site.figures.get("rate").text(lang),
                           validity=self._validity(names))

    def legal_documents(self) -> Markup:
        """Every document of ``data/policy.yml``: number, dates, what it sets, the values that cite it, and the rules
        the pages state in words (``provisions``), each with its article in the page's language."""
        policy, lang = self.site.policy, self.lang
        docs = []
        for key, doc in policy.documents.items():
            cites = []
            for param in policy.parameters.values():
                for entry in param.entries:
                    if entry.source == key:
                        cites.append({"label": entry_label(param, entry, lang), "value": value_text(self.site, param, entry, lang),
                                      "period": period_text(self.site, entry, lang), "article": entry.cite(lang),
                                      "confirmed": entry.confirmed, "note": entry.note[lang] if entry.note else ""})
            # A Law is adopted (thông qua) by the National Assembly (numbers …/QH13, …/QH15); other texts are signed.
            signed = "legal.adopted" if "/QH" in doc.number else "legal.signed"
            dates = "; ".join(([f"{self.site.t(signed, lang)} {_date(doc.signed, lang)}"] if doc.signed else []) +
                              ([f"{self.site.t('legal.effective', lang)} {_date(doc.effective, lang)}"] if doc.effective else []))
            provisions = [{"says": p.says[lang].rstrip("."), "article": p.cite(lang)} for p in policy.provisions if p.source == key]
            docs.append({"title": doc_title(doc, lang), "dates": dates[:1].upper() + dates[1:], "sets": doc.sets[lang],
                         "cites": cites, "provisions": provisions})
        return self.render("legal_documents.md", docs=docs)

    def unconfirmed_list(self) -> Markup:
        """Every unconfirmed entry in force on the build date or later, with the note that says why."""
        policy, lang, on = self.site.policy, self.lang, self.site.on
        items = []
        for param in policy.parameters.values():
            for entry in param.entries:
                if entry.confirmed or (entry.effective_to and entry.effective_to < on):
                    continue
                items.append({"label": entry_label(param, entry, lang), "value": value_text(self.site, param, entry, lang),
                              "period": period_text(self.site, entry, lang), "doc": doc_title(policy.documents[entry.source], lang),
                              "note": entry.note[lang] if entry.note else ""})
        return self.render("unconfirmed_list.md", items=items)


    def provincial_top_up(self) -> Markup:
        """The office's own provincial top-up in force on the build date, or nothing at all when it has none.

        Reads ``office.top_ups`` when ``data/office.yml`` gives dated top-ups (each with its resolution's number and
        article, ``effective_from``, ``effective_to`` and ``rates`` by group, fractions of the lowest contribution); an office
        without them, like today's sample, gets no sentence: the page then says only how to find out.
        """
        on, lang = self.site.on, self.lang
        current = [u for u in getattr(self.site.office, "top_ups", ()) or ()
                   if u.effective_from <= on and (u.effective_to is None or on <= u.effective_to)]
        if not current:
            return Markup("")
        from scripts import fmt

        # scripts/site_data.py made each top-up's resolution a document of the site's policy (kind from calc_page.top_up_kind)
        titles = {(d.number, d.effective): doc_title(d, lang) for k, d in self.site.policy.documents.items() if k.startswith("top-up-")}
        items = [{"resolution": f"{titles[(u.number, u.effective_from)]}, {u.article}", "period": period_text(self.site, u, lang),
                  "rates": [(self.site.t(f"groups.{g}", lang), fmt.percent(float(r), lang))
                            for g, r in (getattr(u, "rates", None) or {}).items() if r]}
                 for u in current]
        return self.render("provincial_top_up.md", province=self.site.office.province, items=items)

    # Campaigns and printed material ------------------------------------------------------------

    def _place(self, p: Any) -> dict[str, Any]:
        days = ", ".join(_date(d, self.lang) for d in p.days)
        return {"name": p.name, "kind": p.kind, "commune": p.commune, "days": days, "code": p.code,
                "campaign": p.campaign.name[self.lang], "hours": p.hours[self.lang] if p.hours else "",
                "printed": p.campaign.status(self.site.on) != "past"}  # a past campaign's place has no print files

    def schedule(self) -> Markup:
        """Current and coming campaigns first (soonest first), past ones below (latest first); a list per campaign."""
        site, lang, on = self.site, self.lang, self.site.on

        def block(c: Any) -> dict[str, Any]:
            return {"name": c.name[lang], "status": c.status(on), "dates": f"{_date(c.start, lang)} – {_date(c.end, lang)}",
                    "places": [self._place(p) for p in site.campaigns.places if p.campaign.id == c.id]}

        ahead = sorted((c for c in site.campaigns.campaigns if c.status(on) != "past"), key=lambda c: c.start)
        past = sorted((c for c in site.campaigns.campaigns if c.status(on) == "past"), key=lambda c: c.start, reverse=True)
        return self.render("schedule.md", ahead=[block(c) for c in ahead], past=[block(c) for c in past], print_dir=PRINT_DIR)

    def print_places(self) -> Markup:
        """The places that have posters and leaflets: current campaigns first, then coming ones."""
        places = self.site.campaigns.printable(self.site.on)
        return self.render("print_places.md", places=[self._place(p) for p in places], print_dir=PRINT_DIR)

    def share_item(self, key: str, page: str) -> Markup:
        """A share-kit message (``share_kit.<key>`` in the catalogue) for ``docs/<lang>/<page>.md``: the
        Vietnamese text to copy, with when its figures hold and the coming ones (``scripts/share_texts.py``)."""
        path = "" if page == "index" else f"{page}/"
        return self._share_item(key, page, self.site.site_url + path, f"{PRINT_DIR}/qr/trang-{page_slug(path)}.png")

    def _share_item(self, key: str, page: str, url: str, qr: str, anchor: str = "", level: int = 2) -> Markup:
        """The message ``key`` with ``url`` as its link (a page's address, or a staff member's short path) and ``qr``
        (a site path) as its QR code; ``anchor`` tells apart the ids of the same message shown several times."""
        from scripts import share_texts

        base = f"share_kit.{key}"
        msg = share_texts.message(self.site, key, url)
        self.used.update(msg.figures)
        here = self.page.url if self.page else ""
        return self.render("share_item.md", title=self.site.t(f"{base}.title", self.lang),
                           key=key + (f"-{anchor}" if anchor else ""), vi=msg.vi, en=msg.en, level=level,
                           link_vi=self.site.t(f"{base}.link", "vi", url=url),
                           image=get_relative_url(f"assets/social/vi/{page}.png", here),
                           qr=get_relative_url(qr, here))

    def staff_links(self) -> Markup:
        """Per staff member (``data/staff.yml``, codes only, never names): the short link, its QR code (PNG, SVG), the
        A6 card, and the share-kit messages that lead to the calculator with that link instead of the page's."""
        from scripts.printing.build import STAFF_DIR
        from scripts.printing.cards import card_path

        here = self.page.url if self.page else ""
        folder = f"{PRINT_DIR}/{STAFF_DIR}"
        members = []
        for m in self.site.staff.members:
            url = m.short_url(self.site.site_url)
            qr = f"{folder}/{m.code}.png"
            members.append({"code": m.code, "url": url, "url_parts": _address_parts(url), "png": get_relative_url(qr, here),
                            "svg": get_relative_url(f"{folder}/{m.code}.svg", here),
                            "card": get_relative_url(f"{folder}/{card_path(m.code)}", here),
                            "messages": [self._share_item(key, page, url, qr, anchor=m.code, level=3)
                                         for key, page in STAFF_MESSAGES]})
        return self.render("staff_links.md", members=members, sample=self.site.staff.sample)

    # The next change (the staff page "Những gì thay đổi từ …") -------------------------------------

    def changes_title(self) -> str:
        """``Những gì thay đổi từ 01/01/2027``, or ``Hiện chưa có thay đổi nào sắp tới``."""
        from scripts.changes import next_change

        c = next_change(self.site.policy, self.site.on)
        if c is None:
            return self.site.t("changes.title_none", self.lang)
        return self.site.t("changes.title", self.lang, date=_date(c.day, self.lang))

    def changes(self) -> Markup:
        """Old against new on the day of the next change: per group, per rule (document and article), per figure."""
        from scripts.changes import FigureChange, next_change

        site, lang = self.site, self.lang
        c = next_change(site.policy, site.on)
        if c is None:
            return self.render("changes.md", c=None, today=_date(site.on, lang))

        def shown(fig: Figure | None) -> str:
            if fig is None:
                return site.t("changes.no_value", lang)
            if fig.kind == "age_months":
                years, months = divmod(int(fig.value), 12)
                text = site.t("calc.age_months" if months else "calc.age", lang, years=years, months=months)
                return text.removeprefix("age ") if lang == "en" else text
            if fig.kind == "money":  # short amounts keep three columns inside a phone's width
                return _nbsp(Figure(fig.value, "money_short", fig.keys, fig.confirmed).text(lang))
            return _nbsp(fig.text(lang))

        def basis(entries: Any) -> str:
            docs = []
            for e in entries:
                text = f"{doc_title(site.policy.documents[e.source], lang)}, {e.cite(lang)}" if e.article else \
                    doc_title(site.policy.documents[e.source], lang)
                if text not in docs:
                    docs.append(text)
            return "; ".join(docs)

        def row(label: str, ch: FigureChange) -> dict[str, Any]:
            return {"label": label, "old": shown(ch.old), "new": shown(ch.new),
                    "confirmed": ch.new is None or ch.new.confirmed, "basis": basis(ch.basis)}

        years = site.figures.get("pension_min_years").text(lang)
        groups = [{"key": fam, "title": site.t(f"changes.family_{fam}", lang),
                   "rows": [row(site.t(f"groups_short.{g}", lang), ch) for g, ch in zip(GROUPS, rows, strict=True)]}
                  for fam, rows in c.groups.items()]
        group_basis = basis(e for rows in c.groups.values() for ch in rows for e in ch.basis)
        entries = [{"label": entry_label(ch.parameter, ch.new or ch.old, lang),
                    "old": value_text(site, ch.parameter, ch.old, lang) if ch.old else site.t("changes.no_value", lang),
                    "new": value_text(site, ch.parameter, ch.new, lang) if ch.new else site.t("changes.no_value", lang),
                    "confirmed": ch.new is None or ch.new.confirmed, "basis": basis([ch.new] if ch.new else [])}
                   for ch in c.entries]
        derived = [row(site.t(f"changes.{ch.name.replace('.', '_')}", lang, years=years), ch) for ch in c.derived]
        self.used.update(n for fam in c.groups for n in (f"{fam}.{g}" for g in GROUPS))
        return self.render("changes.md", c={"date": _date(c.day, lang), "days": site.office.transition_days,
                                            "groups": groups, "group_basis": group_basis, "entries": entries,
                                            "derived": derived})

    def page_qr_list(self) -> Markup:
        """One item per public page of this language (SVG for print, PNG for screens)."""
        paths = sorted(p for p in site_pages() if p.startswith("en/") == (self.lang == "en"))
        return self.render("page_qr_list.md", pages=[{"path": p, "slug": page_slug(p)} for p in paths], print_dir=PRINT_DIR)


class _Coming:
    """The figures from the next change on: ``c.date`` and ``c.f.<name>`` (rendered with their "chưa xác nhận").

    ``c.source("floor")`` names the document the coming figure rests on and ``c.confirmed("floor")`` says whether it is
    confirmed, so a page can say "Theo Nghị định 351/2025/NĐ-CP, …" and state what is still pending in its own words,
    with ``c.f_unlabelled.floor`` (the figure without its "chưa xác nhận" link) only in such a sentence.
    """

    def __init__(self, macros: Macros, date: str, figures: Any) -> None:
        self.date, self._m, self._figures = date, macros, figures
        self.f = _ComingNamespace(self, "")
        self.f_unlabelled = _ComingNamespace(self, "", label=False)

    def confirmed(self, name: str) -> bool:
        return self._figures.get(name).confirmed

    def source(self, name: str) -> str:
        """The document of the figure's first parameter in force on the date of the change."""
        fig = self._figures.get(name)
        policy = self._m.site.policy
        return doc_title(policy.documents[policy.entry(fig.keys[0], self._figures.on).source], self._m.lang)


class _ComingNamespace:
    def __init__(self, coming: _Coming, prefix: str, label: bool = True) -> None:
        self._c, self._prefix, self._label = coming, prefix, label

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        full = f"{self._prefix}{name}"
        figures = self._c._figures
        if full in figures.figures:
            fig = figures.figures[full]
            html = Markup('<span class="fig-next">') + markup.text(fig.text(self._c._m.lang)) + Markup("</span>")
            return html if fig.confirmed or not self._label else html + self._c._m._unconfirmed()
        if any(k.startswith(full + ".") for k in figures.figures):
            return _ComingNamespace(self._c, full + ".", self._label)
        figures.get(full)
        return None  # pragma: no cover


class _Namespace:
    """``f.net_min.other`` → the rendered figure; an unknown name raises with the list of known ones."""

    def __init__(self, macros: Macros, prefix: str, lang: str, text: bool, coming: bool = True) -> None:
        self._m, self._prefix, self._lang, self._text, self._coming = macros, prefix, lang, text, coming

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        full = f"{self._prefix}{name}"
        figures = self._m.site.figures
        if full in figures.figures:
            if self._text or self._lang != self._m.lang:  # plain text: front matter, or the other language's wording
                fig = figures.figures[full]
                unconfirmed = "" if fig.confirmed else f" ({self._m.site.t('common.unconfirmed', self._lang)})"
                return fig.text(self._lang) + unconfirmed
            return self._m.figure(full, coming=self._coming)
        if any(k.startswith(full + ".") for k in figures.figures):
            return _Namespace(self._m, full + ".", self._lang, self._text, self._coming)
        figures.get(full)  # raises UnknownFigure listing the known figures
        return None  # pragma: no cover

    def __str__(self) -> str:  # "{{ f.net_min }}" without a group is a mistake worth naming
        raise UnknownFigure(self._prefix.rstrip("."), [f"{self._prefix}…"])

    __html__ = __str__


# -------------------------------------------------------------------------------------------------
# Helper functions
# -------------------------------------------------------------------------------------------------


def _site_link(page: Page, lang: str, path: str) -> str:
    """A link from ``page`` to ``path`` of the same language (``tinh-muc-dong/`` → ``../en/tinh-muc-dong/`` …)."""
    return get_relative_url(("" if lang == DEFAULT_LANG else f"{lang}/") + path, page.url or ".")


def _address_parts(url: str) -> list[str]:
    """``https://a-b.vn/q/cb01/`` → ``["https://", "a-b.", "vn/", "q/", "cb01/"]``: an address shown to be typed may
    wrap after "/" or "." only, never at a hyphen (a reader would type the break; the print's ``wbr`` filter too)."""
    return [p for p in re.split(r"(?<=[/.])(?!/)", url) if p]


def _date(day: Any, lang: str) -> str:
    from scripts import fmt

    return fmt.date(day, lang)


def validity_sentence(site: SiteData, w: validity.Window, lang: str, key: str) -> str:
    """"Số liệu … áp dụng từ 01/07/2026 đến hết 31/12/2026." (or open-ended: "… áp dụng từ 01/07/2026.")."""
    start = _date(w.start, lang) if w.start else ""
    if w.end:
        return site.t(f"{key}_until", lang, start=start, end=_date(w.end, lang))
    return site.t(f"{key}_open", lang, start=start)


def _timeline(site: SiteData, name: str, lang: str, short: bool) -> list[list[Any]]:
    """``[[iso date, text, confirmed], …]``: the figure's later values, for a page read after they take effect."""
    out: list[list[Any]] = []
    day = site.on
    last = site.figures.get(name)
    for _ in range(6):  # a few changes ahead at most (the data holds the law a few years ahead)
        w = validity.window(site.policy, [name], day)
        nxt = w.next_change
        if nxt is None:
            break
        fig = site.figures_on(nxt).figures.get(name)
        if fig is None:
            out.append([nxt.isoformat(), None, False])
            break
        if fig.value != last.value or fig.confirmed != last.confirmed:
            text = _nbsp(Figure(fig.value, "money_short", fig.keys, fig.confirmed).text(lang)) if short and fig.kind == "money" \
                else fig.text(lang)
            out.append([nxt.isoformat(), text, fig.confirmed])
        last, day = fig, nxt
    return out


def _income(site: SiteData, spec: int | str) -> int:
    """``3000000``, ``"floor"`` or ``"2*reference_level"`` → an amount in đồng."""
    if isinstance(spec, int):
        return spec
    factor, _, name = spec.rpartition("*")
    return int(factor.strip() or 1) * int(site.figures.get(name.strip()).value)


def _nbsp(text: str) -> str:
    """Keep an amount and its unit on one line in narrow table cells (``11.000.000 đ``, ``VND 11,000,000``)."""
    return text.replace(" đ", "\u00a0đ").replace("VND ", "VND\u00a0")


def entry_label(param: Any, entry: Any, lang: str) -> str:
    """The parameter's name as it was when the entry applied ("Mức lương cơ sở" before 7/2025), else today's."""
    return (entry.label or param.label)[lang]


def value_text(site: SiteData, param: Any, entry: Any, lang: str) -> str:
    """A plain value; a structured rule in words (``legal_rules.<key>``); ``""`` for tables of rates and schedules."""
    from scripts import fmt

    key, unit, value = param.key, param.unit, entry.value
    if key in RULES:
        words = {"whole": lambda v: fmt.number(v, lang), "number": lambda v: fmt.number(v, lang),
                 "rate": lambda v: fmt.percent(float(v), lang), "date": lambda v: fmt.date(dt.date.fromisoformat(str(v)), lang)}
        return site.t(f"legal_rules.{key}", lang, **{name: words[kind](value[name]) for name, kind in RULES[key].items()})
    if "_age" in key and unit == "years":
        return site.t("common.age_years", lang, years=fmt.number(value, lang))
    if unit == "vnd":
        return fmt.money(int(value), lang)
    if unit == "rate":
        return fmt.percent(float(value), lang)
    if unit == "rates_by_group":
        def group(g: str) -> str:  # the groups of the time: an old rate is never shown with today's groups
            return entry.group_labels[g][lang] if entry.group_labels else site.t(f"groups.{g}", lang)
        return ", ".join(f"{group(g)} {fmt.percent(float(value[g]), lang)}" for g in GROUPS if g in value)
    if unit in ("months", "years", "count"):
        word = {"months": "validity.unit_months", "years": "validity.unit_years", "count": ""}[unit]
        return fmt.number(value, lang) + (f" {site.t(word, lang)}" if word else "")
    return ""


def period_text(site: SiteData, entry: Any, lang: str) -> str:
    text = f"{site.t('common.since', lang)} {_date(entry.effective_from, lang)}"
    if entry.effective_to:
        text += f" {site.t('common.until', lang)} {_date(entry.effective_to, lang)}"
    return text


def doc_title(doc: Any, lang: str) -> str:
    """``Nghị định 159/2025/NĐ-CP``; a source without a number (``—``) is named by its kind alone."""
    has_number = doc.number.strip() not in ("", "-", "—")
    return f"{doc.kind[lang]} {doc.number}" if has_number else doc.kind[lang]


def _template_line(exc: BaseException, offset: int = 0) -> int | str:
    """The Markdown line that raised, found in the traceback frame of the compiled template."""
    tb = exc.__traceback__
    line: int | str = "?"
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno + offset
        tb = tb.tb_next
    return line
