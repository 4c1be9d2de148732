"""Settings of the books API on Django REST framework, trimmed to an API.

No admin, sessions, templates or static files, and no users: every view is public
and answers in JSON.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Nothing in this project signs data (no sessions, CSRF cookies or admin), so it runs
# without a key. Set DJANGO_SECRET_KEY before adding anything that does.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["rest_framework", "books"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BASE_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True

REST_FRAMEWORK = {
    # No users: no authentication, every view public, and no AnonymousUser (which
    # would need django.contrib.auth installed).
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    # JSON only: the browsable API would need templates and static files served.
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
