"""The two endpoints, the same in every framework: /ws echoes, /ws/room broadcasts.

`connect(path)` (conftest.py) opens a WebSocket to the app and gives a peer that can
send, receive the next text message, and wait for the server to close the socket.
"""

import pytest

from room import TEXT_ONLY, WELCOME

pytestmark = pytest.mark.anyio


async def test_echo_returns_each_message(connect):
    async with connect("/ws") as peer:
        for message in ["hello", "ünïcode ✓", '{"json": "is just text"}']:
            await peer.send(message)
            assert await peer.receive() == message


async def test_a_binary_message_closes_echo_with_1003(connect):
    async with connect("/ws") as peer:
        await peer.send(b"\x00\x01")
        assert await peer.close_code() == TEXT_ONLY[0]


async def test_a_binary_message_closes_the_room_with_1003(connect):
    async with connect("/ws/room") as peer:
        assert await peer.receive() == WELCOME
        await peer.send(b"\x00\x01")
        assert await peer.close_code() == TEXT_ONLY[0]


async def test_a_room_message_reaches_everyone(connect):
    async with connect("/ws/room") as alice, connect("/ws/room") as bob:
        for peer in (alice, bob):
            assert await peer.receive() == WELCOME
        await alice.send("hi from alice")
        assert [await alice.receive(), await bob.receive()] == ["hi from alice"] * 2
        await bob.send("hi from bob")
        assert [await alice.receive(), await bob.receive()] == ["hi from bob"] * 2


async def test_the_room_carries_on_after_a_client_leaves(connect):
    async with connect("/ws/room") as alice:
        assert await alice.receive() == WELCOME
        async with connect("/ws/room") as bob:
            assert await bob.receive() == WELCOME
            await bob.send("bye")
            assert [await alice.receive(), await bob.receive()] == ["bye"] * 2
        # Bob has closed his socket: the room drops him and still serves Alice.
        await alice.send("anyone there?")
        assert await alice.receive() == "anyone there?"
