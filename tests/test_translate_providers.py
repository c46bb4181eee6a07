"""Every provider against its loopback fake, and the mapping of every failure to bot.errors."""

import time
from collections.abc import AsyncIterator, Iterator

import pytest
import requests

from bot.errors import (
    ConfigError,
    ProviderBadOutput,
    ProviderError,
    ProviderRateLimited,
    ProviderTimeout,
)
from bot.translate.factory import build_translator
from bot.translate.pool import WorkerPool
from bot.translate.providers import SPECS, DeepTranslatorProvider, default_url
from tests.fake_translators import FakeTranslationServer, fake_translation

PROVIDERS = tuple(SPECS)


@pytest.fixture
def server() -> Iterator[FakeTranslationServer]:
    with FakeTranslationServer() as fake:
        yield fake


@pytest.fixture
async def pool() -> AsyncIterator[WorkerPool]:
    workers = WorkerPool(4)
    yield workers
    workers.close()


def provider(name: str, server: FakeTranslationServer, pool: WorkerPool) -> DeepTranslatorProvider:
    return DeepTranslatorProvider(SPECS[name], pool, server.keys, server.base_urls[name])


# The codes each service must receive for our "en" → "zh" and "zh" → "pt".
EXPECTED_CODES = {
    "google": (("en", "zh-CN"), ("zh-CN", "pt")),
    "mymemory": (("en-GB", "zh-CN"), ("zh-CN", "pt-PT")),
    "deepl": (("EN", "ZH"), ("ZH", "PT-BR")),
    "baidu": (("en", "zh"), ("zh", "pt")),
    "microsoft": (("en", "zh-Hans"), ("zh-Hans", "pt")),
    "libre": (("en", "zh"), ("zh", "pt")),
}


@pytest.mark.parametrize("name", PROVIDERS)
async def test_provider_translates_against_its_fake(
    name: str, server: FakeTranslationServer, pool: WorkerPool
) -> None:
    fake = provider(name, server, pool)
    to_zh, to_pt = EXPECTED_CODES[name]

    english = "Can you send real photos?\nAnd the MOQ."
    result = await fake.translate(english, source="en", target="zh", timeout=5)
    assert result == fake_translation(english, *to_zh)
    assert (server.requests[-1].source, server.requests[-1].target) == to_zh

    chinese = "亲，起订量500件"
    result = await fake.translate(chinese, source="zh", target="pt", timeout=5)
    assert result == fake_translation(chinese, *to_pt)
    assert server.requests[-1] == type(server.requests[-1])(name, chinese, *to_pt)


@pytest.mark.parametrize("name", PROVIDERS)
async def test_every_provider_through_the_factory(name: str, server: FakeTranslationServer) -> None:
    translator = build_translator(
        [name], server.keys, timeout=5, cache=None, base_urls=server.base_urls
    )
    try:
        result = await translator.translate("你好，这是现货", source="auto", target="en")
    finally:
        await translator.aclose()
    assert result.provider == name
    assert result.text.endswith("你好，这是现货")
    assert server.count(name) == 1


@pytest.mark.parametrize("name", PROVIDERS)
@pytest.mark.parametrize(
    ("mode", "error"),
    [
        ("429", ProviderRateLimited),
        ("500", ProviderError),
        ("garbage", ProviderBadOutput),
        ("hang", ProviderTimeout),
    ],
)
async def test_failures_map_to_our_errors(
    name: str, mode: str, error: type[Exception], server: FakeTranslationServer, pool: WorkerPool
) -> None:
    server.modes[name] = mode
    with pytest.raises(error) as caught:
        await provider(name, server, pool).translate("Hello", source="en", target="zh", timeout=0.3)
    if error is ProviderError:
        assert type(caught.value) is ProviderError  # retryable, unlike its subclasses


@pytest.mark.parametrize("name", ["deepl", "baidu", "microsoft", "libre"])
async def test_rejected_key_is_a_config_error_naming_the_variable(
    name: str, server: FakeTranslationServer, pool: WorkerPool
) -> None:
    server.libre_key = "libre-secret"
    keys = {**server.keys, "PIFA_LIBRETRANSLATE_KEY": "wrong"}
    for var in ("PIFA_DEEPL_KEY", "PIFA_BAIDU_KEY", "PIFA_MICROSOFT_KEY"):
        keys[var] = "wrong"
    wrong = DeepTranslatorProvider(SPECS[name], pool, keys, server.base_urls[name])
    with pytest.raises(ConfigError, match="PIFA_"):
        await wrong.translate("Hello", source="en", target="zh", timeout=5)


