"""Bookshelf: books in SQLite through SQLAlchemy 2 (async), full CRUD, no users yet."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import APIRouter, FastAPI, HTTPException, Path, Request, Response, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from database import BookRow, SessionDep, connect
from models import SQLITE_MAX_INT, Book, BookIn, BookUpdate

# A larger id would overflow the driver (a 500) instead of simply not existing,
# so the path parameter refuses it with a 422.
BookId = Annotated[int, Path(ge=1, le=SQLITE_MAX_INT)]


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with connect() as sessionmaker:  # runs when the server starts
        app.state.sessionmaker = sessionmaker
        yield  # the server serves requests here; the engine is disposed after


async def get_or_404(session: AsyncSession, book_id: int) -> BookRow:
    row = await session.get(BookRow, book_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no book with id {book_id}")
    return row


app = FastAPI(title="Bookshelf", lifespan=lifespan)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own 422 repeats each bad value, and some cannot be written back as JSON
    # (NaN, Infinity, a lone surrogate "\ud800"): that answer would itself fail as a 500.
    # So the errors say where and why, without the value.
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    body = jsonable_encoder({"detail": errors})
    return JSONResponse(body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


books = APIRouter(prefix="/books")


@books.get("")
async def list_books(session: SessionDep) -> list[Book]:
    rows = await session.scalars(select(BookRow).order_by(BookRow.id))
    return [Book.model_validate(row) for row in rows]


@books.get("/{book_id}")
async def read_book(book_id: BookId, session: SessionDep) -> Book:
    return Book.model_validate(await get_or_404(session, book_id))


@books.post("", status_code=status.HTTP_201_CREATED)
async def create_book(new_book: BookIn, session: SessionDep) -> Book:
    row = BookRow(**new_book.model_dump())
    session.add(row)
    await session.commit()
    return Book.model_validate(row)


@books.patch("/{book_id}")
async def update_book(book_id: BookId, changes: BookUpdate, session: SessionDep) -> Book:
    row = await get_or_404(session, book_id)
    changes.apply_to(row)
    await session.commit()
    return Book.model_validate(row)


# A bare Response: a 204 has no body, so it gets no JSON content type either.
@books.delete("/{book_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delete_book(book_id: BookId, session: SessionDep) -> None:
    await session.delete(await get_or_404(session, book_id))
    await session.commit()


app.include_router(books)
