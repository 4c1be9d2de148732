"""The built site, shared by the site tests: built once per test run, served on loopback."""

import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from apiguide import sitecheck


@dataclass(frozen=True)
class SiteBuild:
    site_dir: Path
    returncode: int
    log: str


@pytest.fixture(scope="session")
def site_build(tmp_path_factory) -> SiteBuild:
    """One ``mkdocs build`` for the whole run, xdist workers included.

    The build starts real servers for the "run it" boxes and takes most of a
    minute, so the first worker to get here builds into the run's shared temp
    folder and the others wait on a lock and reuse it.
    """
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the folder every worker's temp dir lives in
    site_dir, result_file = shared / "built-site", shared / "built-site.json"
    with (shared / "built-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result_file.exists():
            done = sitecheck.build(site_dir)
            result_file.write_text(json.dumps([done.returncode, done.stderr]))
    returncode, log = json.loads(result_file.read_text())
    return SiteBuild(site_dir, returncode, log)


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The built site folder. A strict build that stops on a warning still writes
    every page; the strict gate itself is tests/site/test_gates.py's job."""
    if not (site_build.site_dir / "index.html").is_file():
        pytest.fail(f"the site did not build:\n{site_build.log[-3000:]}")
    return site_build.site_dir


@pytest.fixture(scope="session")
def site_prefix() -> str:
    return sitecheck.base_path()


@pytest.fixture(scope="session")
def site_url(built_site, site_prefix) -> Iterator[str]:
    """The built site served on 127.0.0.1 under its deployment path."""
    with sitecheck.serve(built_site, site_prefix) as url:
        yield url
