"""/start, /help, /lang and /tz."""

from __future__ import annotations

from datetime import datetime

from telegram import Update

from bot.context import PifaContext
from bot.domain.timezones import parse_timezone, tzinfo_for
from bot.handlers.common import reply
from bot.render import render, ui
from bot.resources import load_toml


def languages() -> dict[str, str]:
    table: dict[str, str] = load_toml("languages.toml")["languages"]
    return table


def language_from_telegram(code: str | None) -> str:
    base = (code or "en").split("-")[0].lower()
    return base if base in languages() else "en"


async def ensure_user(update: Update, context: PifaContext) -> None:
    """Create the user's row on first contact (only ever called after the gatekeeper)."""
    user = update.effective_user
    assert user is not None
    await context.repo.ensure_user(
        user.id, user.first_name or "", language_from_telegram(user.language_code)
    )


async def start(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    await ensure_user(update, context)
    user = await context.repo.get_user(update.effective_user.id)
    assert user is not None
    became_owner = bool(context.user_data.pop("became_owner", False))  # type: ignore[union-attr]
    await reply(
        update,
        context,
        render(
            "bot/start.html.j2",
            first_name=user.first_name,
            became_owner=became_owner,
            language=languages().get(user.language, user.language),
            timezone=user.timezone,
            default_timezone=context.settings.timezone,
        ),
    )


async def help_command(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    active = await context.repo.active_supplier(update.effective_user.id)
    menu = context.services.menu
    await reply(
        update,
        context,
        render(
            "bot/help.html.j2",
            commands=[{"name": n, "description": d} for n, d in menu],
            active=active.name if active else None,
        ),
    )


async def lang(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    await ensure_user(update, context)
    uid = update.effective_user.id
    user = await context.repo.get_user(uid)
    assert user is not None
    args = context.args or []
    if not args:
        await reply(update, context, ui("settings.lang_usage", current=user.language))
        return
    code = args[0].strip().lower()
    if code not in languages():
        await reply(update, context, ui("settings.lang_bad", value=args[0][:40]))
        return
    await context.repo.set_language(uid, code)
    await reply(update, context, ui("settings.lang_set", language=languages()[code]))


async def tz(update: Update, context: PifaContext) -> None:
    assert update.effective_user is not None
    await ensure_user(update, context)
    uid = update.effective_user.id
    user = await context.repo.get_user(uid)
    assert user is not None
    raw = " ".join(context.args or [])
    if not raw:
        current = user.timezone or context.settings.timezone
        await reply(update, context, ui("settings.tz_usage", current=current))
        return
    name = parse_timezone(raw)
    if name is None:
        await reply(update, context, ui("settings.tz_bad", value=raw[:64]))
        return
    await context.repo.set_timezone(uid, name)
    local = datetime.now(tzinfo_for(name)).strftime("%H:%M")
    await reply(update, context, ui("settings.tz_set", timezone=name, local_time=local))
