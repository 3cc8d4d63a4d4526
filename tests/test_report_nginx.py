"""``make report`` on a real nginx access log: readers in real Chromium go through ``deploy/nginx.conf`` (its own
``access_log`` line, only the file moved into a temporary folder), then the report is run on that log.

The site is the suite's build for ``TEST_DATE`` (01/12/2026), so the campaign ids its short paths carry are known
from ``data/campaigns.yml`` (sample data): place ``bd-d`` (Bưu điện mẫu phường mẫu D) and ``cho-b2`` are in the
December drive ``cao-diem-12-2026`` (01–10/12/2026), ``cho-b`` in the October month ``thang-van-dong-2026``; a
staff link (``data/staff.yml``, ``cb01``) built that day carries ``utm_campaign=cao-diem-12-2026``
(scripts/staff.py: the campaign running on the build date). The counts below are written by hand for the requests
this test makes.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import http.client
import json
import os
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from scripts.paths import ROOT
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.dates import TEST_DATE
from tests.support.webserve import nginx

CALC = "tinh-muc-dong/"
PHONE_A = "Mozilla/5.0 (Linux; Android 10; SM-A105F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36"
PHONE_B = "Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/118.0 Mobile Safari/537.36"
PHONE_E = "Mozilla/5.0 (Linux; Android 12; SM-A125F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Mobile Safari/537.36"
PHONE_F = ("Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/118.0 "
           "Mobile Safari/537.36 Zalo android/12090 ZaloTheme/light ZaloLanguage/vi")  # a staff link opened inside Zalo
# A staff member's short path forwards with the campaign of the build date (01/12/2026: cao-diem-12-2026); the
# report counts its scan in the campaign running on the day of the scan (data/campaigns.yml: the October month
# 01–31/10/2026, the December drive 01–10/12/2026, otherwise "thuong-xuyen"), the beacons in the one they carry.
TODAY = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
SCAN_CAMPAIGN = ("cao-diem-12-2026" if dt.date(2026, 12, 1) <= TODAY <= dt.date(2026, 12, 10) else
                 "thang-van-dong-2026" if dt.date(2026, 10, 1) <= TODAY <= dt.date(2026, 10, 31) else "thuong-xuyen")

# (campaign, code) → (scans, readers, opens, shares, prints), by hand for the requests of test_report_on_a_real_nginx_log:
EXPECTED = {
    # reader A scans the post-office QR once: the calculator opens; A copies the result's link and the page's link
    # (share bar), and prints the sheet once. The Facebook preview robot's request for the same QR is not counted.
    ("cao-diem-12-2026", "bd-d"): (1, 1, 1, 2, 1),
    # reader B scans the market QR twice (the calculator opens each time): one reader
    ("cao-diem-12-2026", "cho-b2"): (2, 1, 2, 0, 0),
    # reader C has Do Not Track on: the scan reaches the server (it is a visit like any other), nothing else is sent,
    # although C opens the calculator, copies the link and prints
    ("thang-van-dong-2026", "cho-b"): (1, 1, 0, 0, 0),
    # reader F opens staff member cb01's short link inside Zalo and copies the result's link
    **({("cao-diem-12-2026", "cb01"): (1, 1, 1, 1, 0)} if SCAN_CAMPAIGN == "cao-diem-12-2026" else
       {(SCAN_CAMPAIGN, "cb01"): (1, 1, 0, 0, 0), ("cao-diem-12-2026", "cb01"): (0, 1, 1, 1, 0)}),
    # reader E comes to the calculator from the home page, without a QR code or a staff link
    ("", ""): (0, 1, 1, 0, 0),
}


def _reader(browser: object, url: str, agent: str) -> object:
    """A new phone (its own context): a cookie of the site's host is set, so a beacon that sent cookies would show it."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, user_agent=agent,
                                  permissions=["clipboard-read", "clipboard-write"])
    context.add_cookies([{"name": "probe", "value": "1", "url": url}])
    return context


