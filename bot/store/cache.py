"""The SQLite translation cache (implements ``bot.translate.cache.TranslationCache``)."""

from __future__ import annotations

import hashlib

from bot.store.db import Database


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class SqliteTranslationCache:
    """Translations keyed by (user, provider, text, source, target).

    The translator is built before the database opens (so a bad provider setting fails at
    start-up), hence the database is attached later; until then the cache is empty.
    """

    def __init__(self, db: Database | None = None) -> None:
        self.db = db

    def attach(self, db: Database | None) -> None:
        self.db = db

    async def get(
        self, user_id: int, provider: str, text: str, source: str, target: str
    ) -> str | None:
        if self.db is None:
            return None
        row = await self.db.fetchone(
            "SELECT result, text FROM translation_cache WHERE user_id = ? AND provider = ?"
            " AND source = ? AND target = ? AND text_hash = ?",
            (user_id, provider, source, target, _digest(text)),
        )
        if row is None or row["text"] != text:
            return None
        return str(row["result"])

    async def put(
        self, user_id: int, provider: str, text: str, source: str, target: str, result: str
    ) -> None:
        if self.db is None:
            return
        await self.db.write(
            "INSERT OR REPLACE INTO translation_cache"
            " (user_id, provider, source, target, text_hash, text, result)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (user_id, provider, source, target, _digest(text), text, result),
        )

    async def forget_texts(self, user_id: int, texts: list[str]) -> int:
        """Drop a user's cached translations of ``texts`` (used when a supplier is deleted)."""
        removed = 0
        if self.db is None:
            return removed
        async with self.db.transaction() as conn:
            for text in texts:
                cur = await conn.execute(
                    "DELETE FROM translation_cache WHERE user_id = ? AND text_hash = ?",
                    (user_id, _digest(text)),
                )
                removed += max(cur.rowcount, 0)
        return removed
