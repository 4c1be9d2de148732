"""A metered API: keys per customer, a rate limit per key set by its plan, usage counted per day.

``METERED_DATABASE`` names the SQLite file (default: metered.sqlite3 in the current folder).
"""

import os
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Annotated

import aiosqlite
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, status
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import APIKeyHeader
from pydantic import BaseModel, Field

from plans import FREE, PLANS, Plan
from ratelimit import TokenBucketLimiter
from store import Customer, KeyStore, UsageRow

# What the paying customers came for: a tiny catalogue of API tips.
TIPS = (
    "Version your URLs from day one, so that /v2 can change what /v1 promised.",
    "Return the same JSON error shape from every endpoint.",
    "Publish your rate limits, and say in every 429 how long to wait.",
)


class SignUp(BaseModel):
    customer: str = Field(min_length=1, max_length=100)


class IssuedKey(BaseModel):
    api_key: str
    customer: str
    plan: Plan


class Usage(BaseModel):
    customer: str
    plan: Plan
    usage: list[UsageRow]


class Tip(BaseModel):
    id: int
    text: str


async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # FastAPI's own 422 repeats each bad value, and some cannot be written back as JSON
    # (NaN, Infinity, a lone surrogate "\ud800"): that answer would itself fail as a 500.
    # So the errors say where and why, without the value.
    errors = [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]
    body = jsonable_encoder({"detail": errors})
    return JSONResponse(body, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)


def create_app(database: str, clock: Callable[[], float] = time.time) -> FastAPI:
    """``clock`` returns Unix time; tests pass a fake one to move time without sleeping."""
    limiter = TokenBucketLimiter(clock)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with aiosqlite.connect(database) as db:
            app.state.keys = await KeyStore.open(db)
            yield

    app = FastAPI(
        title="Metered API",
        lifespan=lifespan,
        exception_handlers={RequestValidationError: validation_error},
    )

    def key_store(request: Request) -> KeyStore:
        return request.app.state.keys

    Keys = Annotated[KeyStore, Depends(key_store)]
    # auto_error=False: a missing key gets the same JSON 401 as an unknown one, below.
    api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)

    async def current_customer(
        api_key: Annotated[str | None, Depends(api_key_header)], keys: Keys
    ) -> Customer:
        customer = await keys.find(api_key) if api_key else None
        if customer is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "Missing or unknown API key: send yours in the X-API-Key header",
                headers={"WWW-Authenticate": "APIKey"},
            )
        return customer

    async def limit_and_meter(
        request: Request, customer: Annotated[Customer, Depends(current_customer)], keys: Keys
    ) -> None:
        plan = customer.plan
        retry_after = limiter.take(customer.key_hash, plan.requests_per_minute)
        if retry_after:  # refused calls are neither served nor billed
            raise HTTPException(
                status.HTTP_429_TOO_MANY_REQUESTS,
                f"Rate limit exceeded: the {plan.name} plan allows "
                f"{plan.requests_per_minute} requests per minute",
                headers={"Retry-After": str(retry_after)},
            )
        # The route template, not the raw path: /v1/tips/1 and /v1/tips/2 are one endpoint.
        endpoint = f"{request.method} {request.scope['route'].path}"
        today = datetime.fromtimestamp(clock(), UTC).date()
        await keys.record_call(customer.key_hash, endpoint, today)

    # Every route on this router is a paid call: rate limited, then counted.
    paid = APIRouter(prefix="/v1", dependencies=[Depends(limit_and_meter)])

    @paid.get("/tips")
    async def list_tips() -> list[Tip]:
        return [Tip(id=number, text=text) for number, text in enumerate(TIPS, start=1)]

    @paid.get("/tips/{tip_id}")
    async def read_tip(tip_id: int) -> Tip:
        if not 1 <= tip_id <= len(TIPS):
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"No tip {tip_id}")
        return Tip(id=tip_id, text=TIPS[tip_id - 1])

    app.include_router(paid)

    @app.get("/plans")
    async def list_plans() -> list[Plan]:
        return list(PLANS.values())

    @app.post("/keys", status_code=status.HTTP_201_CREATED)
    async def sign_up(body: SignUp, keys: Keys) -> IssuedKey:
        """Self-service sign-up issues free keys; paid plans are issued once payment clears."""
        api_key = await keys.issue_key(body.customer, FREE)
        return IssuedKey(api_key=api_key, customer=body.customer, plan=FREE)

    @app.get("/usage")
    async def read_usage(
        customer: Annotated[Customer, Depends(current_customer)], keys: Keys
    ) -> Usage:
        # Authenticated but not metered: checking the bill should never run it up.
        usage = await keys.usage(customer.key_hash)
        return Usage(customer=customer.name, plan=customer.plan, usage=usage)

    return app


# A file in production; the site's registry serves a fresh in-memory database instead.
app = create_app(os.environ.get("METERED_DATABASE", "metered.sqlite3"))
