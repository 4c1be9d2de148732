"""Bookshelf: a FastAPI app with one route."""

from fastapi import FastAPI

app = FastAPI(title="Bookshelf")


@app.get("/")
async def welcome() -> dict[str, str]:
    return {"message": "Welcome to the bookshelf"}