# The site's CSP has no 'unsafe-eval': waits use locators (page.wait_for_function would be refused). A beacon is a fetch
# that ends on its own: each step waits for the one it must send, so the log is complete when the readers leave, and
# reads the headers Chromium sent for it while the page lives.
Seen = list[tuple[str, dict[str, str]]]


def _counted(page: object, event: str | None, action: Callable[[], object], seen: Seen) -> None:
    if event is None:
        action()
        return
    with page.expect_request(lambda r: urlsplit(r.url).path == f"/q/_/{event}.gif") as info:
        action()
    request = info.value
    seen.append((request.url, request.all_headers()))
    request.response()  # answered


def _open_calculator(page: object, address: str, seen: Seen, counted: bool = True) -> None:
    _counted(page, "open" if counted else None, lambda: page.goto(address), seen)
    page.wait_for_url(f"**/{CALC}**")
    page.wait_for_selector("form[data-calc][data-ready]")


def _copy_result_link(page: object, seen: Seen, counted: bool = True) -> None:
    _counted(page, "share" if counted else None, lambda: page.locator("[data-copy]").click(), seen)
    expect(page.locator("[data-copy-status]")).not_to_be_empty()


def _print_sheet(page: object, seen: Seen, counted: bool = True) -> None:
    _counted(page, "print" if counted else None, lambda: page.locator("[data-print]").click(), seen)
    page.locator("[data-qr] svg").wait_for(state="attached")  # the sheet is filled when printing


def _share_bar_copy(page: object, seen: Seen, counted: bool = True) -> None:
    _counted(page, "share" if counted else None, lambda: page.locator("[data-share-copy]").click(), seen)
    expect(page.locator("[data-share-status]")).not_to_be_empty()


def _drive_readers(browser: object, url: str, tmp: Path, seen: Seen, hosts: set[str]) -> None:
    def watch(context: object) -> object:
        context.on("request", lambda r: hosts.add(urlsplit(r.url).netloc) if r.url.startswith("http") else None)
        return context

    a = watch(_reader(browser, url, PHONE_A))
    page = a.new_page()
    with page.expect_request(lambda r: "cookie" in r.all_headers()) as first:
        _open_calculator(page, url + "q/bd-d/", seen)  # a QR scan: the short path forwards to the calculator with the utm tags
    assert "probe=1" in first.value.all_headers()["cookie"], "the probe cookie is not sent: the cookie check would prove nothing"
    _copy_result_link(page, seen)
    _print_sheet(page, seen)
    _share_bar_copy(page, seen)
    page.goto(url)  # reading on: no beacon on other pages
    a.close()

    b = watch(_reader(browser, url, PHONE_B))
    page = b.new_page()
    for _ in range(2):
        _open_calculator(page, url + "q/cho-b2/", seen)
    b.close()

    # Do Not Track as the reader sets it: Chromium's own preference in a profile (navigator.doNotTrack and the DNT header)
    profile = tmp / "dnt-profile"
    (profile / "Default").mkdir(parents=True)
    (profile / "Default" / "Preferences").write_text(json.dumps({"enable_do_not_track": True}), encoding="utf-8")
    c = watch(browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True, viewport={"width": 360, "height": 740},
        permissions=["clipboard-read", "clipboard-write"]))
    try:
        page = c.new_page()
        _open_calculator(page, url + "q/cho-b/", seen, counted=False)
        assert page.evaluate("navigator.doNotTrack") == "1", "the Do Not Track preference did not reach the page"
        _copy_result_link(page, seen, counted=False)
        _print_sheet(page, seen, counted=False)
        _share_bar_copy(page, seen, counted=False)
        page.wait_for_timeout(1000)  # what would have been sent has been (the other readers' beacons take milliseconds)
    finally:
        c.close()

    e = watch(_reader(browser, url, PHONE_E))
    page = e.new_page()
    page.goto(url)
    _counted(page, "open", lambda: page.locator(f'.md-content a.md-button[href="{CALC}"]').first.click(), seen)
    e.close()

    f = watch(_reader(browser, url, PHONE_F))
    page = f.new_page()
    _open_calculator(page, url + "q/cb01/", seen)
    _copy_result_link(page, seen)
    f.close()

    # Facebook's link-preview robot fetches the QR's address (plain HTTP, as the robot does): not a reader
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    conn.request("GET", "/q/bd-d/", headers={"User-Agent": "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"})
    assert conn.getresponse().status == 200
    conn.close()


