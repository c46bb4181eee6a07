"""Managing suppliers from /suppliers: rename, product, tier, years on 1688, archive, delete;
and deleting one message from a thread."""

from __future__ import annotations

import time
from collections.abc import Iterable

from telegram import InlineKeyboardMarkup, Update

from bot.context import PifaContext
from bot.conversation import term_pinner
from bot.domain.models import Message, Supplier
from bot.errors import NotFoundError
from bot.handlers.common import keyboard, reply
from bot.handlers.owned import (
    answer_query,
    edit_in_place,
    own_entry,
    own_supplier,
    pressed,
    pressed_supplier,
    refuse,
    threads,
)
from bot.handlers.questions import AWAITING as ASK_AWAITING
from bot.handlers.suppliers import NAME_LIMIT
from bot.handlers.threads import MANAGE_AWAITING, PRODUCT_LIMIT
from bot.render import render
from bot.store.cache import SqliteTranslationCache
from bot.thread_view import supplier_view
from bot.threads_ui import tiers, tui

#: Years offered as buttons; 0 stands for "under one year".
YEAR_CHOICES = (0, 1, 2, 3, 4, 5, 6, 8, 10, 15)
#: Seconds a "send the new name" prompt stays open; later text goes to the supplier as usual.
PROMPT_TTL = 600.0


async def _card(context: PifaContext, supplier: Supplier) -> tuple[str, InlineKeyboardMarkup]:
    uid = supplier.user_id
    active = await context.repo.active_supplier(uid)
    html = render(
        "threads/manage.html.j2",
        s=supplier_view(supplier),
        active=active is not None and active.id == supplier.id,
        messages=await context.repo.count_messages(uid, supplier.id),
    )
    sid = supplier.id
    rows = [
        [(tui("manage.make_active"), f"sup:{sid}"), (tui("manage.thread"), f"thr:{sid}")],
        [(tui("manage.rename"), f"mren:{sid}"), (tui("manage.product"), f"mprod:{sid}")],
        [(tui("manage.tier"), f"mtier:{sid}"), (tui("manage.years"), f"myrs:{sid}")],
        [(tui("manage.score"), f"scr:{sid}"), (tui("manage.export"), f"mexp:{sid}")],
        [
            (tui("manage.unarchive" if supplier.archived else "manage.archive"), f"marc:{sid}"),
            (tui("manage.delete"), f"mdels:{sid}"),
        ],
    ]
    if supplier.archived:
        rows[0] = rows[0][1:]  # an archived supplier cannot be the active one
    return html, keyboard(rows)


async def _redraw(update: Update, context: PifaContext, supplier: Supplier) -> None:
    """Show the card again in the message whose button was pressed."""
    query = update.callback_query
    assert query is not None
    html, markup = await _card(context, supplier)
    await edit_in_place(update, html, markup)


async def on_manage(update: Update, context: PifaContext) -> None:
    """``mng:<supplier id>``: the supplier's management card."""
    found = await pressed_supplier(update, context, "mng")
    if found is None:
        return
    _, supplier = found
    await answer_query(update)
    html, markup = await _card(context, supplier)
    await reply(update, context, html, markup=markup)


# -- typed values: name and product -----------------------------------------------------------


async def _await_value(update: Update, context: PifaContext, prefix: str, field: str) -> None:
    p = await pressed(update, prefix, ids=(1,))
    if p is None:
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    if supplier is None:
        return
    assert context.user_data is not None
    context.user_data.pop(ASK_AWAITING, None)
    context.user_data[MANAGE_AWAITING] = {
        "field": field,
        "supplier_id": supplier.id,
        "since": time.monotonic(),
    }
    await answer_query(update)
    key = "manage.rename_prompt" if field == "name" else "manage.product_prompt"
    await reply(update, context, tui(key, name=supplier.name))


async def on_rename(update: Update, context: PifaContext) -> None:
    """``mren:<supplier id>``: the next text is the new name."""
    await _await_value(update, context, "mren", "name")


async def on_set_product(update: Update, context: PifaContext) -> None:
    """``mprod:<supplier id>``: the next text is the product being sourced."""
    await _await_value(update, context, "mprod", "product")


