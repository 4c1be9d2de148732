"""How a Book becomes JSON, and how JSON is validated before it becomes a Book."""

from rest_framework import serializers

from books.models import Book


class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "title", "author"]
