"""Step 5 of the Litestar tutorial, the finished service: users, ``POST /token``,
writes that need a bearer token, and books only their owner may change.

Serve with ``BOOKSHELF_SECRET=... uvicorn examples.tutorial_litestar.step5_auth:app``.
"""

import asyncio
from datetime import timedelta
from typing import Any

import msgspec
from advanced_alchemy.extensions.litestar import SQLAlchemyDTO, SQLAlchemyPlugin
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from litestar import Litestar, Request, delete, patch, post
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from litestar.dto import DTOData
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.middleware.authentication import AuthenticationResult
from litestar.params import FromPath, JSONBody, URLEncodedBody
from litestar.security.jwt import JWTCookieAuthenticationMiddleware, OAuth2PasswordBearerAuth, Token
from sqlalchemy.ext.asyncio import AsyncSession

from examples.tutorial_litestar import step4_pagination
from examples.tutorial_litestar.models import Book, BookId, User, check_book, database_config
from examples.tutorial_litestar.security import (
    DECOY_HASH,
    demo_users,
    hash_password,
    require_secret,
    verify_password,
)
from examples.tutorial_litestar.step3_database import BookChanges, BookRepository, NewBook

SECRET = require_secret()  # importing the app fails without BOOKSHELF_SECRET
db_config = database_config()


# --8<-- [start:users]
class UserRepository(SQLAlchemyAsyncRepository[User]):
    model_type = User


async def provide_users(db_session: NamedDependency[AsyncSession]) -> UserRepository:
    return UserRepository(session=db_session)


async def create_demo_users(app: Litestar) -> None:
    """Runs after the plugin created the tables; each start resets the demo passwords."""
    async with db_config.get_session() as session:
        for username, password in demo_users().items():
            await session.merge(User(username=username, password_hash=hash_password(password)))
        await session.commit()


# --8<-- [end:users]


# --8<-- [start:auth]
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


auth = OAuth2PasswordBearerAuth[User, Token](
    token_secret=SECRET,
    token_url="/token",
    retrieve_user_handler=current_user,
    algorithm="HS256",  # the only algorithm accepted, whatever a token's header says
    require_claims=["exp", "sub"],
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
    return AccessToken(access_token=auth.create_token(identifier=user.username))


# --8<-- [end:auth]


# --8<-- [start:controller]
def owned_by(user: User, book: Book) -> Book:
    if book.owner != user.username:
        raise PermissionDeniedException("only the owner of a book may change it")
    return book


class BookController(step4_pagination.BookController):
    """Step 4's controller, now showing owners, with the three writes replaced."""

    return_dto = SQLAlchemyDTO[Book]

    @post(dto=NewBook)
    async def create_book(
        self,
        data: JSONBody[Book],
        books: NamedDependency[BookRepository],
        request: Request[User, Token, Any],
    ) -> Book:
        check_book(data)
        data.owner = request.user.username
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
        check_book(book)
        return await books.update(book, auto_commit=True)

    @delete("/{book_id:int}", return_dto=None)
    async def delete_book(
        self,
        book_id: FromPath[BookId],
        books: NamedDependency[BookRepository],
        request: Request[User, Token, Any],
    ) -> None:
        owned_by(request.user, await books.get(book_id))
        await books.delete(book_id, auto_commit=True)


# --8<-- [end:controller]


# --8<-- [start:app]
app = Litestar(
    route_handlers=[login, BookController],
    plugins=[SQLAlchemyPlugin(config=db_config)],
    on_app_init=[auth.on_app_init],
    on_startup=[create_demo_users],
)
# --8<-- [end:app]
