"""Answering a recorded message: the flow every text the buyer sends goes through.

Kept out of the handlers so that typing a message, filing a waiting message with a button and
(later) flipping its direction all answer the same way.
"""

from __future__ import annotations

from bot.context import PifaContext
from bot.domain.models import Message, Supplier
from bot.handlers.common import send_html
from bot.render import render


async def respond(
    context: PifaContext, chat_id: int, message: Message, supplier: Supplier
) -> None:
    """Send the answer for ``message``, filed under ``supplier``."""
    count = await context.repo.count_messages(message.user_id, supplier.id)
    await send_html(
        context,
        chat_id,
        render(
            "bot/recorded.html.j2",
            supplier=supplier.name,
            direction=message.direction,
            count=count,
        ),
    )
