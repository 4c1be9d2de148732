"""The "run it" boxes: stored beside each example, each one used by a page.

The site build renders the stored copies (it starts no server). Whether a box is
still what the real server answers is checked where the reader would see it:
``tests/site/test_copy_run.py`` starts each example with the page's own command
and compares every box's answers with the page, byte for byte after placeholders.
"""

import json

import pytest

from apiguide import capture, examples
from apiguide.copyrun import normalise

CALLS = capture.calls_in_docs()


def test_no_stored_box_is_unused():
    used = {(call.store, call.key) for call in CALLS}
    for store in sorted(examples.EXAMPLES.rglob(capture.STORE)):
        for key in json.loads(store.read_text()):
            assert (store, key) in used, f"{store}: no page shows the box {key!r}"


def test_a_box_with_no_stored_copy_stops_the_build():
    with pytest.raises(capture.StaleOutput, match="no stored output"):
        capture.run_it("fastapi", "hello", "GET /a-request-no-page-makes")


def test_volatile_values_are_compared_as_placeholders():
    one = '{"api_key":"demo_4RN5PPl8ThIhdEtMVoQKmcWj4lxiEVBCkIwLRC3aYIc"}\ncontent-length: 61'
    other = '{"api_key":"demo_Zq0oPl8ThIhdEtMVoQKmcWj4lxiEVBCkIwLRC3aYIc0"}\ncontent-length: 62'
    assert normalise(one) == normalise(other)
    assert normalise('{"id": 1}') != normalise('{"id": 2}')
    assert normalise('"at": "2026-11-30T08:41:02.123456+00:00"') == normalise(
        '"at": "2027-01-01T00:00:00Z"'
    )
    assert normalise("0b7e2c34-5a2d-4c3e-9f8e-1a2b3c4d5e6f") == normalise(
        "00000000-0000-4000-8000-000000000000"
    )
