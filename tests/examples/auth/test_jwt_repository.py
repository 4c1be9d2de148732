"""What only the repository checks about the JWT example: start-up without a secret,
no demo user by default, and tokens that cross between the two libraries' servers.
(The example's own tests, shown on the page, are examples/auth/jwt/test_main.py.)"""

import subprocess
import sys

import pytest

from apiguide import examples, launcher

EXAMPLE = examples.get("auth/jwt")


def start(module: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Import the app as a server would, in the example's folder, with exactly ``env``."""
    return subprocess.run(
        [sys.executable, "-c", f"import {module}"],
        cwd=EXAMPLE.folder,
        env={**launcher.environment(python_path=EXAMPLE.python_path()), **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("module", ["main", "main_jose"])
@pytest.mark.parametrize("secret", ["", "too-short"])
def test_without_a_real_secret_it_stops_with_one_line(module, secret):
    done = start(module, {"JWT_SECRET": secret})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith("JWT_SECRET must be a random string of 32+ characters")


@pytest.mark.parametrize("switch", [None, "", "0", "yes"])
def test_no_demo_user_unless_switched_on(switch):
    users = examples.import_module("auth/jwt", "users")
    environ = {} if switch is None else {"DEMO_USERS": switch}
    assert users.demo_users(environ) == {}
    assert set(users.demo_users({"DEMO_USERS": "1"})) == {"alice"}


def login(client, username: str = "alice", password: str = "wonderland"):
    return client.post("/token", data={"username": username, "password": password})


def test_tokens_work_across_libraries(live_client):
    """Both apps speak standard JWT: a token from one is accepted by the other."""
    jose, pyjwt_app = live_client("python-jose", "jose"), live_client("python-jose", "pyjwt")
    for issuer, reader in ((jose, pyjwt_app), (pyjwt_app, jose)):
        token = login(issuer).json()["access_token"]
        me = reader.get("/users/me", headers={"Authorization": f"Bearer {token}"})
        assert me.json() == {"username": "alice", "full_name": "Alice Liddell"}
