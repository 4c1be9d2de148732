"""The article's Tortoise ORM + FastAPI sample, rebuilt to run under a real server.

``DATABASE_URL`` chooses the database (any Tortoise URL); by default it is
``users.sqlite3`` beside this file, created with its table on first start.
"""

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path as FilePath
from typing import Annotated

from fastapi import FastAPI, HTTPException, Path, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from tortoise.contrib.fastapi import RegisterTortoise
from tortoise.exceptions import IntegrityError

from models import User

DEFAULT_DATABASE = FilePath(__file__).with_name("users.sqlite3")
SQLITE_MAX_INT = 2**63 - 1  # larger ids would overflow the driver instead of missing


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    async with RegisterTortoise(
        app,
        db_url=os.environ.get("DATABASE_URL", f"sqlite://{DEFAULT_DATABASE}"),
        modules={"models": ["models"]},
        # CREATE TABLE IF NOT EXISTS at startup: fine for a demo; use migrations in production.
        generate_schemas=True,
    ):
        yield


app = FastAPI(lifespan=lifespan)


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own 422 repeats each bad value, and some cannot be written back as JSON
    # (NaN, Infinity, a lone surrogate "\ud800"): that answer would itself fail as a 500.
    # So the errors say where and why, without the value.
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    body = jsonable_encoder({"detail": errors})
    return JSONResponse(body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


class NewUser(BaseModel):
    username: str = Field(min_length=1, max_length=50)


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    username: str


@app.get("/users/{user_id}")
async def get_user(user_id: Annotated[int, Path(ge=1, le=SQLITE_MAX_INT)]) -> UserOut:
    user = await User.get_or_none(id=user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no user with id {user_id}")
    return UserOut.model_validate(user)


@app.post("/users", status_code=status.HTTP_201_CREATED)
async def create_user(new_user: NewUser) -> UserOut:
    try:
        user = await User.create(username=new_user.username)
    except IntegrityError:  # the UNIQUE constraint decides, so two racing requests cannot both win
        raise HTTPException(
            status.HTTP_409_CONFLICT, f"username {new_user.username!r} is taken"
        ) from None
    return UserOut.model_validate(user)
