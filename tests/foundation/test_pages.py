"""Macros read the page they render the same way on MkDocs and on Zensical."""

from pathlib import Path
from types import SimpleNamespace

from apiguide import pages


def test_source_path_on_either_engine():
    mkdocs_page = SimpleNamespace(file=SimpleNamespace(src_uri="frameworks/fastapi.md"))
    zensical_page = SimpleNamespace(path="frameworks/fastapi.md")
    assert pages.source_path(mkdocs_page) == "frameworks/fastapi.md"
    assert pages.source_path(zensical_page) == "frameworks/fastapi.md"
    assert pages.source_path(None) == ""


def test_no_macro_reads_page_file_directly():
    """`page.file` exists only on MkDocs, and Zensical's macros call no page hooks."""
    for module in sorted(Path(pages.__file__).parent.rglob("*.py")):
        text = module.read_text(encoding="utf-8")
        assert "page.file." not in text, f"{module.name}: use pages.source_path(env.page)"
        for hook in ("on_post_page_macros", "on_pre_page_macros", "on_post_build"):
            assert f"def {hook}" not in text, f"{module.name}: Zensical's macros never call {hook}"
