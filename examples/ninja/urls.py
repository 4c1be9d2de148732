"""The URLs the Ninja server answers: the shared API at the root, the sample under /api/."""

from django.urls import path

from examples.ninja import contract, hello

urlpatterns = [
    path("", contract.api.urls),
    path("api/", hello.api.urls),  # also /api/docs and /api/openapi.json
]
