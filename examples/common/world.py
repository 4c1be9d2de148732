"""The `world` table every contract implementation reads for `GET /db?id=N`.

10,000 rows of (id, randomNumber), the same rows on every machine: the numbers
come from a seeded generator, so a response can be checked, not just trusted.
"""

import os
import random
import sqlite3
from pathlib import Path

ROWS = 10_000
SEED = 2026
DEFAULT_PATH = Path(__file__).with_name("world.sqlite3")


def world_db_path() -> Path:
    """`WORLD_DB` overrides where the database lives; it is created on first use."""
    path = Path(os.environ.get("WORLD_DB", DEFAULT_PATH))
    if not path.exists():
        create_world_db(path)
    return path


def expected_rows() -> list[tuple[int, int]]:
    rng = random.Random(SEED)
    return [(row_id, rng.randint(1, 10_000)) for row_id in range(1, ROWS + 1)]


def create_world_db(path: Path) -> None:
    # Build in a temporary file and rename: concurrent starters never see half a table.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with sqlite3.connect(tmp) as conn:
        conn.execute("CREATE TABLE world (id INTEGER PRIMARY KEY, randomNumber INTEGER NOT NULL)")
        conn.executemany("INSERT INTO world VALUES (?, ?)", expected_rows())
    conn.close()
    os.replace(tmp, path)


def storable(row_id: int | None) -> bool:
    """SQLite integers are 64-bit: an id outside that range can never be found
    (and the sqlite3 driver would raise OverflowError instead of answering)."""
    return row_id is not None and -(2**63) <= row_id < 2**63
