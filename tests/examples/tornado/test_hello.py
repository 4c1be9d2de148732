import json

import pytest
from tornado.testing import AsyncHTTPTestCase

from examples.tornado import hello


# --8<-- [start:in_process]
class TestHello(AsyncHTTPTestCase):
    """Tornado's own harness: each test gets make_app() on a fresh port and IOLoop,
    and `self.fetch()` requests it with Tornado's HTTP client."""

    def get_app(self):
        return hello.make_app()

    def fetch_json(self, path: str, **kwargs) -> tuple[int, object]:
        response = self.fetch(path, **kwargs)
        assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
        assert int(response.headers["Content-Length"]) == len(response.body)
        return response.code, json.loads(response.body)

    def test_root(self):
        assert self.fetch_json("/") == (200, {"Hello": "World"})

    def test_item_with_query(self):
        assert self.fetch_json("/items/5?q=somequery") == (200, {"item_id": 5, "q": "somequery"})

    def test_item_without_query(self):
        assert self.fetch_json("/items/5") == (200, {"item_id": 5, "q": None})

    def test_item_id_must_be_an_integer(self):
        assert self.fetch_json("/items/five") == (400, {"error": "item_id must be an integer"})

    def test_wrong_method_is_a_json_405(self):
        assert self.fetch_json("/", method="DELETE") == (405, {"error": "Method Not Allowed"})


# --8<-- [end:in_process]


# --8<-- [start:real_server]
class TestHelloOnTornadoServer(TestHello):
    """The same tests, sent to the real server that `python -m examples.tornado.hello` runs."""

    @pytest.fixture(autouse=True)
    def real_server(self, live_server):
        self.server_url = live_server("tornado", "hello").url

    def get_url(self, path: str) -> str:
        return self.server_url + path


# --8<-- [end:real_server]
