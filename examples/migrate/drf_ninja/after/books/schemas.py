"""How a Book becomes JSON, and how JSON is checked before it becomes a Book.

DRF's ModelSerializer derived the checks from the model; here they are spelled out:
the model's lengths, no blank text, whitespace trimmed, and no null.
"""

from typing import Annotated

from ninja import ModelSchema, Schema
from pydantic import StringConstraints, field_validator
from pydantic_core import PydanticCustomError

from books.models import Book

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Author = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class BookIn(Schema):
    title: Title
    author: Author


class BookChanges(Schema):
    """A PATCH body: any of the fields, each checked as in BookIn. (Ninja's PatchDict
    would let a null through to a NOT NULL column.)"""

    title: Title | None = None
    author: Author | None = None

    @field_validator("title", "author")
    @classmethod
    def not_null(cls, value: str | None) -> str:
        if value is None:  # sent as null; a field left out is not validated at all
            raise PydanticCustomError("null", "This field may not be null.")
        return value


class BookOut(ModelSchema):
    class Meta:
        model = Book
        fields = ["id", "title", "author"]
