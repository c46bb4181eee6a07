"""Access control: the gatekeeper that runs before every handler, and /allow, /revoke."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.context import PifaContext
from bot.handlers.common import reply
from bot.render import ui

log = logging.getLogger(__name__)


async def owner_id(context: PifaContext) -> int | None:
    return context.settings.owner_id or await context.repo.stored_owner()


async def is_allowed(context: PifaContext, user_id: int) -> bool:
    if user_id in context.settings.allowed_users:
        return True
    return await context.repo.access_role(user_id) is not None


def _is_start(update: Update) -> bool:
    msg = update.effective_message
    text = (msg.text or "") if msg else ""
    return text.split(maxsplit=1)[0].split("@")[0] == "/start" if text.strip() else False


async def gatekeeper(update: Update, context: PifaContext) -> None:
    """Group -1: stop every update from a user who may not use the bot.

    Strangers get their user id back (so the owner can add them) and nothing about them is
    stored. With no configured or stored owner, the first /start claims the bot.
    """
    user = update.effective_user
    if user is None or user.is_bot:
        raise ApplicationHandlerStop
    if await is_allowed(context, user.id):
        return
    if (
        not context.settings.allowed_users
        and _is_start(update)
        and await context.repo.claim_ownership(user.id)
    ):
        context.user_data["became_owner"] = True  # type: ignore[index]
        log.info("user %s claimed ownership", user.id)
        return
    log.info("refused update from a user who is not allowed")
    text = ui("access.refused", user_id=user.id)
    if update.callback_query is not None:
        await update.callback_query.answer(f"Not allowed (your id: {user.id})", show_alert=True)
    elif update.effective_chat is not None and update.effective_chat.type == "private":
        await reply(update, context, text)
    raise ApplicationHandlerStop


def _target_id(context: PifaContext) -> int | None:
    args = context.args or []
    if len(args) != 1 or not args[0].isdigit() or int(args[0]) <= 0:
        return None
    return int(args[0])


async def allow(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    if update.effective_user.id != await owner_id(context):
        await reply(update, context, ui("access.owner_only"))
        return
    target = _target_id(context)
    if target is None:
        await reply(update, context, ui("access.allow_usage"))
        return
    if await is_allowed(context, target):
        await reply(update, context, ui("access.already_allowed", user_id=target))
        return
    await context.repo.allow(target, update.effective_user.id)
    await reply(update, context, ui("access.allowed", user_id=target))


async def revoke(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    owner = await owner_id(context)
    if update.effective_user.id != owner:
        await reply(update, context, ui("access.owner_only"))
        return
    target = _target_id(context)
    if target is None:
        await reply(update, context, ui("access.revoke_usage"))
    elif target == owner:
        await reply(update, context, ui("access.not_revocable_owner"))
    elif target in context.settings.allowed_users:
        await reply(update, context, ui("access.not_revocable_config", user_id=target))
    elif await context.repo.revoke(target):
        await reply(update, context, ui("access.revoked", user_id=target))
    else:
        await reply(update, context, ui("access.not_found", user_id=target))
