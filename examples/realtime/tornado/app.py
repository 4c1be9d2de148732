"""WebSocket echo and broadcast room on Tornado's own server: /ws echoes, /ws/room broadcasts."""

import asyncio
from collections.abc import Awaitable, Callable

from tornado.log import define_logging_options
from tornado.options import OptionParser
from tornado.web import Application
from tornado.websocket import WebSocketHandler

from room import TEXT_ONLY, WELCOME, Room

room = Room()


class TextOnlyHandler(WebSocketHandler):
    """Hands text messages to `on_text`; a binary one closes the socket."""

    on_text: Callable[[str], Awaitable[None]]  # each subclass defines it

    async def on_message(self, message: str | bytes) -> None:
        if isinstance(message, bytes):
            self.close(*TEXT_ONLY)
        else:
            await self.on_text(message)


class EchoHandler(TextOnlyHandler):
    async def on_text(self, message: str) -> None:
        await self.write_message(message)


class RoomHandler(TextOnlyHandler):
    async def open(self) -> None:
        room.join(self.send)
        await self.send(WELCOME)

    def on_close(self) -> None:  # Tornado calls this however the connection ended
        room.leave(self.send)

    async def on_text(self, message: str) -> None:
        await room.broadcast(message)

    async def send(self, message: str) -> None:
        await self.write_message(message)


def make_app() -> Application:
    return Application([(r"/ws", EchoHandler), (r"/ws/room", RoomHandler)])


async def serve(host: str, port: int) -> None:
    make_app().listen(port, host)
    await asyncio.Event().wait()  # serve until the process is stopped


def main() -> None:
    # Our own parser: Tornado's global `options` is shared with every module that defines some.
    parser = OptionParser()
    parser.define("host", default="127.0.0.1", help="address to listen on")
    parser.define("port", default=8000, type=int, help="port to listen on")
    define_logging_options(parser)  # --logging=warning, as the launcher passes
    parser.parse_command_line()
    asyncio.run(serve(parser.host, parser.port))


if __name__ == "__main__":
    main()
