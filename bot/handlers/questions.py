"""/ask (supplier questions in reviewed Chinese), /phrases and /term (the glossary)."""

from __future__ import annotations

import asyncio
from html import escape
from typing import Any

from telegram import Update

from bot.context import PifaContext
from bot.conversation import translate
from bot.domain import questions as spec
from bot.domain.keys import QUESTION_KEYS
from bot.domain.models import Supplier
from bot.errors import InputError, NotFoundError
from bot.handlers.common import keyboard, reply
from bot.handlers.owned import answer_query, pressed
from bot.handlers.start import ensure_user
from bot.questions import glossary, label, prompt, render_question
from bot.render import render, ui

#: Other words buyers type for a question key.
ALIASES = {
    "photos": "real_photos",
    "photo": "real_photos",
    "lead": "lead_time",
    "leadtime": "lead_time",
    "payment": "payment_terms",
    "pay": "payment_terms",
    "sample": "samples",
    "custom": "customization",
    "customisation": "customization",
    "inspection": "qc",
    "ship": "shipping",
}
AWAITING = "awaiting_value"


def parse_ask_args(args: list[str]) -> tuple[str, dict[str, Any]]:
    """Split /ask arguments into the key and its values.

    ``price 500 metal straws`` → ``("price", {"qty": 500, "product": "metal straws"})``.
    """
    if not args:
        return "", {}
    key = ALIASES.get(args[0].lower(), args[0].lower())
    rest = args[1:]
    values: dict[str, Any] = {}
    if key == "shipping" and rest:
        values["address"] = " ".join(rest)
    elif key == "customization" and rest:
        values["detail"] = " ".join(rest)
    else:
        if rest and rest[0].replace(",", "").isdigit():
            values["qty"] = int(rest.pop(0).replace(",", ""))
        if rest:
            values["product"] = " ".join(rest)
    return key, values


async def ask(update: Update, context: PifaContext) -> None:
    """``/ask`` shows the questions as buttons; ``/ask KEY [values]`` writes one directly."""
    assert update.effective_user is not None
    await ensure_user(update, context)
    context.user_data.pop(AWAITING, None)  # type: ignore[union-attr]
    supplier = await context.repo.active_supplier(update.effective_user.id)
    key, values = parse_ask_args(context.args or [])
    if not key:
        menu = spec.keys()
        pairs = [(label(k), f"ask:{k}") for k in menu]
        grid = [pairs[i : i + 2] for i in range(0, len(pairs), 2)]
        await reply(
            update,
            context,
            ui("ask.menu", supplier=supplier.name if supplier else None),
            markup=keyboard(grid),
        )
        return
    if spec.spec(key) is None:
        await reply(
            update, context, ui("ask.unknown_key", key=key[:40], keys=", ".join(spec.keys()))
        )
        return
    await send_question(update, context, key, values, supplier=supplier)


async def on_ask_button(update: Update, context: PifaContext) -> None:
    """``ask:<key>``: the question chosen from the /ask menu."""
    p = await pressed(update, "ask", ids=(0,), words=spec.keys())
    if p is None or p.word is None:
        return
    await answer_query(update)
    supplier = await context.repo.active_supplier(p.user_id)
    await send_question(update, context, p.word, {}, supplier=supplier)


async def send_question(
    update: Update,
    context: PifaContext,
    key: str,
    values: dict[str, Any],
    *,
    supplier: Supplier | None,
    followup: bool = False,
) -> None:
    """Render question ``key`` (asking for a missing required value first), send, record it."""
    assert update.effective_user is not None
    uid = update.effective_user.id
    question = spec.spec(key)
    assert question is not None
    if supplier and supplier.product and "product" in question.params:
        values.setdefault("product", supplier.product)
    missing = question.missing(values, followup=followup)
    if missing:
        context.user_data[AWAITING] = {  # type: ignore[index]
            "key": key,
            "param": missing[0],
            "values": values,
            "supplier_id": supplier.id if supplier else None,
        }
        await reply(update, context, _escape_prompt(prompt(missing[0])))
        return
    notes: list[str] = []
    values, translated = await _translate_values(context, uid, values, notes)
    try:
        rendering = render_question(key, followup=followup, machine_translated=translated, **values)
    except InputError as exc:
        await reply(update, context, _escape_prompt(str(exc)))
        return
    if supplier is None:
        notes.append(ui("ask.no_supplier"))
    else:
        asked = list(QUESTION_KEYS) if key == spec.ALL_KEY else [key]
        await context.repo.record_message(
            uid,
            supplier.id,
            "buyer",
            rendering.zh,
            kind="question",
            asked=asked,
            update_id=update.update_id,
        )
    await reply(
        update,
        context,
        render(
            "bot/question.html.j2",
            r=rendering,
            supplier=supplier.name if supplier else None,
            title=label(key),
            notes=notes,
        ),
    )


