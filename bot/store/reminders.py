"""Reminders, sample orders and payment plans.

Every query that serves a user is scoped by ``user_id``: a forged id from another user's
button finds nothing (:class:`~bot.errors.NotFoundError`). Only the scheduler's start-up scan
(:meth:`ReminderStore.due_for_scheduling`, :meth:`ReminderStore.recover_interrupted`) reads
across users, because it has no user to serve.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

import aiosqlite

from bot.errors import NotFoundError, StoreError
from bot.store.db import Database

_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
OPEN_STATES = ("pending", "sending", "sent")


def iso(moment: datetime) -> str:
    """UTC text that sorts in time order."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")
    return moment.astimezone(UTC).strftime(_FORMAT)


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, _FORMAT).replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Reminder:
    id: int
    user_id: int
    chat_id: int
    kind: str
    text: str
    due_at: datetime
    state: str
    uncertain: bool
    supplier_id: int | None = None
    supplier_name: str | None = None
    sample_id: int | None = None
    payment_id: int | None = None
    message_id: int | None = None


@dataclass(frozen=True, slots=True)
class Sample:
    id: int
    user_id: int
    supplier_id: int
    supplier_name: str
    what: str
    cost: Decimal | None
    currency: str | None
    ordered_on: date
    expected_at: datetime
    status: str
    rating: int | None


@dataclass(frozen=True, slots=True)
class Payment:
    id: int
    plan_id: int
    user_id: int
    supplier_id: int
    supplier_name: str
    seq: int
    count: int
    stage: str
    percent: Decimal
    amount: Decimal
    currency: str
    due_at: datetime
    paid_at: datetime | None


@dataclass(frozen=True, slots=True)
class NewInstallment:
    stage: str
    percent: Decimal
    amount: Decimal
    due_at: datetime
    #: When to remind: usually the day before and the day itself.
    remind_at: tuple[tuple[str, datetime], ...]


def _money(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))


