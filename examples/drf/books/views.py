"""The article's Django REST framework sample: a ModelViewSet open to logged-in users only."""

# --8<-- [start:viewset]
from rest_framework import permissions, viewsets

from examples.drf.books.models import Book
from examples.drf.books.serializers import BookSerializer


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.all()
    serializer_class = BookSerializer
    permission_classes = [permissions.IsAuthenticated]


# --8<-- [end:viewset]
