"""The composition root: builds the Application, opens and closes services, registers handlers.

Every handler is registered here, in one ordered list, so the order in which PTB tries them is
visible in one place. /help and Telegram's command menu are generated from the same list.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from typing import Any, cast

from telegram import BotCommand, Update
from telegram.constants import ParseMode
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.analysis import analyser
from bot.config import Settings
from bot.context import BotData, PifaApplication, PifaContext, Services
from bot.handlers import (
    access,
    conversation,
    errors,
    manage,
    messages,
    photos,
    questions,
    start,
    suppliers,
    threads,
)
from bot.handlers import reminders as reminder_handlers
from bot.logs import install_redaction
from bot.processor import PerChatUpdateProcessor
from bot.reminders import ReminderService
from bot.resources import load_toml
from bot.store.cache import SqliteTranslationCache
from bot.store.db import Database
from bot.store.reminders import ReminderStore
from bot.store.repo import Repository
from bot.translate.base import Translator
from bot.translate.cache import TranslationCache
from bot.translate.factory import build_translator

log = logging.getLogger(__name__)
Callback = Callable[[Update, PifaContext], Coroutine[Any, Any, None]]


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    callback: Callback
    in_menu: bool = True


#: Every command, in the order /help and the menu show them.
COMMANDS: tuple[Command, ...] = (
    Command("start", start.start),
    Command("help", start.help_command),
    Command("new", suppliers.new_supplier),
    Command("suppliers", suppliers.list_suppliers),
    Command("ask", questions.ask),
    Command("phrases", questions.phrases),
    Command("term", questions.term),
    # Supplier threads (issue 6): read back, export, compare quotes, score, set the product.
    Command("thread", threads.thread),
    Command("export", threads.export),
    Command("quotes", threads.quotes),
    Command("score", threads.score),
    Command("product", threads.product),
    # Reminders, samples and payment plans (issue 7).
    Command("remind", reminder_handlers.remind),
    Command("reminders", reminder_handlers.list_reminders),
    Command("sample", reminder_handlers.sample),
    Command("pay", reminder_handlers.pay),
    Command("lang", start.lang),
    Command("tz", start.tz),
    Command("allow", access.allow),
    Command("revoke", access.revoke),
)


def command_menu() -> tuple[tuple[str, str], ...]:
    descriptions: dict[str, str] = load_toml("commands.toml")
    return tuple((c.name, descriptions[c.name]) for c in COMMANDS if c.in_menu)


def handlers() -> list[tuple[int, BaseHandler[Any, Any, Any]]]:
    """(group, handler) pairs in registration order."""
    h: list[tuple[int, BaseHandler[Any, Any, Any]]] = [
        # Group -1 runs first for every update and stops those from users who are not allowed.
        (-1, TypeHandler(Update, access.gatekeeper)),
    ]
    # Commands, in menu order.
    h += [(0, CommandHandler(c.name, c.callback)) for c in COMMANDS]
    h += [
        # Buttons. Each callback re-checks that what its data names belongs to the presser.
        (0, CallbackQueryHandler(suppliers.on_switch, pattern=r"^sup:")),
        (0, CallbackQueryHandler(suppliers.on_file, pattern=r"^file:")),
        (0, CallbackQueryHandler(suppliers.on_new_for_pending, pattern=r"^newsup:")),
        (0, CallbackQueryHandler(questions.on_ask_button, pattern=r"^ask:")),
        (0, CallbackQueryHandler(questions.on_phrases_button, pattern=r"^ph:")),
        (0, CallbackQueryHandler(conversation.on_flip, pattern=r"^flip:")),
        (0, CallbackQueryHandler(conversation.on_retry, pattern=r"^retry:")),
        (0, CallbackQueryHandler(conversation.on_pinyin, pattern=r"^py:")),
        (0, CallbackQueryHandler(conversation.on_followup, pattern=r"^fu:")),
        # Reminder buttons (issue 7): on a reminder / in /reminders, samples, payments.
        (0, CallbackQueryHandler(reminder_handlers.on_reminder_button, pattern=r"^rem:|^rml:")),
        (0, CallbackQueryHandler(reminder_handlers.on_sample_button, pattern=r"^smp:")),
        (0, CallbackQueryHandler(reminder_handlers.on_payment_button, pattern=r"^pay:")),
        # Supplier threads (issue 6): pages, exports, scores, photo marks, supplier management
        # and deleting; each re-checks that the supplier or message is the presser's.
        (0, CallbackQueryHandler(threads.on_thread_page, pattern=r"^thr:")),
        (0, CallbackQueryHandler(threads.on_pick_delete, pattern=r"^tdm:")),
        (0, CallbackQueryHandler(threads.on_export, pattern=r"^mexp:")),
        (0, CallbackQueryHandler(threads.on_score, pattern=r"^scr:")),
        (0, CallbackQueryHandler(threads.on_rate, pattern=r"^rate:")),
        (0, CallbackQueryHandler(photos.on_real_photo, pattern=r"^real:")),
        (0, CallbackQueryHandler(manage.on_manage, pattern=r"^mng:")),
        (0, CallbackQueryHandler(manage.on_rename, pattern=r"^mren:")),
        (0, CallbackQueryHandler(manage.on_set_product, pattern=r"^mprod:")),
        (0, CallbackQueryHandler(manage.on_tier, pattern=r"^mtier:")),
        (0, CallbackQueryHandler(manage.on_years, pattern=r"^myrs:")),
        (0, CallbackQueryHandler(manage.on_archive, pattern=r"^marc:")),
        (0, CallbackQueryHandler(manage.on_archived_list, pattern=r"^marcl$")),
        (0, CallbackQueryHandler(manage.on_delete_supplier, pattern=r"^mdels:")),
        (0, CallbackQueryHandler(manage.on_delete_supplier_confirmed, pattern=r"^mdelsok:")),
        (0, CallbackQueryHandler(manage.on_delete_message, pattern=r"^mdel:")),
        (0, CallbackQueryHandler(manage.on_delete_message_confirmed, pattern=r"^mdelok:")),
        (0, CallbackQueryHandler(manage.on_keep, pattern=r"^mkeep$")),
        # Any other callback data is stale or forged: answer it so the client stops spinning.
        (0, CallbackQueryHandler(suppliers.on_stale_button)),
        # A command we do not know, after every known one had its chance.
        (0, MessageHandler(filters.COMMAND, messages.on_unknown_command)),
        # Plain text (typed, pasted or forwarded) is the conversation with the supplier.
        (0, MessageHandler(filters.TEXT & ~filters.COMMAND, messages.on_text)),
        # A photo (issue 6) is kept in the active supplier's thread with its caption.
        (0, MessageHandler(filters.PHOTO, photos.on_photo)),
        # Everything else a user can send (stickers, voice, files…) gets a clear answer.
        (0, MessageHandler(filters.ALL & ~filters.StatusUpdate.ALL, messages.on_unsupported)),
    ]
    return h


AnyApp = Application[Any, Any, Any, Any, Any, Any]


async def open_services(
    app: AnyApp, settings: Settings, translator: Translator, cache: SqliteTranslationCache
) -> None:
    """post_init: open the database, attach the translation cache, publish the command menu."""
    # Compiling the rules and loading the reply model takes about a second: do it now, off the
    # event loop, rather than on the first supplier reply.
    await asyncio.to_thread(analyser)
    db = await Database.open(settings.db_path)
    cache.attach(db)
    app.bot_data.services = Services(
        settings=settings,
        db=db,
        repo=Repository(db),
        translator=translator,
        menu=command_menu(),
    )
    # Reminders (issue 7): schedule every pending one before polling starts; overdue ones fire
    # as soon as the job queue runs.
    reminders = ReminderService(ReminderStore(db), app.bot_data.services.repo, settings)
    app.bot_data.services.reminders = reminders
    assert app.job_queue is not None, "install python-telegram-bot[job-queue]"
    await reminders.start(app.job_queue)
    await app.bot.set_my_commands([BotCommand(n, d) for n, d in command_menu()])
    log.info("Pifa is up; database %s", settings.db_path)


async def close_services(app: AnyApp) -> None:
    """post_shutdown: close what open_services opened."""
    services: Services | None = app.bot_data.services
    if services is None:
        return
    if services.translator is not None:
        await services.translator.aclose()
    await services.db.close()
    app.bot_data.services = None


def default_translator(settings: Settings, cache: TranslationCache) -> Translator:
    return build_translator(
        settings.translators,
        settings.translator_keys,
        timeout=settings.translate_timeout,
        cache=cache,
        max_workers=settings.translate_workers,
        total_timeout=settings.translate_budget,
    )


def build_application(
    settings: Settings,
    *,
    translator_factory: Callable[[TranslationCache], Translator] | None = None,
) -> PifaApplication:
    """Build the Application for ``settings``; services open when it starts.

    Args:
        settings: what the environment said.
        translator_factory: builds the translator around the app's cache (tests pass a fake);
            by default the provider chain of ``PIFA_TRANSLATORS``.

    Raises:
        ConfigError: a translation provider lacks its settings (before anything starts).
    """
    # Whoever builds the bot gets token redaction, not only the command line.
    install_redaction(settings.token)
    root = settings.api_url
    cache = SqliteTranslationCache()
    translator = (translator_factory or partial(default_translator, settings))(cache)

    async def post_init(app: AnyApp) -> None:
        await open_services(app, settings, translator, cache)

    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .context_types(ContextTypes(context=PifaContext, bot_data=BotData))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .concurrent_updates(PerChatUpdateProcessor(max_active=64))
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.send_rate, max_retries=3))
        .post_init(post_init)
        .post_shutdown(close_services)
    )
    app = builder.build()
    for group, handler in handlers():
        app.add_handler(handler, group=group)
    app.add_error_handler(errors.on_error)
    return cast(PifaApplication, app)
