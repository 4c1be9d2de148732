"""The Django examples as the repository's tests see them: six separate projects.

Each Django example (`examples/drf/books`, `examples/drf/contract`,
`examples/ninja/hello`, `examples/ninja/contract`, and the two sides of the
DRF-to-Ninja move in `examples/migrate/drf_ninja`) is a whole project with its
own `project.settings`. Django can be configured only once per process, and
the six share module names, so anything that needs a project's settings runs
in a subprocess, inside the project's folder, as a reader's `manage.py` would.
"""

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

from apiguide import examples, launcher

PROJECTS = (
    "drf/books",
    "drf/contract",
    "ninja/hello",
    "ninja/contract",
    "migrate/drf_ninja/before",
    "migrate/drf_ninja/after",
)
# The projects with models of their own, and migrations for them.
WITH_MIGRATIONS = ("drf/books", "migrate/drf_ninja/before", "migrate/drf_ninja/after")


def run_in_project(name: str, *args: str, env: dict[str, str] | None = None, traced: bool = True):
    """``python *args`` in the project's folder, importing from it (and its shared files);
    ``traced=False`` for a look that runs no example code the coverage gate counts."""
    example = examples.get(name)
    return subprocess.run(
        [sys.executable, *args],
        cwd=example.folder,
        env=launcher.environment(env, python_path=example.python_path(), traced=traced),
        capture_output=True,
        text=True,
        timeout=120,
    )


# Prints the path of every Django Ninja schema view in the project's URLconf.
_FIND_SCHEMAS = """
import json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
import django
django.setup()
from django.urls import get_resolver

found = []

def walk(patterns, prefix):
    for pattern in patterns:
        if hasattr(pattern, "url_patterns"):  # an include(): look inside
            walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif pattern.name == "openapi-json":  # the name Ninja gives its schema view
            found.append("/" + prefix + str(pattern.pattern))

walk(get_resolver().url_patterns, "")
print(json.dumps(found))
"""


@cache
def schema_paths(folder: str) -> tuple[str, ...]:
    """Where a Django project serves OpenAPI documents (``folder``: ``examples/ninja/hello``)."""
    name = Path(folder).relative_to("examples").as_posix()
    # At collection, in every worker: untraced (Django's set-up under the tracer is slow).
    done = run_in_project(name, "-c", _FIND_SCHEMAS, traced=False)
    if done.returncode:
        raise RuntimeError(f"{folder}: listing its schemas failed:\n{done.stderr[-2000:]}")
    return tuple(json.loads(done.stdout.splitlines()[-1]))
