"""Settings → translator, and the function-based fake the Telegram tests use."""

import threading

import pytest

from bot.errors import ConfigError, ProviderRateLimited, TranslationUnavailable
from bot.translate import FakeTranslator, MemoryTranslationCache, build_translator
from bot.translate.fake import pooled_fake_translator

LIBRE = {"PIFA_LIBRETRANSLATE_URL": "http://127.0.0.1:5000"}


@pytest.mark.parametrize(
    ("names", "keys", "message"),
    [
        ([], {}, "PIFA_TRANSLATORS is empty"),
        ([" ", ""], {}, "PIFA_TRANSLATORS is empty"),
        (["google", "bing"], {}, "unknown provider 'bing'"),
        (["google", "Google"], {}, "names a provider twice"),
        (["google", "deepl"], {}, "PIFA_DEEPL_KEY must be set"),
        (["deepl"], {"PIFA_DEEPL_KEY": "  "}, "PIFA_DEEPL_KEY must be set"),
        (["baidu"], {"PIFA_BAIDU_APPID": "1"}, "PIFA_BAIDU_KEY must be set"),
        (["baidu"], {}, "PIFA_BAIDU_APPID and PIFA_BAIDU_KEY must be set"),
        (["microsoft"], {}, "PIFA_MICROSOFT_KEY must be set"),
        (["libre"], {}, "PIFA_LIBRETRANSLATE_URL must be set"),
        (["libre"], {"PIFA_LIBRETRANSLATE_URL": "localhost:5000"}, "must start with http"),
    ],
)
def test_bad_settings_name_the_variable(
    names: list[str], keys: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        build_translator(names, keys, timeout=5, cache=None)


@pytest.mark.parametrize(("timeout", "workers"), [(0, 8), (-1, 8), (5, 0)])
def test_bad_numbers(timeout: float, workers: int) -> None:
    with pytest.raises(ConfigError):
        build_translator(["google"], {}, timeout=timeout, cache=None, max_workers=workers)


async def test_chain_keeps_the_configured_order() -> None:
    keys = {**LIBRE, "PIFA_DEEPL_KEY": "k"}
    translator = build_translator([" Libre", "google", "deepl"], keys, timeout=5, cache=None)
    try:
        assert translator.providers == ("libre", "google", "deepl")
    finally:
        await translator.aclose()


async def test_fake_translator_sync_and_async_handlers() -> None:
    async def slow_upper(text: str, source: str, target: str) -> str:
        return text.upper()

    sync = FakeTranslator(lambda text, source, target: f"{source}>{target}:{text}")
    assert (await sync.translate("hi", source="en", target="zh")).text == "en>zh:hi"
    assert sync.calls == [("hi", "en", "zh")]
    assert (await FakeTranslator(slow_upper).translate("hi", source="en", target="zh")).text == (
        "HI"
    )


async def test_fake_translator_failure_and_cache() -> None:
    def down(text: str, source: str, target: str) -> str:
        raise ProviderRateLimited("HTTP 429")

    with pytest.raises(TranslationUnavailable, match="fake: HTTP 429"):
        await FakeTranslator(down).translate("hi", source="en", target="zh")

    cache = MemoryTranslationCache()
    fake = FakeTranslator(lambda text, source, target: text[::-1], cache=cache)
    await fake.translate("abc", source="en", target="zh", user_id=1)
    hit = await fake.translate("abc", source="en", target="zh", user_id=1)
    assert (hit.text, hit.cached, len(fake.calls)) == ("cba", True, 1)
    await fake.translate("abc", source="en", target="zh", user_id=1, bypass_cache=True)
    assert len(fake.calls) == 2


async def test_pooled_fake_runs_the_handler_in_worker_threads() -> None:
    threads: set[str] = set()

    def handler(text: str, source: str, target: str) -> str:
        threads.add(threading.current_thread().name)
        return f"[{target}] {text}"

    translator = pooled_fake_translator(handler, max_workers=4)
    try:
        result = await translator.translate("Hello", source="en", target="zh")
    finally:
        await translator.aclose()
    assert (result.text, result.provider) == ("[zh] Hello", "fake")
    assert threads and threading.current_thread().name not in threads
