"""The fallback chain: order, retries, circuit breakers, output checks, cache."""

import asyncio
import time
from collections.abc import Callable

import pytest

from bot.errors import (
    ConfigError,
    ProviderBadOutput,
    ProviderError,
    ProviderRateLimited,
    ProviderTimeout,
    StoreError,
    TranslationUnavailable,
)
from bot.translate.base import PASS_THROUGH, Limits
from bot.translate.cache import MemoryTranslationCache
from bot.translate.chain import (
    ChainTranslator,
    CircuitBreaker,
    RetryPolicy,
    check_output,
    is_transient,
)
from bot.translate.fake import FunctionProvider
from tests.fake_translators import fake_translation

LINK = "https://detail.1688.com/offer/123.html"


def ok(tag: str) -> Callable[[str, str, str], str]:
    return lambda text, source, target: f"{tag}:{text}"


def failing(error: Exception) -> Callable[[str, str, str], str]:
    def handler(text: str, source: str, target: str) -> str:
        raise error

    return handler


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class RecordingSleep:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, delay: float) -> None:
        self.delays.append(delay)


def chain(*providers: FunctionProvider, **options: object) -> ChainTranslator:
    options.setdefault("sleep", RecordingSleep())
    return ChainTranslator(list(providers), timeout=2, **options)  # type: ignore[arg-type]


async def test_first_working_provider_answers_in_order() -> None:
    a = FunctionProvider("a", failing(ProviderBadOutput("empty answer")))
    b = FunctionProvider("b", ok("b"))
    c = FunctionProvider("c", ok("c"))
    result = await chain(a, b, c).translate("Hello", source="en", target="zh")
    assert result.text == "b:Hello"
    assert result.provider == "b"
    assert not result.cached
    assert (len(a.calls), len(b.calls), len(c.calls)) == (1, 1, 0)


@pytest.mark.parametrize(
    ("error", "calls"),
    [
        (ProviderRateLimited("HTTP 429"), 3),
        (ProviderError("HTTP 503"), 3),
        (ProviderTimeout("no answer"), 1),
        (ProviderBadOutput("HTTP 400"), 1),
        (ConfigError("key rejected (PIFA_DEEPL_KEY)"), 1),
    ],
)
async def test_retries_only_rate_limits_and_server_errors(error: Exception, calls: int) -> None:
    sleep = RecordingSleep()
    a = FunctionProvider("a", failing(error))
    b = FunctionProvider("b", ok("b"))
    translator = chain(a, b, retry=RetryPolicy(attempts=3, backoff=0.1), sleep=sleep)
    assert (await translator.translate("Hello", source="en", target="zh")).provider == "b"
    assert len(a.calls) == calls
    assert sleep.delays == [0.1, 0.2][: calls - 1]


async def test_retry_that_succeeds_stays_with_the_provider() -> None:
    answers: list[Exception | str] = [ProviderRateLimited("HTTP 429"), "好"]

    def flaky(text: str, source: str, target: str) -> str:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    a = FunctionProvider("a", flaky)
    result = await chain(a, FunctionProvider("b", ok("b"))).translate(
        "Hello", source="en", target="zh"
    )
    assert (result.provider, result.text) == ("a", "好")


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (ProviderRateLimited("x"), True),
        (ProviderError("x"), True),
        (ProviderTimeout("x"), False),
        (ProviderBadOutput("x"), False),
    ],
)
def test_is_transient(error: ProviderError, transient: bool) -> None:
    assert is_transient(error) is transient


async def test_all_down_says_why_for_each_provider() -> None:
    translator = chain(
        FunctionProvider("google", failing(ProviderTimeout("no answer in 2.0 s"))),
        FunctionProvider("mymemory", failing(ProviderBadOutput("HTTP 403"))),
        FunctionProvider("deepl", ok("d"), languages=["en", "de"]),
    )
    with pytest.raises(TranslationUnavailable) as caught:
        await translator.translate("Hello", source="en", target="zh")
    assert str(caught.value) == ("google: no answer in 2.0 s; mymemory: HTTP 403; deepl: no en→zh")


async def test_total_timeout_bounds_the_whole_call() -> None:
    async def hang(text: str, source: str, target: str) -> str:
        await asyncio.sleep(10)
        return text

    translator = ChainTranslator(
        [FunctionProvider("a", hang), FunctionProvider("b", hang)], timeout=5, total_timeout=0.3
    )
    started = time.monotonic()
    with pytest.raises(TranslationUnavailable, match="b: out of time"):
        await translator.translate("Hello", source="en", target="zh")
    assert time.monotonic() - started < 0.6


