"""The built site in a real browser (Debian's Chromium driven by Playwright), offline.

One browser and one tab for the module: every page is opened once (the
``visits`` fixture records what happened) and each test checks one thing
about those visits; the interactive checks (tabs, search, dark mode) reuse
the same tab. Screenshots go to test-artifacts/, which CI uploads.
"""

import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from apiguide import registry, sitecheck
from apiguide.launcher import HOST
from apiguide.registry import ROOT

CHROMIUM = "/usr/bin/chromium"  # Debian's package (`make system-tools`); never a download
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium calls Google hosts on its own, which the request check would blame
    # on the site (and the machine has no network).
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {HOST, "localhost"}
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = {
    "home": ["index.html"],
    "framework-page": ["frameworks/fastapi/index.html"],
    "benchmarks": ["benchmarks/results/index.html", "benchmarks/contract/index.html"],
}

# Runs in the page once it has loaded: makes lazy images load, waits for every
# image, and reports the code blocks and images that are not right.
INSPECT_PAGE = """async () => {
    const images = [...document.images];
    images.forEach((img) => { img.loading = "eager"; });
    await Promise.all(images.map((img) => img.decode().catch(() => null)));
    const blocks = [...document.querySelectorAll(".md-content pre > code")];
    return {
        images: images.length,
        brokenImages: images
            .filter((img) => !(img.complete && img.naturalWidth > 0 && img.naturalHeight > 0))
            .map((img) => img.getAttribute("src")),
        codeBlocks: blocks.length,
        withoutCopyButton: blocks
            .filter((code) => !code.parentElement.querySelector("button[data-clipboard-target]"))
            .map((code) => code.textContent.trim().slice(0, 60)),
    };
}"""


# --- readable at 1280 px and 390 px, and accessible ---------------------------
#
# The audits Lighthouse's accessibility score failed on (contrast, links told apart by
# colour alone, a dialog without a name) and the layout faults measured at the two widths,
# computed in the page from its computed styles. No Lighthouse here: it is not installed
# and the machine has no network to fetch it, so these checks stand in for its audits.

DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
MIN_CHART_TEXT_PX = 9  # the smallest chart label at 390 px (drawn for 10: apiguide/bench/charts.py)

# Shows every tab's content and opens every <details>, so hidden tables, charts and
# text are measured too.
REVEAL = """() => {
    const style = document.createElement("style");
    style.textContent =
        ".tabbed-set > .tabbed-content > .tabbed-block { display: block !important }";
    document.head.append(style);
    document.querySelectorAll("details:not([open])").forEach((d) => { d.open = true; });
}"""

# Runs in the page (everything revealed): every table of the article wider than the
# article's column, every chart image's rendered width, and whether the page is wider
# than the window (with what sticks out; scrolling code blocks and tables do not count).
LAYOUT = """() => {
    const article = document.querySelector(".md-content__inner");
    const style = getComputedStyle(article);
    const column =
        article.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const wide = [...article.querySelectorAll("table")]
        .map((table) => ({
            header: [...table.querySelectorAll("thead th")]
                .map((th) => th.textContent.trim()).join(" | "),
            width: Math.round(Math.max(table.scrollWidth, table.getBoundingClientRect().width)),
        }))
        .filter((table) => table.width > column + 1);
    const charts = [...article.querySelectorAll("img[src*='/assets/charts/']")]
        .filter((img) => img.getBoundingClientRect().width > 0)
        .map((img) => ({src: new URL(img.src).pathname, width: img.getBoundingClientRect().width}));
    const page = document.documentElement;
    const sticking = page.scrollWidth <= page.clientWidth
        ? []
        : [...document.body.querySelectorAll("*")]
        .filter((el) => el.getBoundingClientRect().right > page.clientWidth + 1)
        .filter((el) => !el.parentElement.closest("pre, .md-typeset__scrollwrap, .tabbed-labels"))
        .slice(0, 3)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`
            + ` to ${Math.round(el.getBoundingClientRect().right)} px`);
    return {column: Math.round(column), wide, charts, scrollWidth: page.scrollWidth, sticking};
}"""

