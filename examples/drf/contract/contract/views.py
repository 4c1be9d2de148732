"""The shared API contract, written the way Django REST framework's documentation writes APIs."""

import itertools
import re
import time

from rest_framework import parsers, renderers, serializers
from rest_framework.decorators import api_view, parser_classes, renderer_classes
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from contract.models import World

next_id = itertools.count(1)


# --8<-- [start:json]
@api_view(["GET"])
def json_hello(request: Request) -> Response:
    return Response({"message": "Hello, World!"})


# --8<-- [end:json]


# --8<-- [start:plaintext]
class PlainTextRenderer(renderers.BaseRenderer):
    media_type = "text/plain"
    format = "txt"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return data.encode(self.charset)


@api_view(["GET"])
@renderer_classes([PlainTextRenderer])
def plaintext(request: Request) -> Response:
    return Response("Hello, World!")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
class PlainIntegerField(serializers.IntegerField):
    """An IntegerField that takes ASCII digits only: int() alone also reads " 12", "1_000"
    and other scripts' digits ("١٢٣")."""

    def to_internal_value(self, data: object) -> int:
        if isinstance(data, str) and not re.fullmatch(r"-?[0-9]+", data):
            self.fail("invalid")
        return super().to_internal_value(data)


class ItemPathSerializer(serializers.Serializer):
    item_id = PlainIntegerField()


@api_view(["GET"])
def read_item(request: Request, item_id: str) -> Response:
    params = ItemPathSerializer(data={"item_id": item_id})
    params.is_valid(raise_exception=True)  # "abc" -> 400 {"item_id": [...]}
    return Response(
        {"item_id": params.validated_data["item_id"], "q": request.query_params.get("q")}
    )


# --8<-- [end:read_item]


# --8<-- [start:create_item]
class StrictCharField(serializers.CharField):
    """A CharField that refuses numbers instead of turning 42 into "42"."""

    def to_internal_value(self, data: object) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ItemSerializer(serializers.Serializer):
    name = StrictCharField(min_length=1, max_length=100)
    price = serializers.FloatField(min_value=0)
    tags = serializers.ListField(child=StrictCharField(), default=list)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 for JSON nested too deeply as well as for malformed JSON.

    json.load raises RecursionError, not ValueError, for arrays or objects nested
    deeper than Python's recursion limit, and DRF's parser only catches ValueError.
    """

    def parse(self, stream, media_type=None, parser_context=None) -> object:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply") from None


@api_view(["POST"])
@parser_classes([JSONParser])  # other content types: 415 Unsupported Media Type
def create_item(request: Request) -> Response:
    item = ItemSerializer(data=request.data)  # malformed JSON -> 400 from the parser
    item.is_valid(raise_exception=True)  # bad fields -> 400 naming each field
    return Response({"id": next(next_id), **item.validated_data}, status=201)


# --8<-- [end:create_item]


# --8<-- [start:io]
@api_view(["GET"])
def io(request: Request) -> Response:
    time.sleep(0.010)  # a blocking wait: this thread is busy, Gunicorn's other threads are not
    return Response({"waited_ms": 10})


# --8<-- [end:io]


# --8<-- [start:db]
class RowQuerySerializer(serializers.Serializer):
    id = PlainIntegerField(min_value=-(2**63), max_value=2**63 - 1)  # what SQLite can store


@api_view(["GET"])
def db_row(request: Request) -> Response:
    query = RowQuerySerializer(data=request.query_params)
    if not query.is_valid():  # no id, or not one any row can have
        raise NotFound()
    row = get_object_or_404(World, pk=query.validated_data["id"])
    return Response({"id": row.pk, "randomNumber": row.random_number})


# --8<-- [end:db]
