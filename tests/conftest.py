"""Shared fixtures: a fake Bot API server and the real Application running against it."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from bot import runtime
from bot.app import build_application
from bot.config import Settings
from bot.context import PifaApplication, Services
from bot.translate.fake import FakeTranslator
from tests.fake_telegram import FakeTelegram

Handler = Callable[[str, str, str], Any]

OWNER = 1001
FRIEND = 1002
STRANGER = 6666


def fake_translation(text: str, source: str, target: str) -> str:
    """A translator stand-in whose output shows what it was given: ``[zh] text``."""
    return f"[{target}] {text}"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
def make_settings(tmp_path: Path, tg: FakeTelegram) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        base = Settings(
            token=tg.token,
            api_url=tg.root_url,
            db_path=tmp_path / "pifa.sqlite3",
            allowed_users=(OWNER,),
            timezone="UTC",
            translators=("google",),
            translate_timeout=2.0,
            translate_budget=2.0,
        )
        return dataclasses.replace(base, **overrides)

    return make


class Harness:
    """The running bot plus helpers to talk to it as a Telegram user would."""

    def __init__(self, app: PifaApplication, tg: FakeTelegram) -> None:
        self.app = app
        self.tg = tg

    @property
    def services(self) -> Services:
        services = self.app.bot_data.services
        assert services is not None
        return services

    async def say(self, user_id: int, text: str, *, expect: int = 1, **kw: Any) -> list[Any]:
        """Send ``text`` as ``user_id`` and return the ``expect`` messages the bot answers."""
        before = len(self.tg.sent_messages(user_id))
        self.tg.send_text(user_id, text, **kw)
        sent = await self.tg.wait_for_messages(user_id, before + expect)
        return sent[before:]

    async def press(
        self, user_id: int, message_id: int, data: str, *, expect: int = 1
    ) -> list[Any]:
        before = len(self.tg.sent_messages(user_id))
        self.tg.press_button(user_id, message_id, data)
        if expect == 0:
            await self.idle()
            return []
        sent = await self.tg.wait_for_messages(user_id, before + expect)
        return sent[before:]

    async def idle(self, timeout: float = 5.0) -> None:
        """Wait until every delivered update has been handled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        processor = self.app.update_processor
        quiet = 0
        while loop.time() < deadline:
            busy = (
                self.tg.pending_updates
                or not self.app.update_queue.empty()
                or processor.current_concurrent_updates
            )
            # PTB takes an update off the queue a moment before the processor counts it, so
            # only several quiet looks in a row count as idle.
            quiet = 0 if busy else quiet + 1
            if quiet >= 5:
                return
            await asyncio.sleep(0.02)
        raise TimeoutError("the bot did not become idle")


@pytest.fixture
async def start_bot(
    tg: FakeTelegram, make_settings: Callable[..., Settings]
) -> AsyncIterator[Callable[..., Any]]:
    """Start the real Application the way run_polling does; stopped at teardown."""
    started: list[PifaApplication] = []

    async def start(translate: Handler | None = None, **overrides: Any) -> Harness:
        handler = translate or fake_translation
        app = build_application(
            make_settings(**overrides),
            translator_factory=lambda cache: FakeTranslator(handler, cache=cache),
        )
        await runtime.start(app, poll_timeout=1)
        started.append(app)
        return Harness(app, tg)

    try:
        yield start
    finally:
        for app in started:
            if app.running:
                await runtime.stop(app)


@pytest.fixture
async def bot(start_bot: Callable[..., Any]) -> Harness:
    harness: Harness = await start_bot()
    return harness
