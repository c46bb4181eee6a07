"""Builds the translator from settings: provider names in order, keys, timeouts."""

from collections.abc import Mapping, Sequence

from bot.errors import ConfigError
from bot.translate.base import Translator
from bot.translate.cache import TranslationCache
from bot.translate.chain import ChainTranslator, RetryPolicy
from bot.translate.pool import WorkerPool
from bot.translate.providers import SPECS, DeepTranslatorProvider


def build_translator(
    names: Sequence[str],
    keys: Mapping[str, str],
    *,
    timeout: float,
    cache: TranslationCache | None,
    max_workers: int = 8,
    base_urls: Mapping[str, str] | None = None,
    total_timeout: float | None = None,
    retry: RetryPolicy | None = None,
    breaker_threshold: int = 3,
    breaker_cooldown: float = 60.0,
) -> Translator:
    """Build the fallback chain named by PIFA_TRANSLATORS.

    Args:
        names: Provider names in the order they are tried (google, mymemory, deepl, baidu,
            microsoft, libre).
        keys: Settings by environment variable name: PIFA_DEEPL_KEY, PIFA_BAIDU_APPID,
            PIFA_BAIDU_KEY, PIFA_MICROSOFT_KEY (+ optional PIFA_MICROSOFT_REGION),
            PIFA_LIBRETRANSLATE_URL (+ optional PIFA_LIBRETRANSLATE_KEY). Empty counts as unset.
        timeout: Seconds one request may take, including time queued for a worker.
        cache: Per-user translation cache, or None.
        max_workers: Worker threads, i.e. requests in flight at once.
        base_urls: Provider name → base URL, replacing the real service (tests).
        total_timeout: Seconds one ``translate`` call may take across providers and retries.
        retry: Retries on rate limiting and server errors.
        breaker_threshold: Failures in a row after which a provider is skipped for a while.
        breaker_cooldown: Seconds a failing provider is skipped.

    Raises:
        ConfigError: Unknown or repeated provider, missing key, or a bad number; the message
            names the variable.
    """
    chosen = [name.strip().lower() for name in names if name.strip()]
    if not chosen:
        raise ConfigError("PIFA_TRANSLATORS is empty: name at least one provider")
    unknown = [name for name in chosen if name not in SPECS]
    if unknown:
        known = ", ".join(SPECS)
        raise ConfigError(f"PIFA_TRANSLATORS: unknown provider {unknown[0]!r} (known: {known})")
    if len(set(chosen)) != len(chosen):
        raise ConfigError("PIFA_TRANSLATORS names a provider twice")
    for name in chosen:
        missing = [var for var in SPECS[name].required if not keys.get(var, "").strip()]
        if missing:
            raise ConfigError(f"{' and '.join(missing)} must be set to use the {name} translator")
    libre_url = keys.get("PIFA_LIBRETRANSLATE_URL", "")
    if "libre" in chosen and not libre_url.startswith(("http://", "https://")):
        raise ConfigError("PIFA_LIBRETRANSLATE_URL must start with http:// or https://")
    if timeout <= 0:
        raise ConfigError("the translation timeout must be positive")
    if max_workers < 1:
        raise ConfigError("the translation worker count must be at least 1")

    pool = WorkerPool(max_workers)
    urls = base_urls or {}
    providers = [
        DeepTranslatorProvider(SPECS[name], pool, keys, base_url=urls.get(name)) for name in chosen
    ]
    return ChainTranslator(
        providers,
        timeout=timeout,
        cache=cache,
        pool=pool,
        total_timeout=total_timeout,
        retry=retry,
        breaker_threshold=breaker_threshold,
        breaker_cooldown=breaker_cooldown,
    )