async def take_manage_value(update: Update, context: PifaContext, text: str) -> bool:
    """If a rename or product prompt is open, use ``text``; True when it was consumed."""
    assert context.user_data is not None and update.effective_user is not None
    waiting = context.user_data.pop(MANAGE_AWAITING, None)
    if not isinstance(waiting, dict) or time.monotonic() - waiting["since"] > PROMPT_TTL:
        return False
    value = " ".join(text.split())
    field = waiting["field"]
    limit = NAME_LIMIT if field == "name" else PRODUCT_LIMIT
    if len(value) > limit:
        context.user_data[MANAGE_AWAITING] = waiting
        await reply(update, context, tui("manage.name_too_long", limit=limit))
        return True
    try:
        supplier = await context.repo.update_supplier(
            update.effective_user.id, waiting["supplier_id"], **{field: value}
        )
    except NotFoundError:
        await reply(update, context, tui("common.deleted_supplier"))
        return True
    if field == "name":
        await reply(update, context, tui("manage.renamed", name=supplier.name))
    else:
        await reply(update, context, tui("manage.product_set", name=supplier.name, product=value))
    return True


# -- tier and years: choices as buttons -------------------------------------------------------


async def on_tier(update: Update, context: PifaContext) -> None:
    """``mtier:<supplier id>`` shows the tiers; ``mtier:<id>:<tier key>|none|back`` sets one."""
    keys = tuple(t.key for t in tiers())
    p = await pressed(update, "mtier", ids=(1,), words=(None, "none", "back", *keys))
    if p is None:
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    if supplier is None:
        return
    query = update.callback_query
    assert query is not None
    await query.answer()
    sid = supplier.id
    if p.word is None:
        rows = [[(f"{t.zh} · {t.en}", f"mtier:{sid}:{t.key}")] for t in tiers()]
        rows.append(
            [
                (tui("manage.tier_none"), f"mtier:{sid}:none"),
                (tui("thread.back"), f"mtier:{sid}:back"),
            ]
        )
        await edit_in_place(update, tui("manage.tier_prompt", name=supplier.name), keyboard(rows))
        return
    if p.word != "back":
        supplier = await context.repo.update_supplier(
            p.user_id, sid, tier=None if p.word == "none" else p.word
        )
    await _redraw(update, context, supplier)


async def on_years(update: Update, context: PifaContext) -> None:
    """``myrs:<supplier id>`` shows year buttons; ``myrs:<id>:<years>`` sets them."""
    p = await pressed(update, "myrs", ids=(1, 2), words=(None, "back"))
    if p is None:
        return
    if len(p.ids) == 2 and (p.word is not None or p.ids[1] not in YEAR_CHOICES):
        await refuse(update)
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    if supplier is None:
        return
    query = update.callback_query
    assert query is not None
    await query.answer()
    sid = supplier.id
    if len(p.ids) == 1 and p.word is None:
        buttons = [
            (tui("manage.years_under_one") if y == 0 else str(y), f"myrs:{sid}:{y}")
            for y in YEAR_CHOICES
        ]
        rows = [buttons[i : i + 5] for i in range(0, len(buttons), 5)]
        rows.append([(tui("thread.back"), f"myrs:{sid}:back")])
        await edit_in_place(update, tui("manage.years_prompt", name=supplier.name), keyboard(rows))
        return
    if len(p.ids) == 2:
        # "Under one year" is kept as half a year: below the threshold, and honest about it.
        years = 0.5 if p.ids[1] == 0 else float(p.ids[1])
        supplier = await context.repo.update_supplier(p.user_id, sid, member_years=years)
    await _redraw(update, context, supplier)


# -- archive ----------------------------------------------------------------------------------


async def on_archive(update: Update, context: PifaContext) -> None:
    """``marc:<supplier id>``: archive, or bring back from the archive."""
    found = await pressed_supplier(update, context, "marc")
    if found is None:
        return
    p, supplier = found
    archived = not supplier.archived
    supplier = await context.repo.update_supplier(p.user_id, supplier.id, archived=int(archived))
    query = update.callback_query
    assert query is not None
    await query.answer()
    key = "manage.archived" if archived else "manage.unarchived"
    await reply(update, context, tui(key, name=supplier.name))
    await _redraw(update, context, supplier)


