"""The 404 page, served as a static host serves it: for any address that does not exist, at any depth, with status 404
(GitHub Pages). At the site root (the reference build) and under a sub-path (a build whose site_url is a GitHub project
page, served at ``/bhxh/``): its words are Vietnamese, its styles load, and its links (home, calculator, hotline, the
other language) open real pages of the site. The English one is ``en/404.html``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.paths import DATA
from tests.support.builds import build_variant
from tests.support.dates import TEST_DATE
from tests.support.servers import serve_pages

SUB_PATH = "/bhxh/"
# The national hotline in data/national.yml is 1900 9068 (VSS customer care); a tel: link takes the digits.
HOTLINE_TEL = "tel:19009068"
PRIMARY = "rgb(11, 83, 148)"  # the header colour of site.css (#0b5394): the site's stylesheet is applied


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built for a GitHub project page: site_url https://example.github.io/bhxh/."""
    office = (DATA / "office.yml").read_text(encoding="utf-8")
    changed = office.replace('site_url: "https://bhxh-tu-nguyen.example.vn/"', 'site_url: "https://example.github.io/bhxh/"')
    assert changed != office, "data/office.yml: site_url line not found"
    out = tmp_path_factory.mktemp("subpath") / "site"
    return build_variant(out, env={"BUILD_DATE": TEST_DATE.isoformat()}, data_changes={"office.yml": changed})


@pytest.fixture(scope="module", params=["root", "sub-path"])
def hosted(request: pytest.FixtureRequest, site_dir: Path) -> Iterator[str]:
    """The base URL of the site served like GitHub Pages: the reference build at ``/``, the sub-path build at /bhxh/."""
    if request.param == "root":
        url, server = serve_pages(site_dir, "/")
    else:
        url, server = serve_pages(request.getfixturevalue("sub_path_site"), SUB_PATH)
    yield url
    server.shutdown()


@pytest.mark.parametrize("missing", ["khong-co-trang-nay", "quyen-loi/sai/dia/chi/", "en/khong-co/"])
def test_404_at_any_depth_is_vietnamese_styled_and_links_work(browser: object, hosted: str, missing: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True,
                                  service_workers="block")
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and r.url != hosted + missing else None)
    try:
        response = page.goto(hosted + missing, wait_until="networkidle")
        assert response.status == 404
        assert page.evaluate("document.documentElement.lang") == "vi"
        assert page.title().startswith("Không tìm thấy trang này")
        assert page.locator("h1").inner_text() == "Không tìm thấy trang này"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == PRIMARY
        assert not failed, f"{hosted}{missing}: styles or scripts missing: {failed}"
        assert page.locator(f'.md-content a[href="{HOTLINE_TEL}"]').count() == 1
        for label, target, heading in (("Về trang chủ", "", "Bảo hiểm xã hội tự nguyện"),
                                       ("Tính mức đóng", "tinh-muc-dong/", "Tính mức đóng")):
            page.goto(hosted + missing, wait_until="load")
            with page.expect_navigation():
                page.locator(".md-content").get_by_role("link", name=label, exact=True).click()
            assert page.url.split("?")[0] == hosted + target, label  # the calculator writes its inputs into the query
            assert page.locator("h1").first.inner_text().rstrip("#") == heading
        page.goto(hosted + missing, wait_until="load")
        with page.expect_navigation():
            page.get_by_role("link", name="English", exact=True).click()
        assert page.url == hosted + "en/"
        assert page.evaluate("document.documentElement.lang") == "en"
    finally:
        context.close()


def test_english_404(browser: object, hosted: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, service_workers="block")
    page = context.new_page()
    try:
        page.goto(hosted + "en/404.html", wait_until="load")
        assert page.evaluate("document.documentElement.lang") == "en"
        assert page.locator("h1").inner_text() == "Page not found"
        links = page.locator(".md-content .actions a").evaluate_all("els => els.map(e => e.href)")
        assert links == [hosted + "en/", hosted + "en/tinh-muc-dong/", HOTLINE_TEL]
        with page.expect_navigation():
            page.get_by_role("link", name="Tiếng Việt", exact=True).click()
        assert page.url == hosted
        assert page.evaluate("document.documentElement.lang") == "vi"
    finally:
        context.close()
