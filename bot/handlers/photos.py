"""Photos sent or forwarded by the buyer, and the "real photo of the product" button."""

from __future__ import annotations

from telegram import Update

from bot.context import PifaContext
from bot.handlers.owned import edit_in_place, own_entry, pressed, threads
from bot.handlers.start import ensure_user
from bot.handlers.suppliers import ask_which_supplier
from bot.photos import photo_buttons, photo_card, photo_html
from bot.threads_ui import tui

CAPTION_LIMIT = 1024


async def on_photo(update: Update, context: PifaContext) -> None:
    """Keep the photo (by file id, with its caption) in the active supplier's thread."""
    msg = update.effective_message
    user = update.effective_user
    chat = update.effective_chat
    assert msg is not None and user is not None and chat is not None and msg.photo
    await ensure_user(update, context)
    supplier = await context.repo.active_supplier(user.id)
    # The largest size comes last; its file id is what Telegram keeps longest.
    file_id = msg.photo[-1].file_id
    message, _ = await context.repo.record_message(
        user.id,
        supplier.id if supplier else None,
        "supplier",
        (msg.caption or "").strip()[:CAPTION_LIMIT],
        update_id=update.update_id,
        kind="photo",
        file_id=file_id,
    )
    if message.supplier_id is None:
        await ask_which_supplier(context, chat.id, user.id, message.id)
        return
    if supplier is None or supplier.id != message.supplier_id:
        supplier = await context.repo.get_supplier(user.id, message.supplier_id)
    await photo_card(context, chat.id, message, supplier)


async def on_real_photo(update: Update, context: PifaContext) -> None:
    """``real:<message id>:on|off``: mark a photo as a real photo of the product, or unmark."""
    p = await pressed(update, "real", ids=(1,), words=("on", "off"))
    if p is None:
        return
    entry = await own_entry(update, context, p.user_id, p.ids[0])
    if entry is None:
        return
    if not entry.is_photo or entry.message.supplier_id is None:
        await update.callback_query.answer(tui("common.deleted_supplier"))  # type: ignore[union-attr]
        return
    real = p.word == "on"
    await threads(context).mark_real_photo(p.user_id, entry.message.id, real)
    entry = await threads(context).entry(p.user_id, entry.message.id)
    supplier = await context.repo.get_supplier(p.user_id, entry.message.supplier_id)  # type: ignore[arg-type]
    query = update.callback_query
    assert query is not None
    await query.answer(tui("photo.marked" if real else "photo.unmarked"))
    await edit_in_place(update, await photo_html(context, entry, supplier), photo_buttons(entry))