def _reminder(row: aiosqlite.Row) -> Reminder:
    return Reminder(
        id=row["id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        kind=row["kind"],
        text=row["text"],
        due_at=parse_iso(row["due_at"]),
        state=row["state"],
        uncertain=bool(row["uncertain"]),
        supplier_id=row["supplier_id"],
        supplier_name=row["supplier_name"],
        sample_id=row["sample_id"],
        payment_id=row["payment_id"],
        message_id=row["message_id"],
    )


def _sample(row: aiosqlite.Row) -> Sample:
    return Sample(
        id=row["id"],
        user_id=row["user_id"],
        supplier_id=row["supplier_id"],
        supplier_name=row["supplier_name"],
        what=row["what"],
        cost=_money(row["cost"]),
        currency=row["currency"],
        ordered_on=date.fromisoformat(row["ordered_on"]),
        expected_at=parse_iso(row["expected_at"]),
        status=row["status"],
        rating=row["rating"],
    )


def _payment(row: aiosqlite.Row) -> Payment:
    amount = _money(row["amount"])
    assert amount is not None
    return Payment(
        id=row["id"],
        plan_id=row["plan_id"],
        user_id=row["user_id"],
        supplier_id=row["supplier_id"],
        supplier_name=row["supplier_name"],
        seq=row["seq"],
        count=row["count"],
        stage=row["stage"],
        percent=Decimal(str(row["percent"])),
        amount=amount,
        currency=row["currency"],
        due_at=parse_iso(row["due_at"]),
        paid_at=parse_iso(row["paid_at"]) if row["paid_at"] else None,
    )


_REMINDER_SELECT = (
    "SELECT r.*, s.name AS supplier_name FROM reminders r"
    " LEFT JOIN suppliers s ON s.id = r.supplier_id AND s.user_id = r.user_id"
)
_SAMPLE_SELECT = (
    "SELECT x.*, s.name AS supplier_name FROM samples x"
    " JOIN suppliers s ON s.id = x.supplier_id AND s.user_id = x.user_id"
)
_PAYMENT_SELECT = (
    "SELECT p.*, pl.supplier_id, pl.currency, s.name AS supplier_name,"
    " (SELECT COUNT(*) FROM payments q WHERE q.plan_id = p.plan_id) AS count"
    " FROM payments p JOIN payment_plans pl ON pl.id = p.plan_id AND pl.user_id = p.user_id"
    " JOIN suppliers s ON s.id = pl.supplier_id AND s.user_id = pl.user_id"
)


class ReminderStore:
    """Reads and writes of reminders, samples and payment plans."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reminders ----------------------------------------------------------------------------

    async def add_reminder(
        self,
        user_id: int,
        chat_id: int,
        due_at: datetime,
        text: str,
        *,
        supplier_id: int | None = None,
        update_id: int | None = None,
    ) -> tuple[Reminder, bool]:
        """A custom reminder; returns it and whether it is new.

        A redelivered command (same ``update_id``) returns the reminder made the first time,
        so a crash before Telegram learnt the update was handled never makes a second one.
        """
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO reminders (user_id, chat_id, supplier_id, kind, text, due_at,"
                " update_id) VALUES (?, ?, ?, 'custom', ?, ?, ?)"
                " ON CONFLICT (update_id) DO NOTHING",
                (user_id, chat_id, supplier_id, text, iso(due_at), update_id),
            )
            created = cur.rowcount > 0
            new_id = cur.lastrowid
        if created:
            assert new_id is not None
            return await self.get_reminder(user_id, new_id), True
        row = await self.db.fetchone(
            _REMINDER_SELECT + " WHERE r.update_id = ? AND r.user_id = ?", (update_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"reminder of update {update_id}")
        return _reminder(row), False

    async def get_reminder(self, user_id: int, reminder_id: int) -> Reminder:
        row = await self.db.fetchone(
            _REMINDER_SELECT + " WHERE r.id = ? AND r.user_id = ?", (reminder_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"reminder {reminder_id}")
        return _reminder(row)

    async def upcoming(self, user_id: int, *, limit: int = 20) -> list[Reminder]:
        """Reminders still to come, soonest first."""
        rows = await self.db.fetchall(
            _REMINDER_SELECT + " WHERE r.user_id = ? AND r.state IN ('pending', 'sending')"
            " ORDER BY r.due_at, r.id LIMIT ?",
            (user_id, limit),
        )
        return [_reminder(r) for r in rows]

    async def count_upcoming(self, user_id: int) -> int:
        row = await self.db.fetchone(
            "SELECT COUNT(*) AS n FROM reminders WHERE user_id = ?"
            " AND state IN ('pending', 'sending')",
            (user_id,),
        )
        return 0 if row is None else int(row["n"])

    async def due_for_scheduling(self, before: datetime | None = None) -> list[Reminder]:
        """Every pending reminder (of every user), soonest first; the scheduler's scan."""
        sql = _REMINDER_SELECT + " WHERE r.state = 'pending'"
        params: tuple[str, ...] = ()
        if before is not None:
            sql += " AND r.due_at <= ?"
            params = (iso(before),)
        rows = await self.db.fetchall(sql + " ORDER BY r.due_at, r.id", params)
        return [_reminder(r) for r in rows]

    async def recover_interrupted(self) -> int:
        """Start-up: a reminder left ``sending`` was claimed by a process that died before it
        recorded the send, so it may or may not have reached the user. Make it pending again,
        marked uncertain, so it is sent once more with a note that it may be a repeat."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET state = 'pending', uncertain = 1 WHERE state = 'sending'"
            )
            return cur.rowcount

    async def claim(self, user_id: int, reminder_id: int, now: datetime) -> Reminder | None:
        """pending → sending, only if it is due; None when someone else has it (or it was
        snoozed, done or cancelled since the job was scheduled)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET state = 'sending', attempts = attempts + 1"
                " WHERE id = ? AND user_id = ? AND state = 'pending' AND due_at <= ?",
                (reminder_id, user_id, iso(now)),
            )
            if cur.rowcount == 0:
                return None
        return await self.get_reminder(user_id, reminder_id)

    async def mark_sent(
        self, user_id: int, reminder_id: int, now: datetime, message_id: int | None
    ) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET state = 'sent', sent_at = ?, message_id = ?, uncertain = 0"
                " WHERE id = ? AND user_id = ? AND state = 'sending'",
                (iso(now), message_id, reminder_id, user_id),
            )

    async def release(self, user_id: int, reminder_id: int, *, uncertain: bool) -> None:
        """A send failed: back to pending (uncertain when it may have arrived anyway)."""
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET state = 'pending', uncertain = MAX(uncertain, ?)"
                " WHERE id = ? AND user_id = ? AND state = 'sending'",
                (int(uncertain), reminder_id, user_id),
            )

    async def mark_failed(self, user_id: int, reminder_id: int) -> None:
        async with self.db.transaction() as conn:
            await conn.execute(
                "UPDATE reminders SET state = 'failed'"
                " WHERE id = ? AND user_id = ? AND state = 'sending'",
                (reminder_id, user_id),
            )

    async def reschedule(self, user_id: int, reminder_id: int, due_at: datetime) -> Reminder:
        """Snooze: an open reminder becomes pending again at ``due_at``."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET state = 'pending', due_at = ?, uncertain = 0"
                " WHERE id = ? AND user_id = ? AND state IN ('pending', 'sent', 'failed')",
                (iso(due_at), reminder_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"open reminder {reminder_id}")
        return await self.get_reminder(user_id, reminder_id)

    async def finish(self, user_id: int, reminder_id: int, state: str) -> Reminder:
        """Done or cancelled; raises NotFoundError when it is not open (or not theirs)."""
        if state not in ("done", "cancelled"):
            raise ValueError(state)
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE reminders SET state = ? WHERE id = ? AND user_id = ?"
                " AND state IN ('pending', 'sent', 'failed')",
                (state, reminder_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"open reminder {reminder_id}")
        return await self.get_reminder(user_id, reminder_id)

    async def finish_related(
        self, user_id: int, *, sample_id: int | None = None, payment_id: int | None = None
    ) -> list[int]:
        """Close every open reminder of a sample or payment; returns their ids."""
        column, value = (
            ("sample_id", sample_id) if sample_id is not None else ("payment_id", payment_id)
        )
        if value is None:
            raise ValueError("sample_id or payment_id")
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                f"SELECT id FROM reminders WHERE user_id = ? AND {column} = ?"
                " AND state IN ('pending', 'sent', 'failed')",
                (user_id, value),
            )
            ids = [int(r[0]) for r in await cur.fetchall()]
            await conn.execute(
                f"UPDATE reminders SET state = 'done' WHERE user_id = ? AND {column} = ?"
                " AND state IN ('pending', 'sent', 'failed')",
                (user_id, value),
            )
        return ids

    # -- samples ------------------------------------------------------------------------------

    async def add_sample(
        self,
        user_id: int,
        chat_id: int,
        supplier_id: int,
        what: str,
        *,
        cost: Decimal | None,
        currency: str | None,
        ordered_on: date,
        expected_at: datetime,
        remind_at: datetime,
        update_id: int | None = None,
    ) -> tuple[Sample, Reminder, bool]:
        """Record a sample and its arrival reminder in one transaction."""
        try:
            async with self.db.transaction() as conn:
                cur = await conn.execute(
                    "INSERT INTO samples (user_id, supplier_id, what, cost, currency, ordered_on,"
                    " expected_at, update_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                    " ON CONFLICT (update_id) DO NOTHING",
                    (
                        user_id,
                        supplier_id,
                        what,
                        None if cost is None else float(cost),
                        currency,
                        ordered_on.isoformat(),
                        iso(expected_at),
                        update_id,
                    ),
                )
                created = cur.rowcount > 0
                if created:
                    sample_id = cur.lastrowid
                    await conn.execute(
                        "INSERT INTO reminders (user_id, chat_id, supplier_id, kind, text,"
                        " sample_id, due_at) VALUES (?, ?, ?, 'sample', ?, ?, ?)",
                        (user_id, chat_id, supplier_id, what, sample_id, iso(remind_at)),
                    )
                else:
                    cur = await conn.execute(
                        "SELECT id FROM samples WHERE update_id = ? AND user_id = ?",
                        (update_id, user_id),
                    )
                    found = await cur.fetchone()
                    if found is None:
                        raise NotFoundError(f"sample of update {update_id}")
                    sample_id = found[0]
        except sqlite3.IntegrityError as exc:
            raise StoreError(f"cannot record sample: {exc}") from exc
        assert sample_id is not None
        sample = await self.get_sample(user_id, sample_id)
        return sample, await self.sample_reminder(user_id, sample_id), created

    async def get_sample(self, user_id: int, sample_id: int) -> Sample:
        row = await self.db.fetchone(
            _SAMPLE_SELECT + " WHERE x.id = ? AND x.user_id = ?", (sample_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"sample {sample_id}")
        return _sample(row)

    async def sample_reminder(self, user_id: int, sample_id: int) -> Reminder:
        row = await self.db.fetchone(
            _REMINDER_SELECT + " WHERE r.sample_id = ? AND r.user_id = ? ORDER BY r.id DESC",
            (sample_id, user_id),
        )
        if row is None:
            raise NotFoundError(f"reminder of sample {sample_id}")
        return _reminder(row)

    async def set_sample_status(
        self, user_id: int, sample_id: int, status: str, now: datetime
    ) -> Sample:
        if status not in ("waiting", "arrived", "problem"):
            raise ValueError(status)
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE samples SET status = ?,"
                " arrived_at = CASE WHEN ? = 'arrived' THEN ? ELSE arrived_at END"
                " WHERE id = ? AND user_id = ?",
                (status, status, iso(now), sample_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"sample {sample_id}")
        return await self.get_sample(user_id, sample_id)

    async def rate_sample(self, user_id: int, sample_id: int, rating: int) -> Sample:
        if not 1 <= rating <= 5:
            raise ValueError(rating)
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE samples SET rating = ? WHERE id = ? AND user_id = ? AND status = 'arrived'",
                (rating, sample_id, user_id),
            )
            if cur.rowcount == 0:
                raise NotFoundError(f"arrived sample {sample_id}")
        return await self.get_sample(user_id, sample_id)

    async def sample_ratings(self, user_id: int, supplier_id: int) -> list[int]:
        """The buyer's 1–5 ratings of this supplier's samples, oldest first (for the scorecard's
        quality)."""
        rows = await self.db.fetchall(
            "SELECT rating FROM samples WHERE user_id = ? AND supplier_id = ?"
            " AND rating IS NOT NULL ORDER BY id",
            (user_id, supplier_id),
        )
        return [int(r["rating"]) for r in rows]

    # -- payment plans ------------------------------------------------------------------------

    async def add_plan(
        self,
        user_id: int,
        chat_id: int,
        supplier_id: int,
        *,
        total: Decimal,
        currency: str,
        plan: str,
        channel: str | None,
        installments: Sequence[NewInstallment],
        update_id: int | None = None,
    ) -> tuple[list[Payment], bool]:
        """Record a plan, its payments and their reminders in one transaction."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "INSERT INTO payment_plans (user_id, supplier_id, total, currency, plan, channel,"
                " update_id) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (update_id) DO NOTHING",
                (user_id, supplier_id, float(total), currency, plan, channel, update_id),
            )
            created = cur.rowcount > 0
            if created:
                plan_id = cur.lastrowid
                for seq, part in enumerate(installments, 1):
                    cur = await conn.execute(
                        "INSERT INTO payments (plan_id, user_id, seq, stage, percent, amount,"
                        " due_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (
                            plan_id,
                            user_id,
                            seq,
                            part.stage,
                            float(part.percent),
                            float(part.amount),
                            iso(part.due_at),
                        ),
                    )
                    payment_id = cur.lastrowid
                    for kind, at in part.remind_at:
                        await conn.execute(
                            "INSERT INTO reminders (user_id, chat_id, supplier_id, kind,"
                            " payment_id, due_at) VALUES (?, ?, ?, ?, ?, ?)",
                            (user_id, chat_id, supplier_id, kind, payment_id, iso(at)),
                        )
            else:
                cur = await conn.execute(
                    "SELECT id FROM payment_plans WHERE update_id = ? AND user_id = ?",
                    (update_id, user_id),
                )
                found = await cur.fetchone()
                if found is None:
                    raise NotFoundError(f"plan of update {update_id}")
                plan_id = found[0]
        assert plan_id is not None
        return await self.plan_payments(user_id, plan_id), created

    async def plan_payments(self, user_id: int, plan_id: int) -> list[Payment]:
        rows = await self.db.fetchall(
            _PAYMENT_SELECT + " WHERE p.plan_id = ? AND p.user_id = ? ORDER BY p.seq",
            (plan_id, user_id),
        )
        return [_payment(r) for r in rows]

    async def get_payment(self, user_id: int, payment_id: int) -> Payment:
        row = await self.db.fetchone(
            _PAYMENT_SELECT + " WHERE p.id = ? AND p.user_id = ?", (payment_id, user_id)
        )
        if row is None:
            raise NotFoundError(f"payment {payment_id}")
        return _payment(row)

    async def plan_reminders(self, user_id: int, plan_id: int) -> list[Reminder]:
        rows = await self.db.fetchall(
            _REMINDER_SELECT + " JOIN payments p ON p.id = r.payment_id AND p.user_id = r.user_id"
            " WHERE p.plan_id = ? AND r.user_id = ? ORDER BY r.due_at, r.id",
            (plan_id, user_id),
        )
        return [_reminder(r) for r in rows]

    async def mark_paid(self, user_id: int, payment_id: int, now: datetime) -> bool:
        """Record a payment as paid; False when it already was (a second tap)."""
        async with self.db.transaction() as conn:
            cur = await conn.execute(
                "UPDATE payments SET paid_at = ? WHERE id = ? AND user_id = ? AND paid_at IS NULL",
                (iso(now), payment_id, user_id),
            )
            changed = cur.rowcount > 0
        if not changed:
            await self.get_payment(user_id, payment_id)  # NotFoundError when not theirs
        return changed
