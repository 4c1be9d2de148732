"""The books schema written schema-first with Ariadne: an SDL string plus resolvers, on ASGI."""

from typing import Any

import library
from ariadne import MutationType, ObjectType, QueryType, make_executable_schema
from ariadne.asgi import GraphQL

type_defs = """
    type Query {
        books(limit: Int! = 10): [Book!]!
        book(id: Int!): Book
    }

    type Mutation {
        addBook(title: String!, author: String!): Book
    }

    type Book {
        id: Int!
        title: String!
        author: Author!
    }

    type Author {
        name: String!
        books: [Book!]!
    }
"""

query = QueryType()
mutation = MutationType()
book = ObjectType("Book")
author = ObjectType("Author")


@query.field("books")
def resolve_books(_: None, info: Any, limit: int) -> list[library.BookRecord]:
    return library.list_books(limit)


@query.field("book")
def resolve_book(_: None, info: Any, id: int) -> library.BookRecord | None:
    return library.find_book(id)


@mutation.field("addBook")
def resolve_add_book(_: None, info: Any, title: str, author: str) -> library.BookRecord:
    return library.add_book(title, author)


@book.field("author")
def resolve_book_author(record: library.BookRecord, info: Any) -> str:
    return record.author  # an Author is represented by its name


@author.field("name")
def resolve_author_name(name: str, info: Any) -> str:
    return name


@author.field("books")
def resolve_author_books(name: str, info: Any) -> list[library.BookRecord]:
    return library.books_by(name)


schema = make_executable_schema(type_defs, query, mutation, book, author)
app = GraphQL(schema)
