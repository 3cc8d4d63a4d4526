"""The look of a public service for older readers, measured in real Chromium on the reference build (TEST_DATE):
18 px text wherever a reader reads (the FAQ's questions and answers, tables, lists), bold dark headings, body text
with a contrast of at least 7:1, permalinks that leave no gap under two-line titles, and a home page whose first
screen gives the lowest payment with its group, what the scheme is, and three big actions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest

WIDTHS = (360, 412, 1280)
BODY_PX = 18
PAGES = ("", "hoi-dap/", "muc-dong-va-ho-tro/", "diem-thu-va-lien-he/", "en/", "en/hoi-dap/", "en/muc-dong-va-ho-tro/")
# What a reader reads: paragraphs, list items, table cells, the FAQ's questions (summary) and answers (details p).
READ = ".md-content p, .md-content li, .md-content td, .md-content th, .md-content summary, .md-content details p"


def _context(browser: object, width: int, height: int = 740) -> object:
    phone = width < 1000
    return browser.new_context(viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone,
                               service_workers="block")


@pytest.fixture(params=WIDTHS, ids=lambda w: f"{w}px")
def sized(request: pytest.FixtureRequest, browser: object) -> Iterator[tuple[object, int]]:
    context = _context(browser, request.param)
    yield context.new_page(), request.param
    context.close()


def _luminance(rgb: tuple[float, float, float]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast_on_white(css_color: str) -> float:
    """WCAG contrast of a computed colour (``rgb(…)``/``rgba(…)``, alpha blended over white) against white."""
    parts = [float(x) for x in re.findall(r"[\d.]+", css_color)]
    r, g, b, a = [*parts, 1.0][:4]
    blended = tuple(a * c + (1 - a) * 255 for c in (r, g, b))
    return (1.05) / (_luminance(blended) + 0.05)


def test_reading_text_is_18px_everywhere(sized: tuple[object, int], base_url: str) -> None:
    page, width = sized
    small: list[str] = []
    for path in PAGES:
        page.goto(base_url + path, wait_until="load")
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        found = page.evaluate("""sel => [...document.querySelectorAll(sel)]
            .filter(e => e.offsetParent !== null && e.textContent.trim() && !e.closest('.share-bar, .md-footer, .calc'))
            .map(e => [e.tagName.toLowerCase(), parseFloat(getComputedStyle(e).fontSize), e.textContent.trim().slice(0, 40)])""",
                              READ)
        assert len(found) > 5, f"/{path}: nothing to measure"
        small += [f"/{path} <{tag}> {size:.1f}px: {text!r}" for tag, size, text in found if size < BODY_PX - 0.01]
    assert not small, f"text under {BODY_PX} px at {width} px:\n" + "\n".join(small[:20])


def test_faq_questions_and_answers_are_18px(sized: tuple[object, int], base_url: str) -> None:
    """The most read page: the questions (summary) and answers, once opened (the theme makes them 12.8 px)."""
    page, width = sized
    page.goto(base_url + "hoi-dap/", wait_until="load")
    page.locator("details summary").first.click()
    sizes = page.evaluate("""() => { const d = document.querySelector('details');
        return [getComputedStyle(d.querySelector('summary')).fontSize, getComputedStyle(d.querySelector('p')).fontSize] }""")
    assert [float(s.rstrip("px")) for s in sizes] >= [BODY_PX, BODY_PX], f"{width} px: summary, answer = {sizes}"


def test_headings_bold_and_dark_body_text_7_to_1(sized: tuple[object, int], base_url: str) -> None:
    page, width = sized
    for path in ("quyen-loi/", "en/quyen-loi/"):
        page.goto(base_url + path, wait_until="load")
        styles = page.evaluate("""() => [...document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3')]
            .map(h => [h.tagName, getComputedStyle(h).fontWeight, getComputedStyle(h).color])""")
        assert styles, path
        for tag, weight, color in styles:
            assert int(weight) >= 700, f"/{path} {tag} weight {weight} at {width} px"
            assert _contrast_on_white(color) >= 7, f"/{path} {tag} colour {color}: {_contrast_on_white(color):.1f}:1"
        body = page.evaluate("getComputedStyle(document.querySelector('.md-content p')).color")
        assert _contrast_on_white(body) >= 7, f"/{path} body text {body}: {_contrast_on_white(body):.1f}:1"


def test_permalink_leaves_no_gap_under_headings(sized: tuple[object, int], base_url: str) -> None:
    """A heading is as tall with its invisible "#" permalink as without it (it used to wrap onto a line of its own)."""
    page, width = sized
    grown: list[str] = []
    for path in ("quyen-loi/", "diem-thu-va-lien-he/", "hoi-dap/", "en/quyen-loi/"):
        page.goto(base_url + path, wait_until="load")
        grown += page.evaluate("""() => [...document.querySelectorAll('.md-content :is(h1,h2,h3):has(> .headerlink)')].map(h => {
              const link = h.querySelector(':scope > .headerlink'), before = h.getBoundingClientRect().height;
              link.style.display = 'none';
              const after = h.getBoundingClientRect().height;
              link.style.display = '';
              return before > after + 1 ? `${h.textContent.trim()}: ${before} px, ${after} px without the link` : null
            }).filter(Boolean)""")
    assert not grown, f"at {width} px:\n" + "\n".join(grown)


# The home page at TEST_DATE (01/12/2026): the income floor is the rural poverty line, 1.500.000 đồng (Law 41/2024
# Art 31(2); Decree 351/2025 keeps the 2022–2025 line for 2026); the contribution is 22 % of it (Art 36(1)), 330.000;
# the State pays 20 % of that for "người tham gia khác" and 50 % for poor households (Decree 159/2025 Art 5(1)):
# 330.000 − 66.000 = 264.000 and 330.000 − 165.000 = 165.000 đồng a month.
HOME = {
    "": {"figures": ["264.000 đồng", "165.000 đồng"], "group": "hộ nghèo",
         "actions": ["tinh-muc-dong/", "dang-ky-va-nop-tien/", "tel:19009068"]},
    "en/": {"figures": ["VND 264,000", "VND 165,000"], "group": "poor households",
            "actions": ["tinh-muc-dong/", "dang-ky-va-nop-tien/", "tel:19009068"]},
}


@pytest.mark.parametrize("path", list(HOME))
def test_home_first_screen(sized: tuple[object, int], base_url: str, path: str) -> None:
    """On the first screen (740 px tall): the sentence of what it is, the lowest payment with the poor-household one,
    and three actions of at least 44 px, apart, not underlined. The reference build has sample office data, so every
    page starts with the "Dữ liệu mẫu" notice; a production build has none (``PRODUCTION=1`` refuses sample data),
    so the first screen is counted from under the notice."""
    page, width = sized
    page.goto(base_url + path, wait_until="load")
    notice = page.locator(".md-banner").bounding_box()
    screen = page.viewport_size["height"] + (notice["height"] if notice else 0)
    figure = page.locator(".home-figure p").first
    text = figure.inner_text()
    for amount in HOME[path]["figures"]:
        assert amount in text, f"{text!r} lacks {amount}"
    assert HOME[path]["group"] in text.lower()
    assert page.locator(".home-figure .fig").count() >= 2, "the amounts are not figures from the data (data-fig)"
    lead = page.locator(".home-lead").bounding_box()
    assert lead and lead["y"] + lead["height"] <= screen
    actions = page.locator(".md-content .actions a")
    boxes = [actions.nth(i).bounding_box() for i in range(actions.count())]
    hrefs = [actions.nth(i).get_attribute("href") for i in range(actions.count())]
    assert hrefs == HOME[path]["actions"]
    for box, href in zip(boxes, hrefs, strict=True):
        assert box["height"] >= 44 and box["width"] >= 44, f"{href}: {box}"
        assert box["y"] + box["height"] <= screen, f"{href} is below the first screen at {width} px: {box}"
    for a, b in itertools.pairwise(boxes):
        apart = b["y"] - (a["y"] + a["height"]) if b["y"] > a["y"] + a["height"] - 1 else b["x"] - (a["x"] + a["width"])
        assert apart >= 8, f"actions {apart:.0f} px apart at {width} px"
    lines = actions.evaluate_all("els => els.map(e => getComputedStyle(e).textDecorationLine)")
    assert set(lines) == {"none"}, lines


# Pages for the office's staff (campaign schedule with print files, printed materials, the share kit): apart from
# the residents' pages, in one section at the end of the navigation.
STAFF_PAGES = {"lich-tuyen-truyen/", "tai-lieu-in/", "bo-cong-cu-chia-se/"}
NAV = """() => [...document.querySelectorAll('.md-nav--primary > .md-nav__list > .md-nav__item')].map(item => ({
    title: item.querySelector(':scope > .md-nav__link, :scope > label.md-nav__link, :scope > .md-nav__container > a')
      .textContent.trim(),
    links: [...item.querySelectorAll(':scope > nav a.md-nav__link')].map(a => a.href),
    href: item.querySelector(':scope > a.md-nav__link')?.href || null}))"""


@pytest.mark.parametrize(("path", "section"), [("", "Dành cho cán bộ"), ("en/", "For staff")])
def test_staff_pages_apart_from_residents(page: object, base_url: str, path: str, section: str) -> None:
    page.goto(base_url + path, wait_until="load")
    items = page.evaluate(NAV)
    rel = lambda url: url[len(base_url + path):]  # noqa: E731
    resident = [rel(i["href"]) for i in items if i["href"]]
    assert not STAFF_PAGES & set(resident), f"staff pages among the residents' pages: {resident}"
    assert items[-1]["title"] == section, [i["title"] for i in items]
    staff = {rel(u) for u in items[-1]["links"]}
    assert staff >= STAFF_PAGES, staff
    assert len(resident) >= 9 and "tinh-muc-dong/" in resident and "hoi-dap/" in resident
