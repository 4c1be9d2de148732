"""The site-build measure: what it times is what contributors run, and it renders."""

import json
import re

from apiguide.bench import sitebuild
from apiguide.registry import ROOT


def test_the_reload_is_timed_on_make_serves_own_command():
    """One command, two homes would drift: the Makefile's serve recipe is the measured one."""
    recipe = re.search(r"^serve: .*\n\t(.+)$", (ROOT / "Makefile").read_text(), re.M)[1]
    command = sitebuild.serve_command(8000)
    assert "mkdocs " + " ".join(command[1:]) in recipe
    for name, value in sitebuild.SERVE_ENV.items():
        if name != "NO_MKDOCS_2_WARNING":  # exported for every target by the Makefile
            assert f"{name}={value}" in recipe


def test_an_edit_is_seen_by_the_serving_process(tmp_path):
    """On a tiny site: serve starts, each edit reaches the served page, the edit is undone."""
    (tmp_path / "docs" / "frameworks").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nstrict: !ENV [SITE_STRICT, true]\n")
    (tmp_path / "docs" / "index.md").write_text("# home\n")
    page = tmp_path / "docs" / sitebuild.EDITED_PAGE
    page.write_text("# flask\n")
    first, edits = sitebuild.time_reloads(tmp_path, 2)
    assert first > 0 and len(edits) == 2 and all(e > 0 for e in edits)
    assert page.read_text() == "# flask\n"


def test_the_table_renders_the_stored_medians(tmp_path):
    stored = {
        "utc": "2026-11-30T12:00:00Z",
        "machine": {"cpus": 2, "load_average_1min": 0.4, "python": "3.11.7"},
        "build_s": [8.0, 8.4, 9.1],
        "reload_s": [0.9, 1.1, 1.0],
        "build_median_s": 8.4,
        "reload_median_s": 1.0,
    }
    path = tmp_path / "site-build.json"
    path.write_text(json.dumps(stored))
    text = sitebuild.table(path)
    assert "| `mkdocs build --strict`, whole process | 8.4 | 8.0 to 9.1 |" in text
    assert "| A page edit shown by `make serve` | 1.0 | 0.9 to 1.1 |" in text
    assert "3 repetitions each, measured 2026-11-30 on 2 cores" in text
