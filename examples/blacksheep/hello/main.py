"""The article's BlackSheep sample, on today's BlackSheep."""

from datetime import UTC, datetime

from blacksheep import Application, Response, get, text

app = Application()


@get("/")
async def home() -> Response:
    return text(f"Hello, World! {datetime.now(UTC).isoformat()}")
