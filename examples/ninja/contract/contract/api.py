"""The shared API contract, written the way Django Ninja's documentation writes APIs."""

import itertools
import time
from typing import Annotated

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Schema, Status
from ninja.errors import HttpError
from pydantic import AfterValidator

from contract.models import World

# Mounted at the site root by project/urls.py.
api = NinjaAPI(title="Shared API contract")
next_id = itertools.count(1)


# --8<-- [start:json]
@api.get("/json")
def json_hello(request: HttpRequest) -> dict[str, str]:
    return {"message": "Hello, World!"}


# --8<-- [end:json]


# --8<-- [start:plaintext]
@api.get("/plaintext")
def plaintext(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello, World!", content_type="text/plain; charset=utf-8")


# --8<-- [end:plaintext]


# --8<-- [start:read_item]
@api.get("/items/{item_id}")
def read_item(
    request: HttpRequest, item_id: int, q: str | None = None
) -> dict[str, int | str | None]:
    return {"item_id": item_id, "q": q}


# --8<-- [end:read_item]


# --8<-- [start:create_item]
def encodable(text: str) -> str:
    text.encode()  # a lone surrogate ("\ud800") is not text: UnicodeEncodeError, a ValueError
    return text


Text = Annotated[str, AfterValidator(encodable)]


class ItemIn(Schema):
    name: Text = Field(min_length=1, max_length=100)
    price: float = Field(ge=0, allow_inf_nan=False)  # JSON has no Infinity; 1e400 reads as one
    tags: list[Text] = []


class Item(ItemIn):
    id: int


@api.post("/items", response={201: Item})
def create_item(request: HttpRequest, item: ItemIn) -> Status[Item]:
    # Ninja parses the body as JSON whatever Content-Type the client declared.
    if request.content_type != "application/json":
        raise HttpError(415, "the body must be sent as application/json")
    return Status(201, Item(id=next(next_id), **item.dict()))


# --8<-- [end:create_item]


# --8<-- [start:io]
@api.get("/io")
def io(request: HttpRequest) -> dict[str, int]:
    time.sleep(0.010)  # a blocking wait: this thread is busy, Gunicorn's other threads are not
    return {"waited_ms": 10}


# --8<-- [end:io]


# --8<-- [start:db]
@api.get("/db")
def db_row(request: HttpRequest, id: int | None = None) -> dict[str, int]:
    # No id, or no such row: Http404, which Ninja answers with 404 {"detail": "Not Found"}.
    row = get_object_or_404(World, pk=id)
    return {"id": row.pk, "randomNumber": row.random_number}


# --8<-- [end:db]
