"""What a book is: the rules every request body must follow (Pydantic)."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Title = Annotated[str, Field(min_length=1, max_length=200)]
Author = Annotated[str, Field(min_length=1, max_length=100)]
Year = Annotated[int, Field(ge=0, le=2100)]


class BookIn(BaseModel):
    """What a client sends. Unknown fields (an `id`, say) are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid")

    title: Title
    author: Author
    year: Year


class Book(BookIn):
    """What the API returns: the client's fields plus the id the server chose."""

    id: int
