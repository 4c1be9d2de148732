from tests.examples.testing_tools.runner import EXAMPLES, run_pytest


def test_the_test_client_tests_pass_for_both_frameworks():
    output = run_pytest(EXAMPLES / "bookshelf_tests.py")
    # 6 tests (the invalid-book one with 3 bodies), each with FastAPI's and Litestar's client.
    assert "12 passed" in output
