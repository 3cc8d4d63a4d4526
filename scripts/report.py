"""``make report LOG=/var/log/nginx/access.log``: what each staff link, place and campaign brought, from the office's
own server log.

Counted, per day (Viet Nam time), campaign and short code (a place of ``data/campaigns.yml`` or a staff member of
``data/staff.yml``):

* **scans**: requests for a short path ``/q/<code>/`` (what a QR code or a personal link opens);
* **readers**: distinct readers among those requests and the events below, counted with a hash of the address and
  the browser salted with a random value made for each day of the report and then forgotten: the report keeps no
  address and cannot tell one day's readers from another's;
* **calculator opens, results shared, results printed**: requests for the static beacon files ``/q/_/open.gif``,
  ``share.gif``, ``print.gif`` that the site's pages make (``docs/assets/javascripts/beacon.js``: no cookie, no other
  host, nothing when the reader asks not to be tracked, saves data or is offline), with the campaign and code the
  reader arrived with.

Link-preview robots (Zalo, Facebook, search engines) are not readers and are left out. Rotated logs (``access.log.1``,
``access.log.2.gz``) may be given too: ``LOG="/var/log/nginx/access.log*"``. The log must be nginx's default
``combined`` format. Output: ``report/bao-cao.html`` (a table and a bar chart per campaign) and ``report/bao-cao.csv``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import glob
import gzip
import hashlib
import io
import os
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import apachelogs
import jinja2
import markupsafe

from scripts.errors import DataError
from scripts.site_data import VIETNAM, SiteData, load_site_data
from scripts.staff import ALWAYS_ON, campaign_on

BEACON_EVENTS = ("open", "share", "print")
SHORT = re.compile(r"^/q/([a-z0-9][a-z0-9-]{0,14})/?$")
BEACON = re.compile(r"^/q/_/(open|share|print)\.gif$")
# Link-preview robots and scripts. Readers inside Zalo's or Facebook's in-app browser are readers: their agents
# start with "Mozilla/5.0 (Linux; Android …" and end with "Zalo android/…" or "[FBAN/…]"; the preview robots do not.
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|whatsapp|curl|wget|python-requests|^(?!mozilla/)", re.I)
TEMPLATE = Path(__file__).with_name("templates") / "report.html"


@dataclass
class Counts:
    scans: int = 0
    opens: int = 0
    shares: int = 0
    prints: int = 0
    readers: set[str] = field(default_factory=set)

    def row(self) -> dict[str, int]:
        return {"scans": self.scans, "readers": len(self.readers), "opens": self.opens, "shares": self.shares, "prints": self.prints}


@dataclass
class Report:
    days: set[dt.date] = field(default_factory=set)
    counts: dict[tuple[dt.date, str, str], Counts] = field(default_factory=lambda: defaultdict(Counts))  # (day, campaign, code)
    lines: int = 0
    skipped: int = 0  # lines that are not in the combined format
    robots: int = 0


def read_lines(paths: Iterable[Path]) -> Iterator[str]:
    """The lines of every log file, oldest rotated file first; ``.gz`` files are read as they are."""
    for path in sorted(paths, key=_rotation_order):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8", errors="replace") as fh:
            yield from fh


def _rotation_order(path: Path) -> tuple[int, str]:
    m = re.search(r"\.(\d+)(\.gz)?$", path.name)
    return (-int(m[1]) if m else 0, path.name)


def count(lines: Iterable[str], site: SiteData, salt_for: dict[dt.date, bytes] | None = None) -> Report:
    """Count scans, readers and beacon events in access-log ``lines`` (see the module docstring)."""
    parser = apachelogs.LogParser(apachelogs.COMBINED)
    places = {p.code: p for p in site.campaigns.places}
    staff = site.staff.by_code()
    campaign_ids = {c.id for c in site.campaigns.campaigns}
    salts = salt_for if salt_for is not None else {}
    report = Report()
    prefix = urlsplit(site.site_url).path or "/"  # "/" or "/bhxh/": the site's own paths start there
    for line in lines:
        if not line.strip():
            continue
        report.lines += 1
        try:
            entry = parser.parse(line)
        except apachelogs.InvalidEntryError:
            report.skipped += 1
            continue
        method, _, target = (entry.request_line or "").partition(" ")
        if method != "GET" or entry.final_status not in (200, 304):
            continue
        url = urlsplit(target.rsplit(" ", 1)[0])
        agent = entry.headers_in.get("User-Agent") or ""
        day = entry.request_time.astimezone(VIETNAM).date()
        path = url.path[len(prefix) - 1:] if url.path.startswith(prefix) else url.path  # a site under a sub-path
        scan, beacon = SHORT.match(path), BEACON.match(path)
        if not (scan or beacon):
            continue
        if ROBOT.search(agent):
            report.robots += 1
            continue
        if scan:
            code = scan[1]
            if code in places:
                campaign = places[code].campaign.id
            elif code in staff:
                campaign = campaign_on(site.campaigns, day)
            else:
                continue
            bucket = report.counts[(day, campaign, code)]
            bucket.scans += 1
        else:
            query = parse_qs(url.query)
            code = (query.get("k") or [""])[0]
            if code not in places and code not in staff:
                code = ""  # arrived some other way (no short path): counted as "no code"
            campaign = (query.get("c") or [""])[0]
            if campaign not in campaign_ids | {ALWAYS_ON}:  # no campaign or an unknown one: derive it from the code
                campaign = places[code].campaign.id if code in places else campaign_on(site.campaigns, day) if code else ""
            bucket = report.counts[(day, campaign, code)]
            event = beacon[1]
            bucket.opens += event == "open"
            bucket.shares += event == "share"
            bucket.prints += event == "print"
        salt = salts.setdefault(day, os.urandom(16))
        bucket.readers.add(hashlib.sha256(salt + entry.remote_host.encode() + b"\0" + agent.encode()).hexdigest()[:16])
        report.days.add(day)
    return report


def rows(report: Report, site: SiteData) -> list[dict[str, object]]:
    """One row per day, campaign and code, in date order: what the CSV holds and the HTML tables show."""
    places = {p.code: p for p in site.campaigns.places}
    staff = site.staff.by_code()
    names = {c.id: c.name["vi"] for c in site.campaigns.campaigns}
    out = []
    for (day, campaign, code), counts in sorted(report.counts.items()):
        kind = "place" if code in places else "staff" if code in staff else "none"
        who = places[code].name if kind == "place" else (staff[code].name if kind == "staff" else "")
        out.append({"day": day, "campaign": campaign, "campaign_name": names.get(campaign, campaign), "code": code,
                    "kind": kind, "name": who, **counts.row()})
    return out


def write_csv(table: list[dict[str, object]], path: Path) -> None:
    columns = ["ngay", "dot", "ma", "loai", "ten", "luot_quet", "nguoi_doc", "mo_may_tinh", "chia_se", "in"]
    keys = ["day", "campaign", "code", "kind", "name", "scans", "readers", "opens", "shares", "prints"]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    for r in table:
        writer.writerow([r["day"].strftime("%d/%m/%Y") if k == "day" else r[k] for k in keys])  # type: ignore[union-attr]
    path.write_text("\ufeff" + buf.getvalue(), encoding="utf-8")  # BOM: Excel opens Vietnamese text correctly


def chart(days: list[dt.date], values: list[int], label: str) -> str:
    """A bar chart of ``values`` per day, as inline SVG (drawn here: no plotting library, no script)."""
    width, height, left, bottom = 640, 200, 36, 28
    top = max(values, default=0) or 1
    step = (width - left - 8) / max(len(days), 1)
    bars, labels = [], []
    for i, (day, value) in enumerate(zip(days, values, strict=True)):
        h = (height - bottom - 16) * value / top
        x = left + i * step + step * 0.15
        bars.append(f'<rect x="{x:.1f}" y="{height - bottom - h:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}" fill="#0b5394">'
                    f"<title>{day:%d/%m/%Y}: {value}</title></rect>")
        mid = x + step * 0.35
        if value:
            bars.append(f'<text x="{mid:.1f}" y="{height - bottom - h - 3:.1f}" text-anchor="middle" font-size="11">{value}</text>')
        labels.append(f'<text x="{mid:.1f}" y="{height - 10}" text-anchor="middle" font-size="11">{day:%d/%m}</text>')
    axis = f'<line x1="{left}" y1="{height - bottom}" x2="{width - 8}" y2="{height - bottom}" stroke="#333"/>'
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" aria-label="{markupsafe.escape(label)}" '
            f'width="100%" style="max-width:{width}px">{axis}{"".join(bars)}{"".join(labels)}</svg>')


def render_html(table: list[dict[str, object]], report: Report, site: SiteData) -> str:
    campaigns: dict[str, dict[str, object]] = {}
    for r in table:
        c = campaigns.setdefault(str(r["campaign"]), {"name": r["campaign_name"] or site.t("report.no_campaign", "vi"), "rows": []})
        c["rows"].append(r)  # type: ignore[union-attr]
    for c in campaigns.values():
        days = sorted({r["day"] for r in c["rows"]})  # type: ignore[union-attr]
        per_day = [sum(int(r["scans"]) for r in c["rows"] if r["day"] == d) for d in days]  # type: ignore[union-attr]
        # no scans (readers who came without a code): no chart, rather than an empty frame
        c["chart"] = markupsafe.Markup(chart(days, per_day, site.t("report.chart_label", "vi", campaign=c["name"])) if any(per_day) else "")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE.parent)), autoescape=True, undefined=jinja2.StrictUndefined)
    first, last = (min(report.days), max(report.days)) if report.days else (None, None)
    return env.get_template(TEMPLATE.name).render(
        t=lambda key, **v: site.t(key, "vi", **v), campaigns=campaigns, first=first, last=last, report=report,
        office=site.office.name["vi"], sample=site.staff.sample or site.campaigns.sample)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("logs", nargs="+", help="access log files (globs allowed; .gz read as is)")
    parser.add_argument("--out", type=Path, default=Path("report"), help="output folder (default: report/)")
    args = parser.parse_args(argv)
    paths = [Path(p) for pattern in args.logs for p in (sorted(glob.glob(pattern)) or [pattern])]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"Error: no log file at {', '.join(missing)} — give the path of nginx's access log, e.g. LOG=/var/log/nginx/access.log",
              file=sys.stderr)
        return 2
    try:
        site = load_site_data()
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 2
    report = count(read_lines(paths), site)
    table = rows(report, site)
    args.out.mkdir(parents=True, exist_ok=True)
    write_csv(table, args.out / "bao-cao.csv")
    (args.out / "bao-cao.html").write_text(render_html(table, report, site), encoding="utf-8")
    print(f"{report.lines} log lines ({report.skipped} not in the combined format, {report.robots} from link-preview robots): "
          f"{len(table)} rows → {args.out / 'bao-cao.html'}, {args.out / 'bao-cao.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