@pytest.mark.parametrize(
    ("text", "output", "source", "fails"),
    [
        ("Hello", "你好", "en", False),
        ("Hello", "Hello", "en", True),
        ("Hello there", " hello  THERE ", "en", True),
        ("500", "500", "en", False),
        ("12.5kg, 500pcs", "12.5kg, 500pcs", "en", False),
        ("A1234-XL", "A1234-XL", "en", False),
        (LINK, LINK, "en", False),
        ("sales@yiwu-straws.com", "sales@yiwu-straws.com", "en", False),
        ("500 pcs", "500 pcs", "en", True),
        ("你好", "你好", "zh", True),
        ("MOQ 500", "MOQ 500", "zh", False),
        ("iPhone 15 壳", "iPhone 15 壳", "zh", True),
        ("Привет", "Привет", "ru", True),
        ("OK 500", "OK 500", "ru", False),
        ("مرحبا", "مرحبا", "ar", True),
        ("Olá", "Olá", "pt", True),
        ("你好", "你好", "auto", True),
        ("👍 500", "👍 500", "auto", False),
        ("Hello", "", "en", True),
        ("Hello", "  \n", "en", True),
        ("500", "", "en", True),
    ],
)  # fmt: skip
def test_echo_and_empty_output(text: str, output: str, source: str, fails: bool) -> None:
    if fails:
        with pytest.raises(ProviderBadOutput):
            check_output(text, output, source)
    else:
        check_output(text, output, source)


async def test_echoing_provider_falls_back() -> None:
    echo = FunctionProvider("echo", lambda text, source, target: text)
    result = await chain(echo, FunctionProvider("b", ok("b"))).translate(
        "Please send photos", source="en", target="zh"
    )
    assert result.provider == "b"


async def test_link_only_text_may_come_back_unchanged() -> None:
    echo = FunctionProvider("echo", lambda text, source, target: text)
    link = "https://detail.1688.com/offer/6543.html"
    result = await chain(echo).translate(link, source="en", target="zh")
    assert (result.text, result.provider) == (link, "echo")


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [("", "en", "zh"), ("  \n", "en", "zh"), ("500", "en", "zh"), ("👍🙏", "zh", "en"),
     ("Hello", "en", "EN")],
)  # fmt: skip
async def test_nothing_to_translate_asks_nobody(text: str, source: str, target: str) -> None:
    provider = FunctionProvider("a", ok("a"))
    result = await chain(provider).translate(text, source=source, target=target)
    assert (result.text, result.provider) == (text, PASS_THROUGH)
    assert provider.calls == []


async def test_auto_source_for_providers_without_detection() -> None:
    zh_only = FunctionProvider("zh-only", fake_translation, languages=["zh", "en"])
    zh_only.supports = lambda source, target: source != "auto"  # type: ignore[method-assign]
    translator = chain(zh_only)
    result = await translator.translate("亲，在的", source="auto", target="en")
    assert result.text == "[en] 亲，在的"
    assert zh_only.calls == [("亲，在的", "zh", "en")]
    with pytest.raises(TranslationUnavailable, match="no auto→en"):
        await translator.translate("Hola amigo", source="auto", target="en")


async def test_auto_source_uses_the_hint_where_detection_is_missing() -> None:
    no_detect = FunctionProvider("no-detect", fake_translation, languages=["zh", "en", "ru"])
    no_detect.supports = lambda source, target: source != "auto"  # type: ignore[method-assign]
    translator = chain(no_detect)
    result = await translator.translate("Привет, какой MOQ?", source="auto", target="zh", hint="ru")
    assert result.text == "[zh] Привет, какой MOQ?"
    assert no_detect.calls == [("Привет, какой MOQ?", "ru", "zh")]
    with pytest.raises(TranslationUnavailable):
        await translator.translate("Hello", source="auto", target="zh", hint="zh")


# --- circuit breaker ---


