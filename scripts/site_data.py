"""Everything a build shows, validated once: :class:`SiteData`.

``data/`` → :func:`load_site_data` → one frozen object → hooks, print, share images, ``policy.json``.
The build date is read here and only here (``BUILD_DATE`` or today), so a build that crosses midnight
shows one day's law throughout; ``scripts/build.py`` fixes it once and passes it to the MkDocs process.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from scripts.calc import TOP_UP
from scripts.campaigns import Campaigns, load_campaigns
from scripts.errors import DataError
from scripts.figures import FigureSet, compute
from scripts.national import National, load_national
from scripts.office import Office, load_office
from scripts.paths import CAMPAIGNS_FILE, NATIONAL_FILE, OFFICE_FILE, POLICY_FILE, STAFF_FILE, TEXTS_FILE
from scripts.policy import Document, Entry, Parameter, Policy, load_policy
from scripts.production import refuse_placeholders
from scripts.staff import Staff, load_staff
from scripts.texts import Texts, load_texts

CONFIG_KEY = "site"  # config.extra["site"] holds the build's SiteData


VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # the law changes at midnight in Viet Nam (no daylight saving)


def today_in_vietnam() -> dt.date:
    """Today's date in Viet Nam, whatever the machine's time zone (a CI runner is on UTC, 7 hours behind)."""
    return dt.datetime.now(VIETNAM).date()


def build_date() -> dt.date:
    """The date whose law the build shows: ``BUILD_DATE=YYYY-MM-DD`` or today in Viet Nam."""
    raw = os.environ.get("BUILD_DATE")
    if not raw:
        return today_in_vietnam()
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise DataError("environment", "BUILD_DATE", f"{raw!r} is not a date", "write it as YYYY-MM-DD") from None


def production() -> bool:
    """``PRODUCTION=1``: a build for the public, which refuses sample data."""
    return os.environ.get("PRODUCTION") == "1"


@dataclass(frozen=True, eq=False)
class SiteData:
    """The validated data of one build and the date it shows. Read-only: every part is frozen."""

    on: dt.date
    policy: Policy
    office: Office
    national: National
    campaigns: Campaigns
    texts: Texts
    staff: Staff
    production: bool = False

    @cached_property
    def figures(self) -> FigureSet:
        """Every named figure on the build date."""
        return compute(self.policy, self.on)

    def figures_on(self, day: dt.date) -> FigureSet:
        return compute(self.policy, day)

    @property
    def site_url(self) -> str:
        return self.office.site_url

    def t(self, key: str, lang: str, **values: Any) -> str:
        """A text of the catalogue (``data/texts.yml``) in ``lang``."""
        return self.texts.get(key, lang, **values)


def load_site_data(on: dt.date | None = None, *, prod: bool | None = None) -> SiteData:
    """Load and validate every data file; raises :class:`DataError` with the file, key and fix."""
    office = load_office(OFFICE_FILE)
    campaigns = load_campaigns(CAMPAIGNS_FILE, office=office)
    texts = load_texts(TEXTS_FILE)
    site = SiteData(
        on=on or build_date(),
        policy=with_top_ups(load_policy(POLICY_FILE), office, texts),
        office=office,
        national=load_national(NATIONAL_FILE),
        campaigns=campaigns,
        texts=texts,
        staff=load_staff(STAFF_FILE, {p.code for p in campaigns.places}),
        production=production() if prod is None else prod,
    )
    site.figures  # noqa: B018 — every figure must have a value on the build date: fail now, with the key
    if site.production:
        _refuse_sample(site)
    return site


def with_top_ups(policy: Policy, office: Office, texts: Texts) -> Policy:
    """The policy of this site: the law plus the office's provincial top-up (``data/office.yml`` ``top_ups``).

    The top-up becomes one more dated parameter (``provincial_top_up``, rates by group) with its resolutions as
    documents, so the figures, the support tables, the leaflets, the share texts, the validity windows, the legal
    page and ``policy.json`` (the calculator) all take it from one place. Without top-ups the policy is unchanged.
    """
    if not office.top_ups:
        return policy

    def pair(key: str) -> dict[str, str]:
        return {lang: texts.get(key, lang, province=office.province) for lang in ("vi", "en")}

    documents = dict(policy.documents)
    entries = []
    for i, t in enumerate(office.top_ups, start=1):
        key = f"top-up-{i}"
        documents[key] = Document(key, t.number, pair("calc_page.top_up_kind"), pair("calc_page.top_up_sets"), t.signed, t.effective_from)
        entries.append(Entry(dict(t.rates), t.effective_from, t.effective_to, key, t.article, t.confidence))
    parameters = dict(policy.parameters)
    parameters[TOP_UP] = Parameter(TOP_UP, "rates_by_group", pair("calc_page.top_up_label"), tuple(entries))
    return Policy(policy.updated, parameters, documents, policy.file)


def _refuse_sample(site: SiteData) -> None:
    if site.office.sample:
        raise DataError(site.office.file, "sample", "true — a production build refuses sample data",
                        "replace the sample office, local offices and collection points with real ones, then write 'sample: false'")
    if site.campaigns.sample:
        raise DataError(site.campaigns.file, "sample", "true — a production build refuses sample data",
                        "replace the sample campaigns and places with your office's plan, then write 'sample: false'")
    if site.staff.sample:
        raise DataError(site.staff.file, "sample", "true — a production build refuses sample data",
                        "list your staff (or delete data/staff.yml), then write 'sample: false'")
    # Flags flipped before the sample was replaced (staff.yml is optional).
    refuse_placeholders(OFFICE_FILE, CAMPAIGNS_FILE, *([STAFF_FILE] if STAFF_FILE.exists() else []))


def from_config(config: Any) -> SiteData:
    """The build's :class:`SiteData`, put in ``config.extra`` by ``overrides/hooks/data.py``."""
    site = config.extra.get(CONFIG_KEY)
    if not isinstance(site, SiteData):
        raise RuntimeError("overrides/hooks/data.py must run first (it is the first hook in mkdocs.yml)")
    return site
