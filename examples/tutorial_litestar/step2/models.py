"""What a book is: the rules every request body must follow (msgspec)."""

from typing import Annotated

import msgspec

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Author = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Year = Annotated[int, msgspec.Meta(ge=0, le=2100)]


class BookIn(msgspec.Struct):
    """What a client sends for a book, and the rules each field follows."""

    title: Title
    author: Author
    year: Year
