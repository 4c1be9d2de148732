"""Checks of the Flask contract app that only the repository needs (in-process)."""

import sqlite3

import pytest

from apiguide.examples import import_module

contract = import_module("flask/contract", "app")


def test_contract_db_connection_lasts_one_request():
    """The contract's per-request connection on `g`, checked in-process."""
    with contract.app.app_context():
        db = contract.get_db()
        assert contract.get_db() is db  # one connection for the whole request
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):  # teardown closed it
        db.execute("SELECT 1")
