"""`excerpt()` by name: a snippet section, or else a top-level function or class."""

import pytest

from apiguide import examples, macros


def test_an_excerpt_by_name_is_that_definitions_lines_and_a_misspelling_stops_the_build():
    source = "import pytest\n\n\n@pytest.fixture\ndef client():\n    yield 1\n\n\nx = 2\n"
    assert examples.definition_lines(source, "client") == (4, 6)
    with pytest.raises(examples.ExampleError, match="clinet"):
        examples.definition_lines(source, "clinet")


def test_the_bookshelf_client_fixture_is_shown_from_its_own_lines():
    rendered = macros.excerpt("examples/testing_tools/bookshelf/conftest.py", "client")
    source = (examples.ROOT / "examples/testing_tools/bookshelf/conftest.py").read_text()
    first, last = examples.definition_lines(source, "client")
    assert f'--8<-- "examples/testing_tools/bookshelf/conftest.py:{first}:{last}"' in rendered
    assert source.splitlines()[first - 1] == "@pytest.fixture"
