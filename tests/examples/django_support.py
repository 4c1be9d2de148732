"""Configure Django once per test process, for the DRF and Ninja tests alike.

Django can be set up only once per process, so both frameworks' tests share the
project settings (every app installed); a DRF test picks its URLconf with
`override_settings`. The database is a fresh file in a temporary folder.
Servers that tests start inherit this process's environment, DJANGO_DB
included, so they serve the same database file: a user created here can log
in there.
"""

import os
import tempfile
from functools import cache

import django
from django.core.management import call_command
from django.test.utils import setup_test_environment

_database_dir = tempfile.TemporaryDirectory(prefix="django-tests-")


@cache
def setup_django() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "examples.django_project.settings"
    os.environ["DJANGO_DB"] = os.path.join(_database_dir.name, "db.sqlite3")
    django.setup()
    setup_test_environment()  # adds the test client's "testserver" to ALLOWED_HOSTS
    call_command("migrate", run_syncdb=False, verbosity=0)
