"""Checks of the finished service that a reader's copy does not need: the plain functions,
start-up refusals (one line, no traceback), accounts only when asked for, and the
Dockerfile (read, since Docker cannot run where this site is built)."""

import re
import subprocess
import sys
from importlib import metadata

import pytest
from litestar.testing import TestClient

from apiguide import examples, launcher, registry

SLUG = "tutorial-litestar"
STEP5 = examples.get("tutorial_litestar/step5")
SERVICE_ENV = registry.get(SLUG).env
DOCKERFILE = STEP5.folder / "Dockerfile"
security = examples.import_module(STEP5.name, "security")


def test_passwords_are_salted_and_verified():
    first, second = security.hash_password("wonderland"), security.hash_password("wonderland")
    assert first != second  # a fresh salt each time
    assert security.verify_password("wonderland", first)
    assert not security.verify_password("Wonderland", first)


def test_a_long_secret_is_used():
    assert security.require_secret({"BOOKSHELF_SECRET": "k" * 32}) == "k" * 32


def test_users_are_created_only_when_listed():
    assert security.users_to_create({}) == {}
    assert security.users_to_create({"BOOKSHELF_USERS": ""}) == {}
    assert security.users_to_create({"BOOKSHELF_USERS": "carol:pa:ss"}) == {"carol": "pa:ss"}


@pytest.mark.parametrize(
    "changes, named",
    [
        ({"BOOKSHELF_SECRET": ""}, "BOOKSHELF_SECRET"),
        ({"BOOKSHELF_SECRET": "too-short"}, "BOOKSHELF_SECRET"),
        ({"BOOKSHELF_USERS": "alice:wonderland,bob"}, "BOOKSHELF_USERS: 'bob'"),
    ],
    ids=["no secret", "short secret", "malformed users"],
)
def test_a_bad_setting_stops_litestar_run_with_one_line(changes, named):
    done = subprocess.run(
        [sys.executable, "-m", "litestar", "run", "--port", "8000"],  # stops before it binds
        cwd=STEP5.folder,
        env=launcher.environment({**SERVICE_ENV, **changes}, python_path=STEP5.python_path()),
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(named)


def test_without_users_nobody_can_log_in(monkeypatch):
    for name, value in SERVICE_ENV.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("BOOKSHELF_USERS", "")
    app = examples.import_module(STEP5.name, "app")
    with TestClient(app.app) as client:
        response = client.post("/token", data={"username": "alice", "password": "wonderland"})
        assert response.status_code == 401


def test_the_dockerfile_serves_step5_with_the_tested_versions():
    text = DOCKERFILE.read_text()
    instructions = [line.split()[0] for line in text.splitlines() if re.match(r"[A-Z]+ ", line)]
    assert instructions[0] == "FROM" and "USER" in instructions and "CMD" in instructions
    pins = dict(re.findall(r'"([a-z-]+)(?:\[\w+\])?==([\d.]+)"', text))
    assert pins == {name: metadata.version(name) for name in pins}
    assert set(pins) >= {"litestar", "advanced-alchemy", "sqlalchemy", "aiosqlite", "pyjwt"}
    assert f'"uvicorn", "{registry.get(SLUG).location("service")[1]}"' in text
    (copy,) = re.findall(r"^COPY (.+)$", text, re.MULTILINE)
    *sources, destination = copy.split()
    assert destination == "./"
    assert sorted(sources) == ["app.py", "models.py", "security.py"]
    assert all((STEP5.folder / source).is_file() for source in sources)
    assert "BOOKSHELF_USERS" not in text  # an image never creates accounts


def test_a_new_shelf_is_empty(monkeypatch):
    """What the testing-tools page's unit tests once checked for both services."""
    for name, value in SERVICE_ENV.items():
        monkeypatch.setenv(name, value)
    app = examples.import_module(STEP5.name, "app")
    with TestClient(app.app) as client:
        assert client.get("/books").json()["items"] == []
