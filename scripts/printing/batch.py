"""Benchmark: per-place leaflets and posters for N synthetic places, printing the elapsed time.

``python -m scripts.printing.batch --places 100 --out DIR`` — one WeasyPrint render per place product (tri-fold and
poster, office printer and print shop), then each place's QR code and caption stamped onto copies of them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from scripts.campaigns import CampaignPlace
from scripts.site_data import SiteData, load_site_data


def synthetic_places(site: SiteData, n: int) -> list[CampaignPlace]:
    """``n`` places cycling through the sample communes, all in the first campaign, codes ``b001``…"""
    campaigns = site.campaigns
    campaign = max(campaigns.campaigns, key=lambda c: c.end)  # the latest campaign
    base = campaigns.places[0]
    return [
        CampaignPlace(code=f"b{i:03d}", campaign=campaign, name=f"Điểm thử số {i} — {base.commune}", kind=base.kind,
                      commune=base.commune, days=(campaign.start + dt.timedelta(days=i % 7),), target=base.target)
        for i in range(1, n + 1)
    ]


def main(argv: list[str] | None = None) -> int:
    from scripts.printing import render

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    import weasyprint  # noqa: F401 — count the import once, outside the timed batch

    site = load_site_data()
    places = synthetic_places(site, args.places)
    ready, cpu = time.perf_counter(), time.process_time()
    out = render.stamp_places(site, places, args.out)
    elapsed, cpu = time.perf_counter() - ready, time.process_time() - cpu
    files = sum(len(v) for v in out.values())
    size = sum(p.stat().st_size for v in out.values() for p in v.values())
    print(f"print batch: {args.places} places, {files} PDFs ({size / files / 1024:.0f} KB each) in {elapsed:.2f} s "
          f"({cpu:.2f} s of CPU; +{ready - start:.2f} s imports and data)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
