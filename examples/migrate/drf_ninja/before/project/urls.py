"""The router turns the ViewSet into list and detail routes under /api/."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from books.views import BookViewSet

router = DefaultRouter()
router.register("books", BookViewSet)  # /api/books/ and /api/books/{id}/

urlpatterns = [
    path("api/", include(router.urls)),
]
