"""The Strawberry books schema served by Litestar at /graphql."""

import json

import msgspec
from litestar import Litestar
from strawberry.litestar import make_graphql_controller

from schema import schema


class GraphQLController(make_graphql_controller(schema, path="/graphql")):
    # GraphQL describes itself (introspection, GraphiQL); left in the OpenAPI schema,
    # GET /graphql would be declared JSON while it serves GraphiQL (HTML) or a text 404.
    include_in_schema = False

    def decode_json(self, data: str | bytes) -> object:
        # Strawberry turns a JSONDecodeError into a 400, and nothing else: its json.loads
        # raises other errors (bytes that are not UTF-8, a 4,301-digit integer, arrays
        # nested thousands deep), and a body of `null` or `1` fails later, all as a 500.
        # msgspec also refuses NaN, Infinity and lone surrogates, which json.loads accepts.
        try:
            request = msgspec.json.decode(data)
        except (msgspec.DecodeError, UnicodeDecodeError, RecursionError) as error:
            raise json.JSONDecodeError(str(error), "", 0) from error
        if not isinstance(request, dict | list):  # a list is a batch, which Strawberry refuses
            raise json.JSONDecodeError("a GraphQL request is a JSON object", "", 0)
        return request


app = Litestar(route_handlers=[GraphQLController])
