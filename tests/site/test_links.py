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
