"""The "last verified" line under each example's install command comes from recorded data."""

import datetime
import json

from apiguide import verified

DAY = datetime.date(2026, 11, 30)


def test_recording_again_for_the_same_lock_and_python_changes_nothing(tmp_path):
    lock, record = tmp_path / "uv.lock", tmp_path / "verified.json"
    lock.write_text("lock 1")
    assert verified.record(record, lock, DAY, {"fastapi": "1.0"}, "3.11.7")
    later = DAY + datetime.timedelta(days=3)
    assert not verified.record(record, lock, later, {"fastapi": "1.0"}, "3.11.9")
    assert verified.record(record, lock, later, {"fastapi": "1.0"}, "3.12.1")
    data = json.loads(record.read_text())
    assert data["pythons"]["3.11"]["date"] == "2026-11-30"
    assert list(data["pythons"]) == ["3.11", "3.12"]


def test_a_new_lock_drops_the_pythons_that_verified_the_old_one(tmp_path):
    lock, record = tmp_path / "uv.lock", tmp_path / "verified.json"
    lock.write_text("lock 1")
    verified.record(record, lock, DAY, {"fastapi": "1.0"}, "3.11.7")
    verified.record(record, lock, DAY, {"fastapi": "1.0"}, "3.13.0")
    lock.write_text("lock 2")
    assert verified.record(record, lock, DAY, {"fastapi": "2.0"}, "3.11.7")
    data = json.loads(record.read_text())
    assert list(data["pythons"]) == ["3.11"]
    assert data["lock_sha256"] == verified.lock_digest(lock)


def run(minor: str, date: str, **packages: str) -> dict:
    return {"date": date, "python": f"{minor}.0", "packages": packages}


def test_versions_are_shown_per_python_only_where_they_differ():
    data = {
        "pythons": {
            "3.11": run("3.11", "2026-11-30", django="5.2.19", fastapi="0.165.0"),
            "3.12": run("3.12", "2026-11-30", django="6.1.3", fastapi="0.165.0"),
            "3.13": run("3.13", "2026-12-01", django="6.1.3", fastapi="0.165.0"),
        }
    }
    text = verified.describe(["Django", "fastapi"], data)
    assert text == (
        "Last verified 2026-11-30 (Python 3.11, 3.12) and "
        "2026-12-01 (Python 3.13) with Django 5.2.19 on Python 3.11, 6.1.3 on "
        "Python 3.12, 3.13, fastapi 0.165.0."
    )


def test_a_package_not_in_a_verified_environment_says_so():
    data = {
        "pythons": {
            "3.11": run("3.11", "2026-11-30", fastapi="1"),
            "3.12": run("3.12", "2026-11-30", flask="3", fastapi="1"),
        }
    }
    assert verified.describe(["flask"], data).endswith(
        "with flask not yet verified on Python 3.11, 3 on Python 3.12."
    )


def test_the_note_names_what_the_example_installs():
    text = verified.note("fastapi/hello")
    assert text.startswith('<p class="verified" markdown>Last verified ')
    assert "fastapi " in text


def test_the_stored_record_verified_this_python_and_every_example_package():
    """The committed record has a run on this Python, and every package an example
    installs was in it (a lock change is recorded by the next passing `make test`)."""
    data = verified.load()
    minor = "{}.{}".format(*verified.sys.version_info[:2])
    assert minor in data["pythons"]
    names = {e.name for e in verified.examples.all_examples()}
    text = verified.describe(
        verified.packages_of(names), {"pythons": {minor: data["pythons"][minor]}}
    )
    assert "not yet verified" not in text
