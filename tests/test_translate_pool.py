"""The real path (deep-translator in worker threads, HTTP fakes): hangs, fallback, the pool."""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.errors import ProviderTimeout, TranslationUnavailable
from bot.translate.base import Translator
from bot.translate.cache import MemoryTranslationCache
from bot.translate.chain import RetryPolicy
from bot.translate.factory import build_translator
from bot.translate.pool import WorkerPool
from tests.fake_translators import FakeTranslationServer, fake_translation
from tests.test_translate_chunking import chinese_text


@pytest.fixture
def server() -> Iterator[FakeTranslationServer]:
    with FakeTranslationServer() as fake:
        fake.text_modes["HANG"] = "hang"
        yield fake


@pytest.fixture
async def translators() -> AsyncIterator[list[Translator]]:
    made: list[Translator] = []
    yield made
    for translator in made:
        await translator.aclose()


def make(
    server: FakeTranslationServer,
    translators: list[Translator],
    names: list[str],
    **options: object,
) -> Translator:
    options.setdefault("timeout", 0.5)
    options.setdefault("cache", None)
    translator = build_translator(
        names,
        server.keys,
        base_urls=server.base_urls,
        **options,  # type: ignore[arg-type]
    )
    translators.append(translator)
    return translator


async def test_hanging_provider_does_not_block_other_chats(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    translator = make(server, translators, ["google"])
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    async def other_chat() -> float:
        await asyncio.sleep(0.05)
        started = time.monotonic()
        result = await translator.translate("Send photos", source="en", target="zh")
        assert result.text == "[zh-CN] Send photos"
        return time.monotonic() - started

    ticking = asyncio.create_task(ticker())
    other = asyncio.create_task(other_chat())
    started = time.monotonic()
    with pytest.raises(TranslationUnavailable, match=r"google: no answer in 0\.5 s"):
        await translator.translate("HANG on", source="en", target="zh")
    elapsed = time.monotonic() - started
    ticking.cancel()

    assert 0.45 <= elapsed < 1.2
    assert ticks >= 25  # the event loop kept running while the request hung
    assert other.done() and await other < 0.3


async def test_hanging_provider_falls_back_to_the_next(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    server.modes["google"] = "hang"
    translator = make(server, translators, ["google", "mymemory"], timeout=0.3)
    result = await translator.translate("Hello", source="en", target="zh")
    assert (result.provider, result.text) == ("mymemory", "[zh-CN] Hello")


@pytest.mark.parametrize("mode", ["429", "500", "empty", "echo", "garbage", "hang"])
@pytest.mark.parametrize("first", ["google", "mymemory", "deepl", "baidu", "microsoft", "libre"])
async def test_any_failure_of_any_provider_falls_back(
    first: str, mode: str, server: FakeTranslationServer, translators: list[Translator]
) -> None:
    server.modes[first] = mode
    second = "libre" if first != "libre" else "google"
    fast_retry = RetryPolicy(backoff=0.01)
    translator = make(server, translators, [first, second], timeout=0.3, retry=fast_retry)
    result = await translator.translate("Please send real photos", source="en", target="zh")
    assert result.provider == second
    assert result.text.endswith("Please send real photos")
    assert server.count(first) >= 1


async def test_twenty_hanging_calls_leave_the_pool_usable(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    translator = make(
        server, translators, ["google"], timeout=0.4, max_workers=8, breaker_threshold=1000
    )
    started = time.monotonic()
    hung = await asyncio.gather(
        *(translator.translate(f"HANG {i}", source="en", target="zh") for i in range(20)),
        return_exceptions=True,
    )
    assert all(isinstance(result, TranslationUnavailable) for result in hung)
    assert time.monotonic() - started < 1.0

    started = time.monotonic()
    later = await asyncio.gather(
        *(translator.translate(f"Order {i} ok", source="en", target="zh") for i in range(16))
    )
    assert [r.text for r in later] == [f"[zh-CN] Order {i} ok" for i in range(16)]
    assert time.monotonic() - started < 0.5  # less than one timeout: nobody waited for a hang


async def test_queued_job_past_its_deadline_never_runs() -> None:
    pool = WorkerPool(1)
    ran: list[str] = []
    try:
        blocker = asyncio.create_task(pool.run(lambda left: time.sleep(0.3), timeout=1))
        await asyncio.sleep(0.01)
        with pytest.raises(ProviderTimeout):
            await pool.run(lambda left: ran.append("late"), timeout=0.1)
        await blocker
        await asyncio.sleep(0.05)
        assert ran == []
    finally:
        pool.close()


async def test_closed_translator_refuses_politely(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    translator = make(server, translators, ["google"])
    await translator.aclose()
    with pytest.raises(TranslationUnavailable, match="translator is closed"):
        await translator.translate("Hello", source="en", target="zh")


async def test_cache_hit_makes_no_request_and_bypass_does(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    cache = MemoryTranslationCache()
    translator = make(server, translators, ["google", "mymemory"], cache=cache)
    first = await translator.translate("MOQ?", source="en", target="zh", user_id=5)
    again = await translator.translate("MOQ?", source="en", target="zh", user_id=5)
    assert server.count() == 1
    assert (again.text, again.provider, again.cached) == (first.text, "google", True)

    fresh = await translator.translate(
        "MOQ?", source="en", target="zh", user_id=5, bypass_cache=True
    )
    assert server.count() == 2
    assert not fresh.cached


async def test_12000_chinese_characters_through_the_google_fake(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    """The fake Google page refuses what the real one refuses (~1800 Han characters)."""
    text = chinese_text(12_000)
    translator = make(server, translators, ["google"], timeout=5)
    result = await translator.translate(text, source="zh", target="en")

    pieces = sorted((r.text for r in server.requests), key=text.index)
    assert len(pieces) >= 8
    assert result.text.count("\n") == text.count("\n")
    rebuilt = text
    for piece in pieces:
        rebuilt = rebuilt.replace(piece, fake_translation(piece, "zh-CN", "en"), 1)
    assert result.text == rebuilt


async def test_long_chinese_text_fits_mymemory_500_bytes(
    server: FakeTranslationServer, translators: list[Translator]
) -> None:
    text = chinese_text(1_000)
    translator = make(server, translators, ["mymemory"], timeout=5)
    result = await translator.translate(text, source="zh", target="en")
    assert all(len(r.text.encode()) <= 500 for r in server.requests)
    assert server.count() >= 7
    assert result.text.count("\n") == text.count("\n")
