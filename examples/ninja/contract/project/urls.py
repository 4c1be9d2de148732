"""The contract's API at the site root (with its docs at /docs and schema at /openapi.json)."""

from django.urls import path

from contract.api import api

urlpatterns = [
    path("", api.urls),
]
