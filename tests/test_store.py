import sqlite3
from pathlib import Path

import pytest

from bot.errors import NotFoundError, StoreError
from bot.store.db import Database, Migration, bundled_migrations
from bot.store.repo import Repository


@pytest.fixture
async def repo(tmp_path: Path):
    db = await Database.open(tmp_path / "t.sqlite3")
    yield Repository(db)
    await db.close()


async def test_migrations_recorded_and_idempotent(tmp_path: Path) -> None:
    path = tmp_path / "m.sqlite3"
    db = await Database.open(path)
    numbers = [m.number for m in bundled_migrations()]
    assert await db.applied_migrations() == numbers
    mode = await db.fetchone("PRAGMA journal_mode")
    assert mode is not None and mode[0] == "wal"
    fk = await db.fetchone("PRAGMA foreign_keys")
    assert fk is not None and fk[0] == 1
    await db.close()
    db = await Database.open(path)
    assert await db.migrate(bundled_migrations()) == []
    await db.close()


async def test_failed_migration_leaves_nothing(tmp_path: Path) -> None:
    bad = Migration(
        9999, "bad", "CREATE TABLE half (x INTEGER);\nINSERT INTO nowhere VALUES (1);\n"
    )
    with pytest.raises(StoreError, match="9999_bad"):
        await Database.open(tmp_path / "b.sqlite3", [*bundled_migrations(), bad])
    conn = sqlite3.connect(tmp_path / "b.sqlite3")
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    recorded = [r[0] for r in conn.execute("SELECT number FROM schema_migrations")]
    conn.close()
    assert "half" not in tables
    assert 9999 not in recorded


async def test_queries_are_scoped_to_their_user(repo: Repository) -> None:
    await repo.ensure_user(1, "Ann", "en")
    await repo.ensure_user(2, "Bob", "ru")
    s = await repo.create_supplier(1, "Yiwu Straws", "https://x.1688.com")
    assert (await repo.active_supplier(1)) == s
    with pytest.raises(NotFoundError):
        await repo.get_supplier(2, s.id)
    with pytest.raises(NotFoundError):
        await repo.set_active_supplier(2, s.id)
    assert await repo.list_suppliers(2) == []
    m, _ = await repo.record_message(1, s.id, "buyer", "hello", update_id=10)
    with pytest.raises(NotFoundError):
        await repo.get_message(2, m.id)
    with pytest.raises(NotFoundError):
        await repo.file_message(2, m.id, s.id)


async def test_redelivered_update_recorded_once(repo: Repository) -> None:
    await repo.ensure_user(1, "Ann", "en")
    s = await repo.create_supplier(1, "A")
    first, new1 = await repo.record_message(1, s.id, "buyer", "hello", update_id=77)
    again, new2 = await repo.record_message(1, s.id, "buyer", "hello", update_id=77)
    assert (new1, new2) == (True, False)
    assert first.id == again.id
    assert await repo.count_messages(1, s.id) == 1


async def test_access(repo: Repository) -> None:
    assert await repo.claim_ownership(5)
    assert not await repo.claim_ownership(6)
    assert await repo.stored_owner() == 5
    assert await repo.allow(7, 5)
    assert not await repo.allow(7, 5)
    assert await repo.access_role(7) == "user"
    assert await repo.revoke(7)
    assert not await repo.revoke(5)  # the owner stays
    assert await repo.access_role(7) is None
