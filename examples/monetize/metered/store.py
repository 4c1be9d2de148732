"""API keys and usage counts in SQLite. A key is stored only as its SHA-256 hash."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import date

import aiosqlite
from pydantic import BaseModel

from plans import PLANS, Plan

SCHEMA = """
CREATE TABLE IF NOT EXISTS api_keys (
    key_hash TEXT PRIMARY KEY,  -- sha256 of the key, never the key itself
    customer TEXT NOT NULL,
    plan TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS usage (
    key_hash TEXT NOT NULL REFERENCES api_keys (key_hash),
    day TEXT NOT NULL,  -- UTC date, YYYY-MM-DD
    endpoint TEXT NOT NULL,  -- method and route template, e.g. "GET /v1/tips/{tip_id}"
    calls INTEGER NOT NULL,
    PRIMARY KEY (key_hash, day, endpoint)
);
"""
# A recognisable prefix lets people and secret scanners spot a leaked key.
KEY_PREFIX = "demo_"


@dataclass(frozen=True)
class Customer:
    key_hash: str
    name: str
    plan: Plan


class UsageRow(BaseModel):
    day: date
    endpoint: str
    calls: int


def hash_key(api_key: str) -> str:
    # One fast hash is enough here, unlike for passwords: a key is 256 random bits,
    # so there is no dictionary to try against a leaked hash.
    return hashlib.sha256(api_key.encode()).hexdigest()


class KeyStore:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    @classmethod
    async def open(cls, db: aiosqlite.Connection) -> "KeyStore":
        # WAL without a disk flush per commit: a crash may lose the last few counts, not
        # corrupt the file, and a write per paid call stays cheap.
        await db.executescript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;" + SCHEMA)
        return cls(db)

    async def issue_key(self, customer: str, plan: Plan) -> str:
        api_key = KEY_PREFIX + secrets.token_urlsafe(32)
        await self._db.execute(
            "INSERT INTO api_keys (key_hash, customer, plan) VALUES (?, ?, ?)",
            (hash_key(api_key), customer, plan.name),
        )
        await self._db.commit()
        return api_key  # shown to the customer once; from now on only its hash exists

    async def find(self, api_key: str) -> Customer | None:
        query = "SELECT key_hash, customer, plan FROM api_keys WHERE key_hash = ?"
        async with self._db.execute(query, (hash_key(api_key),)) as cursor:
            row = await cursor.fetchone()
        return None if row is None else Customer(row[0], row[1], PLANS[row[2]])

    async def record_call(self, key_hash: str, endpoint: str, day: date) -> None:
        await self._db.execute(
            "INSERT INTO usage (key_hash, day, endpoint, calls) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (key_hash, day, endpoint) DO UPDATE SET calls = calls + 1",
            (key_hash, day.isoformat(), endpoint),
        )
        await self._db.commit()

    async def usage(self, key_hash: str) -> list[UsageRow]:
        query = "SELECT day, endpoint, calls FROM usage WHERE key_hash = ? ORDER BY day, endpoint"
        async with self._db.execute(query, (key_hash,)) as cursor:
            return [
                UsageRow(day=day, endpoint=endpoint, calls=calls)
                async for day, endpoint, calls in cursor
            ]
