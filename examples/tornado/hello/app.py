"""A small Tornado app: a root route and an item route, on Tornado's own server."""

import asyncio
from typing import Any

from tornado.options import define, options, parse_command_line
from tornado.web import Application, HTTPError, RequestHandler

define("host", default="127.0.0.1", help="address to listen on")
define("port", default=8000, type=int, help="port to listen on")


class JsonHandler(RequestHandler):
    """A handler whose errors are JSON too (Tornado's default error page is HTML)."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        error = kwargs["exc_info"][1]
        # The message we raised with, or the reason phrase ("Method Not Allowed").
        self.finish({"error": getattr(error, "log_message", None) or self._reason})


class RootHandler(JsonHandler):
    def get(self) -> None:
        self.write({"Hello": "World"})  # a dict is written as JSON


class ItemHandler(JsonHandler):
    def get(self, item_id: str) -> None:
        # ASCII digits only (int() also takes other scripts' digits), as many as int() converts.
        if not (item_id.isascii() and item_id.isdecimal()) or len(item_id) > 4300:
            raise HTTPError(400, "item_id must be an integer")
        self.write({"item_id": int(item_id), "q": self.get_query_argument("q", None)})


def make_app() -> Application:
    return Application([(r"/", RootHandler), (r"/items/([^/]+)", ItemHandler)])


async def main() -> None:
    parse_command_line()  # --host and --port, defined above
    make_app().listen(options.port, options.host)
    await asyncio.Event().wait()  # serve until the process is stopped


if __name__ == "__main__":
    asyncio.run(main())
