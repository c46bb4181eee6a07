"""/thread, /export, /quotes, /score and /product, with their buttons."""

from __future__ import annotations

from datetime import tzinfo

from telegram import InlineKeyboardMarkup, Update

from bot.context import PifaContext
from bot.domain.comparison import TOO_GOOD_RATIO, compare
from bot.domain.models import Supplier
from bot.domain.quotes import product_key
from bot.domain.scoring import CRITERIA, WEIGHTS, scorecard
from bot.domain.threads import open_questions, thread_flags
from bot.domain.timezones import tzinfo_for
from bot.export import Thread, export_csv, export_html, slug
from bot.handlers.common import keyboard, reply
from bot.handlers.owned import (
    answer_query,
    edit_in_place,
    own_supplier,
    pressed,
    pressed_supplier,
    refuse,
    threads,
)
from bot.handlers.start import ensure_user
from bot.questions import label
from bot.render import render, ui
from bot.thread_view import page_buttons, supplier_view, thread_page
from bot.threads_ui import criterion_label, grade_meaning, rules, tier, tui

PRODUCT_LIMIT = 100
#: user_data key of a pending "send the new name / product" (see bot.handlers.manage).
MANAGE_AWAITING = "manage_awaiting"


def forget_pending(context: PifaContext) -> None:
    """A command was given instead of the awaited name or product: stop waiting."""
    if context.user_data is not None:
        context.user_data.pop(MANAGE_AWAITING, None)


async def user_tz(context: PifaContext, user_id: int) -> tzinfo:
    user = await context.repo.get_user(user_id)
    return tzinfo_for((user.timezone if user else None) or context.settings.timezone)


async def _active(update: Update, context: PifaContext) -> Supplier | None:
    assert update.effective_user is not None
    await ensure_user(update, context)
    forget_pending(context)
    supplier = await context.repo.active_supplier(update.effective_user.id)
    if supplier is None:
        await reply(update, context, tui("common.no_active"))
    return supplier


# -- /thread ----------------------------------------------------------------------------------


async def _page(
    context: PifaContext, supplier: Supplier, requested: int | None
) -> tuple[str, InlineKeyboardMarkup]:
    entries = await threads(context).entries(supplier.user_id, supplier.id)
    page = thread_page(supplier, entries, await user_tz(context, supplier.user_id), requested)
    return page.html, keyboard(page_buttons(supplier.id, page))


async def thread(update: Update, context: PifaContext) -> None:
    """``/thread``: the newest page of the active supplier's conversation."""
    supplier = await _active(update, context)
    if supplier is None:
        return
    html, markup = await _page(context, supplier, None)
    await reply(update, context, html, markup=markup)


async def on_thread_page(update: Update, context: PifaContext) -> None:
    """``thr:<supplier id>[:<page>]``: show a page (the newest without one)."""
    p = await pressed(update, "thr", ids=(1, 2))
    if p is None:
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    if supplier is None:
        return
    query = update.callback_query
    assert query is not None
    await query.answer()
    html, markup = await _page(context, supplier, p.ids[1] if len(p.ids) == 2 else None)
    if len(p.ids) == 2 and query.message is not None:
        await edit_in_place(update, html, markup)
    else:
        await reply(update, context, html, markup=markup)


async def on_pick_delete(update: Update, context: PifaContext) -> None:
    """``tdm:<supplier id>:<page>``: number buttons for the messages on that page."""
    p = await pressed(update, "tdm", ids=(2,))
    if p is None:
        return
    supplier = await own_supplier(update, context, p.user_id, p.ids[0])
    if supplier is None:
        return
    entries = await threads(context).entries(p.user_id, supplier.id)
    page = thread_page(supplier, entries, await user_tz(context, p.user_id), p.ids[1])
    query = update.callback_query
    assert query is not None
    await query.answer(tui("thread.pick_delete"))
    numbers = [
        (tui("thread.delete_number", number=e.number), f"mdel:{e.message.id}") for e in page.entries
    ]
    rows = [numbers[i : i + 4] for i in range(0, len(numbers), 4)]
    rows.append([(tui("thread.back"), f"thr:{supplier.id}:{page.index}")])
    if query.message is not None:
        await query.edit_message_reply_markup(keyboard(rows))


# -- /export ----------------------------------------------------------------------------------


async def _send_export(
    update: Update, context: PifaContext, user_id: int, suppliers: list[Supplier], title: str
) -> None:
    chat = update.effective_chat
    assert chat is not None
    store = threads(context)
    bundle = [Thread(s, await store.entries(user_id, s.id)) for s in suppliers]
    if not any(t.entries for t in bundle):
        await reply(update, context, tui("export.nothing"))
        return
    tz = await user_tz(context, user_id)
    name = slug(title, "all" if len(suppliers) > 1 else f"supplier-{suppliers[0].id}")
    await context.bot.send_document(
        chat.id,
        export_html(bundle, tz, title=title).encode("utf-8"),
        filename=f"pifa-{name}.html",
        caption=tui("export.caption_html", title=title),
    )
    await context.bot.send_document(
        chat.id,
        export_csv(bundle, tz),
        filename=f"pifa-{name}-facts.csv",
        caption=tui("export.caption_csv", title=title),
    )


async def export(update: Update, context: PifaContext) -> None:
    """``/export`` (the active supplier) or ``/export all`` (every supplier, archived too)."""
    assert update.effective_user is not None
    uid = update.effective_user.id
    args = [a.lower() for a in context.args or []]
    if args == ["all"]:
        await ensure_user(update, context)
        forget_pending(context)
        ids = await threads(context).all_suppliers(uid)
        suppliers = [await context.repo.get_supplier(uid, i) for i in ids]
        if not suppliers:
            await reply(update, context, tui("export.nothing"))
            return
        await _send_export(update, context, uid, suppliers, tui("export.all_title"))
        return
    if args:
        await reply(update, context, tui("export.usage"))
        return
    supplier = await _active(update, context)
    if supplier is not None:
        await _send_export(update, context, uid, [supplier], supplier.name)


