"""What only the repository checks: without DATABASE_URL, the data survives a restart."""

import importlib

from fastapi.testclient import TestClient

from apiguide import examples


def test_default_database_is_a_file_that_survives_restarts(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    database = tmp_path / "users.sqlite3"
    # Tortoise imports `models` by name when the app starts: keep the folder importable.
    with examples.imports_from(examples.get("tortoise/users")):
        main = importlib.import_module("main")
        monkeypatch.setattr(main, "DEFAULT_DATABASE", database)
        with TestClient(main.app) as first_run:
            user = first_run.post("/users", json={"username": "kept"}).json()
        assert database.exists()
        with TestClient(main.app) as second_run:
            assert second_run.get(f"/users/{user['id']}").json() == user
