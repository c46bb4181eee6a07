"""Buttons under the answers: flip direction, retry translation, pinyin, ask again."""

from __future__ import annotations

from telegram import Update

from bot.context import PifaContext
from bot.conversation import respond
from bot.domain.direction import is_supplier_text
from bot.domain.keys import QUESTION_KEYS
from bot.errors import NotFoundError
from bot.handlers.common import parse_callback, reply
from bot.handlers.questions import send_question
from bot.questions import to_pinyin
from bot.render import ui


async def _message_from(
    update: Update, context: PifaContext, prefix: str
) -> tuple[int, int] | None:
    """Parse ``prefix:<message id>`` and check the message is the presser's; None otherwise."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    parsed = parse_callback(query.data, prefix)
    if parsed is None or len(parsed[0]) != 1 or parsed[1] is not None:
        await query.answer(ui("suppliers.stale_button"))
        return None
    try:
        await context.repo.get_message(update.effective_user.id, parsed[0][0])
    except NotFoundError:
        await query.answer(ui("suppliers.stale_button"))
        return None
    await query.answer()
    return update.effective_user.id, parsed[0][0]


async def _rerun(
    update: Update, context: PifaContext, user_id: int, message_id: int, *, bypass: bool
) -> None:
    message = await context.repo.get_message(user_id, message_id)
    if message.supplier_id is None or update.effective_chat is None:
        return
    supplier = await context.repo.get_supplier(user_id, message.supplier_id)
    await respond(context, update.effective_chat.id, message, supplier, bypass_cache=bypass)


async def on_flip(update: Update, context: PifaContext) -> None:
    """``flip:<message id>``: the direction guess was wrong; answer as the other side."""
    found = await _message_from(update, context, "flip")
    if found is None:
        return
    uid, mid = found
    message = await context.repo.get_message(uid, mid)
    flipped = "buyer" if message.direction == "supplier" else "supplier"
    await context.repo.update_message(uid, mid, direction=flipped)
    await _rerun(update, context, uid, mid, bypass=False)


async def on_retry(update: Update, context: PifaContext) -> None:
    """``retry:<message id>``: translate again, skipping the cache."""
    found = await _message_from(update, context, "retry")
    if found is not None:
        await _rerun(update, context, *found, bypass=True)


async def on_pinyin(update: Update, context: PifaContext) -> None:
    """``py:<message id>``: the pinyin of the Chinese of that message."""
    found = await _message_from(update, context, "py")
    if found is None:
        return
    message = await context.repo.get_message(*found)
    chinese = message.text if is_supplier_text(message.text) else message.translation
    if not chinese:
        await reply(update, context, ui("conversation.no_pinyin"))
        return
    await reply(update, context, ui("conversation.pinyin_reply", pinyin=to_pinyin(chinese)))


async def on_followup(update: Update, context: PifaContext) -> None:
    """``fu:<supplier id>:<key>``: re-ask a question the supplier skipped."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    parsed = parse_callback(query.data, "fu")
    if parsed is None or len(parsed[0]) != 1 or parsed[1] not in QUESTION_KEYS:
        await query.answer(ui("suppliers.stale_button"))
        return
    try:
        supplier = await context.repo.get_supplier(update.effective_user.id, parsed[0][0])
    except NotFoundError:
        await query.answer(ui("suppliers.stale_button"))
        return
    await query.answer()
    assert parsed[1] is not None
    await send_question(update, context, parsed[1], {}, supplier=supplier, followup=True)
