"""The Strawberry books schema served by FastAPI at /graphql."""

# --8<-- [start:app]
from fastapi import FastAPI
from strawberry.fastapi import GraphQLRouter

from examples.graphql.strawberry_schema import schema

app = FastAPI()
app.include_router(GraphQLRouter(schema), prefix="/graphql")
# --8<-- [end:app]
