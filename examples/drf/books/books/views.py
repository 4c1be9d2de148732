"""The article's Django REST framework sample: a ModelViewSet open to logged-in users only."""

from rest_framework import permissions, viewsets

from books.models import Book
from books.serializers import BookSerializer


class BookViewSet(viewsets.ModelViewSet):
    queryset = Book.objects.all()
    serializer_class = BookSerializer
    permission_classes = [permissions.IsAuthenticated]
