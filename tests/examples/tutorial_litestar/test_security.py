"""The parts of the service that are plain functions, and the Dockerfile."""

import re
from importlib import metadata
from pathlib import Path

import pytest

from examples.tutorial_litestar import security

DOCKERFILE = Path("examples/tutorial_litestar/Dockerfile")


def test_passwords_are_salted_and_verified():
    first, second = security.hash_password("wonderland"), security.hash_password("wonderland")
    assert first != second  # a fresh salt each time
    assert security.verify_password("wonderland", first)
    assert not security.verify_password("Wonderland", first)


@pytest.mark.parametrize("environ", [{}, {"BOOKSHELF_SECRET": "too-short"}])
def test_no_app_without_a_real_secret(environ):
    with pytest.raises(RuntimeError, match="BOOKSHELF_SECRET"):
        security.require_secret(environ)


def test_a_long_secret_is_used():
    assert security.require_secret({"BOOKSHELF_SECRET": "k" * 32}) == "k" * 32


def test_demo_users_come_from_the_environment():
    assert security.demo_users({}) == {"alice": "wonderland", "bob": "builder"}
    assert security.demo_users({"BOOKSHELF_USERS": "carol:pa:ss"}) == {"carol": "pa:ss"}


def test_the_dockerfile_serves_step5_with_the_tested_versions():
    """Docker cannot run where this site is built: check what the file says instead."""
    text = DOCKERFILE.read_text()
    instructions = [line.split()[0] for line in text.splitlines() if re.match(r"[A-Z]+ ", line)]
    assert instructions[0] == "FROM" and "USER" in instructions and "CMD" in instructions
    pins = dict(re.findall(r'"([a-z-]+)(?:\[\w+\])?==([\d.]+)"', text))
    assert pins == {name: metadata.version(name) for name in pins}
    assert set(pins) >= {"litestar", "advanced-alchemy", "sqlalchemy", "aiosqlite", "pyjwt"}
    assert '"examples.tutorial_litestar.step5_auth:app"' in text
    for source in re.findall(r"^COPY (\S+)", text, re.MULTILINE):
        assert Path(source).exists()
