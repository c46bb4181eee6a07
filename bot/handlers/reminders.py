"""/remind, /reminders, /sample, /pay, and the buttons on reminders.

Every button re-reads what its data names through the store, scoped to the presser, so a
forged or foreign id is answered like a stale button.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, time, timedelta, tzinfo
from typing import NamedTuple

from markupsafe import Markup
from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import PifaContext
from bot.domain.models import Supplier
from bot.domain.payments import (
    PaymentError,
    build_plan,
    check_dates,
    looks_like_money,
    parse_money,
    plain,
)
from bot.domain.when import (
    When,
    WhenError,
    days_later,
    localize,
    parse_exact,
    parse_when,
)
from bot.errors import InputError, NotFoundError
from bot.handlers.common import keyboard, parse_callback, reply
from bot.handlers.start import ensure_user
from bot.reminders import (
    ReminderService,
    format_moment,
    phrase,
    phrase_data,
    phrase_plain,
    reminder_rows,
    stage_label,
)
from bot.render import render
from bot.store.reminders import NewInstallment, Reminder

TEXT_LIMIT = 500
WHAT_LIMIT = 200
#: Reminders one user may have waiting: plenty for a buyer, bounded for the scheduler.
MAX_UPCOMING = 200
LIST_LIMIT = 10
SAMPLE_DAYS = 14
NOT_YET_DAYS = 3
SNOOZE = {"h1": timedelta(hours=1), "d1": timedelta(days=1)}
_ARRIVAL_WORDS = ("arrives", "arriving", "arrival", "expected", "expect", "eta", "by")


def service(context: PifaContext) -> ReminderService:
    reminders = context.services.reminders
    if reminders is None:
        raise RuntimeError("reminders are not open yet")
    return reminders


def _args(update: Update) -> str:
    """The text after the command, spacing kept."""
    text = update.effective_message.text if update.effective_message else None
    parts = (text or "").split(maxsplit=1)
    return parts[1].strip() if len(parts) > 1 else ""


def _error_text(exc: InputError) -> str:
    """The sentence for a domain input error; ``past`` is answered by :func:`_past`."""
    if isinstance(exc, WhenError):
        return phrase(f"errors.{exc.code}", phrase=exc.phrase[:80])
    if isinstance(exc, PaymentError):
        return phrase(f"errors.{exc.code}", **exc.values)
    raise exc


def _past(when: When, tz: tzinfo) -> str:
    return phrase("errors.past", phrase=when.phrase[:80], moment=format_moment(when.moment, tz))


async def _supplier_and_rest(
    context: PifaContext, user_id: int, raw: str
) -> tuple[Supplier | None, str]:
    """``"Yiwu Straws: …"`` names a supplier; otherwise the active one (or None)."""
    name, sep, rest = raw.partition(":")
    if sep and ";" not in name:
        for supplier in await context.repo.list_suppliers(user_id):
            if supplier.name.casefold() == name.strip().casefold():
                return supplier, rest.strip()
    return await context.repo.active_supplier(user_id), raw


class _Request(NamedTuple):
    uid: int
    chat_id: int
    svc: ReminderService
    tz: tzinfo
    now: datetime
    supplier: Supplier | None
    rest: str


async def _supplier_request(update: Update, context: PifaContext, usage: str) -> _Request | None:
    """The common start of /sample and /pay: user, chat, service, time zone, now, supplier, args.

    None (after showing ``usage``) when the command came without arguments.
    """
    assert update.effective_user is not None and update.effective_chat is not None
    await ensure_user(update, context)
    uid = update.effective_user.id
    svc = service(context)
    raw = _args(update)
    if not raw:
        await reply(update, context, phrase(usage))
        return None
    tz = await svc.user_tz(uid)
    supplier, rest = await _supplier_and_rest(context, uid, raw)
    return _Request(uid, update.effective_chat.id, svc, tz, svc.clock(), supplier, rest)


# -- /remind ----------------------------------------------------------------------------------


async def remind(update: Update, context: PifaContext) -> None:
    """``/remind WHEN TEXT``."""
    assert update.effective_user is not None and update.effective_chat is not None
    await ensure_user(update, context)
    uid = update.effective_user.id
    svc = service(context)
    raw = _args(update)
    if not raw:
        await reply(update, context, phrase("usage.remind"))
        return
    tz = await svc.user_tz(uid)
    now = svc.clock()
    when = parse_when(raw, now=now, tz=tz)
    if when is None:
        first = " ".join(raw.split()[:4])
        await reply(update, context, phrase("errors.unparsed", phrase=first))
        return
    if when.moment <= now:
        await reply(update, context, _past(when, tz))
        return
    if not when.rest:
        await reply(update, context, phrase("errors.no_text", phrase=when.phrase))
        return
    if len(when.rest) > TEXT_LIMIT:
        await reply(update, context, phrase("errors.text_too_long", limit=TEXT_LIMIT))
        return
    if await svc.store.count_upcoming(uid) >= MAX_UPCOMING:
        await reply(update, context, phrase("errors.too_many", limit=MAX_UPCOMING))
        return
    supplier = await context.repo.active_supplier(uid)
    reminder, created = await svc.store.add_reminder(
        uid,
        update.effective_chat.id,
        when.moment,
        when.rest,
        supplier_id=supplier.id if supplier else None,
        update_id=update.update_id,
    )
    if created:
        svc.schedule(reminder)
    await reply(
        update,
        context,
        render(
            "reminders/set.html.j2",
            moment=format_moment(reminder.due_at, tz),
            timezone=_tz_name(tz),
            supplier=reminder.supplier_name,
            text=reminder.text,
        ),
    )


def _tz_name(tz: tzinfo) -> str:
    return str(getattr(tz, "key", None) or tz)


# -- /reminders -------------------------------------------------------------------------------


async def _summary(svc: ReminderService, reminder: Reminder) -> str:
    """One plain-text line (the templates escape it)."""
    if reminder.kind == "sample":
        return phrase_plain("summary.sample", what=reminder.text)
    if reminder.payment_id is not None:
        payment = await svc.store.get_payment(reminder.user_id, reminder.payment_id)
        return phrase_plain(
            f"summary.{reminder.kind}",
            amount=payment.amount,
            currency=payment.currency,
            stage=stage_label(payment.stage),
        )
    return phrase_plain("summary.custom", text=reminder.text)


def _shorten(text: str, limit: int = 160) -> str:
    """Keep the list (edited in place, so one message) well under Telegram's 4096 limit."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


