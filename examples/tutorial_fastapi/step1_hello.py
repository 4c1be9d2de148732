"""Bookshelf tutorial, step 1: a FastAPI app with one route.

Serve it with ``uvicorn examples.tutorial_fastapi.step1_hello:app``.
"""

# --8<-- [start:app]
from fastapi import FastAPI

app = FastAPI(title="Bookshelf")


@app.get("/")
async def welcome() -> dict[str, str]:
    return {"message": "Welcome to the bookshelf"}


# --8<-- [end:app]