# Runs in the page, in its current colour scheme: the WCAG contrast of every visible text
# against the backgrounds under it (opacity and translucent colours blended in), links in
# running text that only colour tells apart from it, dialogs without an accessible name,
# and images without alt text.
ACCESSIBILITY = """() => {
    const cache = (compute) => {
        const known = new Map();
        return (el) => {
            if (!known.has(el)) known.set(el, compute(el));
            return known.get(el);
        };
    };
    const styleOf = cache((el) => getComputedStyle(el));
    const rgba = (value) => {
        const parts = (value.match(/rgba?\\(([^)]*)\\)/) || [null, "0 0 0 0"])[1]
            .split(/[\\s,\\/]+/).filter(Boolean).map(Number);
        return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
    };
    // Blended in whole 8-bit channels, as the screen shows colours (and as axe does):
    // unrounded values put colours at the 4.5:1 edge on the wrong side of it.
    const over = (top, bottom) => [0, 1, 2]
        .map((i) => Math.round(top[i] * top[3] + bottom[i] * (1 - top[3]))).concat(1);
    const background = cache((el) => {
        const own = rgba(styleOf(el).backgroundColor);
        const parent = el.parentElement;
        return own[3] >= 1 ? own : over(own, parent ? background(parent) : [255, 255, 255, 1]);
    });
    const opacity = cache((el) => parseFloat(styleOf(el).opacity)
        * (el.parentElement ? opacity(el.parentElement) : 1));
    const luminance = (c) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
            v /= 255;
            return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const ratio = (a, b) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
    };
    const text = (el) => {
        const colour = rgba(styleOf(el).color);
        colour[3] *= opacity(el);
        return over(colour, background(el));
    };
    const hex = (c) =>
        "#" + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");
    const name = (el) => el.tagName.toLowerCase() + [...el.classList].map((c) => "." + c).join("");

    const contrast = new Map();
    let samples = 0, comments = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const el = node.parentElement;
        if (!el || seen.has(el) || !node.textContent.trim()) continue;
        seen.add(el);
        if (el.closest("svg, script, style, noscript")) continue;
        if (!el.checkVisibility({visibilityProperty: true}) || opacity(el) < 0.1) continue;
        samples += 1;
        if (el.matches(".highlight :is(.c, .c1, .ch, .cm, .cs, .sd, .go, .gp)")) comments += 1;
        const style = styleOf(el);
        const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
        const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
        const fg = text(el), bg = background(el), value = ratio(fg, bg);
        if (value < needed) {
            const where = name(el) + (el.parentElement ? " in " + name(el.parentElement) : "");
            const key = `${where} ${hex(fg)} on ${hex(bg)}`;
            const sample = node.textContent.trim().slice(0, 30);
            if (!contrast.has(key)) {
                contrast.set(key, `${key}: ${value.toFixed(2)}:1 < ${needed}:1 ("${sample}")`);
            }
        }
    }

    const links = [];
    for (const a of document.querySelectorAll(".md-content a[href]")) {
        if (a.closest(".headerlink, .md-button, .tabbed-labels, h1, h2, h3, h4, h5, h6")) continue;
        const block = a.parentElement.closest("p, li, td, th, dd, dt, blockquote, figcaption");
        if (!block || !a.checkVisibility() || !a.textContent.trim()) continue;
        if (!block.textContent.replace(a.textContent, "").trim()) continue;  // alone in its block
        if (styleOf(a).textDecorationLine.includes("underline")) continue;
        const value = ratio(text(a), text(block));
        if (value < 3) {
            const label = a.textContent.trim().slice(0, 30);
            links.push(`"${label}" in ${name(block)}: not underlined, ${value.toFixed(2)}:1`);
        }
    }

    const named = (d) => (d.getAttribute("aria-labelledby") || "").split(/\\s+/)
        .some((id) => id && (document.getElementById(id)?.textContent || "").trim())
        || (d.getAttribute("aria-label") || d.getAttribute("title") || "").trim();
    const dialogs = [...document.querySelectorAll("dialog, [role=dialog], [role=alertdialog]")]
        .filter((d) => !named(d))
        .map((d) => d.outerHTML.slice(0, 80));

    const images = [...document.images]
        .filter((img) => !img.hasAttribute("alt")
            || (img.closest(".md-content") && !img.alt.trim()))
        .map((img) => img.getAttribute("src"));
    return {contrast: [...contrast.values()], samples, comments, links, dialogs, images};
}"""