async def _list_view(svc: ReminderService, user_id: int) -> tuple[str, InlineKeyboardMarkup | None]:
    items = await svc.store.upcoming(user_id, limit=LIST_LIMIT)
    if not items:
        return phrase("answers.none"), None
    total = await svc.store.count_upcoming(user_id)
    tz = await svc.user_tz(user_id)
    rows = [
        {
            "moment": format_moment(r.due_at, tz),
            "supplier": r.supplier_name,
            "summary": _shorten(await _summary(svc, r)),
        }
        for r in items
    ]
    html = render(
        "reminders/list.html.j2", reminders=rows, more=total - len(items), timezone=_tz_name(tz)
    )
    buttons = [row for n, r in enumerate(items, 1) for row in reminder_rows(r, number=n)]
    return html, keyboard(buttons)


async def list_reminders(update: Update, context: PifaContext) -> None:
    """``/reminders``: what is coming, each with Done / Snooze / Cancel."""
    assert update.effective_user is not None
    await ensure_user(update, context)
    html, markup = await _list_view(service(context), update.effective_user.id)
    await reply(update, context, html, markup=markup)


async def _refresh_list(update: Update, context: PifaContext, user_id: int) -> None:
    query = update.callback_query
    assert query is not None
    html, markup = await _list_view(service(context), user_id)
    # "message is not modified" and the like: the reply that follows says what happened.
    with contextlib.suppress(BadRequest):
        await query.edit_message_text(html, reply_markup=markup)


async def _drop_keyboard(update: Update) -> None:
    query = update.callback_query
    if query is not None and query.message is not None:
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(None)


