"""Bookshelf, the finished service: users, ``POST /token``, writes that need a bearer
token, and books only their owner may change.

Needs ``BOOKSHELF_SECRET`` (32+ characters) to start. ``BOOKSHELF_USERS``
("name:password,...") creates accounts for trying it out; ``DATABASE_URL`` picks
the database.
"""

import asyncio
from datetime import timedelta
from typing import Annotated, Any

import msgspec
from advanced_alchemy.extensions.litestar import SQLAlchemyDTO, SQLAlchemyPlugin
from advanced_alchemy.filters import LimitOffset, OrderBy
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import OffsetPagination
from litestar import Controller, Litestar, Request, Response, delete, get, patch, post
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from litestar.dto import DTOConfig, DTOData
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware.authentication import AuthenticationResult
from litestar.params import FromPath, JSONBody, QueryParameter, URLEncodedBody
from litestar.security.jwt import JWTCookieAuthenticationMiddleware, OAuth2PasswordBearerAuth, Token
from sqlalchemy.ext.asyncio import AsyncSession

from models import Book, BookId, User, check_book, database_config
from security import (
    DECOY_HASH,
    hash_password,
    require_secret,
    users_to_create,
    verify_password,
)

# Read when the module is imported: a missing setting stops the server before it starts.
SECRET = require_secret()
USERS = users_to_create()  # none, unless BOOKSHELF_USERS lists some
db_config = database_config()


class BookRepository(SQLAlchemyAsyncRepository[Book]):
    model_type = Book


async def provide_books(db_session: NamedDependency[AsyncSession]) -> BookRepository:
    # `db_session` is injected by the plugin: one session per request, closed after it.
    return BookRepository(session=db_session)


class UserRepository(SQLAlchemyAsyncRepository[User]):
    model_type = User


async def provide_users(db_session: NamedDependency[AsyncSession]) -> UserRepository:
    return UserRepository(session=db_session)


async def create_users(app: Litestar) -> None:
    """Runs after the plugin created the tables; each start sets the listed passwords."""
    async with db_config.get_session() as session:
        for username, password in USERS.items():
            await session.merge(User(username=username, password_hash=hash_password(password)))
        await session.commit()


CHALLENGE = {"WWW-Authenticate": "Bearer"}


class BearerHeaderOnly(JWTCookieAuthenticationMiddleware):
    """Litestar's OAuth2 middleware also reads a `token` cookie and ignores the scheme;
    this API takes `Authorization: Bearer <jwt>` only, and every 401 says so."""

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        scheme, _, token = connection.headers.get("Authorization", "").partition(" ")
        try:
            if scheme.lower() != "bearer" or not token:
                raise NotAuthorizedException("Not authenticated")
            return await self.authenticate_token(token, connection)
        except NotAuthorizedException as error:
            raise NotAuthorizedException(error.detail, headers=CHALLENGE) from None


async def current_user(token: Token, connection: ASGIConnection) -> User | None:
    # The request's own session: the plugin closes it when the response is sent.
    session = db_config.provide_session(connection.app.state, connection.scope)
    return await UserRepository(session=session).get_one_or_none(username=token.sub)


# Who issues the tokens and who they are for: a token of another service (or for
# one), even signed with the same key, is refused.
ISSUER, AUDIENCE = "bookshelf", "bookshelf-api"

auth = OAuth2PasswordBearerAuth[User, Token](
    token_secret=SECRET,
    token_url="/token",
    retrieve_user_handler=current_user,
    algorithm="HS256",  # the only algorithm accepted, whatever a token's header says
    accepted_issuers=[ISSUER],
    accepted_audiences=[AUDIENCE],
    strict_audience=True,  # exactly our audience, not a list that happens to include it
    require_claims=["exp", "sub", "iss", "aud"],
    default_token_expiration=timedelta(minutes=30),
    authentication_middleware_class=BearerHeaderOnly,
    exclude=["/token", "/schema"],
    # Reading books is public; every other method needs a token.
    exclude_http_methods=["GET", "HEAD", "OPTIONS"],
)


class LoginForm(msgspec.Struct):
    username: str
    password: str


class AccessToken(msgspec.Struct):
    access_token: str
    token_type: str = "bearer"


