"""Delivering reminders on PTB's JobQueue, so that none is lost and none is sent twice.

Each pending reminder has one named job (``reminder:<id>``). On start-up every pending
reminder is scheduled again; one that fell due while the bot was down fires right away, once,
saying it is late. A sweep every minute re-schedules any due reminder that somehow has no job.

Why claim → send → record gives "at most one repeat, and only after a crash":

1. *claim* commits ``pending → sending`` before anything is sent. Only one caller can win
   that update, so a second job for the same reminder (a sweep, a snooze race, a restart)
   finds it no longer pending and sends nothing.
2. *send* calls Telegram.
3. *record* commits ``sending → sent`` as soon as Telegram answers.

A reminder that is ``sent`` is never sent again, and one that is ``pending`` has certainly not
been delivered. The only state that can hide a delivery is ``sending``: the process died after
the claim and before the record. If it died before the send, the user has nothing; if after,
they have it. Nobody can tell which, so at start-up a ``sending`` reminder is sent once more,
marked as possibly a repeat — never lost, and repeated only in that instant. (Sending first
and claiming afterwards would repeat after any crash in a wider window; recording before
sending would lose the reminder instead.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from markupsafe import Markup
from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.config import Settings
from bot.domain.timezones import tzinfo_for
from bot.handlers.common import keyboard, send_html
from bot.render import phrase as render_phrase
from bot.render import phrase_plain as render_phrase_plain
from bot.render import render
from bot.resources import load_toml
from bot.store.reminders import Reminder, ReminderStore
from bot.store.repo import Repository

if TYPE_CHECKING:
    from telegram.ext import Job, JobQueue

    from bot.context import PifaContext

log = logging.getLogger(__name__)

JOB_PREFIX = "reminder:"
SWEEP_JOB = "reminders:sweep"
SWEEP_SECONDS = 60.0
#: Overdue reminders sent at start-up are spaced out like this: 20 a second stays under
#: Telegram's 30 messages a second, so a backlog never turns into a storm of 429 answers
#: (AIORateLimiter paces and retries whatever still collides).
STARTUP_SPACING = 0.05
RETRY_SECONDS = 30.0
#: A reminder delivered more than this after its time says it is late.
LATE_AFTER = timedelta(minutes=2)
#: APScheduler drops a job that starts later than its grace time; a reminder must never be
#: dropped, however long the event loop was busy.
_JOB_KWARGS: dict[str, Any] = {"misfire_grace_time": None, "coalesce": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


PHRASES = "reminders.toml"


def phrase(key: str, /, **values: Any) -> Markup:
    """Render the short text ``key`` of phrases/reminders.toml (HTML, autoescaped)."""
    return render_phrase(PHRASES, key, **values)


def phrase_plain(key: str, /, **values: Any) -> str:
    """Render ``key`` as plain text (thread notes are stored as plain text)."""
    return render_phrase_plain(PHRASES, key, **values)


def phrase_data(key: str) -> Any:
    return load_toml("reminders.toml")[key]


def format_moment(moment: datetime, tz: tzinfo, *, date_only: bool = False) -> str:
    pattern = phrase_data("date_format" if date_only else "datetime_format")
    return moment.astimezone(tz).strftime(str(pattern))


def stage_label(stage: str) -> str:
    return phrase(f"stages.{stage}")


def reminder_rows(reminder: Reminder, *, number: int | None = None) -> list[list[tuple[str, str]]]:
    """Buttons of a reminder; in a list, each label starts with its number there."""

    def label(key: str) -> str:
        text = phrase(f"buttons.{key}")
        return text if number is None else phrase("buttons.numbered", n=number, label=text)

    rid = reminder.id
    snooze = [(label("snooze_hour"), f"rem:{rid}:h1"), (label("snooze_day"), f"rem:{rid}:d1")]
    if number is not None:  # "rml": the list edits itself in place after a press
        return [
            [
                (label("done"), f"rml:{rid}:done"),
                (label("snooze_hour"), f"rml:{rid}:h1"),
                (label("snooze_day"), f"rml:{rid}:d1"),
                (label("cancel"), f"rml:{rid}:cancel"),
            ]
        ]
    if reminder.kind == "sample" and reminder.sample_id is not None:
        sid = reminder.sample_id
        return [
            [
                (label("arrived"), f"smp:{sid}:arrived"),
                (label("not_yet"), f"smp:{sid}:notyet"),
                (label("problem"), f"smp:{sid}:problem"),
            ]
        ]
    if reminder.kind.startswith("payment") and reminder.payment_id is not None:
        return [[(label("paid"), f"pay:{reminder.payment_id}:paid")], snooze]
    return [[(label("done"), f"rem:{rid}:done"), *snooze]]


@dataclass(frozen=True, slots=True)
class _JobData:
    reminder_id: int
    user_id: int
    late: bool = False


class ReminderService:
    """Schedules, fires and reschedules reminders; the handlers' way into the store."""

    def __init__(
        self,
        store: ReminderStore,
        repo: Repository,
        settings: Settings,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.store = store
        self.repo = repo
        self.settings = settings
        self.clock = clock
        self._queue: JobQueue[Any] | None = None

    # -- scheduling ---------------------------------------------------------------------------

    async def start(self, job_queue: JobQueue[Any]) -> int:
        """Schedule every pending reminder; returns how many are overdue (sent right away)."""
        self._queue = job_queue
        recovered = await self.store.recover_interrupted()
        if recovered:
            log.warning("%d reminder(s) were being sent when the bot stopped", recovered)
        now = self.clock()
        overdue = 0
        for reminder in await self.store.due_for_scheduling():
            if reminder.due_at <= now:
                self.schedule(reminder, late=True, delay=overdue * STARTUP_SPACING)
                overdue += 1
            else:
                self.schedule(reminder)
        job_queue.run_repeating(
            self._sweep, interval=SWEEP_SECONDS, first=SWEEP_SECONDS, name=SWEEP_JOB
        )
        log.info("reminders scheduled; %d overdue", overdue)
        return overdue

    @property
    def queue(self) -> JobQueue[Any]:
        if self._queue is None:
            raise RuntimeError("reminders are not started")
        return self._queue

    def jobs(self, reminder_id: int) -> tuple[Job[Any], ...]:
        return self.queue.get_jobs_by_name(f"{JOB_PREFIX}{reminder_id}")

    def schedule(
        self, reminder: Reminder, *, late: bool = False, delay: float | None = None
    ) -> None:
        """(Re)place the reminder's one job: at its time, or ``delay`` seconds from now."""
        self.unschedule(reminder.id)
        when: datetime | float = reminder.due_at if delay is None else delay
        self.queue.run_once(
            self._run_job,
            when,
            data=_JobData(reminder.id, reminder.user_id, late),
            name=f"{JOB_PREFIX}{reminder.id}",
            chat_id=reminder.chat_id,
            user_id=reminder.user_id,
            job_kwargs=_JOB_KWARGS,
        )

    def unschedule(self, reminder_id: int) -> None:
        for job in self.jobs(reminder_id):
            job.schedule_removal()

    async def _sweep(self, context: PifaContext) -> None:
        horizon = self.clock() + timedelta(seconds=SWEEP_SECONDS * 1.5)
        for reminder in await self.store.due_for_scheduling(before=horizon):
            if not self.jobs(reminder.id):
                log.warning("reminder %d had no job; scheduling it", reminder.id)
                self.schedule(reminder)

    # -- delivery -----------------------------------------------------------------------------

    async def _run_job(self, context: PifaContext) -> None:
        assert context.job is not None
        data = context.job.data
        assert isinstance(data, _JobData)
        await self.deliver(context, data)

    async def deliver(self, context: PifaContext, data: _JobData) -> None:
        """Claim, send, record (see the module docstring for why in this order)."""
        now = self.clock()
        reminder = await self.store.claim(data.user_id, data.reminder_id, now)
        if reminder is None:
            return  # done, cancelled, snoozed or already being sent by another job
        try:
            html, markup = await self.content(
                reminder, late=data.late or now - reminder.due_at > LATE_AFTER
            )
        except Exception:
            # Nothing was sent; a reminder whose sample or payment cannot be read would fail
            # the same way on every retry, so it is parked as failed (and logged) instead.
            log.exception("reminder %d could not be prepared", reminder.id)
            await self.store.mark_failed(reminder.user_id, reminder.id)
            return
        try:
            sent = await send_html(context, reminder.chat_id, html, markup=markup)
        except (Forbidden, BadRequest) as exc:
            # The user blocked the bot or the chat is gone: retrying cannot help.
            log.warning("reminder %d cannot be delivered: %s", reminder.id, exc)
            await self.store.mark_failed(reminder.user_id, reminder.id)
            return
        except RetryAfter as exc:
            await self._retry(reminder, uncertain=False, seconds=_seconds(exc.retry_after))
            return
        except NetworkError as exc:
            # A timeout or a dropped connection may hide a message that did arrive.
            log.warning("reminder %d: network error while sending: %s", reminder.id, exc)
            await self._retry(reminder, uncertain=True, seconds=RETRY_SECONDS)
            return
        except TelegramError as exc:
            log.warning("reminder %d: Telegram refused it: %s", reminder.id, exc)
            await self._retry(reminder, uncertain=False, seconds=RETRY_SECONDS)
            return
        await self.store.mark_sent(
            reminder.user_id, reminder.id, self.clock(), sent[-1].message_id if sent else None
        )

    async def _retry(self, reminder: Reminder, *, uncertain: bool, seconds: float) -> None:
        await self.store.release(reminder.user_id, reminder.id, uncertain=uncertain)
        self.schedule(reminder, delay=max(seconds, 1.0))

    async def user_tz(self, user_id: int) -> tzinfo:
        user = await self.repo.get_user(user_id)
        return tzinfo_for((user.timezone if user else None) or self.settings.timezone)

    async def content(self, reminder: Reminder, *, late: bool) -> tuple[str, InlineKeyboardMarkup]:
        """The message of a due reminder and its buttons."""
        tz = await self.user_tz(reminder.user_id)
        values: dict[str, Any] = {
            "kind": reminder.kind,
            "text": reminder.text,
            "supplier": reminder.supplier_name,
            "due": format_moment(reminder.due_at, tz),
            "late": late,
            "repeat": reminder.uncertain,
            "sample": None,
            "payment": None,
        }
        if reminder.sample_id is not None:
            sample = await self.store.get_sample(reminder.user_id, reminder.sample_id)
            values["sample"] = {
                "what": sample.what,
                "ordered_on": format_moment(
                    datetime.combine(sample.ordered_on, datetime.min.time(), tz),
                    tz,
                    date_only=True,
                ),
                "cost": f"{sample.cost} {sample.currency or ''}".strip() if sample.cost else "",
            }
            values["supplier"] = sample.supplier_name
        if reminder.payment_id is not None:
            payment = await self.store.get_payment(reminder.user_id, reminder.payment_id)
            values["payment"] = {
                "amount": payment.amount,
                "currency": payment.currency,
                "stage": stage_label(payment.stage),
                "seq": payment.seq,
                "count": payment.count,
                "due": format_moment(payment.due_at, tz),
            }
            values["supplier"] = payment.supplier_name
        html = render("reminders/fired.html.j2", **values)
        return html, keyboard(reminder_rows(reminder))

    # -- changes from buttons -----------------------------------------------------------------

    async def snooze(self, user_id: int, reminder_id: int, delta: timedelta) -> Reminder:
        """Move an open reminder ``delta`` past now (or past its time, if that is later)."""
        current = await self.store.get_reminder(user_id, reminder_id)
        base = max(self.clock(), current.due_at)
        reminder = await self.store.reschedule(user_id, reminder_id, base + delta)
        self.schedule(reminder)
        return reminder

    async def finish(self, user_id: int, reminder_id: int, state: str) -> Reminder:
        reminder = await self.store.finish(user_id, reminder_id, state)
        self.unschedule(reminder_id)
        return reminder

    async def finish_related(
        self, user_id: int, *, sample_id: int | None = None, payment_id: int | None = None
    ) -> None:
        for rid in await self.store.finish_related(
            user_id, sample_id=sample_id, payment_id=payment_id
        ):
            self.unschedule(rid)

    async def reschedule_sample(self, user_id: int, sample_id: int, due: datetime) -> Reminder:
        """Ask again about this sample (the "Not yet" button) at ``due``."""
        reminder = await self.store.sample_reminder(user_id, sample_id)
        reminder = await self.store.reschedule(user_id, reminder.id, due)
        self.schedule(reminder)
        return reminder


def _seconds(value: float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)