async def on_reminder_button(update: Update, context: PifaContext) -> None:
    """``rem:<id>:<done|h1|d1|cancel>`` (on a reminder) and ``rml:…`` (in the list)."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    prefix = "rml" if (query.data or "").startswith("rml:") else "rem"
    parsed = parse_callback(query.data, prefix)
    action = parsed[1] if parsed else None
    if parsed is None or len(parsed[0]) != 1 or action not in ("done", "cancel", *SNOOZE):
        await query.answer(phrase("answers.stale"))
        return
    uid = update.effective_user.id
    svc = service(context)
    try:
        if action in SNOOZE:
            reminder = await svc.snooze(uid, parsed[0][0], SNOOZE[action])
            tz = await svc.user_tz(uid)
            text = phrase("answers.snoozed", moment=format_moment(reminder.due_at, tz))
        else:
            state = "done" if action == "done" else "cancelled"
            reminder = await svc.finish(uid, parsed[0][0], state)
            text = phrase(
                f"answers.{'done' if state == 'done' else 'cancelled'}",
                text=await _summary(svc, reminder),
            )
    except NotFoundError:
        await query.answer(phrase("answers.stale"))
        return
    await query.answer()
    if prefix == "rml":
        await _refresh_list(update, context, uid)
    else:
        await _drop_keyboard(update)
    await reply(update, context, text)


# -- /sample ----------------------------------------------------------------------------------


async def sample(update: Update, context: PifaContext) -> None:
    """``/sample [SUPPLIER:] WHAT; COST; ARRIVAL`` (only WHAT is required)."""
    req = await _supplier_request(update, context, "usage.sample")
    if req is None:
        return
    uid, chat_id, svc, tz, now, supplier, rest = req
    fields = [f.strip() for f in rest.split(";")]
    what = fields[0]
    if not what:
        await reply(update, context, phrase("errors.no_what"))
        return
    if len(what) > WHAT_LIMIT:
        await reply(update, context, phrase("errors.text_too_long", limit=WHAT_LIMIT))
        return
    cost = currency = ordered = expected = None
    try:
        for field in filter(None, fields[1:]):
            words = field.split(maxsplit=1)
            head = words[0].lower()
            if head == "ordered":
                ordered = parse_exact(
                    words[1] if len(words) > 1 else "", now=now, tz=tz, prefer="past"
                )
                if ordered.moment > now:
                    raise WhenError("future", ordered.phrase)
            elif looks_like_money(field) or head in ("cost", "costs", "paid"):
                money = words[1] if head in ("cost", "costs", "paid") and len(words) > 1 else field
                cost, currency = parse_money(money)
            else:
                text = words[1] if head in _ARRIVAL_WORDS and len(words) > 1 else field
                found = parse_exact(text, now=now, tz=tz)
                if found.moment <= now:
                    await reply(update, context, _past(found, tz))
                    return
                expected = found
    except InputError as exc:
        await reply(update, context, _error_text(exc))
        return
    if supplier is None:
        example = "/sample Yiwu Straws: " + what[:40]
        await reply(update, context, phrase("errors.no_supplier", example=example))
        return
    ordered_on = (ordered.moment if ordered else now).astimezone(tz).date()
    if expected is not None:
        expected_at = remind_at = expected.moment
    else:
        arrival_day = ordered_on + timedelta(days=SAMPLE_DAYS)
        expected_at = localize(datetime.combine(arrival_day, time(9, 0)), tz)
        # An old order whose usual arrival day has passed is asked about straight away.
        remind_at = max(expected_at, now + timedelta(seconds=5))
    record, reminder, created = await svc.store.add_sample(
        uid,
        chat_id,
        supplier.id,
        what,
        cost=cost,
        currency=currency,
        ordered_on=ordered_on,
        expected_at=expected_at,
        remind_at=remind_at,
        update_id=update.update_id,
    )
    if created:
        svc.schedule(reminder)
    await reply(
        update,
        context,
        render(
            "reminders/sample_recorded.html.j2",
            supplier=record.supplier_name,
            what=record.what,
            cost=f"{record.cost} {record.currency or ''}".strip() if record.cost else "",
            ordered_on=format_moment(
                datetime.combine(record.ordered_on, time(12, 0), tz), tz, date_only=True
            ),
            expected=format_moment(
                record.expected_at, tz, date_only=expected is None or not expected.has_time
            ),
            remind=format_moment(reminder.due_at, tz),
        ),
    )


async def on_sample_button(update: Update, context: PifaContext) -> None:
    """``smp:<sample id>:<arrived|notyet|problem|r1…r5>``."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    parsed = parse_callback(query.data, "smp")
    ratings = {f"r{n}": n for n in range(1, 6)}
    action = parsed[1] if parsed else None
    valid = ("arrived", "notyet", "problem", *ratings)
    if parsed is None or len(parsed[0]) != 1 or action not in valid:
        await query.answer(phrase("answers.stale"))
        return
    uid = update.effective_user.id
    svc = service(context)
    sample_id = parsed[0][0]
    try:
        record = await svc.store.get_sample(uid, sample_id)
        if action in ratings:
            if record.status != "arrived" or record.rating is not None:
                raise NotFoundError(f"unrated arrived sample {sample_id}")
            record = await svc.store.rate_sample(uid, sample_id, ratings[action])
        elif record.status != "waiting":
            raise NotFoundError(f"waiting sample {sample_id}")
        elif action == "notyet":
            tz = await svc.user_tz(uid)
            again = await svc.reschedule_sample(
                uid, sample_id, days_later(svc.clock(), tz, NOT_YET_DAYS)
            )
        else:
            status = "arrived" if action == "arrived" else "problem"
            record = await svc.store.set_sample_status(uid, sample_id, status, svc.clock())
            await svc.finish_related(uid, sample_id=sample_id)
    except NotFoundError:
        await query.answer(phrase("answers.stale"))
        return
    await query.answer()
    await _drop_keyboard(update)
    values = {"what": record.what, "supplier": record.supplier_name}
    if action in ratings:
        note = phrase_plain("notes.sample_rated", rating=record.rating, what=record.what)
        await context.repo.record_message(uid, record.supplier_id, "buyer", note, kind="note")
        await reply(update, context, phrase("answers.rated", rating=record.rating, **values))
    elif action == "notyet":
        tz = await svc.user_tz(uid)
        moment = format_moment(again.due_at, tz)
        await reply(update, context, phrase("answers.not_yet", moment=moment, **values))
    elif action == "arrived":
        note = phrase_plain("notes.sample_arrived", what=record.what)
        await context.repo.record_message(uid, record.supplier_id, "buyer", note, kind="note")
        stars = [[(str(n), f"smp:{sample_id}:r{n}") for n in range(1, 6)]]
        await reply(
            update, context, phrase("answers.rate_prompt", **values), markup=keyboard(stars)
        )
    else:
        note = phrase_plain("notes.sample_problem", what=record.what)
        await context.repo.record_message(uid, record.supplier_id, "buyer", note, kind="note")
        await reply(update, context, render("reminders/sample_problem.html.j2", **values))


