"""The one error handler: log the traceback, tell the user in one sentence."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden

from bot.context import PifaContext
from bot.render import ui

log = logging.getLogger(__name__)


async def on_error(update: object, context: PifaContext) -> None:
    log.error("error while handling an update", exc_info=context.error)
    if isinstance(context.error, Forbidden):
        return  # the user blocked the bot; nobody to tell
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        await context.bot.send_message(update.effective_chat.id, ui("messages.error"))
    except Exception:  # the error may be that Telegram is unreachable; the log has it already
        log.warning("could not tell the user about the error")
