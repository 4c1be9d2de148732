"""The books schema written schema-first with Ariadne: an SDL string plus resolvers, on ASGI."""

import json
from typing import Any

from ariadne import MutationType, ObjectType, QueryType, make_executable_schema
from ariadne.asgi import GraphQL
from ariadne.asgi.handlers import GraphQLHTTPHandler
from ariadne.exceptions import HttpBadRequestError
from ariadne.validation import cost_validator
from graphql import DocumentNode, parse, validate
from starlette.requests import Request

import library
import security
from depth_limit import depth_limit

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
    if not security.may_write(info.context["request"].headers.get("authorization")):
        raise PermissionError(security.WRITE_REFUSED)
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


def parse_bounded(context: Any, data: dict[str, Any]) -> DocumentNode:
    """Ariadne's parser, with graphql-core's limit on the document's size."""
    return parse(data["query"], max_tokens=security.MAX_TOKENS)


def limits(context: Any, document: DocumentNode, data: dict[str, Any]) -> list[type[Any]]:
    """Checked before anything runs; each refusal is a GraphQL error. Built per request,
    because the cost of `books(limit: $n)` depends on the request's variables."""
    if validate(schema, document):
        return []  # an invalid query: graphql-core's own rules refuse it and say why
    return [
        depth_limit(security.MAX_DEPTH),
        cost_validator(
            maximum_cost=security.MAX_COST,
            default_cost=1,  # every field selected costs 1, but books(limit: n) costs n
            cost_map={  # and an author's books as many as it may list, for each author
                "Query": {"books": {"complexity": 1, "multipliers": ["limit"]}},
                "Author": {"books": {"complexity": library.MAX_BY_AUTHOR}},
            },
            variables=data.get("variables"),
        ),
    ]


class StrictJSONHandler(GraphQLHTTPHandler):
    async def extract_data_from_json_request(self, request: Request) -> Any:
        # Ariadne answers a 400 when json.loads fails, but arrays nested thousands deep
        # raise RecursionError (a 500), and NaN or a lone surrogate ("\ud800") pass: stored
        # by addBook, they break every response that reads them back (Starlette's
        # JSONResponse cannot encode them). Encoding the body the same way refuses them.
        try:
            data = await super().extract_data_from_json_request(request)
            json.dumps(data, ensure_ascii=False, allow_nan=False).encode()
        except (RecursionError, ValueError):  # UnicodeEncodeError is a ValueError
            raise HttpBadRequestError("Request body is not a valid JSON") from None
        return data


schema = make_executable_schema(type_defs, query, mutation, book, author)
app = GraphQL(
    schema,
    query_parser=parse_bounded,
    validation_rules=limits,
    http_handler=StrictJSONHandler(),
)