# -- /pay -------------------------------------------------------------------------------------


def _due_reminders(due: When, now: datetime, tz: tzinfo) -> tuple[tuple[str, datetime], ...]:
    """The day before and the day itself (at the due time, or 9:00 for a date alone);
    reminders already past are left out."""
    before = days_later(due.moment, tz, -1)
    return tuple(
        (kind, at)
        for kind, at in (("payment_before", before), ("payment_due", due.moment))
        if at > now
    )


async def pay(update: Update, context: PifaContext) -> None:
    """``/pay [SUPPLIER:] TOTAL CURRENCY PLAN; DUE; DUE…[; via CHANNEL]``."""
    req = await _supplier_request(update, context, "usage.pay")
    if req is None:
        return
    uid, chat_id, svc, tz, now, supplier, rest = req
    fields = [f.strip() for f in rest.split(";") if f.strip()]
    head = fields[0].split() if fields else []
    if len(head) < 2:
        await reply(update, context, phrase("errors.pay_form"))
        return
    channel_text = next((f[4:].strip() for f in fields[1:] if f.lower().startswith("via ")), None)
    date_fields = [f for f in fields[1:] if not f.lower().startswith("via ")]
    today = now.astimezone(tz).date()
    try:
        total, currency = parse_money(" ".join(head[:-1]))
        plan = build_plan(
            total,
            currency,
            head[-1],
            channel_text=channel_text,
            channel_rules=phrase_data("channels"),
        )
        dues = [parse_exact(f, now=now, tz=tz) for f in date_fields]
        check_dates(plan, [d.moment for d in dues])
    except InputError as exc:
        await reply(update, context, _error_text(exc))
        return
    for due in dues:
        # A date alone may be today even after 9:00; a time must still be ahead.
        if (due.has_time or due.moment.astimezone(tz).date() < today) and due.moment <= now:
            await reply(update, context, _past(due, tz))
            return
    if supplier is None:
        example = "/pay Yiwu Straws: " + fields[0][:40]
        await reply(update, context, phrase("errors.no_supplier", example=example))
        return
    parts = [
        NewInstallment(i.stage, i.percent, i.amount, due.moment, _due_reminders(due, now, tz))
        for i, due in zip(plan.installments, dues, strict=True)
    ]
    payments, created = await svc.store.add_plan(
        uid,
        chat_id,
        supplier.id,
        total=plan.total,
        currency=plan.currency,
        plan=plan.key,
        channel=channel_text,
        installments=parts,
        update_id=update.update_id,
    )
    if created:
        for reminder in await svc.store.plan_reminders(uid, payments[0].plan_id):
            if reminder.state == "pending":
                svc.schedule(reminder)
    # Markup: each warning is already rendered (and escaped) HTML.
    warnings = [
        Markup(
            render(
                f"reminders/warning_{code}.html.j2", percent=plain(plan.before_production_percent)
            )
        )
        for code in plan.warnings
    ]
    await reply(
        update,
        context,
        render(
            "reminders/plan_recorded.html.j2",
            supplier=supplier.name,
            total=plan.total,
            currency=plan.currency,
            plan=phrase(f"plans.{plan.key}"),
            channel=channel_text,
            payments=[
                {
                    "seq": p.seq,
                    "amount": p.amount,
                    "percent": plain(p.percent),
                    "stage": stage_label(p.stage),
                    "due": format_moment(p.due_at, tz, date_only=not due.has_time),
                }
                for p, due in zip(payments, dues, strict=True)
            ],
            skipped=sum(len(p.remind_at) for p in parts) < 2 * len(parts),
            warnings=warnings,
        ),
    )


