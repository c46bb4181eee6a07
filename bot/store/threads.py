"""Threads, photo marks, ratings, quotes and deleting: the queries of issue 6.

Every query is scoped to the user it serves; another user's rows behave as missing rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from bot.domain.comparison import SupplierQuote, latest_facts
from bot.domain.models import Message
from bot.domain.quotes import product_key as product_key_of
from bot.domain.scoring import check_rating
from bot.domain.threads import ThreadEntry
from bot.errors import NotFoundError
from bot.store.db import Database
from bot.store.repo import _message


def _quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class ThreadStore:
    """Reads and writes of supplier threads beyond what :class:`Repository` does."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def _own_supplier(self, user_id: int, supplier_id: int) -> None:
        row = await self.db.fetchone(
            "SELECT 1 FROM suppliers WHERE id = ? AND user_id = ?", (supplier_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"supplier {supplier_id}")

    # -- reading a thread ---------------------------------------------------------------------

    async def entries(self, user_id: int, supplier_id: int) -> list[ThreadEntry]:
        """The supplier's messages, oldest first, numbered from 1."""
        rows = await self.db.fetchall(
            "SELECT * FROM messages WHERE user_id = ? AND supplier_id = ? ORDER BY id",
            (user_id, supplier_id),
        )
        return [
            ThreadEntry(i, _message(row), bool(row["real_photo"]))
            for i, row in enumerate(rows, start=1)
        ]

    async def entry(self, user_id: int, message_id: int) -> ThreadEntry:
        """One filed message with its number in its thread."""
        row = await self.db.fetchone(
            "SELECT m.*, (SELECT COUNT(*) FROM messages o WHERE o.user_id = m.user_id"
            " AND o.supplier_id = m.supplier_id AND o.id <= m.id) AS number"
            " FROM messages m WHERE m.id = ? AND m.user_id = ? AND m.supplier_id IS NOT NULL",
            (message_id, user_id),
        )
        if row is None:
            raise NotFoundError(f"message {message_id}")
        return ThreadEntry(int(row["number"]), _message(row), bool(row["real_photo"]))

    # -- photos -------------------------------------------------------------------------------

    async def mark_real_photo(self, user_id: int, message_id: int, real: bool) -> None:
        """Mark (or unmark) a photo as a real photo of the product."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE messages SET real_photo = ? WHERE id = ? AND user_id = ?"
                " AND kind = 'photo'",
                (int(real), message_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"photo {message_id}")

    # -- deleting -----------------------------------------------------------------------------

    async def delete_message(self, user_id: int, message_id: int) -> Message:
        """Delete one message; returns it (its texts are forgotten from the cache too)."""
        row = await self.db.fetchone(
            "SELECT * FROM messages WHERE id = ? AND user_id = ?", (message_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"message {message_id}")
        async with self.db.transaction() as conn:
            await conn.execute(
                "DELETE FROM messages WHERE id = ? AND user_id = ?", (message_id, user_id)
            )
        return _message(row)

    async def _tables_with_supplier(self) -> list[tuple[str, bool]]:
        """(table, has a user_id column) for every table with a supplier_id column."""
        rows = await self.db.fetchall(
            "SELECT m.name AS name, EXISTS (SELECT 1 FROM pragma_table_info(m.name) p"
            " WHERE p.name = 'user_id') AS scoped FROM sqlite_master m"
            " WHERE m.type = 'table' AND m.name != 'suppliers' AND EXISTS"
            " (SELECT 1 FROM pragma_table_info(m.name) p WHERE p.name = 'supplier_id')"
            " ORDER BY m.name"
        )
        return [(str(r["name"]), bool(r["scoped"])) for r in rows]

    async def delete_supplier(self, user_id: int, supplier_id: int) -> list[Message]:
        """Delete a supplier with its messages, ratings, samples, payments and reminders.

        Tables are found by their ``supplier_id`` column rather than listed, so data added by
        later migrations goes too (reminders keep a supplier_id that only goes NULL on delete).
        Returns the deleted messages, so the caller can forget their cached translations.
        """
        await self._own_supplier(user_id, supplier_id)
        rows = await self.db.fetchall(
            "SELECT * FROM messages WHERE user_id = ? AND supplier_id = ? ORDER BY id",
            (user_id, supplier_id),
        )
        tables = await self._tables_with_supplier()
        async with self.db.transaction() as conn:
            for table, scoped in tables:
                where = "supplier_id = ? AND user_id = ?" if scoped else "supplier_id = ?"
                params = (supplier_id, user_id) if scoped else (supplier_id,)
                await conn.execute(f"DELETE FROM {_quote_ident(table)} WHERE {where}", params)
            await conn.execute(
                "UPDATE users SET active_supplier_id = NULL"
                " WHERE user_id = ? AND active_supplier_id = ?",
                (user_id, supplier_id),
            )
            await conn.execute(
                "DELETE FROM suppliers WHERE id = ? AND user_id = ?", (supplier_id, user_id)
            )
        return [_message(r) for r in rows]

    async def leftovers(self, user_id: int, supplier_id: int) -> dict[str, int]:
        """Rows still naming the supplier, per table (empty after a delete); for checks."""
        found: dict[str, int] = {}
        for table, scoped in await self._tables_with_supplier():
            sql = f"SELECT COUNT(*) AS n FROM {_quote_ident(table)} WHERE supplier_id = ?"
            params: tuple[int, ...] = (supplier_id,)
            if scoped:
                sql += " AND user_id = ?"
                params = (supplier_id, user_id)
            row = await self.db.fetchone(sql, params)
            if row is not None and row["n"]:
                found[table] = int(row["n"])
        return found

    # -- ratings ------------------------------------------------------------------------------

    async def ratings(self, user_id: int, supplier_id: int) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT criterion, value FROM supplier_ratings WHERE user_id = ? AND supplier_id = ?",
            (user_id, supplier_id),
        )
        return {str(r["criterion"]): int(r["value"]) for r in rows}

    async def set_rating(self, user_id: int, supplier_id: int, criterion: str, value: int) -> None:
        check_rating(criterion, value)
        await self._own_supplier(user_id, supplier_id)
        async with self.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO supplier_ratings (user_id, supplier_id, criterion, value)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (supplier_id, criterion) DO UPDATE SET"
                " value = excluded.value,"
                " updated_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')",
                (user_id, supplier_id, criterion, value),
            )

    async def sample_rating(self, user_id: int, supplier_id: int) -> int | None:
        """The buyer's latest rating of a sample from this supplier, when samples are kept."""
        has_column = await self.db.fetchone(
            "SELECT 1 FROM sqlite_master m WHERE m.type = 'table' AND m.name = 'samples'"
            " AND EXISTS (SELECT 1 FROM pragma_table_info('samples') p WHERE p.name = 'rating')"
        )
        if has_column is None:
            return None
        row = await self.db.fetchone(
            "SELECT rating FROM samples WHERE user_id = ? AND supplier_id = ?"
            " AND rating IS NOT NULL ORDER BY id DESC LIMIT 1",
            (user_id, supplier_id),
        )
        return None if row is None else int(row["rating"])

    # -- quotes -------------------------------------------------------------------------------

    async def products(self, user_id: int) -> list[str]:
        """Product names of the user's current suppliers, one per normalised name."""
        rows = await self.db.fetchall(
            "SELECT product FROM suppliers WHERE user_id = ? AND archived = 0"
            " AND product IS NOT NULL ORDER BY id",
            (user_id,),
        )
        names: dict[str, str] = {}
        for row in rows:
            key = product_key_of(row["product"])
            if key:
                names.setdefault(key, str(row["product"]))
        return list(names.values())

    async def quotes(self, user_id: int, product_key: str) -> list[SupplierQuote]:
        """Each current supplier of the product, with its latest stated facts and flag count."""
        suppliers = await self.db.fetchall(
            "SELECT id, name, tier, product FROM suppliers WHERE user_id = ? AND archived = 0"
            " AND product IS NOT NULL ORDER BY id",
            (user_id,),
        )
        matching = [s for s in suppliers if product_key_of(s["product"]) == product_key]
        if not product_key or not matching:
            return []
        ids = [int(s["id"]) for s in matching]
        marks = ", ".join("?" for _ in ids)
        rows = await self.db.fetchall(
            "SELECT supplier_id, facts, flags FROM messages WHERE user_id = ?"
            f" AND direction = 'supplier' AND supplier_id IN ({marks}) ORDER BY id",
            (user_id, *ids),
        )
        facts: dict[int, list[dict[str, Any]]] = {i: [] for i in ids}
        codes: dict[int, set[str]] = {i: set() for i in ids}
        for row in rows:
            sid = int(row["supplier_id"])
            facts[sid].append(json.loads(row["facts"]))
            codes[sid].update(
                str(f.get("code"))
                for f in json.loads(row["flags"])
                if f.get("code") != "unanswered"
            )
        return [
            SupplierQuote(
                supplier_id=int(s["id"]),
                name=str(s["name"]),
                tier=s["tier"],
                facts=latest_facts(facts[int(s["id"])]),
                flag_count=len(codes[int(s["id"])]),
            )
            for s in matching
        ]

    async def all_suppliers(self, user_id: int) -> Sequence[int]:
        """Ids of every supplier of the user, archived too, in creation order."""
        rows = await self.db.fetchall(
            "SELECT id FROM suppliers WHERE user_id = ? ORDER BY id", (user_id,)
        )
        return [int(r["id"]) for r in rows]
