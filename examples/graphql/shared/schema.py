"""The books schema written code-first with Strawberry: Python classes are the schema."""

from typing import Any

import strawberry
from strawberry.extensions import MaxAliasesLimiter, MaxTokensLimiter, QueryDepthLimiter
from strawberry.permission import BasePermission

import library
import security


@strawberry.type
class Author:
    name: str

    @strawberry.field
    def books(self) -> list["Book"]:
        return [Book.from_record(record) for record in library.books_by(self.name)]


@strawberry.type
class Book:
    id: int
    title: str
    author: Author

    @classmethod
    def from_record(cls, record: library.BookRecord) -> "Book":
        return cls(id=record.id, title=record.title, author=Author(name=record.author))


@strawberry.type
class Query:
    @strawberry.field
    def books(self, limit: int = 10) -> list[Book]:
        return [Book.from_record(record) for record in library.list_books(limit)]

    @strawberry.field
    def book(self, id: int) -> Book | None:  # None is GraphQL's null: not found
        record = library.find_book(id)
        return Book.from_record(record) if record else None


class HoldsTheApiKey(BasePermission):
    message = security.WRITE_REFUSED

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return security.may_write(info.context["request"].headers.get("authorization"))


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=[HoldsTheApiKey])
    def add_book(self, title: str, author: str) -> Book | None:  # served as `addBook`
        return Book.from_record(library.add_book(title, author))


schema = strawberry.Schema(
    query=Query,
    mutation=Mutation,
    # Checked before anything runs; each refusal is a GraphQL error. Factories, so
    # every request gets fresh extensions.
    extensions=[
        lambda: QueryDepthLimiter(max_depth=security.MAX_DEPTH),
        lambda: MaxTokensLimiter(max_token_count=security.MAX_TOKENS),
        lambda: MaxAliasesLimiter(max_alias_count=security.MAX_ALIASES),
    ],
)
