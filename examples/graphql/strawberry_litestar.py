"""The Strawberry books schema served by Litestar at /graphql."""

# --8<-- [start:app]
from litestar import Litestar
from strawberry.litestar import make_graphql_controller

from examples.graphql.strawberry_schema import schema

GraphQLController = make_graphql_controller(schema, path="/graphql")

app = Litestar(route_handlers=[GraphQLController])
# --8<-- [end:app]
