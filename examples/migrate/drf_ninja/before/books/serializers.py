"""How a Book becomes JSON, and how JSON is checked before it becomes a Book."""

from rest_framework import serializers

from books.models import Book


class BookSerializer(serializers.ModelSerializer):
    """Checks derived from the model: the lengths, no blank text (whitespace trimmed
    first), no null, and no lone surrogate ("\\ud800"), which no database stores."""

    class Meta:
        model = Book
        fields = ["id", "title", "author"]
