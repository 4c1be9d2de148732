"""The books table (SQLAlchemy 2) and one session per request.

``DATABASE_URL`` picks the database; by default a SQLite file beside this module.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy import String
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

DEFAULT_URL = f"sqlite+aiosqlite:///{Path(__file__).with_name('books.sqlite3')}"


class Base(DeclarativeBase):
    pass


class BookRow(Base):
    __tablename__ = "books"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author: Mapped[str] = mapped_column(String(100))
    year: Mapped[int]


@asynccontextmanager
async def connect() -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    """An engine for DATABASE_URL (or the default), tables created; disposed afterwards."""
    engine = create_async_engine(os.environ.get("DATABASE_URL", DEFAULT_URL))
    try:
        async with engine.begin() as connection:
            # CREATE TABLE IF NOT EXISTS: enough for a tutorial; production uses migrations.
            await connection.run_sync(Base.metadata.create_all)
        # expire_on_commit=False: a row stays readable after commit without another query.
        yield async_sessionmaker(engine, expire_on_commit=False)
    finally:
        await engine.dispose()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request, closed when the response is done."""
    async with request.app.state.sessionmaker() as session:
        yield session


SessionDep = Annotated[AsyncSession, Depends(get_session)]
