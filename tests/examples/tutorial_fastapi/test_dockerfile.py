"""Docker cannot run where this site is built, so the Dockerfile is checked by reading it:
the instructions it must have, pins equal to the versions the tests ran, the right app."""

import re
import shlex
from importlib.metadata import version

from apiguide import registry

SLUG = "tutorial-fastapi"
DOCKERFILE = registry.ROOT / "examples/tutorial_fastapi/step5/Dockerfile"


def instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = re.sub(r"\\\n", " ", DOCKERFILE.read_text(encoding="utf-8"))
    lines = [line.strip() for line in text.splitlines()]
    return [
        (keyword.upper(), rest.strip())
        for keyword, _, rest in (line.partition(" ") for line in lines)
        if keyword and not keyword.startswith("#")
    ]


def arguments(keyword: str) -> list[str]:
    return [rest for name, rest in instructions() if name == keyword]


def test_pins_match_the_versions_tested():
    pip_install = next(run for run in arguments("RUN") if run.startswith("pip install"))
    pins = dict(re.findall(r'"([\w-]+)(?:\[\w+\])?==([\w.]+)"', pip_install))
    assert pins == {
        name: version(name)
        for name in ("fastapi", "uvicorn", "sqlalchemy", "aiosqlite", "pyjwt", "python-multipart")
    }


def test_runs_the_registered_service_as_a_non_root_user():
    assert arguments("FROM") == ["python:3.11-slim"]
    assert arguments("USER") == ["bookshelf"]
    command = shlex.split(arguments("CMD")[0].strip("[]").replace(",", " "))
    assert command[:2] == ["uvicorn", registry.get(SLUG).location("service")[1]]
    assert command[command.index("--port") + 1] in arguments("EXPOSE")


def test_copies_only_the_service_and_keeps_data_in_a_volume():
    (copy,) = arguments("COPY")
    *sources, destination = copy.split()
    assert destination == "./"
    assert sorted(sources) == ["database.py", "main.py", "models.py", "security.py"]
    assert all((DOCKERFILE.parent / source).is_file() for source in sources)
    assert arguments("VOLUME") == ["/data"]
    assert "DATABASE_URL=sqlite+aiosqlite:////data/bookshelf.sqlite3" in arguments("ENV")[0]


def test_local_databases_stay_out_of_the_image():
    ignored = DOCKERFILE.with_name("Dockerfile.dockerignore").read_text(encoding="utf-8")
    assert "*.sqlite3*" in ignored.splitlines()
