"""Plain messages: record first, then answer; and clear answers for what we cannot read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Job

from bot.context import PifaContext
from bot.conversation import respond
from bot.domain.direction import is_supplier_text
from bot.errors import NotFoundError
from bot.handlers.common import reply
from bot.handlers.manage import take_manage_value
from bot.handlers.questions import take_awaited_value
from bot.handlers.start import ensure_user
from bot.handlers.suppliers import ask_which_supplier
from bot.render import ui

#: Telegram cuts a long paste into messages of up to 4096 characters; a message at least this
#: long probably continues in the next one.
SPLIT_LENGTH = 4000
#: Seconds to wait for the continuation of a split paste.
JOIN_WINDOW = 1.5


@dataclass
class PendingPaste:
    message_id: int
    supplier_id: int
    chat_id: int
    parts: int
    job: Job[Any] | None = None


def _is_forwarded(update: Update) -> bool:
    msg = update.effective_message
    return msg is not None and msg.forward_origin is not None


async def on_text(update: Update, context: PifaContext) -> None:
    """Record the message in the active supplier's thread before answering."""
    msg = update.effective_message
    user = update.effective_user
    chat = update.effective_chat
    assert msg is not None and user is not None and chat is not None
    text = msg.text or msg.caption or ""
    if not text.strip():
        await reply(update, context, ui("messages.empty"))
        return
    await ensure_user(update, context)
    if await _join_continuation(update, context, text):
        return
    if await take_awaited_value(update, context, text):
        return
    if await take_manage_value(update, context, text):  # rename / product prompt
        return
    supplier = await context.repo.active_supplier(user.id)
    forwarded = _is_forwarded(update)
    direction = "supplier" if forwarded or is_supplier_text(text) else "buyer"
    message, _ = await context.repo.record_message(
        user.id,
        supplier.id if supplier else None,
        direction,
        text,
        update_id=update.update_id,
        kind="forward" if forwarded else "text",
    )
    if message.supplier_id is None:
        await ask_which_supplier(context, chat.id, user.id, message.id)
        return
    if supplier is None or supplier.id != message.supplier_id:
        supplier = await context.repo.get_supplier(user.id, message.supplier_id)
    if len(text) >= SPLIT_LENGTH:
        _wait_for_continuation(context, PendingPaste(message.id, supplier.id, chat.id, 1))
        return
    await respond(context, chat.id, message, supplier)


def _wait_for_continuation(context: PifaContext, pending: PendingPaste) -> None:
    assert context.job_queue is not None and context.user_data is not None
    pending.job = context.job_queue.run_once(
        _finish_paste,  # type: ignore[arg-type]
        JOIN_WINDOW,
        data=pending,
        chat_id=pending.chat_id,
        user_id=pending.chat_id,
        name=f"paste:{pending.chat_id}:{pending.message_id}",
    )
    context.user_data["paste"] = pending


async def _join_continuation(update: Update, context: PifaContext, text: str) -> bool:
    """Append ``text`` to a split paste still waiting; True when it was a continuation."""
    assert context.user_data is not None and update.effective_user is not None
    pending = context.user_data.get("paste")
    if not isinstance(pending, PendingPaste) or _is_forwarded(update):
        return False
    if pending.job is not None:
        pending.job.schedule_removal()
    context.user_data.pop("paste", None)
    joined = await context.repo.append_part(
        update.effective_user.id, pending.message_id, update.update_id, text
    )
    if joined:
        pending.parts += 1
    if len(text) >= SPLIT_LENGTH:
        _wait_for_continuation(context, pending)
    else:
        await _answer_paste(context, update.effective_user.id, pending)
    return True


async def _finish_paste(context: PifaContext) -> None:
    """Job: no continuation came; answer the paste as it is."""
    assert context.job is not None
    data: object = context.job.data
    if not isinstance(data, PendingPaste):
        return
    pending = data
    if context.user_data is not None and context.user_data.get("paste") is pending:
        context.user_data.pop("paste", None)
    assert context.job.user_id is not None
    await _answer_paste(context, context.job.user_id, pending)


async def _answer_paste(context: PifaContext, user_id: int, pending: PendingPaste) -> None:
    try:
        message = await context.repo.get_message(user_id, pending.message_id)
        supplier = await context.repo.get_supplier(user_id, pending.supplier_id)
    except NotFoundError:
        return
    if pending.parts > 1:
        await context.bot.send_message(
            pending.chat_id, ui("conversation.paste_joined", parts=pending.parts)
        )
    # The joined text may read differently from its first part: decide the direction again.
    direction = (
        "supplier" if message.kind == "forward" or is_supplier_text(message.text) else "buyer"
    )
    if direction != message.direction:
        await context.repo.update_message(user_id, message.id, direction=direction)
        message = await context.repo.get_message(user_id, message.id)
    await respond(context, pending.chat_id, message, supplier)


async def on_unknown_command(update: Update, context: PifaContext) -> None:
    msg = update.effective_message
    command = ((msg.text or "").split(maxsplit=1) or ["?"])[0] if msg else "?"
    await reply(update, context, ui("messages.unknown_command", command=command[:40]))


async def on_unsupported(update: Update, context: PifaContext) -> None:
    """Stickers, voice, locations…: say what we can read instead."""
    await reply(update, context, ui("messages.unsupported"))
