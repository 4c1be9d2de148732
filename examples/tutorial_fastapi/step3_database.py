"""Bookshelf tutorial, step 3: the books move into SQLite through SQLAlchemy 2 (async).

Full CRUD, no authentication yet. ``DATABASE_URL`` picks the database; by default
it is a SQLite file next to this module.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path as FilePath
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Path, Request, Response, status
from pydantic import BaseModel, ConfigDict, model_validator
from sqlalchemy import MetaData, String, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from examples.tutorial_fastapi.step2_models import Author, Book, BookIn, Title, Year

DEFAULT_URL = f"sqlite+aiosqlite:///{FilePath(__file__).with_name('bookshelf-step3.sqlite3')}"


# --8<-- [start:tables]
class Base(DeclarativeBase):
    pass


class BookRow(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))
    year: Mapped[int]


# --8<-- [end:tables]


# --8<-- [start:session]
@asynccontextmanager
async def connect(
    metadata: MetaData, default_url: str
) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """An engine for DATABASE_URL (or the default), tables created; disposed afterwards."""
    engine = create_async_engine(os.environ.get("DATABASE_URL", default_url))
    try:
        async with engine.begin() as connection:
            # CREATE TABLE IF NOT EXISTS: enough for a tutorial; production uses migrations.
            await connection.run_sync(metadata.create_all)
        # expire_on_commit=False: a row stays readable after commit without another query.
        yield async_sessionmaker(engine, expire_on_commit=False)
    finally:
        await engine.dispose()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with connect(Base.metadata, DEFAULT_URL) as sessionmaker:
        app.state.sessionmaker = sessionmaker
        yield


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, closed when the response is done."""
    async with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
# --8<-- [end:session]


# --8<-- [start:update]
class BookUpdate(BaseModel):
    """A partial update: fields left out keep their value; null is refused, not stored."""

    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    author: Author | None = None
    year: Year | None = None

    @model_validator(mode="after")
    def refuse_nulls(self) -> "BookUpdate":
        nulls = sorted(name for name in self.model_fields_set if getattr(self, name) is None)
        if nulls:
            raise ValueError(f"{', '.join(nulls)} cannot be null")
        return self

    def apply_to(self, row: object) -> None:
        for name, value in self.model_dump(exclude_unset=True).items():
            setattr(row, name, value)


# --8<-- [end:update]

# --8<-- [start:routes]
# SQLite integers are signed 64-bit: a larger id would overflow the driver (a 500)
# instead of simply not existing, so the path parameter refuses it with a 422.
SQLITE_MAX_INT = 2**63 - 1
BookId = Annotated[int, Path(ge=1, le=SQLITE_MAX_INT)]
RowT = TypeVar("RowT", bound=DeclarativeBase)


async def get_or_404(session: AsyncSession, row_type: type[RowT], book_id: int) -> RowT:
    row = await session.get(row_type, book_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no book with id {book_id}")
    return row


router = APIRouter(prefix="/books")


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_book(new_book: BookIn, session: SessionDep) -> Book:
    row = BookRow(**new_book.model_dump())
    session.add(row)
    await session.commit()
    return Book.model_validate(row)


@router.get("/{book_id}")
async def read_book(book_id: BookId, session: SessionDep) -> Book:
    return Book.model_validate(await get_or_404(session, BookRow, book_id))


@router.patch("/{book_id}")
async def update_book(book_id: BookId, changes: BookUpdate, session: SessionDep) -> Book:
    row = await get_or_404(session, BookRow, book_id)
    changes.apply_to(row)
    await session.commit()
    return Book.model_validate(row)


# A bare Response: a 204 has no body, so it gets no JSON content type either.
@router.delete("/{book_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delete_book(book_id: BookId, session: SessionDep) -> None:
    await session.delete(await get_or_404(session, BookRow, book_id))
    await session.commit()


app = FastAPI(title="Bookshelf", lifespan=lifespan)


@app.get("/books")
async def list_books(session: SessionDep) -> list[Book]:
    rows = await session.scalars(select(BookRow).order_by(BookRow.id))
    return [Book.model_validate(row) for row in rows]


app.include_router(router)
# --8<-- [end:routes]
