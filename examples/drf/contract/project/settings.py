"""Settings of the shared API contract in Django REST framework.

One database: the seeded `world` table that `GET /db` reads, created by world.py.
The contract has no users, so authentication is switched off project-wide.
"""

import os

from world import world_db_path

# Nothing in this project signs data (no sessions, CSRF cookies or admin), so it runs
# without a key. Set DJANGO_SECRET_KEY before adding anything that does.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["rest_framework", "contract"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Sets Content-Length. Our routes have no trailing slash, and APPEND_SLASH only
    # redirects paths that match nothing, so POST /items is never redirected.
    "django.middleware.common.CommonMiddleware",
]
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

REST_FRAMEWORK = {
    # No users here: no authentication classes, every view public, and no
    # AnonymousUser (which would need django.contrib.auth installed).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    # JSON only: the browsable API would need templates and static files served.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
