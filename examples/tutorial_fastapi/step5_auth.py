"""Bookshelf tutorial, step 5, the finished service: users, tokens, protected writes.

Needs ``BOOKSHELF_SECRET`` (32+ characters) to start. Demo accounts come from
``BOOKSHELF_USERS`` ("name:password,..."); ``DATABASE_URL`` picks the database.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from pydantic import BaseModel, ConfigDict
from sqlalchemy import ForeignKey, String
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from examples.tutorial_fastapi.security import (
    DECOY_HASH,
    create_token,
    hash_password,
    require_secret,
    token_subject,
    verify_password,
)
from examples.tutorial_fastapi.step2_models import BookIn
from examples.tutorial_fastapi.step3_database import (
    BookId,
    BookUpdate,
    SessionDep,
    connect,
    get_or_404,
)
from examples.tutorial_fastapi.step4_pagination import Page, Pagination, read_page

# A new file: step 5 adds a column, and create_all never alters a table that exists.
DEFAULT_URL = f"sqlite+aiosqlite:///{FilePath(__file__).with_name('bookshelf.sqlite3')}"
DEMO_USERS = "alice:wonderland,bob:builder"  # demo accounts only: never a real password


# --8<-- [start:tables]
class Base(DeclarativeBase):
    pass


class UserRow(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(50), primary_key=True)
    password_hash: Mapped[str]


class BookRow(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))
    year: Mapped[int]
    owner: Mapped[str] = mapped_column(ForeignKey("users.username"))


class Book(BookIn):
    model_config = ConfigDict(from_attributes=True)

    id: int
    owner: str  # set from the token, never from the request body


# --8<-- [end:tables]


# --8<-- [start:startup]
def parse_users(spec: str) -> dict[str, str]:
    users = {}
    for entry in spec.split(","):
        username, _, password = entry.strip().partition(":")
        if not username or not password:
            raise RuntimeError(f"BOOKSHELF_USERS entry {entry!r} is not name:password")
        users[username] = password
    return users


async def add_missing_users(
    sessionmaker: async_sessionmaker[AsyncSession], users: dict[str, str]
) -> None:
    async with sessionmaker() as session:
        for username, password in users.items():
            if await session.get(UserRow, username) is None:
                session.add(UserRow(username=username, password_hash=hash_password(password)))
        await session.commit()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    app.state.secret = require_secret()  # fail at startup, not at the first login
    users = parse_users(os.environ.get("BOOKSHELF_USERS", DEMO_USERS))
    async with connect(Base.metadata, DEFAULT_URL) as sessionmaker:
        await add_missing_users(sessionmaker, users)
        app.state.sessionmaker = sessionmaker
        yield


# --8<-- [end:startup]


# --8<-- [start:auth]
class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, {"WWW-Authenticate": "Bearer"})


# Reads "Authorization: Bearer <token>"; a missing header is a 401 before our code runs.
# tokenUrl tells the OpenAPI docs where the "Authorize" button logs in.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


async def current_user(
    token: Annotated[str, Depends(oauth2_scheme)], request: Request, session: SessionDep
) -> str:
    username = token_subject(token, request.app.state.secret)
    # A valid token for an account that is gone is as bad as a forged one.
    if username is None or await session.get(UserRow, username) is None:
        raise unauthorized("Invalid or expired token")
    return username


CurrentUser = Annotated[str, Depends(current_user)]


async def owned_book(book_id: BookId, user: CurrentUser, session: SessionDep) -> BookRow:
    row = await get_or_404(session, BookRow, book_id)
    if row.owner != user:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the owner may change this book")
    return row


OwnedBook = Annotated[BookRow, Depends(owned_book)]
# --8<-- [end:auth]

# --8<-- [start:routes]
app = FastAPI(title="Bookshelf", lifespan=lifespan)


@app.post("/token")
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, session: SessionDep
) -> Token:
    user = await session.get(UserRow, form.username)
    password_hash = user.password_hash if user else DECOY_HASH
    # Always hash (a decoy for unknown names), so timing does not reveal who exists.
    # scrypt is slow on purpose: run it in a thread so other requests keep flowing.
    password_ok = await run_in_threadpool(verify_password, form.password, password_hash)
    if user is None or not password_ok:
        raise unauthorized("Incorrect username or password")
    return Token(access_token=create_token(user.username, request.app.state.secret))


books = APIRouter(prefix="/books")


@books.get("")
async def list_books(session: SessionDep, pagination: Annotated[Pagination, Query()]) -> Page[Book]:
    rows, total = await read_page(session, BookRow, pagination)
    return Page[Book](
        items=[Book.model_validate(row) for row in rows], total=total, **pagination.model_dump()
    )


@books.get("/{book_id}")
async def read_book(book_id: BookId, session: SessionDep) -> Book:
    return Book.model_validate(await get_or_404(session, BookRow, book_id))


@books.post("", status_code=status.HTTP_201_CREATED)
async def create_book(new_book: BookIn, user: CurrentUser, session: SessionDep) -> Book:
    row = BookRow(**new_book.model_dump(), owner=user)
    session.add(row)
    await session.commit()
    return Book.model_validate(row)


@books.patch("/{book_id}")
async def update_book(row: OwnedBook, changes: BookUpdate, session: SessionDep) -> Book:
    changes.apply_to(row)
    await session.commit()
    return Book.model_validate(row)


@books.delete("/{book_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delete_book(row: OwnedBook, session: SessionDep) -> None:
    await session.delete(row)
    await session.commit()


app.include_router(books)
# --8<-- [end:routes]
