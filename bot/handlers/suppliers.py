"""/new, /suppliers, and the buttons that switch supplier or file a waiting message."""

from __future__ import annotations

import re

from telegram import Update

from bot.context import PifaContext
from bot.errors import NotFoundError
from bot.handlers.common import keyboard, reply, send_html
from bot.handlers.owned import answer_query, own_message, own_supplier, pressed, pressed_supplier
from bot.handlers.start import ensure_user
from bot.photos import answer_filed
from bot.render import render, ui
from bot.threads_ui import tui

NAME_LIMIT = 64
_LINK = re.compile(r"^(https?://\S+|\S*1688\.com\S*)$", re.IGNORECASE)
PENDING_KEY = "pending_message_id"


def split_name_and_link(args: list[str]) -> tuple[str, str | None]:
    """``["Yiwu", "Straws", "https://…"]`` → ``("Yiwu Straws", "https://…")``."""
    link = None
    words = list(args)
    for i, word in enumerate(words):
        if _LINK.match(word):
            link = word
            del words[i]
            break
    return " ".join(words).strip(), link


async def new_supplier(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    await ensure_user(update, context)
    uid = update.effective_user.id
    name, link = split_name_and_link(context.args or [])
    if not name:
        await reply(update, context, ui("suppliers.new_usage"))
        return
    if len(name) > NAME_LIMIT:
        await reply(update, context, ui("suppliers.name_too_long", limit=NAME_LIMIT))
        return
    supplier = await context.repo.create_supplier(uid, name, link)
    await reply(update, context, render("bot/supplier_created.html.j2", supplier=supplier))
    pending = context.user_data.pop(PENDING_KEY, None)  # type: ignore[union-attr]
    if isinstance(pending, int):
        try:
            message = await context.repo.file_message(uid, pending, supplier.id)
        except NotFoundError:
            return
        if update.effective_chat is not None:
            await reply(update, context, ui("suppliers.filed_pending", name=supplier.name))
            await answer_filed(context, update.effective_chat.id, message, supplier)


async def list_suppliers(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    await ensure_user(update, context)
    uid = update.effective_user.id
    suppliers = await context.repo.list_suppliers(uid)
    archived = await context.repo.list_suppliers(uid, archived=True)
    shelf: list[list[tuple[str, str]]] = (
        [[(tui("manage.archived_list", count=len(archived)), "marcl")]] if archived else []
    )
    if not suppliers:
        markup = keyboard(shelf) if shelf else None
        await reply(update, context, ui("suppliers.none"), markup=markup)
        return
    active = await context.repo.active_supplier(uid)
    active_id = active.id if active else None
    # ⚙️ opens the management card (bot.handlers.manage): rename, product, tier, archive, delete.
    buttons = [
        [
            (("▶️ " if s.id == active_id else "") + s.name[:40], f"sup:{s.id}"),
            (tui("manage.open"), f"mng:{s.id}"),
        ]
        for s in suppliers
    ]
    buttons += shelf
    await reply(
        update,
        context,
        render("bot/suppliers.html.j2", suppliers=suppliers, active_id=active_id),
        markup=keyboard(buttons),
    )


async def on_switch(update: Update, context: PifaContext) -> None:
    """``sup:<supplier id>``: make that supplier active."""
    found = await pressed_supplier(update, context, "sup")
    if found is None:
        return
    p, supplier = found
    await context.repo.set_active_supplier(p.user_id, supplier.id)
    await answer_query(update)
    await reply(update, context, ui("suppliers.switched", name=supplier.name))


async def on_file(update: Update, context: PifaContext) -> None:
    """``file:<message id>:<supplier id>``: file a waiting message and answer it."""
    p = await pressed(update, "file", ids=(2,))
    if p is None:
        return
    message = await own_message(update, context, p.user_id, p.ids[0])
    if message is None:
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[1])
    if supplier is None:
        return
    if message.supplier_id is None:
        message = await context.repo.file_message(p.user_id, message.id, supplier.id)
    await context.repo.set_active_supplier(p.user_id, supplier.id)
    await answer_query(update)
    query = update.callback_query
    if query is not None and query.message is not None:
        await query.edit_message_reply_markup(None)
    assert update.effective_chat is not None
    await reply(update, context, ui("suppliers.switched", name=supplier.name))
    await answer_filed(context, update.effective_chat.id, message, supplier)


async def on_new_for_pending(update: Update, context: PifaContext) -> None:
    """``newsup:<message id>``: the waiting message goes to the supplier created next."""
    p = await pressed(update, "newsup", ids=(1,))
    if p is None:
        return
    message = await own_message(update, context, p.user_id, p.ids[0])
    if message is None:
        return
    context.user_data[PENDING_KEY] = message.id  # type: ignore[index]
    await answer_query(update)
    await reply(update, context, ui("suppliers.new_prompt"))


async def ask_which_supplier(
    context: PifaContext, chat_id: int, user_id: int, message_id: int
) -> None:
    """No active supplier: ask instead of guessing."""
    suppliers = await context.repo.list_suppliers(user_id)
    rows = [[(s.name[:40], f"file:{message_id}:{s.id}")] for s in suppliers[:20]]
    rows.append([(ui("suppliers.new_button"), f"newsup:{message_id}")])
    await send_html(context, chat_id, ui("suppliers.pick_prompt"), markup=keyboard(rows))


async def on_stale_button(update: Update, context: PifaContext) -> None:
    """Callback data no handler recognises (old keyboards, forged data)."""
    assert update.callback_query is not None
    await update.callback_query.answer(ui("suppliers.stale_button"))
