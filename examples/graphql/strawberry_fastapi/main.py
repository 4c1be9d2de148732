"""The Strawberry books schema served by FastAPI at /graphql."""

from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from schema import schema

app = FastAPI()
# GraphQL describes itself (introspection, GraphiQL); left in the OpenAPI schema,
# GET /graphql would be declared JSON while it serves the GraphiQL page (HTML).
app.include_router(GraphQLRouter(schema, include_in_schema=False), prefix="/graphql")
