"""Step 4 of the Litestar tutorial: the book list comes in pages, with the total count."""

from typing import Annotated

from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from advanced_alchemy.filters import LimitOffset, OrderBy
from advanced_alchemy.service import OffsetPagination
from litestar import Litestar, get
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from examples.tutorial_litestar import step3_database
from examples.tutorial_litestar.models import Book, database_config
from examples.tutorial_litestar.step3_database import BookRepository

# --8<-- [start:controller]
Limit = Annotated[int, QueryParameter(ge=1, le=100)]
Offset = Annotated[int, QueryParameter(ge=0, le=2**63 - 1)]  # SQLite's OFFSET is 64-bit too


class BookController(step3_database.BookController):
    """Step 3's controller with one handler replaced: the same name overrides it."""

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


app = Litestar(
    route_handlers=[BookController],
    plugins=[SQLAlchemyPlugin(config=database_config())],
)
# --8<-- [end:controller]