@dataclass
class Visit:
    """What happened while one page was open."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    inspection: dict = field(default_factory=dict)
    # ACCESSIBILITY by colour scheme, and LAYOUT at 1280 px ("desktop") and 390 px ("phone")
    readability: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-tools` (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def tab(browser) -> Iterator[Page]:
    context = browser.new_context(viewport=DESKTOP)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def visits(tab, built_site, site_url) -> dict[str, Visit]:
    """Open every page of the site once, recording console errors and every request."""
    recorded: dict[str, Visit] = {}
    current = Visit()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            current.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def on_request(request: Request) -> None:
        current.requests.append(request.url)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: current.console_errors.append(f"uncaught: {error}"))
    tab.on("request", on_request)
    for html in sitecheck.html_files(built_site):
        name = html.relative_to(built_site).as_posix()
        current = recorded[name] = Visit()
        response = tab.goto(site_url + name, wait_until="load")
        assert response is not None and response.ok, f"{name}: {response and response.status}"
        current.inspection = tab.evaluate(INSPECT_PAGE)
        current.readability = read(tab)
    tab.wait_for_timeout(300)  # late requests (the search index, fetches) of the last page
    tab.set_viewport_size(DESKTOP)  # for the tests that reuse the tab
    tab.remove_listener("console", on_console)
    tab.remove_listener("request", on_request)
    return recorded


def set_scheme(tab: Page, scheme: str) -> None:
    """Switch Material's colour scheme at once (no colour transitions to sample halfway)."""
    tab.evaluate(
        """(scheme) => {
            document.body.setAttribute("data-md-color-switching", "");
            document.body.setAttribute("data-md-color-scheme", scheme);
        }""",
        scheme,
    )


def read(tab: Page) -> dict:
    """The open page's accessibility in both colour schemes and its layout at both widths.

    Accessibility is read as the page opened, at the width it opened at. Then everything
    hidden is shown (REVEAL; loading the next page undoes it) and the layout is measured
    at that width, and at the other after one resize. The tab stays there for the next
    page, so pages open alternately at 1280 px and 390 px (a second resize per page cost
    about 15 s): the sidebars' text is read on half the pages, the phone header's on the
    other half.
    """
    found = {}
    for scheme in ("default", "slate"):  # the next page opens in its own scheme again
        if colour_scheme(tab) != scheme:
            set_scheme(tab, scheme)
        found[scheme] = tab.evaluate(ACCESSIBILITY)
    tab.evaluate(REVEAL)
    first = "desktop" if tab.viewport_size == DESKTOP else "phone"
    found[first] = tab.evaluate(LAYOUT)
    second = "phone" if first == "desktop" else "desktop"
    tab.set_viewport_size(PHONE if second == "phone" else DESKTOP)
    found[second] = tab.evaluate(LAYOUT)
    return found


def problems(visits: dict[str, Visit], found: Callable[[Visit], list[str]]) -> str:
    """One line per problem, naming its page; empty when there are none."""
    return "\n".join(f"{page}: {item}" for page, visit in visits.items() for item in found(visit))


def test_every_page_opens_without_console_errors(visits):
    errors = problems(visits, lambda visit: visit.console_errors)
    assert not errors, f"console errors:\n{errors}"


def test_no_request_leaves_the_machine(visits):
    offsite = problems(
        visits, lambda visit: [u for u in visit.requests if urlsplit(u).hostname not in LOCAL_HOSTS]
    )
    assert not offsite, f"requests to other hosts:\n{offsite}"


