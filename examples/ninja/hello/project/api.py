"""A small Django Ninja API: typed path and query parameters and a validated POST."""

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Schema, Status

api = NinjaAPI(title="Hello from Django Ninja")


class GreetingIn(Schema):
    name: str = Field(min_length=1, max_length=40)
    excited: bool = False


class Greeting(Schema):
    message: str


@api.get("/")
def read_root(request: HttpRequest) -> dict[str, str]:
    return {"Hello": "World"}


@api.get("/items/{item_id}")
def read_item(
    request: HttpRequest, item_id: int, q: str | None = None
) -> dict[str, int | str | None]:
    return {"item_id": item_id, "q": q}


@api.post("/greetings", response={201: Greeting})
def greet(request: HttpRequest, greeting: GreetingIn) -> Status[Greeting]:
    punctuation = "!" if greeting.excited else "."
    return Status(201, Greeting(message=f"Hello, {greeting.name}{punctuation}"))
