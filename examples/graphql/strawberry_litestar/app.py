"""The Strawberry books schema served by Litestar at /graphql."""

from litestar import Litestar
from strawberry.litestar import make_graphql_controller

from schema import schema


class GraphQLController(make_graphql_controller(schema, path="/graphql")):
    # GraphQL describes itself (introspection, GraphiQL); left in the OpenAPI schema,
    # GET /graphql would be declared JSON while it serves GraphiQL (HTML) or a text 404.
    include_in_schema = False


app = Litestar(route_handlers=[GraphQLController])