def test_every_image_loads(visits):
    broken = problems(visits, lambda visit: visit.inspection["brokenImages"])
    images = sum(visit.inspection["images"] for visit in visits.values())
    assert not broken, f"images that did not load (of {images}):\n{broken}"


def test_every_code_block_has_a_copy_button(visits):
    assert sum(visit.inspection["codeBlocks"] for visit in visits.values()) > 0
    missing = problems(visits, lambda visit: visit.inspection["withoutCopyButton"])
    assert not missing, f"code blocks without a copy button:\n{missing}"


def linked_tab_pages(built_site: Path) -> list[str]:
    """Pages where two tab sets share a label, so choosing it in one must switch both."""
    found = []
    for html in sitecheck.html_files(built_site):
        text = html.read_text(encoding="utf-8")
        if text.count('class="tabbed-set') >= 2:
            found.append(html.relative_to(built_site).as_posix())
    return found


# Runs in the page: each tab set's labels and which one is selected. The file tabs of an
# example (its blocks carry data-example) name files, not choices: they are not checked.
TAB_SETS = """() => [...document.querySelectorAll(".md-content .tabbed-set")]
  .map((set, index) => {
    const labels = [...set.querySelectorAll(":scope > .tabbed-labels > label")];
    const inputs = [...set.querySelectorAll(":scope > input")];
    return {
        index: index,
        files: !!set.querySelector(":scope > .tabbed-content > .tabbed-block > [data-example]"),
        labels: labels.map((l) => l.textContent.trim()),
        selected: labels[inputs.findIndex((i) => i.checked)].textContent.trim(),
    };
  })
  .filter((set) => !set.files)"""


def test_linked_content_tabs_switch_together(tab, built_site, site_url):
    checked = []
    for name in linked_tab_pages(built_site):
        tab.goto(site_url + name)
        sets = tab.evaluate(TAB_SETS)
        shared = {
            label
            for i, one in enumerate(sets)
            for other in sets[i + 1 :]
            for label in set(one["labels"]) & set(other["labels"])
        }
        for label in sorted(shared):
            first = next(i for i, s in enumerate(sets) if label in s["labels"])
            labels = (
                tab.locator(".md-content .tabbed-set")
                .nth(sets[first]["index"])
                .locator(":scope > .tabbed-labels > label")
            )
            labels.filter(has_text=re.compile(f"^{re.escape(label)}$")).click()
            after = tab.evaluate(TAB_SETS)
            wrong = [
                f"tab set {i} shows {s['selected']!r}"
                for i, s in enumerate(after)
                if label in s["labels"] and s["selected"] != label
            ]
            assert not wrong, f"{name}: chose {label!r} in tab set {first}, but " + ", ".join(wrong)
            checked.append((name, label))
    assert checked, "no page has two tab sets sharing a label"


def test_search_finds_a_framework_by_name(browser, built_site, site_url):
    framework = next(
        fw
        for fw in registry.server_frameworks(baselines=False)
        if (built_site / fw.docs.removesuffix(".md") / "index.html").is_file()
    )
    # A context of its own, at the desktop width: nothing an earlier check left in the
    # module's shared tab (a phone's width, stored state) can hide the search box.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.goto(site_url, wait_until="networkidle")  # the search index is loaded
    # By role and label, not by one engine's class names: the search box is labelled
    # "Search" (behind a "Search" button in engines that open it as a dialog), and the
    # results are links inside the search dialog.
    box = tab.get_by_role("textbox", name="Search")
    if not box.is_visible():
        tab.get_by_role("button", name="Search").first.click()
    page = framework.docs.removesuffix(".md") + "/"
    dialog = tab.locator('[role="dialog"]')
    results = dialog.locator("a[href]").filter(has_text=framework.name)
    # Typed key by key, as a reader types: an engine may read the query on key events
    # (Material does, on keyup and focus), so setting the value at once (`fill`) can go
    # unseen. The index is built in a worker after the page has loaded, and a query
    # typed before it is ready is dropped: type it again until results show. A generous
    # bound: this checks that search works, not how fast (no timing here).
    deadline = time.monotonic() + 90
    while True:
        box.press_sequentially(framework.name)
        try:
            results.first.wait_for(state="visible", timeout=5_000)
            break
        except PlaywrightTimeoutError:
            if time.monotonic() > deadline:
                raise
            box.press("Control+A")
            box.press("Backspace")
    # Several pages mention the name (tutorials too); the framework's own page must be one.
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(page in href for href in hrefs), hrefs
    context.close()


