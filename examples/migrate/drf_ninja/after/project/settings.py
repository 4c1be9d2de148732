"""Settings of the books API on Django Ninja, trimmed to an API.

No admin, sessions or static files, and no users: every view is public and
answers in JSON.
"""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# Nothing in this project signs data (no sessions, CSRF cookies or admin), so it runs
# without a key. Set DJANGO_SECRET_KEY before adding anything that does.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# "ninja" is left out on purpose: Ninja then serves its /api/docs page with Swagger UI
# from a CDN, instead of from static files that nothing serves in this project.
INSTALLED_APPS = ["books"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
# Ninja renders its docs page with Django's template engine.
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]
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
