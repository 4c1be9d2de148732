"""Checks on the six Django projects that only the repository needs.

Their own tests (shown on the pages) run in their folders through
tests/examples/test_example_folders.py; these run `manage.py` as a reader does.
"""

import pytest

from tests.examples.django_support import PROJECTS, WITH_MIGRATIONS, run_in_project


@pytest.mark.parametrize("name", PROJECTS)
def test_manage_py_runs_the_system_checks(name):
    done = run_in_project(name, "manage.py", "check")
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


@pytest.mark.parametrize("name", PROJECTS)
def test_manage_py_does_nothing_when_imported(name):
    done = run_in_project(name, "-c", "import manage")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


@pytest.mark.parametrize("name", WITH_MIGRATIONS)
def test_books_migrations_match_the_models(name):
    done = run_in_project(name, "manage.py", "makemigrations", "--check", "--dry-run")
    assert done.returncode == 0, done.stdout + done.stderr