def colour_scheme(tab: Page) -> str:
    return tab.evaluate("document.body.getAttribute('data-md-color-scheme')")


def test_dark_mode_toggle_switches_the_colour_scheme(tab, site_url):
    tab.goto(site_url)
    toggle = tab.locator("form[data-md-component=palette] label:visible")
    light = colour_scheme(tab)
    toggle.click()
    assert colour_scheme(tab) == "slate", f"still {light!r} after the palette toggle"
    toggle.click()
    assert colour_scheme(tab) == light


def test_screenshots_of_the_main_pages(tab, built_site, site_url):
    ARTIFACTS.mkdir(exist_ok=True)
    for shot, candidates in SCREENSHOTS.items():
        name = next((c for c in candidates if (built_site / c).is_file()), None)
        assert name, f"none of {candidates} was built"
        tab.goto(site_url + name)
        path = ARTIFACTS / f"{shot}.png"
        tab.screenshot(path=path, full_page=False)
        assert path.stat().st_size > 0


def test_every_table_fits_its_column_at_1280_px(visits):
    """A table wider than the article's column hides its last columns behind a scrollbar."""
    wide = problems(
        visits,
        lambda visit: [
            f"{t['width']} px > {visit.readability['desktop']['column']} px: {t['header'][:90]}"
            for t in visit.readability["desktop"]["wide"]
        ],
    )
    assert not wide, f"tables wider than the column at 1280 px:\n{wide}"


def test_no_page_scrolls_sideways_at_390_px(visits):
    wide = problems(
        visits,
        lambda visit: (
            [f"{phone['scrollWidth']} px wide: {phone['sticking']}"]
            if (phone := visit.readability["phone"])["scrollWidth"] > PHONE["width"]
            else []
        ),
    )
    assert not wide, f"pages wider than a 390 px screen:\n{wide}"


def test_the_home_pages_tables_fit_a_390_px_screen(visits):
    """Wider tables scroll inside their frame on a phone; the home page's must not."""
    phone = visits["index.html"].readability["phone"]
    wide = [f"{t['width']} px > {phone['column']} px: {t['header']}" for t in phone["wide"]]
    assert not wide, "home page tables wider than a 390 px screen's column:\n" + "\n".join(wide)


def svg_text_size(svg: Path) -> tuple[float, float]:
    """(width, smallest font size) of a chart, in the SVG's own units."""
    text = svg.read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([\d.\s-]+)"', text)
    assert view_box, f"{svg.name} has no viewBox"
    sizes = [float(s) for s in re.findall(r"font(?:-size)?:\s*(?:[a-z]+\s+)*([\d.]+)px", text)]
    assert sizes, f"{svg.name}: no text with a font size (drawn with svg.fonttype 'none'?)"
    return float(view_box[1].split()[2]), min(sizes)


def test_chart_labels_are_legible_at_390_px(visits, built_site, site_prefix):
    """The smallest label of every chart, as drawn on a 390 px screen, in CSS pixels."""
    small, seen = [], set()
    for page, visit in visits.items():
        for chart in visit.readability["phone"]["charts"]:
            path = chart["src"].removeprefix(site_prefix)
            if path in seen:
                continue
            seen.add(path)
            width, smallest = svg_text_size(built_site / path)
            shown = smallest * chart["width"] / width
            if shown < MIN_CHART_TEXT_PX:
                small.append(f"{page}: {path} labels {shown:.1f} px")
    assert seen, "no chart was shown at 390 px"
    assert not small, f"chart text under {MIN_CHART_TEXT_PX} px at 390 px:\n" + "\n".join(small)


SCHEMES = ("default", "slate")


