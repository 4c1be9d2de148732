"""The contract's API at the site root (with its docs at /docs and schema at /openapi.json)."""

from contract.api import api
from django.urls import path

urlpatterns = [
    path("", api.urls),
]
