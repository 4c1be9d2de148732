"""The WSGI application Gunicorn serves for both Django examples.

DJANGO_SETTINGS_MODULE picks the framework (`examples.drf.settings` or
`examples.ninja.settings`); the registry sets it in the serve command.
"""

import fcntl
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application

# --8<-- [start:wsgi]
application = get_wsgi_application()  # also runs django.setup()


def migrate() -> None:
    """Bring the database schema up to date before the first request.

    `migrate` is idempotent. The file lock makes processes that start together
    (several Gunicorn workers, parallel test runs) take turns instead of racing
    to create the same tables.
    """
    database = Path(settings.DATABASES["default"]["NAME"])
    with database.with_name(f"{database.name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        call_command("migrate", interactive=False, verbosity=0)


migrate()
# --8<-- [end:wsgi]
