"""Every page stays light: the HTML plus everything the browser loads to show it
(stylesheets, scripts, images, icons, the search worker and its index), uncompressed."""

from apiguide import sitecheck

# Raised from 1,000,000 when every tutorial step came to show its whole files and tests
# (a reader copies them from the page): the tutorials, the contract and the results pages
# weigh 1.0-1.03 MB with their assets, about 40% of it the shared search index.
BUDGET = 1_100_000  # bytes


def test_every_page_with_its_assets_is_within_budget(built_site, site_prefix):
    weights = sorted(
        (
            (sitecheck.page_weight(built_site, html, site_prefix), html.relative_to(built_site))
            for html in sitecheck.html_files(built_site)
        ),
        reverse=True,
    )
    heaviest, name = weights[0]
    print(f"heaviest page: {name} at {heaviest:,} bytes with its assets (budget {BUDGET:,})")
    too_heavy = [f"{page}: {size:,} bytes" for size, page in weights if size > BUDGET]
    assert not too_heavy, f"pages over {BUDGET:,} bytes:\n" + "\n".join(too_heavy)


def test_weight_counts_what_the_page_loads(tmp_path):
    """Stylesheets, what they load, and scripts are counted once; links to other pages are not."""
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="a.css"><script src="b.js"></script>'
        '<img src="c.png"><a href="other.html">next</a>'
    )
    (tmp_path / "a.css").write_text("body { background: url('c.png') }")
    for name, size in {"b.js": 100, "c.png": 1000, "other.html": 10_000}.items():
        (tmp_path / name).write_bytes(b"x" * size)
    expected = sum(
        (tmp_path / name).stat().st_size for name in ("index.html", "a.css", "b.js", "c.png")
    )
    assert sitecheck.page_weight(tmp_path, tmp_path / "index.html") == expected


def test_weight_counts_the_search_index_of_either_engine(tmp_path):
    """Material writes search/search_index.json, Zensical search.json: each page loads it."""
    (tmp_path / "index.html").write_text("<p>page</p>")
    (tmp_path / "search.json").write_bytes(b"x" * 5000)
    assert sitecheck.page_weight(tmp_path, tmp_path / "index.html") == 5000 + 11
    (tmp_path / "search.json").unlink()
    (tmp_path / "search").mkdir()
    (tmp_path / "search" / "search_index.json").write_bytes(b"x" * 7000)
    assert sitecheck.page_weight(tmp_path, tmp_path / "index.html") == 7000 + 11
