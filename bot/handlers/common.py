"""Small helpers shared by handlers: sending HTML safely and parsing callback data."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markupsafe import Markup
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode

from bot.context import PifaContext
from bot.domain.htmlsplit import split_html

_CALLBACK = re.compile(r"^([a-z_]{1,16})((?::\d{1,12}){0,3})(?::([a-z_0-9]{1,16}))?$")


def parse_callback(data: str | None, prefix: str) -> tuple[list[int], str | None] | None:
    """Parse ``prefix:<int>[:<int>…][:word]``; None for anything else.

    Clients can send any callback data, so every button is parsed strictly here and the ids it
    carries are then checked against the pressing user's own rows.
    """
    if not data or len(data) > 64:
        return None
    m = _CALLBACK.match(data)
    if not m or m.group(1) != prefix:
        return None
    ids = [int(x) for x in m.group(2).split(":") if x]
    return ids, m.group(3)


def keyboard(rows: Sequence[Sequence[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline buttons from (label, callback data) rows.

    Labels are plain text to Telegram: a label rendered as HTML (``Markup`` from a template or
    phrase) is unescaped, so "A &amp; B" shows as "A & B".
    """
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(_plain(text), callback_data=data) for text, data in row]
            for row in rows
        ]
    )


def _plain(label: str) -> str:
    return label.unescape() if isinstance(label, Markup) else label


async def send_html(
    context: PifaContext,
    chat_id: int,
    html: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    reply_to: int | None = None,
) -> list[Message]:
    """Send ``html``, split under Telegram's limit; the keyboard goes on the last part."""
    parts = split_html(html)
    sent: list[Message] = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        sent.append(
            await context.bot.send_message(
                chat_id,
                part,
                parse_mode=ParseMode.HTML,
                reply_markup=markup if last else None,
                reply_to_message_id=reply_to if i == 0 else None,
                disable_web_page_preview=True,
            )
        )
    return sent


async def reply(update: Update, context: PifaContext, html: str, **kwargs: object) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    await send_html(context, chat.id, html, **kwargs)  # type: ignore[arg-type]
