"""Checks of the finished service that a reader's copy does not need: start-up refusals
(one line, no traceback), demo accounts only when asked for, data that survives a
restart, and the walkthrough's printed output against the real server."""

import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from apiguide import examples, launcher, registry

SLUG = "tutorial-fastapi"
STEP5 = examples.get("tutorial_fastapi/step5")
SERVICE_ENV = registry.get(SLUG).env
security = examples.import_module(STEP5.name, "security")


@pytest.fixture
def service_env(monkeypatch) -> pytest.MonkeyPatch:
    for name, value in SERVICE_ENV.items():
        monkeypatch.setenv(name, value)
    return monkeypatch


def serve(env: dict[str, str]) -> subprocess.CompletedProcess:
    """The reader's server on the step 5 folder; it must stop by itself."""
    return subprocess.run(
        [sys.executable, "-m", "uvicorn", "main:app", "--port", "0"],
        cwd=STEP5.folder,
        env=launcher.environment(env, python_path=STEP5.python_path()),
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "changes, named",
    [
        ({"BOOKSHELF_SECRET": ""}, "BOOKSHELF_SECRET"),
        ({"BOOKSHELF_SECRET": "too-short-to-sign-anything"}, "BOOKSHELF_SECRET"),
        ({"BOOKSHELF_USERS": "alice:wonderland,bob"}, "BOOKSHELF_USERS: 'bob'"),
    ],
    ids=["no secret", "short secret", "malformed users"],
)
def test_a_bad_setting_stops_the_server_with_one_line(changes, named):
    done = serve({**SERVICE_ENV, **changes})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(named)


def test_users_are_created_only_when_listed():
    assert security.users_to_create({}) == {}
    assert security.users_to_create({"BOOKSHELF_USERS": ""}) == {}
    assert security.users_to_create({"BOOKSHELF_USERS": "carol:pa:ss, dan:x"}) == {
        "carol": "pa:ss",
        "dan": "x",
    }


def test_without_users_nobody_can_log_in(service_env):
    service_env.delenv("BOOKSHELF_USERS")
    main = examples.import_module(STEP5.name, "main")
    with TestClient(main.app) as client:
        response = client.post("/token", data={"username": "alice", "password": "wonderland"})
        assert response.status_code == 401


def test_books_and_users_survive_a_restart(service_env, tmp_path):
    service_env.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'shelf.sqlite3'}")
    service_env.setenv("BOOKSHELF_USERS", "carol:a-longer-demo-password")
    main = examples.import_module(STEP5.name, "main")
    form = {"username": "carol", "password": "a-longer-demo-password"}
    with TestClient(main.app) as client:
        token = client.post("/token", data=form).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        book = client.post(
            "/books", json={"title": "Emma", "author": "Jane Austen", "year": 1815}, headers=headers
        ).json()
    with TestClient(main.app) as client:  # carol exists already: she is not added twice
        assert client.get(f"/books/{book['id']}").json() == book
        assert client.post("/token", data=form).status_code == 200


def test_walkthrough_prints_what_its_comments_say(check_prints, live_server, monkeypatch):
    monkeypatch.setenv("BOOKSHELF_URL", live_server(SLUG, "service").url)
    check_prints(examples.import_module(STEP5.name, "walkthrough"))
