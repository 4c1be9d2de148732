"""axe-core, the engine behind Lighthouse's accessibility audits, on every page.

Lighthouse needs Node and a network to install; its accessibility category is a
weighted list of axe-core rules, so running axe-core itself (bundled, offline) with
the WCAG 2.1 A/AA and best-practice rules checks the same things without the score:
a page passes when axe finds no violation at all, which scores 100.

Colour contrast is the slow rule (it measures every text node): it skips the code
blocks, whose highlighting colours the stylesheet sets and tests/site/test_browser.py
samples; every other rule sees the whole page.
"""

import shutil
from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, sync_playwright

from apiguide import sitecheck

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture(scope="module")
def page() -> Iterator[Page]:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("chromium is missing: run `make system-tools` (Debian package chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        yield browser.new_page(viewport={"width": 1280, "height": 900})
        browser.close()


# Colour contrast skips code blocks (see above). As a rule setting, not a second run
# with `pre` excluded: axe rebuilds its tree of the whole page on every run, and one
# run per page instead of two saves a sixth of the pass.
CONTRAST_OUTSIDE_CODE = {"id": "color-contrast", "selector": "*:not(pre, pre *)"}


def violations(page: Page, axe: Axe) -> list[str]:
    page.evaluate(axe.axe_script)  # once per page: the wrapper's run() would inject it twice
    page.evaluate("(rule) => axe.configure({rules: [rule]})", CONTRAST_OUTSIDE_CODE)
    response = page.evaluate(
        "(options) => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]},
    )
    return [
        f"{rule['id']} ({rule['impact']}, {len(rule['nodes'])}): "
        + ", ".join(str(node["target"]) for node in rule["nodes"][:3])
        for rule in response["violations"]
    ]


def test_faint_text_is_found_and_faint_code_is_left_to_the_browser_tests(page):
    page.set_content(
        '<html lang="en"><head><title>t</title></head><body><main><h1>Faint</h1>'
        '<p style="color:#bbb">faint text</p>'
        '<pre><code><span style="color:#ccc">faint code</span></code></pre></main></body></html>'
    )
    assert violations(page, Axe()) == ["color-contrast (serious, 1): ['p']"]


# The pages are checked in shards, so both test workers share the minute and a half.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_no_page_has_an_accessibility_violation(shard, page, built_site, site_url):
    axe = Axe()
    problems = {}
    pages = sitecheck.html_files(built_site)
    assert len(pages) >= SHARDS
    for html in pages[shard::SHARDS]:
        name = html.relative_to(built_site).as_posix()
        page.goto(site_url + name, wait_until="load")
        if found := violations(page, axe):
            problems[name] = found
    assert problems == {}, "\n".join(f"{p}: {'; '.join(v)}" for p, v in problems.items())
