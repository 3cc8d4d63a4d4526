"""``make bench``: build time, first-view bytes, Lighthouse, and the same for a plain Material site, as one table.

* Our site is built with ``scripts.build`` (timed) and served by the real nginx with ``deploy/nginx.conf`` (gzip).
* The plain Material site is built in the same run from the same Markdown: our ``mkdocs.yml`` with the theme reduced
  to ``name: material`` + ``language: vi`` + ``font: false`` (no Google Fonts, as in our site), a ``custom_dir`` with
  only the macro templates and the calculator's form (the page macros render them),
  no ``extra_css``, and of our hooks only ``overrides/hooks/data.py`` and ``page_macros.py`` (needed to render the ``{{ f.… }}`` figures
  into text); same plugins (search, i18n), same Markdown extensions. It is served by the same nginx config.
* Bytes: every response of a first view in Chromium (empty cache, no service worker, network idle + 1 s), each body
  gzipped at level 6 (``tests.support.webserve.first_view``). Lighthouse 12 (npm, pinned): mobile defaults (simulated
  slow 4G, 4× CPU slowdown), median of ``--runs`` runs (default 3).
* Leaflets: ``python -m scripts.printing.batch --places 100`` when it exists.
* Serving: ``wrk`` (Debian) on loopback against the same nginx config, for ``/`` and for a mix of what a first visit
  fetches (pages, ``policy.json``, theme and own JS/CSS, the search index), with the build's pre-compressed ``.gz``
  files (``gzip_static on``, as deployed) and with nginx compressing every response (``gzip_static off``), in one run.
  Each case is short (``--wrk-seconds``, default 3 s, 1 thread, 32 connections, one nginx worker): the machine is
  shared, so the numbers are for comparing the two cases, not capacity.

Usage: ``python -m scripts.bench [--runs 3] [--no-lighthouse] [--serving-only] [--wrk-seconds 3]``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scripts.build import build_site
from scripts.paths import ROOT, SITE
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.pages import calculator_bytes
from tests.support.webserve import first_view, nginx

PAGES = [("home", ""), ("calculator", "tinh-muc-dong/"), ("content", "muc-dong-va-ho-tro/")]
LANGS = [("vi", ""), ("en", "en/")]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def plain_config(tmp: Path) -> Path:
    """Our mkdocs.yml, reduced to a default Material theme with only the figures hook (see the module docstring)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # The page macros render their tables from overrides/macros/ and the calculator's form from its partial: a
    # custom_dir with only those (links), so the theme itself stays Material's own.
    theme_dir = tmp / "plain-overrides"
    (theme_dir / "partials").mkdir(parents=True, exist_ok=True)
    for link, target in (("macros", "macros"), ("partials/calculator.html", "partials/calculator.html")):
        if not (theme_dir / link).exists():
            (theme_dir / link).symlink_to(ROOT / "overrides" / target)
    text = re.sub(r"^theme:\n(?:[ #].*\n|\n)*?(?=^\S)",
                  f"theme:\n  name: material\n  custom_dir: {theme_dir}\n  language: vi\n  font: false\n\n", text, flags=re.M)
    text = re.sub(r"^extra_css:\n(?:  .*\n)*", "", text, flags=re.M)
    hooks = "".join(f"  - {ROOT / 'overrides/hooks' / h}\n" for h in ("data.py", "page_macros.py"))
    text = re.sub(r"^hooks:\n(?:  .*\n)*", f"hooks:\n{hooks}", text, flags=re.M)
    text = re.sub(r"^docs_dir: .*$", f"docs_dir: {ROOT / 'docs'}", text, flags=re.M)
    text = re.sub(r"^strict: .*$", "strict: false", text, flags=re.M)
    conf = tmp / "mkdocs.yml"
    conf.write_text(text, encoding="utf-8")
    return conf


def build_plain(tmp: Path) -> tuple[Path, float]:
    out = tmp / "plain-site"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(plain_config(tmp)), "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"plain Material build failed:\n{proc.stderr[-2000:]}")
    return out, elapsed


