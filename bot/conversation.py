"""Answering a recorded message: the flow every text the buyer sends goes through.

Kept out of the handlers so that typing a message, filing a waiting message with a button,
flipping its direction and retrying its translation all answer the same way:
record → analyse → translate → store the results → render → reply.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.constants import ChatAction

from bot.analysis import analyser
from bot.context import PifaContext
from bot.domain.models import Message, Supplier
from bot.domain.quotes import product_key, reference_price
from bot.domain.terms import TermPinner
from bot.errors import TranslationError
from bot.handlers.common import keyboard, send_html
from bot.questions import glossary, label
from bot.render import render, render_plain, ui
from bot.resources import load_toml

log = logging.getLogger(__name__)


@cache
def term_pinner() -> TermPinner:
    return TermPinner.from_mapping(load_toml("translation_terms.toml")["terms"])


@dataclass(frozen=True, slots=True)
class Translated:
    text: str | None
    error: str | None = None


#: A translation faster than this (a cache hit, a quick provider) shows no typing indicator.
TYPING_DELAY = 0.4


@contextlib.asynccontextmanager
async def typing(context: PifaContext, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" until the block ends (Telegram clears it after about 5 s)."""

    async def keep_typing() -> None:
        await asyncio.sleep(TYPING_DELAY)
        while True:
            with contextlib.suppress(Exception):
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
            await asyncio.sleep(4.5)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def translate(
    context: PifaContext,
    text: str,
    *,
    source: str,
    target: str,
    user_id: int,
    bypass_cache: bool,
    budget: float | None = None,
    hint: str | None = None,
) -> Translated:
    """Translate, or explain in a few words why not; never raises for translation trouble."""
    translator = context.services.translator
    if translator is None:
        return Translated(None, "no translator is configured")
    if budget is None:
        budget = context.settings.translate_budget
    try:
        result = await asyncio.wait_for(
            translator.translate(
                text,
                source=source,
                target=target,
                user_id=user_id,
                bypass_cache=bypass_cache,
                hint=hint,
            ),
            timeout=budget,
        )
    except TimeoutError:
        return Translated(None, "it took too long")
    except TranslationError as exc:
        log.warning("translation failed: %s", exc)
        return Translated(None, "every translation service failed")
    return Translated(result.text)


def fact_rows(facts: dict[str, Any]) -> list[tuple[str, str]]:
    order = ("unit_price", "moq", "lead_time_days", "deposit_percent", "sample_cost")
    return [
        (ui(f"facts.{key}"), render_plain("bot/facts.txt.j2", key=key, value=facts[key]))
        for key in order
        if key in facts
    ]


async def respond(
    context: PifaContext,
    chat_id: int,
    message: Message,
    supplier: Supplier,
    *,
    bypass_cache: bool = False,
) -> None:
    """Send the answer for ``message``, filed under ``supplier``."""
    if message.direction == "supplier":
        await _supplier_said(context, chat_id, message, supplier, bypass_cache)
    else:
        await _buyer_said(context, chat_id, message, supplier, bypass_cache)


async def _market_price(context: PifaContext, message: Message, supplier: Supplier) -> float | None:
    key = product_key(supplier.product)
    if not key:
        return None
    quotes = await context.repo.latest_quotes(message.user_id, key, exclude_supplier=supplier.id)
    price = reference_price(quotes.values())
    # A free or zero quote says nothing about the market; the analyser refuses it as a reference.
    return price if price is not None and price > 0 else None


async def _supplier_said(
    context: PifaContext, chat_id: int, message: Message, supplier: Supplier, bypass: bool
) -> None:
    uid = message.user_id
    user = await context.repo.get_user(uid)
    language = user.language if user else "en"
    asked = await context.repo.asked_since_supplier_spoke(uid, supplier.id, message.id)
    analysis = analyser().analyse(
        message.text,
        asked,
        await _market_price(context, message, supplier),
        too_low_ratio=context.settings.price_too_low_ratio,
    )
    async with typing(context, chat_id):
        translated = await translate(
            context, message.text, source="zh", target=language, user_id=uid, bypass_cache=bypass
        )
    contract = analysis.to_contract()
    await context.repo.update_message(
        uid,
        message.id,
        translation=translated.text,
        flags=contract["flags"],
        facts=contract["facts"],
    )
    flags = [
        {
            "code": f.code,
            "severity": f.severity,
            "evidence": f.evidence,
            "advice": f.advice,
            "title": ui(f"flags.{f.code}"),
        }
        for f in analysis.flags
        if f.code != "unanswered"
    ]
    html = render(
        "bot/supplier_reply.html.j2",
        header=ui("conversation.supplier_header", supplier=supplier.name),
        translation=translated.text,
        translation_error=(
            ui("conversation.translation_down", reason=translated.error)
            if translated.error
            else None
        ),
        flags=flags,
        facts=fact_rows(contract["facts"]),
        unanswered=[label(k) for k in analysis.unanswered],
        terms=glossary().annotate(message.text)[:12],
    )
    rows: list[list[tuple[str, str]]] = [
        [(ui("conversation.ask_again", label=label(k)), f"fu:{supplier.id}:{k}")]
        for k in analysis.unanswered
    ]
    if translated.text is None:
        rows.append([(ui("conversation.retry"), f"retry:{message.id}")])
    rows.append([(ui("conversation.flip_to_buyer"), f"flip:{message.id}")])
    await send_html(context, chat_id, html, markup=keyboard(rows))


async def _buyer_said(
    context: PifaContext, chat_id: int, message: Message, supplier: Supplier, bypass: bool
) -> None:
    uid = message.user_id
    user = await context.repo.get_user(uid)
    language = user.language if user else "en"
    pinned_text, pinned = term_pinner().pin(message.text)
    loop = asyncio.get_running_loop()
    started = loop.time()
    async with typing(context, chat_id):
        chinese = await translate(
            context,
            pinned_text,
            source="auto",
            target="zh",
            user_id=uid,
            bypass_cache=bypass,
            hint=language,
        )
        back = Translated(None)
        if chinese.text is not None:
            spent = loop.time() - started
            remaining = max(1.0, context.settings.translate_budget - spent)
            back = await translate(
                context,
                chinese.text,
                source="zh",
                target=language,
                user_id=uid,
                bypass_cache=bypass,
                budget=remaining,
            )
    if chinese.text is not None:
        await context.repo.update_message(uid, message.id, translation=chinese.text)
    html = render(
        "bot/buyer_reply.html.j2",
        header=ui("conversation.buyer_header", supplier=supplier.name),
        chinese=chinese.text,
        back=back.text,
        pinned=pinned,
        translation_error=(
            ui("conversation.translation_down", reason=chinese.error) if chinese.error else None
        ),
    )
    rows: list[list[tuple[str, str]]] = []
    if chinese.text is None:
        rows.append([(ui("conversation.retry"), f"retry:{message.id}")])
    else:
        rows.append([(ui("conversation.pinyin"), f"py:{message.id}")])
    rows.append([(ui("conversation.flip_to_supplier"), f"flip:{message.id}")])
    markup: InlineKeyboardMarkup = keyboard(rows)
    await send_html(context, chat_id, html, markup=markup)