async def on_archived_list(update: Update, context: PifaContext) -> None:
    """``marcl``: the archived suppliers, each with its management button."""
    p = await pressed(update, "marcl", ids=(0,))
    if p is None:
        return
    await answer_query(update)
    archived = await context.repo.list_suppliers(p.user_id, archived=True)
    if not archived:
        await reply(update, context, tui("manage.no_archived"))
        return
    rows = [[(s.name[:40], f"mng:{s.id}")] for s in archived[:40]]
    await reply(update, context, tui("manage.archived_title"), markup=keyboard(rows))


# -- deleting ---------------------------------------------------------------------------------


async def forget_translations(
    context: PifaContext, user_id: int, messages: Iterable[Message]
) -> int:
    """Drop the cached translations of these messages: every text that went to the translator."""
    texts: set[str] = set()
    for m in messages:
        texts.add(m.text)
        if m.translation:
            texts.add(m.translation)  # a buyer's Chinese is back-translated
        if m.direction == "buyer":
            texts.add(term_pinner().pin(m.text)[0])
    texts.discard("")
    return await SqliteTranslationCache(context.services.db).forget_texts(user_id, sorted(texts))


async def on_delete_supplier(update: Update, context: PifaContext) -> None:
    """``mdels:<supplier id>``: ask before deleting everything of the supplier."""
    found = await pressed_supplier(update, context, "mdels")
    if found is None:
        return
    p, supplier = found
    await answer_query(update)
    count = await context.repo.count_messages(p.user_id, supplier.id)
    rows = [[(tui("manage.yes_delete"), f"mdelsok:{supplier.id}"), (tui("thread.keep"), "mkeep")]]
    await reply(
        update,
        context,
        tui("manage.confirm_delete", name=supplier.name, messages=count),
        markup=keyboard(rows),
    )


async def on_delete_supplier_confirmed(update: Update, context: PifaContext) -> None:
    """``mdelsok:<supplier id>``: delete the supplier and everything of it."""
    found = await pressed_supplier(update, context, "mdelsok")
    if found is None:
        return
    p, supplier = found
    deleted = await threads(context).delete_supplier(p.user_id, supplier.id)
    await forget_translations(context, p.user_id, deleted)
    query = update.callback_query
    assert query is not None
    await query.answer()
    await edit_in_place(update, tui("manage.deleted", name=supplier.name))


async def on_delete_message(update: Update, context: PifaContext) -> None:
    """``mdel:<message id>``: ask before deleting one message of a thread."""
    p = await pressed(update, "mdel", ids=(1,))
    if p is None:
        return
    entry = await own_entry(update, context, p.user_id, p.ids[0])
    if entry is None or entry.message.supplier_id is None:
        return
    supplier = await context.repo.get_supplier(p.user_id, entry.message.supplier_id)
    await answer_query(update)
    preview = entry.message.text[:200] or tui("thread.photo_preview")
    rows = [
        [(tui("thread.yes_delete"), f"mdelok:{entry.message.id}"), (tui("thread.keep"), "mkeep")]
    ]
    await reply(
        update,
        context,
        tui("thread.confirm_delete", number=entry.number, name=supplier.name, preview=preview),
        markup=keyboard(rows),
    )


async def on_delete_message_confirmed(update: Update, context: PifaContext) -> None:
    """``mdelok:<message id>``: delete that message."""
    p = await pressed(update, "mdelok", ids=(1,))
    if p is None:
        return
    entry = await own_entry(update, context, p.user_id, p.ids[0])
    if entry is None or entry.message.supplier_id is None:
        return
    supplier = await context.repo.get_supplier(p.user_id, entry.message.supplier_id)
    deleted = await threads(context).delete_message(p.user_id, entry.message.id)
    await forget_translations(context, p.user_id, [deleted])
    query = update.callback_query
    assert query is not None
    await query.answer()
    await edit_in_place(
        update, tui("thread.message_deleted", number=entry.number, name=supplier.name)
    )


async def on_keep(update: Update, context: PifaContext) -> None:
    """``mkeep``: the buyer changed their mind about deleting."""
    p = await pressed(update, "mkeep", ids=(0,))
    if p is None:
        return
    query = update.callback_query
    assert query is not None
    await query.answer()
    await edit_in_place(update, tui("thread.kept"))