def _escape_prompt(text: str) -> str:
    """Prompts and errors are rendered as plain text (the CLI shares them); escape for HTML."""
    return escape(text, quote=False)


async def _translate_values(
    context: PifaContext, user_id: int, values: dict[str, Any], notes: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """Machine-translate the values typed in another language — the only machine part."""
    out = dict(values)
    translated: list[str] = []
    names = [n for n in ("product", "address", "detail") if isinstance(out.get(n), str)]
    todo = [n for n in names if spec.needs_translation(out[n])]
    results = await asyncio.gather(
        *(
            translate(
                context,
                out[n],
                source="auto",
                target="zh",
                user_id=user_id,
                bypass_cache=False,
            )
            for n in todo
        )
    )
    for name, result in zip(todo, results, strict=True):
        if result.text:
            out[name] = result.text
            translated.append(result.text)
        else:
            notes.append(ui("ask.mt_failed", value=out[name]))
    return out, translated


async def take_awaited_value(update: Update, context: PifaContext, text: str) -> bool:
    """If /ask is waiting for a value, use ``text`` as it; True when it was consumed."""
    assert context.user_data is not None and update.effective_user is not None
    waiting = context.user_data.get(AWAITING)
    if not isinstance(waiting, dict):
        return False
    context.user_data.pop(AWAITING, None)
    values = dict(waiting["values"])
    param = waiting["param"]
    if param == "qty":
        raw = text.strip().replace(",", "")
        if not raw.isdigit() or int(raw) <= 0:
            context.user_data[AWAITING] = waiting
            await reply(update, context, ui("ask.not_a_number", value=text[:40]))
            return True
        values["qty"] = int(raw)
    else:
        values[param] = text.strip()[:300]
    supplier = None
    if waiting["supplier_id"] is not None:
        try:
            supplier = await context.repo.get_supplier(
                update.effective_user.id, waiting["supplier_id"]
            )
        except NotFoundError:
            supplier = None
    await send_question(update, context, waiting["key"], values, supplier=supplier)
    return True


async def phrases(update: Update, context: PifaContext) -> None:
    """``/phrases``: glossary topics as buttons."""
    rows = [[(t.title, f"ph:{t.key}")] for t in glossary().topics()]
    await reply(update, context, ui("glossary.topics"), markup=keyboard(rows))


async def on_phrases_button(update: Update, context: PifaContext) -> None:
    """``ph:<topic>``: the terms of one glossary topic."""
    topics = glossary().topics()
    p = await pressed(update, "ph", ids=(0,), words=tuple(t.key for t in topics))
    topic = glossary().topic(p.word) if p is not None and p.word else None
    if topic is None:
        return
    await answer_query(update)
    await reply(update, context, render("bot/terms.html.j2", title=topic.title, terms=topic.terms))


async def term(update: Update, context: PifaContext) -> None:
    """``/term 大货`` or ``/term deposit``: look a trade term up in either direction."""
    query = " ".join(context.args or []).strip()
    if not query:
        await reply(update, context, ui("glossary.term_usage"))
        return
    found = glossary().lookup(query[:100])
    if not found:
        await reply(update, context, ui("glossary.not_found", query=query[:100]))
        return
    await reply(update, context, render("bot/terms.html.j2", title=None, terms=found[:10]))
