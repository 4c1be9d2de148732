"""What a book is: the rules every request body must follow (msgspec), the database
tables (SQLAlchemy 2) and where the database is."""

import os
from pathlib import Path
from typing import Annotated

import msgspec
from advanced_alchemy.extensions.litestar import AsyncSessionConfig, SQLAlchemyAsyncConfig
from litestar.exceptions import ValidationException
from litestar.params import PathParameter
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Title = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Author = Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
Year = Annotated[int, msgspec.Meta(ge=0, le=2100)]


class BookIn(msgspec.Struct):
    """What a client sends for a book, and the rules each field follows."""

    title: Title
    author: Author
    year: Year


# SQLite stores 64-bit integers: a larger id would overflow the driver (a 500), not miss.
BookId = Annotated[int, PathParameter(ge=1, le=2**63 - 1)]


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    username: Mapped[str] = mapped_column(String(100), primary_key=True)
    password_hash: Mapped[str]


class Book(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))
    year: Mapped[int]
    # Empty until step 5, where every new book records the user who created it.
    owner: Mapped[str | None] = mapped_column(ForeignKey("users.username"), default=None)


def check_book(book: Book) -> None:
    """DTOs build a `Book` from the request but do not apply the length and range rules."""
    fields = {name: getattr(book, name) for name in BookIn.__struct_fields__}
    try:
        msgspec.convert(fields, BookIn)
    except msgspec.ValidationError as error:
        raise ValidationException(str(error)) from None


DEFAULT_DATABASE = f"sqlite+aiosqlite:///{Path(__file__).with_name('bookshelf.sqlite3')}"


def database_config() -> SQLAlchemyAsyncConfig:
    """One config per app: its engine opens at startup and is disposed at shutdown."""
    return SQLAlchemyAsyncConfig(
        connection_string=os.environ.get("DATABASE_URL", DEFAULT_DATABASE),
        metadata=Base.metadata,
        # CREATE TABLE IF NOT EXISTS at startup: fine for a tutorial; use Alembic in production.
        create_all=True,
        # Keep loaded values after a commit, so a response never needs a second query.
        session_config=AsyncSessionConfig(expire_on_commit=False),
    )
