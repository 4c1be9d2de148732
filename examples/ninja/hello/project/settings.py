"""Settings of the Django Ninja sample: what `django-admin startproject` writes, trimmed to an API.

No database, admin, sessions or static files: the API has no models.
"""

import os

# Nothing in this project signs data (no sessions, CSRF cookies or admin), so it runs
# without a key. Set DJANGO_SECRET_KEY before adding anything that does: Django
# refuses to sign with an empty key.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

# "ninja" is left out on purpose: Ninja then serves its /api/docs page with Swagger UI
# from a CDN, instead of from static files that nothing serves in this project.
INSTALLED_APPS: list[str] = []
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
# Ninja renders its docs page with Django's template engine.
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates"}]

ROOT_URLCONF = "project.urls"
WSGI_APPLICATION = "project.wsgi.application"
USE_TZ = True
