"""Django must be configured before the test modules here import models or APIs."""

from tests.examples.django_support import setup_django

setup_django()
