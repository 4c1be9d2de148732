import json
import os

import aiosqlite
from tornado.testing import AsyncHTTPTestCase
from world import expected_rows, world_db_path

from app import make_app


class TestContract(AsyncHTTPTestCase):
    def get_app(self):
        # main() opens the connection before building the app; so does the test.
        self.db = self.io_loop.run_sync(lambda: aiosqlite.connect(world_db_path()))
        return make_app(self.db)

    def get_url(self, path: str) -> str:
        # With BASE_URL set, fetch() sends the same requests to a live server instead.
        base_url = os.environ.get("BASE_URL")
        return base_url + path if base_url else super().get_url(path)

    def tearDown(self):
        self.io_loop.run_sync(self.db.close)
        super().tearDown()

    def test_db_row(self):
        response = self.fetch("/db?id=777")
        assert json.loads(response.body) == {"id": 777, "randomNumber": dict(expected_rows())[777]}

    def test_missing_row_is_a_json_404(self):
        response = self.fetch("/db?id=0")
        assert response.code == 404
        assert json.loads(response.body) == {"error": "no row with that id"}

    def test_invalid_item_is_a_json_422(self):
        response = self.fetch(
            "/items",
            method="POST",
            body=json.dumps({"name": "", "price": 1}),
            headers={"Content-Type": "application/json"},
        )
        assert response.code == 422
        assert json.loads(response.body) == {
            "error": "name must be a string of 1 to 100 characters"
        }
