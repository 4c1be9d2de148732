import json
import os

from tornado.testing import AsyncHTTPTestCase

from app import make_app


class TestHello(AsyncHTTPTestCase):
    """Tornado's own harness: each test gets make_app() on a fresh port and IOLoop,
    and `self.fetch()` requests it with Tornado's HTTP client."""

    def get_app(self):
        return make_app()

    def get_url(self, path: str) -> str:
        # With BASE_URL set, fetch() sends the same requests to a live server instead.
        base_url = os.environ.get("BASE_URL")
        return base_url + path if base_url else super().get_url(path)

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