@pytest.mark.parametrize("scheme", SCHEMES)
def test_text_contrast_is_at_least_4_5_to_1(visits, scheme):
    """Every visible text against its background (3:1 for large text), code comments and
    console output included (the sampled elements are every visible element with text)."""
    comments = sum(visit.readability[scheme]["comments"] for visit in visits.values())
    assert comments > 0, "no code comment or console output was sampled"
    low = problems(visits, lambda visit: visit.readability[scheme]["contrast"])
    assert not low, f"text below WCAG AA contrast in the {scheme!r} scheme:\n{low}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_links_in_running_text_are_not_told_apart_by_colour_alone(visits, scheme):
    found = problems(visits, lambda visit: visit.readability[scheme]["links"])
    assert not found, f"links distinguished by colour only ({scheme!r} scheme):\n{found}"


def test_every_dialog_has_an_accessible_name(visits):
    unnamed = problems(visits, lambda visit: visit.readability["default"]["dialogs"])
    assert not unnamed, f"dialogs without aria-label or aria-labelledby:\n{unnamed}"


def test_every_image_has_alt_text(visits):
    missing = problems(visits, lambda visit: visit.readability["default"]["images"])
    assert not missing, f"images without alt text:\n{missing}"


# A page with one of each fault the checks above look for.
FAULTY_PAGE = """<!doctype html><html lang="en"><body style="margin:0">
<div class="md-content"><div class="md-content__inner" style="width:300px">
<table><thead><tr><th style="min-width:500px">Wide</th></tr></thead></table>
<div class="highlight"><pre style="background:#f5f5f5"><span class="c1" style="color:#717171">
# a comment</span></pre></div>
<p style="color:#000">Text with <a href="#x" style="color:#333;text-decoration:none">a link</a>.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<div role="dialog">search</div>
<div style="width:600px">too wide for a phone</div>
</div></div></body></html>"""


def test_the_checks_find_each_fault(browser):
    page = browser.new_page(viewport=PHONE)
    try:
        page.set_content(FAULTY_PAGE)
        found = page.evaluate(ACCESSIBILITY)
        page.evaluate(REVEAL)
        layout = page.evaluate(LAYOUT)
    finally:
        page.close()
    assert any(re.search(r"#717171 on #f5f5f5: 4\.4\d:1", item) for item in found["contrast"])
    assert found["comments"] == 1, found
    assert any('"a link"' in item for item in found["links"]), found
    assert found["dialogs"] and found["images"], found
    assert layout["wide"] and layout["scrollWidth"] > PHONE["width"], layout


def contract_section(fw: registry.Framework, name: str) -> str:
    """The text between a contract source's `[start:name]` and `[end:name]` markers."""
    assert fw.contract_source
    lines = (ROOT / fw.contract_source).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if f"--8<-- [start:{name}]" in line)
    end = next(i for i, line in enumerate(lines) if f"--8<-- [end:{name}]" in line)
    return "\n".join(lines[start + 1 : end])


def test_side_by_side_shows_the_two_frameworks_picked(tab, site_url):
    """Two pickers, one per column (not linked tabs, which would switch together): each
    column of each row shows the picked framework's excerpt, and no other."""
    tab.goto(site_url + "benchmarks/side-by-side/")
    rows = tab.locator("[data-side-by-side]")
    sections = ["json", "plaintext", "read_item", "create_item", "io", "db"]
    assert rows.count() == len(sections)
    for first, second in (("fastapi", "ninja"), ("robyn", "fastapi")):
        tab.get_by_label("First framework").select_option(first)
        tab.get_by_label("Second framework").select_option(second)
        for row, section in enumerate(sections):
            for column, slug in enumerate((first, second)):
                shown = rows.nth(row).locator(":scope > div").nth(column)
                shown = shown.locator(":scope > [data-framework]:visible")
                assert shown.count() == 1, f"{section}, column {column}: {shown.count()} shown"
                assert shown.get_attribute("data-framework") == slug
                code = " ".join(shown.locator("code").inner_text().split())
                expected = contract_section(registry.get(slug), section)
                assert code == " ".join(expected.split()), f"{section}: not {slug}'s code"
