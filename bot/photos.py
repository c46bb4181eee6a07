"""Photos the buyer forwards from a supplier: kept by file id in the thread, with the caption
read like any supplier text, and a button to mark one as a real photo of the product."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.analysis import analyser
from bot.context import PifaContext
from bot.conversation import respond, translate
from bot.domain.models import Message, Supplier
from bot.domain.threads import ThreadEntry
from bot.domain.timezones import tzinfo_for
from bot.handlers.common import keyboard, send_html
from bot.render import render
from bot.store.threads import ThreadStore
from bot.thread_view import entry_view
from bot.threads_ui import tui


def photo_buttons(entry: ThreadEntry) -> InlineKeyboardMarkup:
    mid = entry.message.id
    mark = (
        (tui("photo.unmark"), f"real:{mid}:off")
        if entry.real_photo
        else (tui("photo.mark"), f"real:{mid}:on")
    )
    return keyboard([[mark], [(tui("photo.delete"), f"mdel:{mid}")]])


async def photo_html(context: PifaContext, entry: ThreadEntry, supplier: Supplier) -> str:
    user = await context.repo.get_user(entry.message.user_id)
    tz = tzinfo_for((user.timezone if user else None) or context.settings.timezone)
    return render("threads/photo.html.j2", name=supplier.name, e=entry_view(entry, tz, limit=None))


async def photo_card(
    context: PifaContext, chat_id: int, message: Message, supplier: Supplier
) -> None:
    """Read the caption (translation, flags, facts), store that, and show the photo card."""
    uid = message.user_id
    if message.text.strip() and message.translation is None:
        user = await context.repo.get_user(uid)
        language = user.language if user else "en"
        # No asked keys: a caption goes with a picture and is not meant as the answer to
        # every open question, so it should not raise "unanswered".
        contract = analyser().analyse(message.text).to_contract()
        translated = await translate(
            context, message.text, source="zh", target=language, user_id=uid, bypass_cache=False
        )
        await context.repo.update_message(
            uid,
            message.id,
            translation=translated.text,
            flags=contract["flags"],
            facts=contract["facts"],
        )
    entry = await ThreadStore(context.services.db).entry(uid, message.id)
    html = await photo_html(context, entry, supplier)
    await send_html(context, chat_id, html, markup=photo_buttons(entry))


async def answer_filed(
    context: PifaContext, chat_id: int, message: Message, supplier: Supplier
) -> None:
    """Answer a message just filed under ``supplier``: photos get the photo card."""
    if message.kind == "photo":
        await photo_card(context, chat_id, message, supplier)
    else:
        await respond(context, chat_id, message, supplier)