async def test_libre_sends_its_key_when_configured(
    server: FakeTranslationServer, pool: WorkerPool
) -> None:
    server.libre_key = "libre-secret"
    libre = provider("libre", server, pool)
    assert await libre.translate("Hello", source="en", target="zh", timeout=5) == "[zh] Hello"


async def test_connection_refused_is_a_provider_error(pool: WorkerPool) -> None:
    with FakeTranslationServer() as gone:
        url = gone.base_urls["google"]
    google = DeepTranslatorProvider(SPECS["google"], pool, {}, url)
    with pytest.raises(ProviderError, match="connection failed"):
        await google.translate("Hello", source="en", target="zh", timeout=5)


async def test_hung_request_frees_its_worker(server: FakeTranslationServer) -> None:
    """The timeout reaches the HTTP call itself: a single worker is usable again right after."""
    single = WorkerPool(1)
    google = provider("google", server, single)
    server.text_modes["HANG"] = "hang"
    try:
        with pytest.raises(ProviderTimeout):
            await google.translate("HANG please", source="en", target="zh", timeout=0.3)
        started = time.monotonic()
        assert await google.translate("Hi", source="en", target="zh", timeout=2) == "[zh-CN] Hi"
        assert time.monotonic() - started < 0.5
    finally:
        single.close()


async def test_slow_but_in_time_is_fine(server: FakeTranslationServer, pool: WorkerPool) -> None:
    server.modes["mymemory"] = "slow"
    server.slow_seconds = 0.2
    mymemory = provider("mymemory", server, pool)
    assert await mymemory.translate("Hi", source="en", target="zh", timeout=2) == "[zh-CN] Hi"


@pytest.mark.parametrize(
    ("name", "source", "target", "supported"),
    [
        ("google", "auto", "zh", True),
        ("google", "he", "zh", True),
        ("mymemory", "auto", "zh", False),
        ("deepl", "auto", "en", False),
        ("deepl", "zh", "vi", False),
        ("baidu", "auto", "en", True),
        ("baidu", "zh", "uk", False),
        ("microsoft", "zh", "kk", True),
        ("libre", "zh", "uk", False),
        ("libre", "auto", "ru", True),
        ("google", "en", "xx", False),
    ],
)
def test_language_support(name: str, source: str, target: str, supported: bool) -> None:
    spec = SPECS[name]
    provider = DeepTranslatorProvider(spec, WorkerPool(1), {"PIFA_LIBRETRANSLATE_URL": "http://x"})
    assert provider.supports(source, target) is supported


@pytest.mark.parametrize(
    ("key", "url"),
    [("abc:fx", "https://api-free.deepl.com/v2/"), ("abc", "https://api.deepl.com/v2/")],
)
def test_deepl_free_keys_use_the_free_host(key: str, url: str) -> None:
    assert default_url(SPECS["deepl"], {"PIFA_DEEPL_KEY": key}) == url


def test_fake_deepl_refuses_the_legacy_call_deep_translator_makes(
    server: FakeTranslationServer,
) -> None:
    """Why providers.py overrides DeepL's request: deep-translator's GET with auth_key in the
    URL has been refused since 2026, and the fake refuses it too."""
    params = {"auth_key": server.deepl_key, "target_lang": "ZH", "text": "Hello"}
    response = requests.get(server.base_urls["deepl"] + "translate", params=params, timeout=5)
    assert response.status_code == 403
    assert server.count("deepl") == 0


async def test_errors_do_not_carry_keys_or_text(
    server: FakeTranslationServer, pool: WorkerPool
) -> None:
    keys = {**server.keys, "PIFA_DEEPL_KEY": "secret-key-123"}
    wrong = DeepTranslatorProvider(SPECS["deepl"], pool, keys, server.base_urls["deepl"])
    with pytest.raises(ConfigError) as caught:
        await wrong.translate("my private text", source="en", target="zh", timeout=5)
    error = caught.value
    assert error.__cause__ is None and error.__suppress_context__
    assert "secret-key-123" not in str(error) and "private" not in str(error)
