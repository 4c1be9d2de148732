"""The registry is the one list of frameworks; the benchmark script prints it."""

import json
import subprocess
import sys

import pytest

from apiguide import registry
from apiguide.registry import ROOT, RegistryError


def test_every_server_framework_can_be_served():
    for fw in registry.server_frameworks():
        assert "{host}" in fw.serve and "{port}" in fw.serve, fw.slug
        assert fw.version, f"{fw.package} is not installed"
        assert fw.server.version, f"{fw.server.package} is not installed"


def test_list_json_prints_the_registry():
    result = subprocess.run(
        [sys.executable, "scripts/run_benchmarks.py", "--list", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    listed = {entry["slug"]: entry for entry in json.loads(result.stdout)}
    assert set(listed) == {fw.slug for fw in registry.load()}
    fastapi = listed["fastapi"]
    assert fastapi["name"] == "FastAPI" and fastapi["kind"] == "asgi"
    assert fastapi["serve"].startswith("uvicorn main:app --host {host}")


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('[[framework]]\nslug="x"\nname="X"\nkind="cgi"\npackage="x"\ndocs="x.md"', "kind"),
        (
            '[[framework]]\nslug="x"\nname="X"\nkind="asgi"\npackage="x"\ndocs="x.md"\n'
            'server="nope"\napp="m:app"',
            "unknown server",
        ),
        ('[[framework]]\nslug="x"\nname="X"\nkind="asgi"\npackage="x"\ndocs="x.md"', "needs"),
        (
            '[[framework]]\nslug="x"\nname="X"\nkind="client"\npackage="x"\ndocs="x.md"\n' * 2,
            "duplicate",
        ),
    ],
)
def test_rejects_an_inconsistent_registry(toml, message):
    with pytest.raises(RegistryError, match=message):
        registry.parse(toml)


def test_unknown_app_names_the_known_ones():
    with pytest.raises(KeyError, match="known: contract, hello"):
        registry.get("fastapi").target("nope")


BASE = '[[framework]]\nslug="x"\nname="X"\nkind="client"\npackage="x"\ndocs="x.md"\n'


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ('baseline = "no"', "baseline"),  # a truthy string is not a boolean
        ("bogus = 1", "bogus"),  # a misspelt key is an error, not ignored
        ("env = { A = 1 }", "env.A"),
        ('apps = "main:app"', "apps"),
    ],
)
def test_a_bad_value_names_the_file_the_slug_and_the_key(extra, key):
    with pytest.raises(RegistryError) as caught:
        registry.parse(BASE + extra, "frameworks.toml")
    assert str(caught.value).startswith(f"frameworks.toml: framework 'x': key {key!r}: ")


def test_a_server_missing_a_key_is_named():
    with pytest.raises(RegistryError, match=r"key 'servers\.u\.why': Field required"):
        registry.parse('[servers.u]\nname="u"\npackage="u"\ncmd="c"\n')
