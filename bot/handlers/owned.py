"""Buttons that name a supplier or a message: parse strictly, then check it is the presser's.

Clients can send any callback data, so an id in it proves nothing; every lookup here is scoped
to the user pressing, and anything else is answered as a stale button.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot.context import PifaContext
from bot.domain.models import Message, Supplier
from bot.domain.threads import ThreadEntry
from bot.errors import NotFoundError
from bot.handlers.common import parse_callback
from bot.render import ui
from bot.store.threads import ThreadStore


@dataclass(frozen=True, slots=True)
class Pressed:
    user_id: int
    ids: list[int]
    word: str | None


def threads(context: PifaContext) -> ThreadStore:
    return ThreadStore(context.services.db)


async def refuse(update: Update) -> None:
    assert update.callback_query is not None
    await update.callback_query.answer(ui("suppliers.stale_button"))


async def answer_query(update: Update) -> None:
    """Stop the client's spinner once the button is known to be good."""
    assert update.callback_query is not None
    await update.callback_query.answer()


async def pressed(
    update: Update,
    prefix: str,
    *,
    ids: tuple[int, ...],
    words: tuple[str | None, ...] = (None,),
) -> Pressed | None:
    """Parse ``prefix:<ids>[:word]`` with an allowed number of ids and an allowed word."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    parsed = parse_callback(query.data, prefix)
    if parsed is None or len(parsed[0]) not in ids or parsed[1] not in words:
        await refuse(update)
        return None
    return Pressed(update.effective_user.id, parsed[0], parsed[1])


async def own_supplier(
    update: Update, context: PifaContext, user_id: int, supplier_id: int
) -> Supplier | None:
    try:
        return await context.repo.get_supplier(user_id, supplier_id)
    except NotFoundError:
        await refuse(update)
        return None


async def pressed_supplier(
    update: Update, context: PifaContext, prefix: str
) -> tuple[Pressed, Supplier] | None:
    """``prefix:<supplier id>`` pressed by the supplier's owner; None (answered) otherwise."""
    p = await pressed(update, prefix, ids=(1,))
    if p is None:
        return None
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    return None if supplier is None else (p, supplier)


async def own_message(
    update: Update, context: PifaContext, user_id: int, message_id: int
) -> Message | None:
    try:
        return await context.repo.get_message(user_id, message_id)
    except NotFoundError:
        await refuse(update)
        return None


async def own_entry(
    update: Update, context: PifaContext, user_id: int, message_id: int
) -> ThreadEntry | None:
    try:
        return await threads(context).entry(user_id, message_id)
    except NotFoundError:
        await refuse(update)
        return None


async def edit_in_place(
    update: Update, html: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the pressed message's text; pressing the same choice twice changes nothing,
    which Telegram reports as an error that is not one here."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    try:
        await query.edit_message_text(html, reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
