"""Bookshelf, the finished service: users, tokens, writes only for a book's owner.

Needs ``BOOKSHELF_SECRET`` (32+ characters) to start. ``BOOKSHELF_USERS``
("name:password,...") creates accounts for trying it out; ``DATABASE_URL`` picks
the database.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import (
    APIRouter,
    Depends,
    FastAPI,
    HTTPException,
    Path,
    Query,
    Request,
    Response,
    status,
)
from fastapi.concurrency import run_in_threadpool
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from database import BookRow, SessionDep, UserRow, connect, read_page
from models import SQLITE_MAX_INT, Book, BookIn, BookUpdate, Page, Pagination, Token
from security import (
    DECOY_HASH,
    create_token,
    hash_password,
    require_secret,
    token_subject,
    users_to_create,
    verify_password,
)

# Read when the module is imported: a missing setting stops the server before it starts.
SECRET = require_secret()
USERS = users_to_create()  # none, unless BOOKSHELF_USERS lists some

# A larger id would overflow the driver (a 500) instead of simply not existing,
# so the path parameter refuses it with a 422.
BookId = Annotated[int, Path(ge=1, le=SQLITE_MAX_INT)]


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
    async with connect() as sessionmaker:  # runs when the server starts
        await add_missing_users(sessionmaker, USERS)
        app.state.sessionmaker = sessionmaker
        yield  # the server serves requests here; the engine is disposed after


async def get_or_404(session: AsyncSession, book_id: int) -> BookRow:
    row = await session.get(BookRow, book_id)
    if row is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no book with id {book_id}")
    return row


def unauthorized(detail: str) -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, detail, {"WWW-Authenticate": "Bearer"})


# Reads "Authorization: Bearer <token>"; a missing header is a 401 before our code runs.
# tokenUrl tells the OpenAPI docs where the "Authorize" button logs in.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")


async def current_user(token: Annotated[str, Depends(oauth2_scheme)], session: SessionDep) -> str:
    username = token_subject(token, SECRET)
    # A valid token for an account that is gone is as bad as a forged one.
    if username is None or await session.get(UserRow, username) is None:
        raise unauthorized("Invalid or expired token")
    return username


CurrentUser = Annotated[str, Depends(current_user)]


async def owned_book(book_id: BookId, user: CurrentUser, session: SessionDep) -> BookRow:
    row = await get_or_404(session, book_id)
    if row.owner != user:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only the owner may change this book")
    return row


OwnedBook = Annotated[BookRow, Depends(owned_book)]

app = FastAPI(title="Bookshelf", lifespan=lifespan)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own 422 repeats each bad value, and some cannot be written back as JSON
    # (NaN, Infinity, a lone surrogate "\ud800"): that answer would itself fail as a 500.
    # So the errors say where and why, without the value.
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    body = jsonable_encoder({"detail": errors})
    return JSONResponse(body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


@app.post("/token")
async def login(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> Token:
    user = await session.get(UserRow, form.username)
    password_hash = user.password_hash if user else DECOY_HASH
    # Always hash (a decoy for unknown names), so timing does not reveal who exists.
    # scrypt is slow on purpose: run it in a thread so other requests keep flowing.
    password_ok = await run_in_threadpool(verify_password, form.password, password_hash)
    if user is None or not password_ok:
        raise unauthorized("Incorrect username or password")
    return Token(access_token=create_token(user.username, SECRET))


books = APIRouter(prefix="/books")


@books.get("")
async def list_books(session: SessionDep, pagination: Annotated[Pagination, Query()]) -> Page[Book]:
    rows, total = await read_page(session, pagination.limit, pagination.offset)
    return Page[Book](
        items=[Book.model_validate(row) for row in rows], total=total, **pagination.model_dump()
    )


@books.get("/{book_id}")
async def read_book(book_id: BookId, session: SessionDep) -> Book:
    return Book.model_validate(await get_or_404(session, book_id))


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


# A bare Response: a 204 has no body, so it gets no JSON content type either.
@books.delete("/{book_id}", status_code=status.HTTP_204_NO_CONTENT, response_class=Response)
async def delete_book(row: OwnedBook, session: SessionDep) -> None:
    await session.delete(row)
    await session.commit()


app.include_router(books)