def lighthouse(url: str, runs: int) -> dict[str, float]:
    """Median scores (0–100) and LCP (s) of ``runs`` Lighthouse mobile runs."""
    results: list[dict[str, float]] = []
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    for _ in range(runs):
        proc = subprocess.run(
            ["npx", "--no-install", "lighthouse", url, "--quiet", "--output=json", "--output-path=stdout",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(CHROMIUM_ARGS)}"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=240)
        if proc.returncode != 0:
            print(f"lighthouse failed on {url}: {proc.stderr[-500:]}", file=sys.stderr)
            continue
        report = json.loads(proc.stdout)
        row = {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}
        row["lcp"] = report["audits"]["largest-contentful-paint"]["numericValue"] / 1000
        results.append(row)
    if not results:
        return {}
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def measure(site: Path, runs: int) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    rows: dict[str, dict] = {}
    with nginx(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for lang, prefix in LANGS:
            for name, path in PAGES:
                view = first_view(browser, base + prefix + path)
                rows[f"{name} {lang}"] = {"bytes": view.total, "types": view.by_type(), "requests": view.requests,
                                          "hosts": sorted(view.hosts())}
        browser.close()
        if runs:
            for lang, prefix in LANGS:
                for name, path in PAGES:
                    rows[f"{name} {lang}"]["lh"] = lighthouse(base + prefix + path, runs)
    return rows


def leaflet_batch(tmp: Path) -> float | None:
    if not (ROOT / "scripts" / "printing" / "batch.py").exists():
        return None
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scripts.printing.batch", "--places", "100", "--out", str(tmp / "leaflets")],
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    if proc.returncode != 0:
        print(f"leaflet batch failed: {proc.stderr[-500:]}", file=sys.stderr)
        return None
    return time.perf_counter() - start


WRK_SCRIPT = """
paths = {%s}
i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], {["Accept-Encoding"] = "gzip"})
end
"""


def _wrk(url: str, seconds: int, paths: list[str] | None, tmp: Path) -> dict[str, float]:
    """Requests per second and latency percentiles (ms) of one bounded wrk run."""
    cmd = ["wrk", "-t1", "-c32", f"-d{seconds}s", "--latency", "-H", "Accept-Encoding: gzip"]
    if paths:
        script = tmp / "mix.lua"
        script.write_text(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths), encoding="utf-8")
        cmd += ["-s", str(script)]
    proc = subprocess.run([*cmd, url], capture_output=True, text=True, timeout=seconds + 30)
    out = proc.stdout
    if proc.returncode != 0 or "Requests/sec" not in out:
        raise SystemExit(f"wrk failed: {proc.stderr or out}")

    def ms(label: str) -> float:
        m = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": ms("50%"), "p99": ms("99%"), "errors": int(non2xx.group(1)) if non2xx else 0}


def mix_paths(site: Path) -> list[str]:
    """What a first visit fetches, in a fixed order: pages of both languages, data, theme and own assets."""
    rel = lambda pattern: "/" + next(site.glob(pattern)).relative_to(site).as_posix()  # noqa: E731
    return ["/", "/tinh-muc-dong/", "/muc-dong-va-ho-tro/", "/diem-thu-va-lien-he/", "/en/", "/en/tinh-muc-dong/",
            "/assets/data/policy.json", "/sw.js", rel("assets/javascripts/bundle.*.min.js"),
            rel("assets/stylesheets/main.*.min.css"), rel("assets/stylesheets/extra.*.min.css"),
            rel("assets/javascripts/calculator/ui.*.js"), "/search/search_index.json"]


def serving(site: Path, seconds: int) -> list[tuple[str, str, dict[str, float]]]:
    """``(case, paths, result)`` for ``/`` and the mix, with pre-compressed files and with on-the-fly gzip."""
    rows = []
    tmp = Path(tempfile.mkdtemp(prefix="wrk-"))
    try:
        for case, config in (("pre-compressed (gzip_static on)", lambda c: c),
                             ("on-the-fly gzip (gzip_static off)", lambda c: c.replace("gzip_static on;", "gzip_static off;"))):
            with nginx(site, config) as base:
                for name, paths in (("/", None), (f"mix of {len(mix_paths(site))} paths", mix_paths(site))):
                    rows.append((case, name, _wrk(base if paths is None else base.rstrip("/"), seconds, paths, tmp)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return rows


def serving_table(rows: list[tuple[str, str, dict[str, float]]]) -> str:
    lines = ["| nginx (1 worker, loopback) | paths | requests/s | p50 ms | p99 ms | non-2xx |", "|---|---|--:|--:|--:|--:|"]
    for case, name, r in rows:
        lines.append(f"| {case} | {name} | {r['rps']:,.0f} | {r['p50']:.2f} | {r['p99']:.2f} | {r['errors']} |")
    return "\n".join(lines)


def _kb(n: float) -> str:
    return f"{n / 1000:.1f}"


def table(ours: dict[str, dict], plain: dict[str, dict]) -> str:
    head = ("| page | KB gzip (html/css/js/other) | req | perf | a11y | best pr. | SEO | LCP s "
            "| plain KB | plain req | plain perf/a11y/bp/SEO | plain LCP s | KB ratio | LCP ratio |")
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for key, row in ours.items():
        t = row["types"]
        other = sum(v for k, v in t.items() if k not in ("html", "css", "js"))
        split = "/".join(_kb(t.get(k, 0)) for k in ("html", "css", "js")) + "/" + _kb(other)
        lh, p = row.get("lh", {}), plain[key]
        plh = p.get("lh", {})
        scores = [str(int(lh[c])) if c in lh else "–" for c in CATEGORIES]
        pscores = "/".join(str(int(plh[c])) if c in plh else "–" for c in CATEGORIES)
        lcp = f"{lh['lcp']:.2f}" if "lcp" in lh else "–"
        plcp = f"{plh['lcp']:.2f}" if "lcp" in plh else "–"
        lcp_ratio = f"{lh['lcp'] / plh['lcp']:.2f}" if "lcp" in lh and "lcp" in plh else "–"
        lines.append(f"| {key} | {_kb(row['bytes'])} ({split}) | {row['requests']} | " + " | ".join(scores) + f" | {lcp} "
                     f"| {_kb(p['bytes'])} | {p['requests']} | {pscores} | {plcp} | {row['bytes'] / p['bytes']:.2f} | {lcp_ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median); 0 skips Lighthouse")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--serving-only", action="store_true", help="only the wrk table, on the current site/")
    parser.add_argument("--wrk-seconds", type=int, default=3, help="length of each wrk run (the machine is shared)")
    args = parser.parse_args(argv)
    runs = 0 if args.no_lighthouse else args.runs
    if args.serving_only:
        print(serving_table(serving(SITE, args.wrk_seconds)))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        start = time.perf_counter()
        build_site(tmp / "site", quiet=True)
        build_s = time.perf_counter() - start
        wrk_rows = serving(tmp / "site", args.wrk_seconds)
        plain_site, plain_build_s = build_plain(tmp)
        ours = measure(tmp / "site", runs)
        plain = measure(plain_site, runs)
        batch_s = leaflet_batch(tmp)
        print(table(ours, plain))
        print()
        print(f"build: ours {build_s:.1f} s (whole scripts.build incl. print/share steps), "
              f"plain Material {plain_build_s:.1f} s (mkdocs only)")
        calc = calculator_bytes(tmp / "site")
        print(f"calculator's own JS+CSS as served: {sum(calc.values()) / 1000:.1f} KB gzip (budget 14 KB): "
              + ", ".join(f"{name} {n / 1000:.1f}" for name, n in sorted(calc.items())))
        print(f"100-leaflet batch: {f'{batch_s:.1f} s' if batch_s is not None else 'not available'}")
        print(f"Lighthouse: {runs} run(s) per page, median; mobile defaults (simulated slow 4G, 4x CPU)")
        other = {h for r in ours.values() for h in r["hosts"]}
        print(f"hosts contacted by our pages: {sorted(other)}")
        print()
        print(serving_table(wrk_rows))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
