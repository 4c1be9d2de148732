"""A Ninja API is a set of URL patterns: this project serves it under /api/."""

from django.urls import path

from books.api import api

urlpatterns = [
    path("api/", api.urls),  # also /api/docs and /api/openapi.json
]
