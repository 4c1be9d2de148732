"""The books API on Django REST framework: one ModelViewSet."""

from rest_framework import parsers, viewsets
from rest_framework.exceptions import ParseError

from books.models import Book
from books.serializers import BookSerializer


class JSONParser(parsers.JSONParser):
    """DRF's parser answers malformed JSON with a 400, but JSON nested deeper than
    Python's recursion limit raises RecursionError, which it lets through as a 500."""

    def parse(self, stream, media_type=None, parser_context=None) -> object:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None


class BookViewSet(viewsets.ModelViewSet):
    """List, create, read, replace, update and delete books."""

    queryset = Book.objects.all()
    serializer_class = BookSerializer
    parser_classes = [JSONParser]  # other content types: 415 Unsupported Media Type
