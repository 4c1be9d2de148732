"""The router that turns the ViewSet into list and detail routes."""

# --8<-- [start:router]
from rest_framework.routers import DefaultRouter

from examples.drf.books.views import BookViewSet

router = DefaultRouter()
router.register("books", BookViewSet)  # /books/ and /books/{id}/

urlpatterns = router.urls
# --8<-- [end:router]