@post("/token", status_code=200, dependencies={"users": Provide(provide_users)})
async def login(
    data: URLEncodedBody[LoginForm], users: NamedDependency[UserRepository]
) -> AccessToken:
    user = await users.get_one_or_none(username=data.username)
    # scrypt is slow on purpose: it runs in a thread so the event loop keeps serving.
    password_hash = user.password_hash if user else DECOY_HASH
    if not await asyncio.to_thread(verify_password, data.password, password_hash) or not user:
        raise NotAuthorizedException("Incorrect username or password", headers=CHALLENGE)
    token = auth.create_token(user.username, token_issuer=ISSUER, token_audience=AUDIENCE)
    return AccessToken(access_token=token)


class BookOut(SQLAlchemyDTO[Book]):
    config = DTOConfig()  # every column: the owner too


class NewBook(SQLAlchemyDTO[Book]):
    config = DTOConfig(exclude={"id", "owner"})  # the server assigns both


class BookChanges(SQLAlchemyDTO[Book]):
    config = DTOConfig(exclude={"id", "owner"}, partial=True)  # any subset of the fields


def owned_by(user: User, book: Book) -> Book:
    if book.owner != user.username:
        raise PermissionDeniedException("only the owner of a book may change it")
    return book


Limit = Annotated[int, QueryParameter(ge=1, le=100)]
Offset = Annotated[int, QueryParameter(ge=0, le=2**63 - 1)]  # SQLite's OFFSET is 64-bit too


class BookController(Controller):
    path = "/books"
    dependencies = {"books": Provide(provide_books)}
    return_dto = BookOut

    @get()
    async def list_books(
        self, books: NamedDependency[BookRepository], limit: Limit = 20, offset: Offset = 0
    ) -> OffsetPagination[Book]:
        items, total = await books.get_many_and_count(
            LimitOffset(limit, offset),
            OrderBy("id", "asc"),
            # Two queries: the default COUNT(*) OVER () window reports 0 past the last page.
            count_with_window_function=False,
        )
        return OffsetPagination(items=items, total=total, limit=limit, offset=offset)

    @get("/{book_id:int}")
    async def get_book(
        self, book_id: FromPath[BookId], books: NamedDependency[BookRepository]
    ) -> Book:
        return await books.get(book_id)  # a missing row becomes a 404 through the plugin

    @post(dto=NewBook)
    async def create_book(
        self,
        data: JSONBody[Book],
        books: NamedDependency[BookRepository],
        request: Request[User, Token, Any],
    ) -> Book:
        check_book(data)
        data.owner = request.user.username
        # Commit before answering, so a failed commit is an error, not a lost 201.
        return await books.add(data, auto_commit=True)

    @patch("/{book_id:int}", dto=BookChanges)
    async def update_book(
        self,
        book_id: FromPath[BookId],
        data: JSONBody[DTOData[Book]],
        books: NamedDependency[BookRepository],
        request: Request[User, Token, Any],
    ) -> Book:
        # `books.get` first: a missing book is a 404, whoever asks.
        book = data.update_instance(owned_by(request.user, await books.get(book_id)))
        check_book(book)  # nothing is committed when the merged book breaks a rule
        return await books.update(book, auto_commit=True)

    @delete("/{book_id:int}", return_dto=None)  # answers 204 No Content
    async def delete_book(
        self,
        book_id: FromPath[BookId],
        books: NamedDependency[BookRepository],
        request: Request[User, Token, Any],
    ) -> None:
        owned_by(request.user, await books.get(book_id))
        await books.delete(book_id, auto_commit=True)


def undecodable_body(request: Request, error: RecursionError | UnicodeDecodeError) -> Response:
    # Litestar answers malformed JSON with a 400, but two decoding errors escape as a 500:
    # bytes that are not UTF-8, and arrays or objects nested too deeply.
    return Response({"status_code": 400, "detail": "the body is not valid JSON"}, status_code=400)


app = Litestar(
    route_handlers=[login, BookController],
    plugins=[SQLAlchemyPlugin(config=db_config)],
    on_app_init=[auth.on_app_init],
    on_startup=[create_users],
    exception_handlers={RecursionError: undecodable_body, UnicodeDecodeError: undecodable_body},
)
