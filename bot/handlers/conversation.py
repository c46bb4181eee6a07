"""Buttons under the answers: flip direction, retry translation, pinyin, ask again."""

from __future__ import annotations

from telegram import Update

from bot.context import PifaContext
from bot.conversation import respond
from bot.domain.direction import is_supplier_text
from bot.domain.keys import QUESTION_KEYS
from bot.domain.models import Message
from bot.handlers.common import reply
from bot.handlers.owned import answer_query, own_message, own_supplier, pressed
from bot.handlers.questions import send_question
from bot.questions import to_pinyin
from bot.render import ui


async def _message_from(update: Update, context: PifaContext, prefix: str) -> Message | None:
    """The presser's message named by ``prefix:<message id>``; None (answered) otherwise."""
    p = await pressed(update, prefix, ids=(1,))
    if p is None:
        return None
    message = await own_message(update, context, p.user_id, p.ids[0])
    if message is not None:
        await answer_query(update)
    return message


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
    message = await _message_from(update, context, "flip")
    if message is None:
        return
    uid, mid = message.user_id, message.id
    flipped = "buyer" if message.direction == "supplier" else "supplier"
    await context.repo.update_message(uid, mid, direction=flipped)
    await _rerun(update, context, uid, mid, bypass=False)


async def on_retry(update: Update, context: PifaContext) -> None:
    """``retry:<message id>``: translate again, skipping the cache."""
    message = await _message_from(update, context, "retry")
    if message is not None:
        await _rerun(update, context, message.user_id, message.id, bypass=True)


async def on_pinyin(update: Update, context: PifaContext) -> None:
    """``py:<message id>``: the pinyin of the Chinese of that message."""
    message = await _message_from(update, context, "py")
    if message is None:
        return
    chinese = message.text if is_supplier_text(message.text) else message.translation
    if not chinese:
        await reply(update, context, ui("conversation.no_pinyin"))
        return
    await reply(update, context, ui("conversation.pinyin_reply", pinyin=to_pinyin(chinese)))


async def on_followup(update: Update, context: PifaContext) -> None:
    """``fu:<supplier id>:<key>``: re-ask a question the supplier skipped."""
    p = await pressed(update, "fu", ids=(1,), words=QUESTION_KEYS)
    if p is None or p.word is None:
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    if supplier is None:
        return
    await answer_query(update)
    await send_question(update, context, p.word, {}, supplier=supplier, followup=True)
