"""Settings of the shared API contract in Django Ninja.

One database: the seeded `world` table that `GET /db` reads, created by world.py.
The contract has no users, sessions or admin.
"""

import os

from world import world_db_path

# Nothing in this project signs data (no sessions, CSRF cookies or admin), so it runs
# without a key. Set DJANGO_SECRET_KEY before adding anything that does.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# "ninja" is left out on purpose: Ninja then serves its /docs page with Swagger UI
# from a CDN, instead of from static files that nothing serves in this project.
INSTALLED_APPS = ["contract"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sets Content-Length. Our routes have no trailing slash, and APPEND_SLASH only
    # redirects paths that match nothing, so POST /items is never redirected.
    "django.middleware.common.CommonMiddleware",
]
# Ninja renders its docs page with Django's template engine.
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": world_db_path(),
        "CONN_MAX_AGE": None,  # keep each thread's connection open between requests
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
