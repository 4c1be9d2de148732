"""How a Book becomes JSON, and how JSON is validated before it becomes a Book."""

from rest_framework import serializers

from examples.drf.books.models import Book


# --8<-- [start:serializer]
class BookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Book
        fields = ["id", "title", "author"]


# --8<-- [end:serializer]
