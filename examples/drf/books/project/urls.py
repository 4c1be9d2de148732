"""The router turns the ViewSet into list and detail routes under /api/."""

from books.views import BookViewSet
from django.urls import include, path
from rest_framework.routers import DefaultRouter

router = DefaultRouter()
router.register("books", BookViewSet)  # /api/books/ and /api/books/{id}/

urlpatterns = [
    path("api/", include(router.urls)),
]
