"""Django settings shared by the Django REST framework and Django Ninja examples.

Each framework serves this project with its own settings module
(`examples.drf.settings`, `examples.ninja.settings`), which imports everything
here and adds its URLconf. Both frameworks' apps are installed in one project
so the test suite can run both in one process: Django is configured only once
per process.
"""

import os
from pathlib import Path

from examples.common.world import world_db_path

PROJECT_DIR = Path(__file__).resolve().parent

# --8<-- [start:security]
# A demo key, like the one `django-admin startproject` writes: set DJANGO_SECRET_KEY
# to a long random value anywhere the server is reachable by others.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-demo-key-for-local-runs-only")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# --8<-- [end:security]

# --8<-- [start:apps]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    # "ninja" is left out on purpose: Ninja then serves its /docs page with Swagger UI
    # from a CDN, instead of from static files that nothing serves in this project.
    "examples.django_project",  # the read-only `world` table of the shared API
    "examples.drf.books",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sets Content-Length. Our routes have no trailing slash, and APPEND_SLASH only
    # redirects paths that match nothing, so POST /items is never redirected.
    "django.middleware.common.CommonMiddleware",
]
# Ninja renders its /docs page with Django's template engine.
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]
# --8<-- [end:apps]

# --8<-- [start:databases]
DATABASES = {
    # Users, tokens and books: a file under this folder unless DJANGO_DB says otherwise.
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_DB", PROJECT_DIR / "db.sqlite3"),
    },
    # The shared API's seeded `world` table, read with World.objects.using("world").
    "world": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": world_db_path(),
        "CONN_MAX_AGE": None,  # keep each thread's connection open between requests
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# --8<-- [end:databases]

# --8<-- [start:rest_framework]
REST_FRAMEWORK = {
    # Clients send `Authorization: Token <key>`; an anonymous request to a protected
    # view gets 401 with `WWW-Authenticate: Token`.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    # JSON only: the browsable API would need templates and static files served.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
# --8<-- [end:rest_framework]

USE_TZ = True
