import sqlite3

from examples.common import world


def test_world_db_is_created_once_with_deterministic_rows(tmp_path, monkeypatch):
    path = tmp_path / "world.sqlite3"
    monkeypatch.setenv("WORLD_DB", str(path))
    assert world.world_db_path() == path
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT id, randomNumber FROM world ORDER BY id").fetchall()
    assert rows == world.expected_rows()
    assert len(rows) == 10_000 and all(1 <= n <= 10_000 for _, n in rows)
    mtime = path.stat().st_mtime_ns
    assert world.world_db_path() == path and path.stat().st_mtime_ns == mtime