async def test_failing_provider_is_skipped_then_probed_again() -> None:
    clock = FakeClock()
    broken = {"a": True}

    def a_handler(text: str, source: str, target: str) -> str:
        if broken["a"]:
            raise ProviderBadOutput("page layout changed")
        return f"a:{text}"

    a = FunctionProvider("a", a_handler)
    b = FunctionProvider("b", ok("b"))
    translator = chain(a, b, clock=clock, breaker_threshold=2, breaker_cooldown=30)

    for _ in range(2):
        assert (await translator.translate("Hi", source="en", target="zh")).provider == "b"
    assert translator.breakers["a"].state == "open"
    assert (await translator.translate("Hi", source="en", target="zh")).provider == "b"
    assert len(a.calls) == 2  # skipped while open

    clock.now += 29
    await translator.translate("Hi", source="en", target="zh")
    assert len(a.calls) == 2

    clock.now += 2
    broken["a"] = False
    assert (await translator.translate("Hi", source="en", target="zh")).provider == "a"
    assert translator.breakers["a"].state == "closed"


def test_failed_probe_reopens_and_success_resets_the_count() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=2, cooldown=10, clock=clock)
    breaker.failure()
    breaker.success()
    breaker.failure()
    assert breaker.state == "closed"  # the success in between reset the count
    breaker.failure()
    assert breaker.state == "open"
    assert not breaker.allow()
    clock.now += 10
    assert breaker.state == "half-open"
    assert breaker.allow()
    assert not breaker.allow()  # one probe at a time
    breaker.failure()
    assert breaker.state == "open"
    clock.now += 10
    assert breaker.allow()
    breaker.abandon()
    assert breaker.allow()


async def test_every_provider_paused_answers_at_once() -> None:
    translator = chain(FunctionProvider("a", failing(ProviderBadOutput("x"))), breaker_threshold=1)
    with pytest.raises(TranslationUnavailable, match="a: x"):
        await translator.translate("Hi", source="en", target="zh")
    with pytest.raises(TranslationUnavailable, match="a: paused after repeated failures"):
        await translator.translate("Hi", source="en", target="zh")


# --- cache ---


async def test_cache_hit_asks_nobody_and_bypass_asks_again() -> None:
    cache = MemoryTranslationCache()
    provider = FunctionProvider("a", fake_translation)
    translator = chain(provider, cache=cache)

    first = await translator.translate("Hello", source="en", target="zh", user_id=7)
    second = await translator.translate("Hello", source="en", target="zh", user_id=7)
    assert (first.cached, second.cached) == (False, True)
    assert second.text == first.text == "[zh] Hello"
    assert len(provider.calls) == 1

    retried = await translator.translate(
        "Hello", source="en", target="zh", user_id=7, bypass_cache=True
    )
    assert not retried.cached
    assert len(provider.calls) == 2

    await translator.translate("Hello", source="en", target="zh", user_id=8)  # per user
    await translator.translate("Hello", source="en", target="zh")  # no user, no cache
    assert len(provider.calls) == 4
    assert cache.entries[(7, "a", "Hello", "en", "zh")] == "[zh] Hello"


async def test_cached_fallback_result_is_found_before_asking_the_first_provider() -> None:
    cache = MemoryTranslationCache()
    await cache.put(7, "b", "Hello", "en", "zh", "你好")
    a = FunctionProvider("a", ok("a"))
    result = await chain(a, FunctionProvider("b", ok("b")), cache=cache).translate(
        "Hello", source="en", target="zh", user_id=7
    )
    assert (result.text, result.provider, result.cached) == ("你好", "b", True)
    assert a.calls == []


class BrokenCache:
    async def get(self, user_id: int, provider: str, text: str, source: str, target: str) -> None:
        raise StoreError("database is locked")

    async def put(
        self, user_id: int, provider: str, text: str, source: str, target: str, result: str
    ) -> None:
        raise StoreError("database is locked")


async def test_broken_cache_does_not_cost_the_translation() -> None:
    translator = chain(FunctionProvider("a", ok("a")), cache=BrokenCache())
    result = await translator.translate("Hello", source="en", target="zh", user_id=1)
    assert result.text == "a:Hello"


async def test_one_failing_chunk_fails_the_provider_for_the_whole_text() -> None:
    def picky(text: str, source: str, target: str) -> str:
        if "bad" in text:
            raise ProviderBadOutput("no translation in the answer")
        return f"a:{text}"

    a = FunctionProvider("a", picky, limits=Limits(12))
    b = FunctionProvider("b", ok("b"), limits=Limits(100))
    text = "First line.\nSecond bad.\nThird line."
    result = await chain(a, b).translate(text, source="en", target="zh")
    assert (result.provider, result.text) == ("b", f"b:{text}")
