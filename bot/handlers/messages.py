"""Plain messages: record first, then answer; and clear answers for what we cannot read."""

from __future__ import annotations

from telegram import Update

from bot.context import PifaContext
from bot.conversation import respond
from bot.handlers.common import reply
from bot.handlers.start import ensure_user
from bot.handlers.suppliers import ask_which_supplier
from bot.render import ui


def _is_forwarded(update: Update) -> bool:
    msg = update.effective_message
    return msg is not None and msg.forward_origin is not None


async def on_text(update: Update, context: PifaContext) -> None:
    """Record the message in the active supplier's thread before answering."""
    msg = update.effective_message
    user = update.effective_user
    assert msg is not None and user is not None and update.effective_chat is not None
    text = msg.text or msg.caption or ""
    if not text.strip():
        await reply(update, context, ui("messages.empty"))
        return
    await ensure_user(update, context)
    supplier = await context.repo.active_supplier(user.id)
    direction = "supplier" if _is_forwarded(update) else "buyer"
    message, _ = await context.repo.record_message(
        user.id,
        supplier.id if supplier else None,
        direction,
        text,
        update_id=update.update_id,
    )
    if message.supplier_id is None:
        await ask_which_supplier(context, update.effective_chat.id, user.id, message.id)
        return
    if supplier is None or supplier.id != message.supplier_id:
        supplier = await context.repo.get_supplier(user.id, message.supplier_id)
    await respond(context, update.effective_chat.id, message, supplier)


async def on_unknown_command(update: Update, context: PifaContext) -> None:
    msg = update.effective_message
    command = ((msg.text or "").split(maxsplit=1) or ["?"])[0] if msg else "?"
    await reply(update, context, ui("messages.unknown_command", command=command[:40]))


async def on_unsupported(update: Update, context: PifaContext) -> None:
    """Stickers, voice, locations…: say what we can read instead."""
    await reply(update, context, ui("messages.unsupported"))
