"""Repository: every query the bot makes, each scoped to the user it serves.

Rows that belong to another user are treated exactly like rows that do not exist, so a forged
id in callback data learns nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import aiosqlite

from bot.domain.models import Message, Supplier, User
from bot.domain.quotes import product_key as product_key_of
from bot.errors import NotFoundError
from bot.store.db import Database


def _user(row: aiosqlite.Row) -> User:
    return User(
        user_id=row["user_id"],
        first_name=row["first_name"],
        language=row["language"],
        timezone=row["timezone"],
        active_supplier_id=row["active_supplier_id"],
    )


def _supplier(row: aiosqlite.Row) -> Supplier:
    return Supplier(
        id=row["id"],
        user_id=row["user_id"],
        name=row["name"],
        shop_url=row["shop_url"],
        product=row["product"],
        tier=row["tier"],
        member_years=row["member_years"],
        archived=bool(row["archived"]),
    )


def _message(row: aiosqlite.Row) -> Message:
    return Message(
        id=row["id"],
        user_id=row["user_id"],
        supplier_id=row["supplier_id"],
        direction=row["direction"],
        kind=row["kind"],
        text=row["text"],
        created_at=row["created_at"],
        translation=row["translation"],
        asked=tuple(json.loads(row["asked"])),
        flags=tuple(json.loads(row["flags"])),
        facts=json.loads(row["facts"]),
        file_id=row["file_id"],
        update_id=row["update_id"],
    )


class Repository:
    """All reads and writes of user data."""

    def __init__(self, db: Database) -> None:
        self.db = db
        # Users whose row exists; rows are never deleted, so this only saves a write per message.
        self._known_users: set[int] = set()

    # -- access -------------------------------------------------------------------------------

    async def access_role(self, user_id: int) -> str | None:
        row = await self.db.fetchone("SELECT role FROM access WHERE user_id = ?", (user_id,))
        return None if row is None else str(row["role"])

    async def stored_owner(self) -> int | None:
        row = await self.db.fetchone("SELECT user_id FROM access WHERE role = 'owner' LIMIT 1")
        return None if row is None else int(row["user_id"])

    async def claim_ownership(self, user_id: int) -> bool:
        """Make ``user_id`` the owner if nobody is; True when they became it."""
        async with self.db.transaction() as conn:
            cur = await conn.execute("SELECT 1 FROM access WHERE role = 'owner' LIMIT 1")
            if await cur.fetchone() is not None:
                return False
            await conn.execute(
                "INSERT OR REPLACE INTO access (user_id, role, added_by) VALUES (?, 'owner', ?)",
                (user_id, user_id),
            )
            return True

    async def allow(self, user_id: int, added_by: int) -> bool:
        """Grant access; False when the user already had it."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT OR IGNORE INTO access (user_id, role, added_by) VALUES (?, 'user', ?)",
                (user_id, added_by),
            )
            return cur.rowcount > 0

    async def revoke(self, user_id: int) -> bool:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "DELETE FROM access WHERE user_id = ? AND role = 'user'", (user_id,)
            )
            return cur.rowcount > 0

    async def allowed_ids(self) -> list[int]:
        rows = await self.db.fetchall("SELECT user_id FROM access ORDER BY created_at, user_id")
        return [int(r["user_id"]) for r in rows]

    # -- users --------------------------------------------------------------------------------

    async def get_user(self, user_id: int) -> User | None:
        row = await self.db.fetchone("SELECT * FROM users WHERE user_id = ?", (user_id,))
        return None if row is None else _user(row)

    async def ensure_user(self, user_id: int, first_name: str, language: str) -> None:
        """Create the user row on first contact; an existing row keeps its settings."""
        if user_id in self._known_users:
            return
        await self.db.write(
            "INSERT OR IGNORE INTO users (user_id, first_name, language) VALUES (?, ?, ?)",
            (user_id, first_name, language),
        )
        self._known_users.add(user_id)

    async def set_language(self, user_id: int, language: str) -> None:
        await self.db.write("UPDATE users SET language = ? WHERE user_id = ?", (language, user_id))

    async def set_timezone(self, user_id: int, timezone: str) -> None:
        await self.db.write("UPDATE users SET timezone = ? WHERE user_id = ?", (timezone, user_id))

    async def set_active_supplier(self, user_id: int, supplier_id: int | None) -> None:
        if supplier_id is not None:
            await self.get_supplier(user_id, supplier_id)  # raises when not theirs
        await self.db.write(
            "UPDATE users SET active_supplier_id = ? WHERE user_id = ?",
            (supplier_id, user_id),
        )

    async def active_supplier(self, user_id: int) -> Supplier | None:
        row = await self.db.fetchone(
            "SELECT s.* FROM users u JOIN suppliers s"
            " ON s.id = u.active_supplier_id AND s.user_id = u.user_id"
            " WHERE u.user_id = ? AND s.archived = 0",
            (user_id,),
        )
        return None if row is None else _supplier(row)

    # -- suppliers ----------------------------------------------------------------------------

    async def create_supplier(
        self, user_id: int, name: str, shop_url: str | None = None, product: str | None = None
    ) -> Supplier:
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO suppliers (user_id, name, shop_url, product) VALUES (?, ?, ?, ?)",
                (user_id, name, shop_url, product),
            )
            supplier_id = cur.lastrowid
            await conn.execute(
                "UPDATE users SET active_supplier_id = ? WHERE user_id = ?",
                (supplier_id, user_id),
            )
        assert supplier_id is not None
        return await self.get_supplier(user_id, supplier_id)

    async def get_supplier(self, user_id: int, supplier_id: int) -> Supplier:
        row = await self.db.fetchone(
            "SELECT * FROM suppliers WHERE id = ? AND user_id = ?", (supplier_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"supplier {supplier_id}")
        return _supplier(row)

    async def list_suppliers(self, user_id: int, *, archived: bool = False) -> list[Supplier]:
        rows = await self.db.fetchall(
            "SELECT * FROM suppliers WHERE user_id = ? AND archived = ? ORDER BY id",
            (user_id, int(archived)),
        )
        return [_supplier(r) for r in rows]

    async def update_supplier(self, user_id: int, supplier_id: int, **fields: Any) -> Supplier:
        allowed = {"name", "shop_url", "product", "tier", "member_years", "archived"}
        unknown = set(fields) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        await self.get_supplier(user_id, supplier_id)
        if fields:
            assignments = ", ".join(f"{name} = ?" for name in fields)
            async with self.db.transaction() as conn:
                await conn.execute(
                    f"UPDATE suppliers SET {assignments} WHERE id = ? AND user_id = ?",
                    (*fields.values(), supplier_id, user_id),
                )
        return await self.get_supplier(user_id, supplier_id)

    # -- messages -----------------------------------------------------------------------------

    async def record_message(
        self,
        user_id: int,
        supplier_id: int | None,
        direction: str,
        text: str,
        *,
        update_id: int | None = None,
        kind: str = "text",
        asked: Sequence[str] = (),
        file_id: str | None = None,
    ) -> tuple[Message, bool]:
        """Record one message; returns it and whether it is new.

        A redelivered update (same ``update_id``) returns the row recorded the first time.
        """
        rowcount, new_id = await self.db.write(
            "INSERT INTO messages"
            " (user_id, supplier_id, direction, kind, text, asked, file_id, update_id)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (update_id) DO NOTHING",
            (
                user_id,
                supplier_id,
                direction,
                kind,
                text,
                json.dumps(list(asked)),
                file_id,
                update_id,
            ),
        )
        created = rowcount > 0
        if created:
            assert new_id is not None
            return await self.get_message(user_id, new_id), True
        row = await self.db.fetchone(
            "SELECT * FROM messages WHERE update_id = ? AND user_id = ?", (update_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"update {update_id}")
        return _message(row), False

    async def get_message(self, user_id: int, message_id: int) -> Message:
        row = await self.db.fetchone(
            "SELECT * FROM messages WHERE id = ? AND user_id = ?", (message_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"message {message_id}")
        return _message(row)

    async def file_message(self, user_id: int, message_id: int, supplier_id: int) -> Message:
        """Put an unfiled message into a supplier's thread."""
        await self.get_supplier(user_id, supplier_id)
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE messages SET supplier_id = ? WHERE id = ? AND user_id = ?",
                (supplier_id, message_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"message {message_id}")
        return await self.get_message(user_id, message_id)

    async def update_message(
        self,
        user_id: int,
        message_id: int,
        *,
        direction: str | None = None,
        translation: str | None = None,
        flags: Iterable[dict[str, Any]] | None = None,
        facts: dict[str, Any] | None = None,
        asked: Sequence[str] | None = None,
    ) -> None:
        values: dict[str, Any] = {}
        if direction is not None:
            values["direction"] = direction
        if translation is not None:
            values["translation"] = translation
        if flags is not None:
            values["flags"] = json.dumps(list(flags), ensure_ascii=False)
        if facts is not None:
            values["facts"] = json.dumps(facts, ensure_ascii=False)
        if asked is not None:
            values["asked"] = json.dumps(list(asked))
        if not values:
            return
        assignments = ", ".join(f"{name} = ?" for name in values)
        await self.db.write(
            f"UPDATE messages SET {assignments} WHERE id = ? AND user_id = ?",
            (*values.values(), message_id, user_id),
        )

    async def thread(
        self, user_id: int, supplier_id: int, *, limit: int = 1000, offset: int = 0
    ) -> list[Message]:
        """Messages of one supplier, oldest first."""
        rows = await self.db.fetchall(
            "SELECT * FROM messages WHERE user_id = ? AND supplier_id = ?"
            " ORDER BY id LIMIT ? OFFSET ?",
            (user_id, supplier_id, limit, offset),
        )
        return [_message(r) for r in rows]

    async def count_messages(self, user_id: int, supplier_id: int | None = None) -> int:
        if supplier_id is None:
            row = await self.db.fetchone(
                "SELECT COUNT(*) AS n FROM messages WHERE user_id = ?", (user_id,)
            )
        else:
            row = await self.db.fetchone(
                "SELECT COUNT(*) AS n FROM messages WHERE user_id = ? AND supplier_id = ?",
                (user_id, supplier_id),
            )
        return 0 if row is None else int(row["n"])

    async def asked_since_supplier_spoke(
        self, user_id: int, supplier_id: int, before_message_id: int
    ) -> list[str]:
        """Question keys the buyer asked since the supplier's previous message, in order."""
        rows = await self.db.fetchall(
            "SELECT asked FROM messages WHERE user_id = ? AND supplier_id = ? AND id < ?"
            " AND id > COALESCE((SELECT MAX(id) FROM messages WHERE user_id = ?"
            " AND supplier_id = ? AND direction = 'supplier' AND id < ?), 0)"
            " ORDER BY id",
            (user_id, supplier_id, before_message_id, user_id, supplier_id, before_message_id),
        )
        keys: list[str] = []
        for row in rows:
            for key in json.loads(row["asked"]):
                if key not in keys:
                    keys.append(key)
        return keys

    async def latest_quotes(
        self, user_id: int, product_key: str, *, exclude_supplier: int | None = None
    ) -> dict[int, dict[str, Any]]:
        """Each supplier's latest facts holding a unit price, for one normalised product.

        ``product_key`` is compared with the suppliers' product names normalised the same way
        by the caller (see :func:`bot.domain.quotes.product_key`); rows are filtered here by
        the suppliers of this user only.
        """
        rows = await self.db.fetchall(
            "SELECT s.id AS supplier_id, s.product, m.facts FROM suppliers s"
            " JOIN messages m ON m.supplier_id = s.id AND m.user_id = s.user_id"
            " WHERE s.user_id = ? AND s.product IS NOT NULL AND m.direction = 'supplier'"
            " AND json_extract(m.facts, '$.unit_price') IS NOT NULL ORDER BY m.id",
            (user_id,),
        )
        latest: dict[int, dict[str, Any]] = {}
        for row in rows:
            if row["supplier_id"] == exclude_supplier:
                continue
            if product_key_of(row["product"]) != product_key:
                continue
            latest[int(row["supplier_id"])] = json.loads(row["facts"])
        return latest

    async def append_part(self, user_id: int, message_id: int, update_id: int, text: str) -> bool:
        """Join a continuation part onto a message; False when that update was joined before."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT OR IGNORE INTO message_parts (update_id, message_id, user_id)"
                " VALUES (?, ?, ?)",
                (update_id, message_id, user_id),
            )
            if cur.rowcount == 0:
                return False
            await conn.execute(
                "UPDATE messages SET text = text || ? WHERE id = ? AND user_id = ?",
                (text, message_id, user_id),
            )
            return True

    async def is_known_update(self, update_id: int) -> bool:
        row = await self.db.fetchone(
            "SELECT 1 FROM messages WHERE update_id = ? UNION ALL"
            " SELECT 1 FROM message_parts WHERE update_id = ? LIMIT 1",
            (update_id, update_id),
        )
        return row is not None
