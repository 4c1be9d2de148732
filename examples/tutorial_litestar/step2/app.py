"""Bookshelf: validated books, kept in a list in memory (GET and POST)."""

import msgspec
from litestar import Controller, Litestar, Request, Response, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, JSONBody

from models import BookIn


class Book(BookIn, kw_only=True):
    id: int


class Shelf:
    """Books in memory, in the order they were added: every app start begins empty."""

    def __init__(self) -> None:
        self.books: list[Book] = []

    def add(self, new_book: BookIn) -> Book:
        book = Book(id=len(self.books) + 1, **msgspec.structs.asdict(new_book))
        self.books.append(book)
        return book

    def get(self, book_id: int) -> Book:
        for book in self.books:
            if book.id == book_id:
                return book
        raise NotFoundException(f"no book with id {book_id}")


def create_shelf(app: Litestar) -> None:
    app.state.shelf = Shelf()


def provide_shelf(state: State) -> Shelf:
    return state.shelf


class BookController(Controller):
    path = "/books"
    dependencies = {"shelf": Provide(provide_shelf, sync_to_thread=False)}

    @get()
    async def list_books(self, shelf: NamedDependency[Shelf]) -> list[Book]:
        return shelf.books

    # `:int` in the path: only digits match, so /books/abc is a 404 from the router.
    @get("/{book_id:int}")
    async def get_book(self, book_id: FromPath[int], shelf: NamedDependency[Shelf]) -> Book:
        return shelf.get(book_id)

    @post()  # answers 201 Created
    async def create_book(self, data: JSONBody[BookIn], shelf: NamedDependency[Shelf]) -> Book:
        return shelf.add(data)


def undecodable_body(request: Request, error: RecursionError | UnicodeDecodeError) -> Response:
    # Litestar answers malformed JSON with a 400, but two decoding errors escape as a 500:
    # bytes that are not UTF-8, and arrays or objects nested too deeply.
    return Response({"status_code": 400, "detail": "the body is not valid JSON"}, status_code=400)


app = Litestar(
    route_handlers=[BookController],
    on_startup=[create_shelf],
    exception_handlers={RecursionError: undecodable_body, UnicodeDecodeError: undecodable_body},
)