def _report(logs: list[Path], out: Path) -> tuple[dict[tuple[str, str], tuple[int, ...]], str]:
    """Run ``python -m scripts.report`` as ``make report`` does; the CSV summed over days per (campaign, code)."""
    env = {**os.environ, "BUILD_DATE": TEST_DATE.isoformat(), "PYTHONPATH": str(ROOT)}
    env.pop("DATA_DIR", None)
    proc = subprocess.run([sys.executable, "-m", "scripts.report", *map(str, logs), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    totals: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0] * 5)
    with (out / "bao-cao.csv").open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):  # one row per day: the test may run across midnight in Viet Nam
            for i, column in enumerate(("luot_quet", "nguoi_doc", "mo_may_tinh", "chia_se", "in")):
                totals[(row["dot"], row["ma"])][i] += int(row[column])
    return {k: tuple(v) for k, v in totals.items()}, proc.stdout


def test_report_on_a_real_nginx_log(browser: object, site_dir: Path, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    beacons: Seen = []
    hosts: set[str] = set()
    with nginx(site_dir, access_log=log) as url:
        _drive_readers(browser, url, tmp_path, beacons, hosts)
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines, "nginx wrote no access log"

    got, stdout = _report([log], tmp_path / "report")
    assert got == EXPECTED
    assert "1 from link-preview robots" in stdout, stdout
    html = (tmp_path / "report" / "bao-cao.html").read_text(encoding="utf-8")
    assert "Bưu điện mẫu phường mẫu D" in html and "Cán bộ mẫu số 1" in html and "<svg" in html
    assert "127.0.0.1" not in html and "127.0.0.1" not in (tmp_path / "report" / "bao-cao.csv").read_text(encoding="utf-8")

    # The same log rotated by logrotate (the older half in access.log.1.gz) gives the same counts
    rotated = tmp_path / "rotated"
    rotated.mkdir()
    half = len(lines) // 2
    with gzip.open(rotated / "access.log.1.gz", "wt", encoding="utf-8") as fh:
        fh.write("\n".join(lines[:half]) + "\n")
    (rotated / "access.log").write_text("\n".join(lines[half:]) + "\n", encoding="utf-8")
    assert _report([rotated / "access.log*"], tmp_path / "report-rotated")[0] == EXPECTED

    # Every request of every reader went to the site's own host; no beacon carried a cookie or a referrer
    assert hosts == {urlsplit(url).netloc}
    assert sorted(urlsplit(u).path.rsplit("/", 1)[1] for u, _ in beacons) == sorted(
        ["open.gif"] * 5 + ["share.gif"] * 3 + ["print.gif"])  # the opens, shares and prints of EXPECTED
    for u, headers in beacons:
        assert "cookie" not in headers and "referer" not in headers, (u, headers)
    assert all(parse_qs(urlsplit(u).query).keys() <= {"c", "s", "k"} for u, _ in beacons), "a beacon carries only c, s, k"
    # and as nginx saw them: as many beacon lines, none with a Referer (combined: … "request" status bytes "referer" "agent")
    logged = [line for line in lines if '"GET /q/_/' in line]
    assert len(logged) == len(beacons) and all(line.split('"')[3] == "-" for line in logged), logged
