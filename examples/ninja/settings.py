"""Settings for serving the Django Ninja examples: the shared project plus their URLs."""

from examples.django_project.settings import *  # noqa: F403

ROOT_URLCONF = "examples.ninja.urls"
