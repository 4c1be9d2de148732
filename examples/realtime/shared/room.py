"""A broadcast room: the connections of one process that hear every message sent to it."""

import asyncio
from collections.abc import Awaitable, Callable

Send = Callable[[str], Awaitable[object]]
WELCOME = "joined"  # sent to a client once it is in the room and will hear broadcasts
TEXT_ONLY = (1003, "text messages only")  # close code "unsupported data", and why


class Room:
    """Members are their `send` functions. Lives in one process: see "Across processes"."""

    def __init__(self) -> None:
        self._members: set[Send] = set()

    def join(self, send: Send) -> None:
        self._members.add(send)

    def leave(self, send: Send) -> None:
        self._members.discard(send)

    async def broadcast(self, message: str) -> None:
        # Sent concurrently, and a member that has just gone away (its send fails)
        # must not stop the message reaching everyone else.
        await asyncio.gather(
            *(send(message) for send in list(self._members)), return_exceptions=True
        )
