"""The article's Litestar UserController, made into a small working user resource."""

from typing import Annotated
from uuid import UUID, uuid4

import msgspec
from litestar import Controller, Litestar, Request, Response, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.dto import DTOConfig, DTOData, MsgspecDTO
from litestar.exceptions import NotFoundException, ValidationException
from litestar.params import FromPath, JSONBody


class User(msgspec.Struct):
    id: UUID
    name: Annotated[str, msgspec.Meta(min_length=1, max_length=100)]
    email: str


class NewUserDTO(MsgspecDTO[User]):
    """What a client sends to create a user: everything but the id, which we assign."""

    config = DTOConfig(exclude={"id"})


class PartialUserDTO(MsgspecDTO[User]):
    """What a client sends to change a user: any subset of the fields."""

    config = DTOConfig(exclude={"id"}, partial=True)


def revalidated(user: User) -> User:
    # Partial DTOs drop min/max length limits, so the merged user is checked again.
    try:
        return msgspec.convert(msgspec.to_builtins(user), User)
    except msgspec.ValidationError as error:
        raise ValidationException(str(error)) from None


class UserStore:
    """In-memory users, created at startup: every app instance starts empty."""

    def __init__(self) -> None:
        self._users: dict[UUID, User] = {}

    def all(self) -> list[User]:
        return list(self._users.values())

    def get(self, user_id: UUID) -> User:
        try:
            return self._users[user_id]
        except KeyError:
            raise NotFoundException(f"no user with id {user_id}") from None

    def save(self, user: User) -> User:
        self._users[user.id] = user
        return user


def create_store(app: Litestar) -> None:
    app.state.users = UserStore()


def provide_users(state: State) -> UserStore:
    return state.users


class UserController(Controller):
    path = "/users"
    dependencies = {"users": Provide(provide_users, sync_to_thread=False)}

    @post(dto=NewUserDTO, return_dto=None)
    async def create_user(
        self, data: JSONBody[DTOData[User]], users: NamedDependency[UserStore]
    ) -> User:
        return users.save(data.create_instance(id=uuid4()))

    @get()
    async def list_users(self, users: NamedDependency[UserStore]) -> list[User]:
        return users.all()

    @get("/{user_id:uuid}")
    async def get_user(self, user_id: FromPath[UUID], users: NamedDependency[UserStore]) -> User:
        return users.get(user_id)

    @patch("/{user_id:uuid}", dto=PartialUserDTO, return_dto=None)
    async def update_user(
        self,
        user_id: FromPath[UUID],
        data: JSONBody[DTOData[User]],
        users: NamedDependency[UserStore],
    ) -> User:
        changed = msgspec.structs.replace(users.get(user_id), **data.as_builtins())
        return users.save(revalidated(changed))


def undecodable_body(request: Request, error: RecursionError | UnicodeDecodeError) -> Response:
    # Litestar answers malformed JSON with a 400, but two decoding errors escape as a 500:
    # bytes that are not UTF-8, and arrays or objects nested too deeply.
    return Response({"status_code": 400, "detail": "the body is not valid JSON"}, status_code=400)


app = Litestar(
    route_handlers=[UserController],
    on_startup=[create_store],
    exception_handlers={RecursionError: undecodable_body, UnicodeDecodeError: undecodable_body},
)
