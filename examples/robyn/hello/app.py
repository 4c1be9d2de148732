"""The article's Robyn sample, on today's Robyn."""

from robyn import Robyn

app = Robyn(__file__)


@app.get("/")
async def hello_world() -> str:
    return "Hello, World!"


if __name__ == "__main__":
    app.start(host="127.0.0.1", port=8000)
