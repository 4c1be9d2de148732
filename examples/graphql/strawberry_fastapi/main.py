"""The Strawberry books schema served by FastAPI at /graphql."""

from json import JSONDecodeError

from fastapi import FastAPI
from pydantic_core import from_json
from strawberry.fastapi import GraphQLRouter

from schema import schema


class StrictJSONRouter(GraphQLRouter):
    def decode_json(self, data: str | bytes) -> object:
        # Strawberry answers a 400 only for JSONDecodeError; json.loads raises others (a
        # 4,301-digit number, invalid UTF-8, arrays nested 10,000 deep: 500s) and lets a
        # lone surrogate ("\ud800") into the library. Pydantic's parser refuses them all.
        try:
            body = from_json(data, allow_inf_nan=False)
        except ValueError as error:
            raise JSONDecodeError(str(error), "", 0) from None
        if not isinstance(body, dict | list):  # null is no request (a list is a batch)
            raise JSONDecodeError("a GraphQL request is a JSON object", "", 0)
        return body


app = FastAPI()
# GraphQL describes itself (introspection, GraphiQL); left in the OpenAPI schema,
# GET /graphql would be declared JSON while it serves the GraphiQL page (HTML).
app.include_router(StrictJSONRouter(schema, include_in_schema=False), prefix="/graphql")
