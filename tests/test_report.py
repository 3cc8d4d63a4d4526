"""``make report``: counts from an nginx access log (combined format), per day, campaign and code.

The log lines are written here by hand, and so are the counts they must give (sample data: place ``bd-d`` is in the
December drive ``cao-diem-12-2026``, 01–10/12/2026; staff ``cb01``; nothing runs on 20/12/2026). A test with a real
nginx log produced by requests through ``deploy/nginx.conf`` is in ``tests/test_report_nginx.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import subprocess
import sys
from pathlib import Path

from scripts.paths import ROOT
from scripts.report import count, rows
from scripts.site_data import load_site_data

PHONE_A = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
PHONE_B = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
IN_ZALO = ("Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0 "
           "Mobile Safari/537.36 Zalo android/12090 ZaloTheme/light ZaloLanguage/vi")
LOG = [
    # 05/12/2026: two readers scan the post-office QR; one opens the calculator and prints; one scans twice
    f'10.0.0.1 - - [05/Dec/2026:08:00:00 +0700] "GET /q/bd-d/ HTTP/1.1" 200 512 "-" "{PHONE_A}"',
    f'10.0.0.1 - - [05/Dec/2026:08:00:02 +0700] "GET /tinh-muc-dong/?utm_content=bd-d HTTP/1.1" 200 9000 "-" "{PHONE_A}"',
    f'10.0.0.1 - - [05/Dec/2026:08:00:03 +0700] "GET /q/_/open.gif?c=cao-diem-12-2026&s=leaflet&k=bd-d HTTP/1.1" 200 43 "-" "{PHONE_A}"',
    f'10.0.0.1 - - [05/Dec/2026:08:03:00 +0700] "GET /q/_/print.gif?c=cao-diem-12-2026&s=leaflet&k=bd-d HTTP/1.1" 200 43 "-" "{PHONE_A}"',
    f'10.0.0.2 - - [05/Dec/2026:09:00:00 +0700] "GET /q/bd-d/ HTTP/1.1" 200 512 "-" "{PHONE_B}"',
    f'10.0.0.2 - - [05/Dec/2026:09:30:00 +0700] "GET /q/bd-d/ HTTP/1.1" 200 512 "-" "{PHONE_B}"',
    # the same day: a staff link opened inside Zalo's in-app browser (a reader, not a robot), and shared on
    f'10.0.0.3 - - [05/Dec/2026:10:00:00 +0700] "GET /q/cb01/ HTTP/1.1" 200 512 "-" "{IN_ZALO}"',
    f'10.0.0.3 - - [05/Dec/2026:10:01:00 +0700] "GET /q/_/share.gif?c=cao-diem-12-2026&s=staff&k=cb01 HTTP/1.1" 200 43 "-" "{IN_ZALO}"',
    # not counted: Zalo's and Facebook's link previews, an unknown code, a POST, a 404, the redirect without slash
    '10.0.0.9 - - [05/Dec/2026:10:00:01 +0700] "GET /q/cb01/ HTTP/1.1" 200 512 "-" "facebookexternalhit/1.1"',
    '10.0.0.9 - - [05/Dec/2026:10:00:01 +0700] "GET /q/cb01/ HTTP/1.1" 200 512 "-" "Zalo/1.0 link-preview"',
    f'10.0.0.4 - - [05/Dec/2026:11:00:00 +0700] "GET /q/khong-co/ HTTP/1.1" 404 300 "-" "{PHONE_B}"',
    f'10.0.0.4 - - [05/Dec/2026:11:00:00 +0700] "POST /q/bd-d/ HTTP/1.1" 405 300 "-" "{PHONE_B}"',
    f'10.0.0.4 - - [05/Dec/2026:11:00:00 +0700] "GET /q/bd-d HTTP/1.1" 301 169 "-" "{PHONE_B}"',
    "not a log line at all",
    # 20/12/2026 (no campaign running): the staff link again, at 23:30 UTC on the 19th = 06:30 on the 20th in Viet Nam
    f'10.0.0.5 - - [19/Dec/2026:23:30:00 +0000] "GET /q/cb01/ HTTP/1.1" 200 512 "-" "{PHONE_B}"',
    # a reader who came without a QR code opens the calculator
    f'10.0.0.6 - - [20/Dec/2026:12:00:00 +0700] "GET /q/_/open.gif HTTP/1.1" 200 43 "-" "{PHONE_B}"',
]


def test_counts_per_day_campaign_and_code() -> None:
    site = load_site_data(dt.date(2026, 12, 1))
    report = count(LOG, site)
    got = {(r["day"], r["campaign"], r["code"]): (r["scans"], r["readers"], r["opens"], r["shares"], r["prints"])
           for r in rows(report, site)}
    d5, d20 = dt.date(2026, 12, 5), dt.date(2026, 12, 20)
    assert got == {
        (d5, "cao-diem-12-2026", "bd-d"): (3, 2, 1, 0, 1),
        (d5, "cao-diem-12-2026", "cb01"): (1, 1, 0, 1, 0),
        (d20, "thuong-xuyen", "cb01"): (1, 1, 0, 0, 0),
        (d20, "", ""): (0, 1, 1, 0, 0),
    }
    assert report.skipped == 1 and report.robots == 2 and report.lines == len(LOG)


def test_readers_are_not_linkable_across_days_or_runs() -> None:
    site = load_site_data(dt.date(2026, 12, 1))
    line = f'10.0.0.1 - - [05/Dec/2026:08:00:00 +0700] "GET /q/bd-d/ HTTP/1.1" 200 512 "-" "{PHONE_A}"'
    first, second = count([line], site), count([line], site)
    (a,), (b,) = first.counts.values(), second.counts.values()
    assert a.readers and a.readers.isdisjoint(b.readers), "the salt must be new for every report"


def test_command_reads_rotated_and_gzipped_logs_and_writes_html_and_csv(tmp_path: Path) -> None:
    (tmp_path / "access.log").write_text("\n".join(LOG[6:8]) + "\n", encoding="utf-8")
    with gzip.open(tmp_path / "access.log.2.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(LOG[:6]) + "\n")
    out = tmp_path / "report"
    proc = subprocess.run([sys.executable, "-m", "scripts.report", str(tmp_path / "access.log*"), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, check=True)
    assert "8 log lines" in proc.stdout, proc.stdout
    with (out / "bao-cao.csv").open(encoding="utf-8-sig") as fh:
        table = list(csv.DictReader(fh))
    assert [(r["ngay"], r["ma"], r["luot_quet"], r["nguoi_doc"]) for r in table] == [
        ("05/12/2026", "bd-d", "3", "2"), ("05/12/2026", "cb01", "1", "1")]
    html = (out / "bao-cao.html").read_text(encoding="utf-8")
    assert "<svg" in html and "Bưu điện mẫu phường mẫu D" in html and "Cán bộ mẫu số 1" in html
    assert "10.0.0." not in html and "10.0.0." not in (out / "bao-cao.csv").read_text(encoding="utf-8"), "no address in the report"


def test_missing_log_is_one_line() -> None:
    proc = subprocess.run([sys.executable, "-m", "scripts.report", "/nonexistent/access.log"], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "LOG=" in proc.stderr


def test_a_site_under_a_sub_path_is_counted() -> None:
    """GitHub project pages and shared hosts publish under a path (site_url https://example.org/bhxh/): the log then
    has /bhxh/q/<code>/ and /bhxh/q/_/…; the same two requests as at the root give the same counts."""
    import dataclasses

    site = load_site_data(dt.date(2026, 12, 1))
    under = dataclasses.replace(site, office=dataclasses.replace(site.office, site_url="https://example.org/bhxh/"))
    lines = [
        f'10.0.0.1 - - [05/Dec/2026:08:00:00 +0700] "GET /bhxh/q/bd-d/ HTTP/1.1" 200 512 "-" "{PHONE_A}"',
        f'10.0.0.1 - - [05/Dec/2026:08:00:03 +0700] "GET /bhxh/q/_/open.gif?c=cao-diem-12-2026&s=leaflet&k=bd-d HTTP/1.1" '
        f'200 43 "-" "{PHONE_A}"',
    ]
    got = {(r["campaign"], r["code"]): (r["scans"], r["readers"], r["opens"]) for r in rows(count(lines, under), under)}
    assert got == {("cao-diem-12-2026", "bd-d"): (1, 1, 1)}
