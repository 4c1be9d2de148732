"""Run a client sample for real and check what it prints against its ``#>`` comments.

pytest-examples (the tool pydantic uses for its docs) does the checking. It
normally executes a temporary copy of the code; here it executes the sample
file itself, so coverage counts its lines and tracebacks point at it.
``pytest tests/examples/clients --update-examples`` rewrites the comments.
"""

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest
from pytest_examples import CodeExample, EvalExample


class InPlaceEvalExample(EvalExample):
    def _write_file(self, example: CodeExample) -> Path:
        return example.path


@pytest.fixture
def check_prints(
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    httpbin_url: str,
    _examples_to_update: list[CodeExample],
) -> Iterator[Callable[[ModuleType], None]]:
    """``check_prints(module)`` runs the module as ``__main__`` against the local httpbin."""
    monkeypatch.setenv("HTTPBIN_URL", httpbin_url)
    # pytest-examples installs the sample as sys.modules["__main__"]; put pytest's back after.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    evaluator = InPlaceEvalExample(tmp_path=tmp_path, pytest_request=request)
    evaluator.set_config(line_length=100)

    def check(module: ModuleType) -> None:
        path = Path(module.__file__)
        example = CodeExample.create(path.read_text(encoding="utf-8"), path=path)
        if evaluator.update_examples:
            evaluator.run_print_update(example, rewrite_assertions=False)
        else:
            evaluator.run_print_check(example, rewrite_assertions=False)

    yield check
    _examples_to_update.extend(evaluator.to_update)
