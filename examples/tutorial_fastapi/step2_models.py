"""Bookshelf tutorial, step 2: validated Book schemas and an in-memory store.

Only reading and adding books; the list lives in the process and is gone on restart.
"""

import itertools
from typing import Annotated

from fastapi import FastAPI, HTTPException, status
from pydantic import BaseModel, ConfigDict, Field

# --8<-- [start:schemas]
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

    model_config = ConfigDict(from_attributes=True)  # step 3 builds it from database rows

    id: int


# --8<-- [end:schemas]

# --8<-- [start:routes]
app = FastAPI(title="Bookshelf")
books: dict[int, Book] = {}  # by id; dicts keep insertion order, so the list is in id order
next_id = itertools.count(1)


@app.get("/books")
async def list_books() -> list[Book]:
    return list(books.values())


@app.get("/books/{book_id}")
async def read_book(book_id: int) -> Book:
    if book_id not in books:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no book with id {book_id}")
    return books[book_id]


@app.post("/books", status_code=status.HTTP_201_CREATED)
async def create_book(new_book: BookIn) -> Book:
    book = Book(id=next(next_id), **new_book.model_dump())
    books[book.id] = book
    return book


# --8<-- [end:routes]
