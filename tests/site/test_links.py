"""Every link of the built site lands somewhere: files exist, #anchors exist, and
nothing the pages load comes from another host (the site works offline)."""

from apiguide import sitecheck


def test_every_internal_link_and_anchor_resolves(built_site, site_prefix):
    checked, broken = sitecheck.check_links(built_site, site_prefix)
    assert checked > 0, "no internal links found: is the site empty?"
    assert not broken, f"{len(broken)} broken of {checked} internal links:\n" + "\n".join(broken)


def test_no_script_or_stylesheet_comes_from_another_host(built_site):
    """A CDN script or stylesheet would break the site offline and tell a third party
    about every visit; external links the reader may follow are fine."""
    remote = sitecheck.remote_assets(built_site)
    assert not remote, "pages load assets from other hosts:\n" + "\n".join(remote)


def test_the_checks_catch_what_they_are_for(tmp_path):
    """On a tiny broken site: a missing page, a missing anchor, a path out of the
    site and a CDN script are all reported; good links are not."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="guide/">ok</a> <a href="guide/#intro">ok</a> <a href="#top" id="top">ok</a>'
        ' <a href="https://example.org/">external, fine</a> <a href="mailto:x@y.z">fine</a>'
        ' <a href="missing/">bad</a> <a href="guide/#nope">bad</a>'
        ' <a href="../../etc/passwd">bad</a>'
        ' <script src="https://cdn.example.org/lib.js"></script>'
    )
    (tmp_path / "guide" / "index.html").write_text('<h2 id="intro">Intro</h2>')
    checked, broken = sitecheck.check_links(tmp_path)
    assert checked == 6
    assert [line.split("->")[0].split(": ", 1)[1].strip() for line in broken] == [
        "<a href='missing/'>",
        "'guide/#nope'",
        "<a href='../../etc/passwd'>",
    ]
    assert sitecheck.remote_assets(tmp_path) == [
        "index.html: <script src='https://cdn.example.org/lib.js'>"
    ]


def repository_url() -> str:
    """mkdocs.yml's repo_url default (its environment variable is unset in the tests)."""
    import re

    text = (sitecheck.ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r'^repo_url: !ENV \[SITE_REPO_URL, "([^"]+)"\]', text, re.M)[1]


def test_every_page_links_to_its_source_and_every_example_to_its_folder(built_site):
    """Contributors are readers too: an edit link on every page, a source link under
    every example's files, both from the one setting that names the repository."""
    import re

    repo = repository_url()
    pages = sorted(built_site.rglob("index.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'class="md-content"' not in html:
            continue  # the 404 page and redirects have no source
        assert f'href="{repo}/edit/main/docs/' in html, f"{page}: no edit link"
        shown = set(re.findall(r'data-example="([^"]+)" data-role="file"', html))
        linked = set(re.findall(rf'href="{re.escape(repo)}/tree/main/examples/([^"]+)"', html))
        assert shown <= linked, f"{page}: examples without a source link: {shown - linked}"
        assert "example.invalid" not in html


def test_canonical_links_use_the_deployed_address(built_site, site_prefix):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{sitecheck.TEST_SITE_URL}">' in html
