"""A small task API on FastAPI: where the move to Litestar starts."""

import itertools
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from models import Task, TaskIn


class TaskStore:
    """Tasks in memory, in the order they were added."""

    def __init__(self) -> None:
        self.tasks: dict[int, Task] = {}
        self.ids = itertools.count(1)

    def find(self, task_id: int) -> Task:
        if task_id not in self.tasks:
            raise HTTPException(status_code=404, detail=f"no task {task_id}")
        return self.tasks[task_id]

    def save(self, task: Task) -> Task:
        self.tasks[task.id] = task
        return task


store = TaskStore()


def get_store() -> TaskStore:
    return store


Store = Annotated[TaskStore, Depends(get_store)]
router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("")
async def list_tasks(store: Store, done: bool | None = None) -> list[Task]:
    return [task for task in store.tasks.values() if done is None or task.done == done]


@router.post("", status_code=201)
async def create_task(new: TaskIn, store: Store) -> Task:
    return store.save(Task(id=next(store.ids), **new.model_dump()))


@router.get("/{task_id}")
async def read_task(task_id: int, store: Store) -> Task:
    return store.find(task_id)


@router.put("/{task_id}")
async def replace_task(task_id: int, new: TaskIn, store: Store) -> Task:
    store.find(task_id)
    return store.save(Task(id=task_id, **new.model_dump()))


@router.delete("/{task_id}", status_code=204)
async def delete_task(task_id: int, store: Store) -> None:
    del store.tasks[store.find(task_id).id]


app = FastAPI(title="Tasks")
app.include_router(router)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own answer repeats each rejected value, and some (NaN, Infinity) cannot
    # be written back as JSON: that answer would fail with a 500. Leave the value out.
    errors = [{key: error[key] for key in ("type", "loc", "msg")} for error in exc.errors()]
    return JSONResponse({"detail": errors}, status_code=422)
