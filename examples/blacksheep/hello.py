"""The article's BlackSheep sample, on today's BlackSheep."""

# --8<-- [start:app]
from datetime import UTC, datetime

from blacksheep import Application, Response, get, text

app = Application()


@get("/")
async def home() -> Response:
    return text(f"Hello, World! {datetime.now(UTC).isoformat()}")


# --8<-- [end:app]
