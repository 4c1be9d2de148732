"""Bookshelf: validated books, kept in memory (gone when the server stops)."""

import itertools

from fastapi import FastAPI, HTTPException, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from models import Book, BookIn

app = FastAPI(title="Bookshelf")
books: dict[int, Book] = {}  # by id; dicts keep insertion order, so the list is in id order
next_id = itertools.count(1)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own 422 repeats each bad value, and some cannot be written back as JSON
    # (NaN, Infinity, a lone surrogate "\ud800"): that answer would itself fail as a 500.
    # So the errors say where and why, without the value.
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    body = jsonable_encoder({"detail": errors})
    return JSONResponse(body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


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
