"""Bookshelf tutorial, step 4: GET /books returns one page at a time, with the total.

Everything else is step 3's router, included unchanged.
"""

from collections.abc import Sequence
from typing import Annotated, Generic, TypeVar

from fastapi import FastAPI, Query
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from examples.tutorial_fastapi.step2_models import Book
from examples.tutorial_fastapi.step3_database import (
    SQLITE_MAX_INT,
    BookRow,
    RowT,
    SessionDep,
    lifespan,
    router,
)


# --8<-- [start:page]
class Pagination(BaseModel):
    """The query parameters of a list: ?limit=20&offset=0 unless the client says otherwise."""

    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=SQLITE_MAX_INT)


ItemT = TypeVar("ItemT")


class Page(BaseModel, Generic[ItemT]):
    items: list[ItemT]
    total: int
    limit: int
    offset: int


async def read_page(
    session: AsyncSession, row_type: type[RowT], pagination: Pagination
) -> tuple[Sequence[RowT], int]:
    """One page of rows in id order, and how many rows there are in all."""
    total = (await session.execute(select(func.count()).select_from(row_type))).scalar_one()
    rows = await session.scalars(
        select(row_type)
        .order_by(row_type.id)  # a stable order, or pages could overlap
        .limit(pagination.limit)
        .offset(pagination.offset)
    )
    return rows.all(), total


# --8<-- [end:page]

# --8<-- [start:routes]
app = FastAPI(title="Bookshelf", lifespan=lifespan)


@app.get("/books")
async def list_books(session: SessionDep, pagination: Annotated[Pagination, Query()]) -> Page[Book]:
    rows, total = await read_page(session, BookRow, pagination)
    return Page[Book](
        items=[Book.model_validate(row) for row in rows], total=total, **pagination.model_dump()
    )


app.include_router(router)  # create, read, update and delete from step 3
# --8<-- [end:routes]
