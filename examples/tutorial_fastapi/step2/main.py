"""Bookshelf: validated books, kept in memory (gone when the server stops)."""

import itertools

from fastapi import FastAPI, HTTPException, status

from models import Book, BookIn

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
