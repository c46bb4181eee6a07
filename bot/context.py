"""The typed callback context: handlers reach services through ``context.services``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.store.repo import Repository

if TYPE_CHECKING:
    from bot.reminders import ReminderService
    from bot.store.db import Database
    from bot.translate.base import Translator


@dataclass
class Services:
    """Everything a handler may use; opened in ``post_init`` and closed in ``post_shutdown``."""

    settings: Settings
    db: Database
    repo: Repository
    translator: Translator | None = None
    #: Reminders, samples and payment plans (issue 7); set in ``open_services``.
    reminders: ReminderService | None = None
    #: (command, description) pairs: the /help text and the BotCommand menu.
    menu: tuple[tuple[str, str], ...] = ()
    extras: dict[str, Any] = field(default_factory=dict)


class BotData:
    """``application.bot_data``: holds the services once they are open."""

    def __init__(self) -> None:
        self.services: Services | None = None


class PifaContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """Callback context with typed access to the services."""

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        if services is None:
            raise RuntimeError("services are not open yet (post_init has not run)")
        return services

    @property
    def repo(self) -> Repository:
        return self.services.repo

    @property
    def settings(self) -> Settings:
        return self.services.settings


PifaApplication = Application[
    ExtBot[None], PifaContext, dict[Any, Any], dict[Any, Any], BotData, Any
]