async def on_payment_button(update: Update, context: PifaContext) -> None:
    """``pay:<payment id>:paid``: record it in the supplier thread."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    parsed = parse_callback(query.data, "pay")
    if parsed is None or len(parsed[0]) != 1 or parsed[1] != "paid":
        await query.answer(phrase("answers.stale"))
        return
    uid = update.effective_user.id
    svc = service(context)
    try:
        changed = await svc.store.mark_paid(uid, parsed[0][0], svc.clock())
        payment = await svc.store.get_payment(uid, parsed[0][0])
    except NotFoundError:
        await query.answer(phrase("answers.stale"))
        return
    if not changed:
        await query.answer(phrase("answers.already_paid"))
        await _drop_keyboard(update)
        return
    await svc.finish_related(uid, payment_id=payment.id)
    await query.answer()
    await _drop_keyboard(update)
    stage = stage_label(payment.stage)
    note = phrase_plain(
        "notes.paid",
        amount=payment.amount,
        currency=payment.currency,
        seq=payment.seq,
        count=payment.count,
        stage=stage,
    )
    await context.repo.record_message(uid, payment.supplier_id, "buyer", note, kind="note")
    await reply(
        update,
        context,
        phrase(
            "answers.paid",
            supplier=payment.supplier_name,
            amount=payment.amount,
            currency=payment.currency,
            stage=stage,
        ),
    )
