"""The one owner of the SQLite connection, and the migration runner.

Migrations are the files ``bot/store/migrations/NNNN_name.sql``, applied in number order at
start-up. Each is applied in one transaction together with its row in ``schema_migrations``, so
a crash leaves either both or neither.
"""

from __future__ import annotations

import asyncio
import logging
import re
import sqlite3
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import aiosqlite

from bot.errors import StoreError

log = logging.getLogger(__name__)
_MIGRATION_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str
    sql: str

    def statements(self) -> list[str]:
        """Split the script into statements (``executescript`` would commit mid-transaction)."""
        out: list[str] = []
        buf = ""
        for line in self.sql.splitlines(keepends=True):
            buf += line
            if sqlite3.complete_statement(buf):
                if buf.strip():
                    out.append(buf.strip())
                buf = ""
        if buf.strip() and not buf.strip().startswith("--"):
            raise StoreError(f"migration {self.number:04d}: unterminated statement")
        return out


def bundled_migrations() -> list[Migration]:
    found: list[Migration] = []
    for entry in files("bot.store.migrations").iterdir():
        m = _MIGRATION_NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text("utf-8")))
    found.sort(key=lambda mig: mig.number)
    numbers = [mig.number for mig in found]
    if len(set(numbers)) != len(numbers):
        raise StoreError(f"duplicate migration numbers: {numbers}")
    return found


class Database:
    """Owns one aiosqlite connection; writes go through :meth:`transaction`."""

    def __init__(self, conn: aiosqlite.Connection) -> None:
        self._conn = conn
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(
        cls, path: str | Path, migrations: Iterable[Migration] | None = None
    ) -> Database:
        """Open (creating if needed) the database and bring its schema up to date."""
        target = str(path)
        if target != ":memory:":
            Path(target).expanduser().parent.mkdir(parents=True, exist_ok=True)
        try:
            conn = await aiosqlite.connect(target, isolation_level=None)
            conn.row_factory = aiosqlite.Row
            await conn.execute("PRAGMA journal_mode=WAL")
            await conn.execute("PRAGMA foreign_keys=ON")
            await conn.execute("PRAGMA busy_timeout=5000")
            await conn.execute("PRAGMA synchronous=NORMAL")
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot open database {target}: {exc}") from exc
        db = cls(conn)
        await db.migrate(bundled_migrations() if migrations is None else list(migrations))
        return db

    @property
    def conn(self) -> aiosqlite.Connection:
        return self._conn

    async def close(self) -> None:
        await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolls back on any exception."""
        async with self._write_lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                await self._conn.execute("ROLLBACK")
                raise
            else:
                await self._conn.execute("COMMIT")

    # Each aiosqlite call is a hop to its thread and back; these helpers make one hop per read.
    async def fetchone(self, sql: str, params: Iterable[Any] = ()) -> aiosqlite.Row | None:
        rows = await self._conn.execute_fetchall(sql, tuple(params))
        for row in rows:
            return row
        return None

    async def fetchall(self, sql: str, params: Iterable[Any] = ()) -> list[aiosqlite.Row]:
        return list(await self._conn.execute_fetchall(sql, tuple(params)))

    async def write(self, sql: str, params: Iterable[Any] = ()) -> tuple[int, int | None]:
        """Run one writing statement on its own (atomic by itself); returns rowcount, lastrowid.

        It still takes the write lock: on the shared connection, a statement run while another
        coroutine is inside ``transaction()`` would become part of that transaction.
        """
        async with self._write_lock:
            cur = await self._conn.execute(sql, tuple(params))
            result = (cur.rowcount, cur.lastrowid)
            await cur.close()
            return result

    async def applied_migrations(self) -> list[int]:
        rows = await self.fetchall("SELECT number FROM schema_migrations ORDER BY number")
        return [int(r["number"]) for r in rows]

    async def migrate(self, migrations: list[Migration]) -> list[int]:
        """Apply every migration not yet recorded; returns the numbers applied."""
        await self._conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " number INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))"
        )
        done = set(await self.applied_migrations())
        applied: list[int] = []
        for mig in migrations:
            if mig.number in done:
                continue
            try:
                async with self.transaction() as conn:
                    for statement in mig.statements():
                        await conn.execute(statement)
                    await conn.execute(
                        "INSERT INTO schema_migrations (number, name) VALUES (?, ?)",
                        (mig.number, mig.name),
                    )
            except sqlite3.Error as exc:
                raise StoreError(f"migration {mig.number:04d}_{mig.name} failed: {exc}") from exc
            log.info("applied migration %04d_%s", mig.number, mig.name)
            applied.append(mig.number)
        return applied