async def on_export(update: Update, context: PifaContext) -> None:
    """``mexp:<supplier id>``: export that supplier."""
    found = await pressed_supplier(update, context, "mexp")
    if found is None:
        return
    p, supplier = found
    await answer_query(update)
    await _send_export(update, context, p.user_id, [supplier], supplier.name)


# -- /quotes ----------------------------------------------------------------------------------


async def quotes(update: Update, context: PifaContext) -> None:
    """``/quotes [product]``: compare the suppliers of a product (the active one's by default)."""
    assert update.effective_user is not None
    await ensure_user(update, context)
    forget_pending(context)
    uid = update.effective_user.id
    store = threads(context)
    product = " ".join(context.args or []).strip()[:PRODUCT_LIMIT]
    if not product:
        active = await context.repo.active_supplier(uid)
        product = (active.product or "") if active else ""
    if not product_key(product):
        products = await store.products(uid)
        await reply(update, context, tui("quotes.usage", products=products[:5]))
        return
    found = await store.quotes(uid, product_key(product))
    if not found:
        await reply(update, context, tui("quotes.none", product=product))
        return
    comparison = compare(found)
    tiers = {q.supplier_id: (t.zh if (t := tier(q.tier)) else (q.tier or "")) for q in found}
    await reply(
        update,
        context,
        render(
            "threads/quotes.html.j2",
            product=product,
            rows=comparison.rows,
            median=comparison.median,
            tiers=tiers,
            ratio_percent=round(TOO_GOOD_RATIO * 100),
        ),
    )


# -- /score -----------------------------------------------------------------------------------


async def _score_card(context: PifaContext, supplier: Supplier) -> tuple[str, InlineKeyboardMarkup]:
    uid = supplier.user_id
    store = threads(context)
    ratings = await store.ratings(uid, supplier.id)
    from_sample = False
    if "quality" not in ratings:
        sample = await store.sample_rating(uid, supplier.id)
        if sample is not None:
            ratings["quality"], from_sample = sample, True
    entries = await store.entries(uid, supplier.id)
    card = scorecard(ratings, thread_flags(entries), supplier.member_years)
    rows = [
        {
            "label": criterion_label(c),
            "weight": round(WEIGHTS[c] * 100),
            "value": ratings.get(c),
            "from_sample": from_sample and c == "quality",
        }
        for c in CRITERIA
    ]
    html = render(
        "threads/score.html.j2",
        s=supplier_view(supplier),
        rows=rows,
        card=card,
        meaning=grade_meaning(card.grade) if card.grade else "",
        missing=[criterion_label(c) for c in card.missing],
        flag_titles={
            r.detail: ui(f"flags.{r.detail}") for r in card.reasons if r.kind == "high_flag"
        },
        open=[label(k) for k in open_questions(entries, rules())],
    )
    buttons = [
        [
            (
                (f"{criterion_label(c)} " if v == 1 else "")
                + (f"[{v}]" if ratings.get(c) == v else str(v)),
                f"rate:{supplier.id}:{v}:{c}",
            )
            for v in range(1, 6)
        ]
        for c in CRITERIA
    ]
    return html, keyboard(buttons)


async def score(update: Update, context: PifaContext) -> None:
    """``/score``: the active supplier's scorecard with rating buttons."""
    supplier = await _active(update, context)
    if supplier is None:
        return
    html, markup = await _score_card(context, supplier)
    await reply(update, context, html, markup=markup)


async def on_score(update: Update, context: PifaContext) -> None:
    """``scr:<supplier id>``: that supplier's scorecard."""
    found = await pressed_supplier(update, context, "scr")
    if found is None:
        return
    _, supplier = found
    await answer_query(update)
    html, markup = await _score_card(context, supplier)
    await reply(update, context, html, markup=markup)


async def on_rate(update: Update, context: PifaContext) -> None:
    """``rate:<supplier id>:<1-5>:<criterion>``: store the rating and redraw the card."""
    p = await pressed(update, "rate", ids=(2,), words=CRITERIA)
    if p is None:
        return
    supplier_id, value = p.ids
    if not 1 <= value <= 5 or p.word is None:
        await refuse(update)
        return
    supplier = await own_supplier(update, context, p.user_id, supplier_id)
    if supplier is None:
        return
    await threads(context).set_rating(p.user_id, supplier.id, p.word, value)
    query = update.callback_query
    assert query is not None
    await query.answer(tui("score.rated", criterion=criterion_label(p.word), value=value))
    html, markup = await _score_card(context, supplier)
    await edit_in_place(update, html, markup)


# -- /product ---------------------------------------------------------------------------------


async def product(update: Update, context: PifaContext) -> None:
    """``/product NAME``: what the active supplier is being asked for (matched by /quotes)."""
    assert update.effective_user is not None
    await ensure_user(update, context)
    forget_pending(context)
    uid = update.effective_user.id
    name = " ".join(context.args or []).strip()
    supplier = await context.repo.active_supplier(uid)
    if not name or supplier is None:
        await reply(
            update,
            context,
            tui(
                "product.usage",
                supplier=supplier.name if supplier else None,
                current=supplier.product if supplier else None,
            ),
        )
        return
    if len(name) > PRODUCT_LIMIT:
        await reply(update, context, tui("product.too_long", limit=PRODUCT_LIMIT))
        return
    supplier = await context.repo.update_supplier(uid, supplier.id, product=name)
    await reply(update, context, tui("manage.product_set", name=supplier.name, product=name))
