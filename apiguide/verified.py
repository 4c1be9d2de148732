"""Which releases the site's examples were last verified with, per Python, and when.

``make test`` and ``make test-pythons`` call ``python -m apiguide.verified record``
after their suite passed, in the environment that ran it: the installed versions of
every distribution and the date go into ``docs/data/verified.json``. Pages show, under
their examples, the versions of the packages those examples install (from this file,
never typed), per Python where they differ.

A record is rewritten only when the lock changed or that Python has none yet, so
running the tests again does not churn the file; a lock change drops the other
Pythons' records, which verified a different lock.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from apiguide import examples
from apiguide.registry import ROOT

RECORD_FILE = ROOT / "docs" / "data" / "verified.json"
LOCK_FILE = ROOT / "uv.lock"


def canonical(name: str) -> str:
    """PEP 503 name: ``Flask_SQLAlchemy`` and ``flask-sqlalchemy`` are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_digest(lock: Path = LOCK_FILE) -> str:
    return hashlib.sha256(lock.read_bytes()).hexdigest()


def installed() -> dict[str, str]:
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if name:
            found[canonical(name)] = dist.version
    return dict(sorted(found.items()))


def load(path: Path = RECORD_FILE) -> dict:
    if not path.is_file():
        return {"lock_sha256": "", "pythons": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def record(
    path: Path = RECORD_FILE,
    lock: Path = LOCK_FILE,
    today: datetime.date | None = None,
    versions: dict[str, str] | None = None,
    python: str | None = None,
) -> bool:
    """Store this interpreter's verification; True when the file changed."""
    python = python or ".".join(map(str, sys.version_info[:3]))
    minor = ".".join(python.split(".")[:2])
    data = load(path)
    digest = lock_digest(lock)
    if data.get("lock_sha256") == digest and minor in data.get("pythons", {}):
        return False
    pythons = data.get("pythons", {}) if data.get("lock_sha256") == digest else {}
    pythons[minor] = {
        "date": (today or datetime.date.today()).isoformat(),
        "python": python,
        "packages": versions if versions is not None else installed(),
    }
    data = {
        "about": "Written by `python -m apiguide.verified record` after a passing suite.",
        "lock_sha256": digest,
        "pythons": dict(sorted(pythons.items(), key=lambda kv: tuple(map(int, kv[0].split("."))))),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    return True


@dataclass(frozen=True)
class Verification:
    pythons: dict[str, dict]

    def versions(self, package: str) -> dict[str, str | None]:
        """Python minor -> the version verified there (None: not installed there)."""
        name = canonical(package)
        return {minor: run["packages"].get(name) for minor, run in self.pythons.items()}


def _span(minors: list[str]) -> str:
    return "Python " + ", ".join(minors)


def describe(packages: list[str], data: dict | None = None) -> str:
    """One Markdown paragraph: the dates, and each package's verified version(s)."""
    data = data if data is not None else load()
    pythons = data.get("pythons", {})
    if not pythons:
        raise ValueError(
            f"{RECORD_FILE.relative_to(ROOT)} has no verification: run `make test` first"
        )
    check = Verification(pythons)
    dates: dict[str, list[str]] = {}
    for minor, run in pythons.items():
        dates.setdefault(run["date"], []).append(minor)
    when = " and ".join(f"{date} ({_span(minors)})" for date, minors in sorted(dates.items()))
    parts = []
    for package in sorted(set(packages), key=canonical):
        by_python = check.versions(package)
        # A package added since the last passing run is shown as such, not guessed: the
        # build must not fail for it, or the run that records it could never pass.
        groups: dict[str, list[str]] = {}
        for minor, v in by_python.items():
            groups.setdefault(v or "not yet verified", []).append(minor)
        if len(groups) == 1:
            parts.append(f"{package} {next(iter(groups))}")
        else:
            each = ", ".join(f"{v} on {_span(minors)}" for v, minors in groups.items())
            parts.append(f"{package} {each}")
    return f"Last verified {when} with {', '.join(parts)}."


def packages_of(names: set[str]) -> list[str]:
    """The packages the named examples install (their requirements.txt)."""
    found: set[str] = set()
    for name in names:
        for requirement in examples.get(name).requirements:
            found.add(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0])
    return sorted(found, key=canonical)


def note(name: str) -> str:
    """The line under an example's install command: what it was last verified with."""
    return f'<p class="verified" markdown>{describe(packages_of({name}))}</p>'


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    if args != ["record"]:
        print("usage: python -m apiguide.verified record", file=sys.stderr)
        return 2
    changed = record()
    where = RECORD_FILE.relative_to(ROOT)
    print(f"{where}: {'recorded' if changed else 'already recorded'} for this Python and lock")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
