"""The URLs the DRF server answers: the shared API at the root, the article's sample under /api/."""

from django.urls import include, path

urlpatterns = [
    path("", include("examples.drf.contract")),
    path("api/", include("examples.drf.books.urls")),
]
