"""Bookshelf: books in SQLite through Litestar's SQLAlchemy plugin, full CRUD, no users yet."""

from advanced_alchemy.extensions.litestar import SQLAlchemyDTO, SQLAlchemyPlugin
from advanced_alchemy.filters import OrderBy
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from litestar import Controller, Litestar, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.dto import DTOConfig, DTOData
from litestar.params import FromPath, JSONBody
from sqlalchemy.ext.asyncio import AsyncSession

from models import Book, BookId, check_book, database_config


class BookRepository(SQLAlchemyAsyncRepository[Book]):
    model_type = Book


async def provide_books(db_session: NamedDependency[AsyncSession]) -> BookRepository:
    # `db_session` is injected by the plugin: one session per request, closed after it.
    return BookRepository(session=db_session)


class BookOut(SQLAlchemyDTO[Book]):
    config = DTOConfig(exclude={"owner"})  # no users yet: step 5 shows the owner


class NewBook(SQLAlchemyDTO[Book]):
    config = DTOConfig(exclude={"id", "owner"})  # the server assigns both


class BookChanges(SQLAlchemyDTO[Book]):
    config = DTOConfig(exclude={"id", "owner"}, partial=True)  # any subset of the fields


class BookController(Controller):
    path = "/books"
    dependencies = {"books": Provide(provide_books)}
    return_dto = BookOut

    @get()
    async def list_books(self, books: NamedDependency[BookRepository]) -> list[Book]:
        return await books.get_many(OrderBy("id", "asc"))

    @get("/{book_id:int}")
    async def get_book(
        self, book_id: FromPath[BookId], books: NamedDependency[BookRepository]
    ) -> Book:
        return await books.get(book_id)  # a missing row becomes a 404 through the plugin

    @post(dto=NewBook)
    async def create_book(
        self, data: JSONBody[Book], books: NamedDependency[BookRepository]
    ) -> Book:
        check_book(data)
        # Commit before answering, so a failed commit is an error, not a lost 201.
        return await books.add(data, auto_commit=True)

    @patch("/{book_id:int}", dto=BookChanges)
    async def update_book(
        self,
        book_id: FromPath[BookId],
        data: JSONBody[DTOData[Book]],
        books: NamedDependency[BookRepository],
    ) -> Book:
        book = data.update_instance(await books.get(book_id))
        check_book(book)  # nothing is committed when the merged book breaks a rule
        return await books.update(book, auto_commit=True)

    @delete("/{book_id:int}", return_dto=None)  # answers 204 No Content
    async def delete_book(
        self, book_id: FromPath[BookId], books: NamedDependency[BookRepository]
    ) -> None:
        await books.delete(book_id, auto_commit=True)


def undecodable_body(request: Request, error: RecursionError | UnicodeDecodeError) -> Response:
    # Litestar answers malformed JSON with a 400, but two decoding errors escape as a 500:
    # bytes that are not UTF-8, and arrays or objects nested too deeply.
    return Response({"status_code": 400, "detail": "the body is not valid JSON"}, status_code=400)


app = Litestar(
    route_handlers=[BookController],
    plugins=[SQLAlchemyPlugin(config=database_config())],
    exception_handlers={RecursionError: undecodable_body, UnicodeDecodeError: undecodable_body},
)
