"""The built site in a real browser (Debian's Chromium driven by Playwright), offline.

One browser and one tab for the module: every page is opened once (the
``visits`` fixture records what happened) and each test checks one thing
about those visits; the interactive checks (tabs, search, dark mode) reuse
the same tab. Screenshots go to test-artifacts/, which CI uploads.
"""

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, sync_playwright

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


@dataclass
class Visit:
    """What happened while one page was open."""

    console_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    inspection: dict = field(default_factory=dict)


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
    context = browser.new_context(viewport={"width": 1280, "height": 900})
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
    tab.wait_for_timeout(300)  # late requests (the search index, fetches) of the last page
    tab.remove_listener("console", on_console)
    tab.remove_listener("request", on_request)
    return recorded


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


def test_search_finds_a_framework_by_name(tab, built_site, site_url):
    framework = next(
        fw
        for fw in registry.server_frameworks(baselines=False)
        if (built_site / fw.docs.removesuffix(".md") / "index.html").is_file()
    )
    tab.goto(site_url, wait_until="networkidle")  # the search index is loaded
    # By role and label, not by one engine's class names: the search box is labelled
    # "Search" (behind a "Search" button in engines that open it as a dialog), and the
    # results are links inside the search dialog.
    box = tab.get_by_role("textbox", name="Search")
    if not box.is_visible():
        tab.get_by_role("button", name="Search").first.click()
    box.fill(framework.name)
    page = framework.docs.removesuffix(".md") + "/"
    dialog = tab.locator('[role="dialog"]')
    results = dialog.locator("a[href]").filter(has_text=framework.name)
    results.first.wait_for(state="visible", timeout=10_000)
    # Several pages mention the name (tutorials too); the framework's own page must be one.
    hrefs = results.evaluate_all("links => links.map(a => a.href)")
    assert any(page in href for href in hrefs), hrefs
    tab.keyboard.press("Escape")


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
