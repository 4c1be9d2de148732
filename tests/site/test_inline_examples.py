"""Python blocks typed into pages (not included from examples/) are run and checked:
printed output must match their `#>` comments, and they must be lint-clean."""

import pytest
from pytest_examples import CodeExample, EvalExample, find_examples

from apiguide.registry import ROOT

# Bug-report reproductions talk to a server the reader starts by hand (and one of them
# crashes it): they are linted, not run here; tests/fuzz/test_protocol.py runs the cases.
REPRODUCTIONS = ROOT / "docs" / "upstream"


def inline_examples() -> list[CodeExample]:
    # Blocks that only hold a snippet include are checked as example modules instead.
    return [ex for ex in find_examples(str(ROOT / "docs")) if "--8<--" not in ex.source]


@pytest.mark.parametrize("example", inline_examples(), ids=str)
def test_inline_example(example: CodeExample, eval_example: EvalExample):
    eval_example.config.line_length = 100
    eval_example.config.target_version = "py311"
    if example.path.is_relative_to(REPRODUCTIONS):
        eval_example.lint_ruff(example)  # wire bytes are laid out by hand, not by a formatter
        return
    eval_example.lint(example)
    eval_example.run_print_check(example)


def test_there_are_inline_examples_to_check():
    assert inline_examples(), "the parametrized test above would silently check nothing"


def test_detects_wrong_printed_output(tmp_path, eval_example: EvalExample):
    page = tmp_path / "page.md"
    page.write_text("```python\nprint(1 + 1)\n#> 3\n```\n")
    (example,) = find_examples(str(page))
    with pytest.raises(pytest.fail.Exception, match=r"\+#> 2"):
        eval_example.run_print_check(example)
