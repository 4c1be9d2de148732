"""The checks every WebSocket example must pass, written once for any client.

A test module supplies `connect(path)`: an async context manager yielding a Peer,
backed by the framework's own test client or by the `websockets` client over the
network. Every wait is bounded by TIMEOUT, so a broken server fails a test instead
of hanging it.
"""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Protocol

import pytest
from websockets.asyncio.client import connect as websockets_connect
from websockets.exceptions import ConnectionClosed

from examples.realtime.room import TEXT_ONLY, WELCOME

TIMEOUT = 5.0


class Peer(Protocol):
    async def send(self, message: str | bytes) -> None: ...

    async def receive(self) -> str:
        """The next text message."""
        ...

    async def close_code(self) -> int:
        """Wait for the server to close the socket; its close code."""
        ...


Connect = Callable[[str], AbstractAsyncContextManager[Peer]]


# --8<-- [start:network]
class NetworkPeer:
    """A real WebSocket client (the `websockets` library) talking to a real server."""

    def __init__(self, socket) -> None:
        self.socket = socket

    async def send(self, message: str | bytes) -> None:
        await self.socket.send(message)

    async def receive(self) -> str:
        return await asyncio.wait_for(self.socket.recv(), TIMEOUT)

    async def close_code(self) -> int:
        with pytest.raises(ConnectionClosed) as closed:
            await asyncio.wait_for(self.socket.recv(), TIMEOUT)
        return closed.value.rcvd.code


def over_the_network(base_url: str) -> Connect:
    """connect(path) for a server started by the launcher at http://host:port."""

    @asynccontextmanager
    async def connect(path: str) -> AsyncIterator[Peer]:
        url = base_url.replace("http://", "ws://") + path
        async with websockets_connect(url, open_timeout=TIMEOUT, close_timeout=TIMEOUT) as socket:
            yield NetworkPeer(socket)

    return connect


# --8<-- [end:network]


# --8<-- [start:scenarios]
async def echo_returns_each_message(connect: Connect) -> None:
    async with connect("/ws") as peer:
        for message in ["hello", "ünïcode ✓", '{"json": "is just text"}']:
            await peer.send(message)
            assert await peer.receive() == message


async def binary_message_closes_echo_with_1003(connect: Connect) -> None:
    async with connect("/ws") as peer:
        await peer.send(b"\x00\x01")
        assert await peer.close_code() == TEXT_ONLY[0]


async def binary_message_closes_room_with_1003(connect: Connect) -> None:
    async with connect("/ws/room") as peer:
        assert await peer.receive() == WELCOME
        await peer.send(b"\x00\x01")
        assert await peer.close_code() == TEXT_ONLY[0]


async def room_message_reaches_everyone(connect: Connect) -> None:
    async with connect("/ws/room") as alice, connect("/ws/room") as bob:
        for peer in (alice, bob):
            assert await peer.receive() == WELCOME
        await alice.send("hi from alice")
        assert [await alice.receive(), await bob.receive()] == ["hi from alice"] * 2
        await bob.send("hi from bob")
        assert [await alice.receive(), await bob.receive()] == ["hi from bob"] * 2


async def room_carries_on_after_a_client_leaves(connect: Connect) -> None:
    async with connect("/ws/room") as alice:
        assert await alice.receive() == WELCOME
        async with connect("/ws/room") as bob:
            assert await bob.receive() == WELCOME
            await bob.send("bye")
            assert [await alice.receive(), await bob.receive()] == ["bye"] * 2
        # Bob has closed his socket: the room drops him and still serves Alice.
        await alice.send("anyone there?")
        assert await alice.receive() == "anyone there?"


SCENARIOS = [
    echo_returns_each_message,
    binary_message_closes_echo_with_1003,
    binary_message_closes_room_with_1003,
    room_message_reaches_everyone,
    room_carries_on_after_a_client_leaves,
]
# --8<-- [end:scenarios]
