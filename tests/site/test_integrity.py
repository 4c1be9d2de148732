"""Pages and examples agree: every include resolves, every example is shown."""

import shutil
from pathlib import Path

import pytest

from apiguide import integrity
from apiguide.registry import ROOT


def test_every_include_resolves_and_every_example_is_shown():
    assert integrity.problems() == []


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the pages and examples to break on purpose."""
    for folder in ("docs", "examples", "tests"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_reports_a_missing_section(project_copy):
    page = project_copy / "docs" / "benchmarks" / "contract.md"
    page.write_text(page.read_text().replace('contract_tabs("json")', 'contract_tabs("nope")'))
    assert any(
        "contract.md" in p and "no section [start:nope]" in p
        for p in integrity.problems(project_copy)
    )


def test_reports_a_missing_file(project_copy):
    (project_copy / "examples" / "fastapi" / "contract" / "main.py").unlink()
    assert any(
        "includes missing file examples/fastapi/contract/main.py" in p
        for p in integrity.problems(project_copy)
    )


def test_reports_an_example_no_page_includes(project_copy):
    (project_copy / "examples" / "fastapi" / "orphan.py").write_text("x = 1\n")
    assert "examples/fastapi/orphan.py: no page includes it (every example must be shown)" in (
        integrity.problems(project_copy)
    )


def test_reports_an_unclosed_section(project_copy):
    module = project_copy / "examples" / "fastapi" / "contract" / "main.py"
    module.write_text(module.read_text().replace("# --8<-- [end:json]", ""))
    assert any("section 'json' is never closed" in p for p in integrity.problems(project_copy))
