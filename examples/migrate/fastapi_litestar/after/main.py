"""The task API on Litestar: the FastAPI app, moved."""

import itertools

from litestar import Controller, Litestar, Request, Response, delete, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.exceptions import (
    HTTPException,
    MethodNotAllowedException,
    NotFoundException,
    ValidationException,
)
from litestar.params import FromPath, FromQuery, JSONBody

from models import Task, TaskIn


class TaskStore:
    """Tasks in memory, in the order they were added."""

    def __init__(self) -> None:
        self.tasks: dict[int, Task] = {}
        self.ids = itertools.count(1)

    def find(self, task_id: int) -> Task:
        if task_id not in self.tasks:
            raise NotFoundException(detail=f"no task {task_id}")
        return self.tasks[task_id]

    def save(self, task: Task) -> Task:
        self.tasks[task.id] = task
        return task


store = TaskStore()


def get_store() -> TaskStore:
    return store


Store = NamedDependency[TaskStore]
# `{task_id:str}`, checked as an int by the handler: a path that is no number then fails
# validation (a 422 naming it, as before) instead of matching no route (a 404).
TASK = "/{task_id:str}"


class TaskController(Controller):
    path = "/tasks"
    tags = ["tasks"]
    dependencies = {"store": Provide(get_store, sync_to_thread=False)}

    @get()
    async def list_tasks(self, store: Store, done: FromQuery[bool | None] = None) -> list[Task]:
        return [task for task in store.tasks.values() if done is None or task.done == done]

    @post()  # 201 Created is Litestar's default for POST
    async def create_task(self, data: JSONBody[TaskIn], store: Store) -> Task:
        return store.save(Task(id=next(store.ids), **data.model_dump()))

    @get(TASK)
    async def read_task(self, task_id: FromPath[int], store: Store) -> Task:
        return store.find(task_id)

    @put(TASK)
    async def replace_task(
        self, task_id: FromPath[int], data: JSONBody[TaskIn], store: Store
    ) -> Task:
        store.find(task_id)
        return store.save(Task(id=task_id, **data.model_dump()))

    @delete(TASK)  # 204 No Content is Litestar's default for DELETE
    async def delete_task(self, task_id: FromPath[int], store: Store) -> None:
        del store.tasks[store.find(task_id).id]


def validation_error(request: Request, exc: ValidationException) -> Response:
    """FastAPI's shape, for clients written against it: 422, and where and why per error
    (Litestar does not say which type of error, so there is no `type`)."""
    errors = []
    for error in exc.extra or []:
        # Litestar names the field and where it came from; a body's fields have no source.
        where = [error.get("source", "body"), *([error["key"]] if "key" in error else [])]
        errors.append({"loc": where, "msg": error["message"]})
    return Response({"detail": errors}, status_code=422)


def http_error(request: Request, exc: HTTPException) -> Response:
    """`{"detail": ...}` alone, as FastAPI answered (Litestar adds `status_code`)."""
    return Response({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def undecodable_body(request: Request, exc: RecursionError | UnicodeDecodeError) -> Response:
    # Two ways a body fails to decode that Litestar does not catch itself. The answer has
    # Litestar's shape, as its other 400s (malformed JSON) and its OpenAPI schema do.
    detail = "There was an error parsing the body"
    return Response({"status_code": 400, "detail": detail}, status_code=400)


app = Litestar(
    route_handlers=[TaskController],
    exception_handlers={
        ValidationException: validation_error,
        NotFoundException: http_error,
        MethodNotAllowedException: http_error,
        RecursionError: undecodable_body,
        UnicodeDecodeError: undecodable_body,
    },
)
