"""``--workers N``: the same registered server command with N worker processes.

The registry runs every server with one worker (per-core numbers). For
scaling runs on bigger machines each server's own worker option is rewritten;
servers without one (aiohttp's ``python -m aiohttp.web``, Tornado's
``listen()``) refuse, and their cells are recorded as failed with the reason.
"""

from __future__ import annotations

import dataclasses

from apiguide import launcher
from apiguide.registry import Framework

# server key -> (text in the registered command, its replacement with {n} workers)
OPTIONS = {
    "uvicorn": ("--workers 1", "--workers {n}"),
    "gunicorn": ("--workers 1", "--workers {n}"),
    "hypercorn": ("--workers 0", "--workers {n}"),
    "sanic": ("--single-process", "--workers={n}"),
    "robyn": ("--log-level=WARN", "--log-level=WARN --processes {n}"),
}


class WorkersUnsupported(launcher.ServerStartError):
    """The framework's server has no worker-process option."""


def with_workers(framework: Framework, count: int) -> Framework:
    """The framework with its server command set to ``count`` worker processes."""
    if count == 1 or framework.server is None:
        return framework
    option = OPTIONS.get(framework.server.key)
    if option is None or option[0] not in framework.server.cmd:
        raise WorkersUnsupported(
            f"{framework.slug}: {framework.server.name} has no worker-process option "
            "this benchmark knows how to set; measured with --workers 1 only"
        )
    old, new = option
    command = framework.server.cmd.replace(old, new.format(n=count))
    return dataclasses.replace(framework, server=dataclasses.replace(framework.server, cmd=command))


def describe(framework: Framework, count: int) -> str | None:
    """The command a framework runs with ``count`` workers, or None if it cannot."""
    try:
        return with_workers(framework, count).command()
    except WorkersUnsupported:
        return None
