"""An ordered chain of providers: cache, chunking, retries, circuit breakers, output checks."""

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Final

from bot.domain.direction import is_han, is_supplier_text
from bot.errors import (
    ConfigError,
    PifaError,
    ProviderBadOutput,
    ProviderError,
    ProviderRateLimited,
    ProviderTimeout,
    TranslationUnavailable,
)
from bot.translate.base import PASS_THROUGH, Provider, Translation, Translator
from bot.translate.cache import TranslationCache
from bot.translate.chunking import split_text
from bot.translate.pool import WorkerPool

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]


# --- Output checks ---------------------------------------------------------------------------

# Links, e-mail addresses and anything with a digit in it (model numbers, "12.5kg", "500pcs")
# legitimately come back unchanged, so they do not count as words that needed translating.
_UNTRANSLATED_TOKENS: Final = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|\S*\d\S*", re.I)

_SCRIPT_RANGES: Final[dict[str, str]] = {
    "cyrillic": "\u0400-\u04ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f",
    "hebrew": "\u0590-\u05ff",
    "thai": "\u0e00-\u0e7f",
    "devanagari": "\u0900-\u097f",
    "greek": "\u0370-\u03ff",
    "hangul": "\uac00-\ud7af\u1100-\u11ff",
    "kana": "\u3040-\u30ff",
    "latin": "A-Za-z\u00c0-\u024f",
}
_SCRIPT_OF: Final[dict[str, str]] = {
    "ru": "cyrillic", "uk": "cyrillic", "bg": "cyrillic", "kk": "cyrillic",
    "ar": "arabic", "fa": "arabic", "he": "hebrew", "th": "thai", "hi": "devanagari",
    "el": "greek", "ko": "hangul",
}  # fmt: skip


def has_source_letters(text: str, source: str) -> bool:
    """Return True when ``text`` has letters of ``source``'s script outside links and codes."""
    words = _UNTRANSLATED_TOKENS.sub(" ", text)
    if source == "auto":
        return any(char.isalpha() for char in words)
    if source == "zh":
        return any(is_han(char) for char in words)
    if source == "ja":
        return any(is_han(char) for char in words) or bool(
            re.search(f"[{_SCRIPT_RANGES['kana']}]", words)
        )
    script = _SCRIPT_RANGES[_SCRIPT_OF.get(source, "latin")]
    return re.search(f"[{script}]", words) is not None


def _normalized(text: str) -> str:
    return " ".join(text.split()).casefold()


def check_output(text: str, output: str, source: str) -> None:
    """Raise ``ProviderBadOutput`` when ``output`` cannot be the translation of ``text``.

    Empty output always fails; output identical to the input fails when the input has letters
    of the source language's script (words that should have changed).
    """
    if not output.strip():
        raise ProviderBadOutput("empty answer")
    if _normalized(output) == _normalized(text) and has_source_letters(text, source):
        raise ProviderBadOutput("returned the text untranslated")


def _needs_translation(text: str, source: str, target: str) -> bool:
    return source != target and any(char.isalpha() for char in text)


# --- Retry and circuit breaker ---------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """How often one request is tried when the provider is rate-limited or has a server error."""

    attempts: int = 2
    backoff: float = 0.25
    max_backoff: float = 2.0

    def delay(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (0-based)."""
        return min(self.backoff * 2**attempt, self.max_backoff)


def is_transient(error: ProviderError) -> bool:
    """Worth another try: rate limiting, server errors, broken connections.

    Timeouts are not retried (a hanging provider would eat the whole budget), nor are bad answers.
    """
    return isinstance(error, ProviderRateLimited) or type(error) is ProviderError


class CircuitBreaker:
    """Skips a provider for ``cooldown`` seconds after ``threshold`` failures in a row.

    After the cooldown one call is let through as a probe: success closes the breaker, failure
    opens it for another cooldown.
    """

    def __init__(self, *, threshold: int = 3, cooldown: float = 60.0, clock: Clock) -> None:
        self._threshold = threshold
        self._cooldown = cooldown
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False

    @property
    def state(self) -> str:
        """``closed``, ``open`` or ``half-open`` (cooldown over, probe allowed or running)."""
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at < self._cooldown:
            return "open"
        return "half-open"

    def allow(self) -> bool:
        """Return True when the provider may be called now (reserving the probe if half-open)."""
        state = self.state
        if state == "closed":
            return True
        if state == "open" or self._probing:
            return False
        self._probing = True
        return True

    def success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._probing = False

    def failure(self) -> None:
        self._failures += 1
        if self._probing or self._failures >= self._threshold:
            self._opened_at = self._clock()
        self._probing = False

    def abandon(self) -> None:
        """A call ended without a verdict (cancelled): free the probe slot."""
        self._probing = False


# --- The chain -------------------------------------------------------------------------------


class ChainTranslator(Translator):
    """Tries providers in order until one gives a usable translation.

    Args:
        providers: Tried in this order.
        timeout: Seconds one request to a provider may take.
        cache: Per-user translation cache; None disables caching.
        pool: Closed by ``aclose``.
        total_timeout: Seconds the whole ``translate`` call may take, across providers and
            retries; None for no limit beyond ``timeout`` per request.
        retry: Retries of one request on rate limiting and server errors.
        breaker_threshold: Failures in a row after which a provider is skipped.
        breaker_cooldown: Seconds a failing provider is skipped.
        clock: Monotonic clock of the circuit breakers (tests pass a fake one).
        sleep: Used for backoff (tests pass a fake one).
        chunk_concurrency: Pieces of one long text sent to a provider at the same time.
    """

    def __init__(
        self,
        providers: Sequence[Provider],
        *,
        timeout: float,
        cache: TranslationCache | None = None,
        pool: WorkerPool | None = None,
        total_timeout: float | None = None,
        retry: RetryPolicy | None = None,
        breaker_threshold: int = 3,
        breaker_cooldown: float = 60.0,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        chunk_concurrency: int = 4,
    ) -> None:
        if not providers:
            raise ValueError("at least one provider is needed")
        self._providers = tuple(providers)
        self._timeout = timeout
        self._cache = cache
        self._pool = pool
        self._total_timeout = total_timeout
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._chunk_concurrency = chunk_concurrency
        self.breakers = {
            p.name: CircuitBreaker(
                threshold=breaker_threshold, cooldown=breaker_cooldown, clock=clock
            )
            for p in self._providers
        }

    @property
    def providers(self) -> tuple[str, ...]:
        return tuple(p.name for p in self._providers)

    async def aclose(self) -> None:
        if self._pool is not None:
            self._pool.close()

    async def translate(
        self,
        text: str,
        *,
        source: str,
        target: str,
        user_id: int | None = None,
        bypass_cache: bool = False,
        hint: str | None = None,
    ) -> Translation:
        source, target = source.lower(), target.lower()
        if not _needs_translation(text, source, target):
            return Translation(text, PASS_THROUGH, cached=False)
        deadline = None if self._total_timeout is None else time.monotonic() + self._total_timeout
        use_cache = self._cache is not None and user_id is not None
        if use_cache and not bypass_cache:
            hit = await self._cached(user_id, text, source, target)
            if hit is not None:
                return hit

        failures: list[str] = []
        for provider in self._providers:
            provider_source = self._source_for(provider, text, source, target, hint)
            if provider_source is None:
                failures.append(f"{provider.name}: no {source}→{target}")
                continue
            breaker = self.breakers[provider.name]
            if not breaker.allow():
                failures.append(f"{provider.name}: paused after repeated failures")
                continue
            try:
                result = await self._translate_with(
                    provider, text, provider_source, target, deadline
                )
            except (ProviderError, ConfigError) as exc:
                breaker.failure()
                log.warning("translation by %s failed: %s", provider.name, exc)
                failures.append(f"{provider.name}: {exc}")
                continue
            except BaseException:
                breaker.abandon()
                raise
            breaker.success()
            if use_cache:
                await self._store(user_id, provider.name, text, source, target, result)
            return Translation(result, provider.name, cached=False)
        raise TranslationUnavailable("; ".join(failures))

    @staticmethod
    def _source_for(
        provider: Provider, text: str, source: str, target: str, hint: str | None = None
    ) -> str | None:
        """The source code to give ``provider``, or None when it cannot take this pair."""
        if provider.supports(source, target):
            return source
        if source != "auto":
            return None
        # A provider without language detection can still take text that is clearly Chinese,
        # or text in the language the caller expects (the buyer's own).
        if is_supplier_text(text):
            return "zh" if provider.supports("zh", target) else None
        if hint and hint != target and provider.supports(hint, target):
            return hint
        return None

    async def _cached(
        self, user_id: int | None, text: str, source: str, target: str
    ) -> Translation | None:
        assert self._cache is not None and user_id is not None
        for provider in self._providers:
            try:
                hit = await self._cache.get(user_id, provider.name, text, source, target)
            except PifaError as exc:
                # A broken cache costs a request, not the translation.
                log.warning("translation cache read failed: %s", exc)
                return None
            if hit is not None:
                return Translation(hit, provider.name, cached=True)
        return None

    async def _store(
        self, user_id: int | None, provider: str, text: str, source: str, target: str, result: str
    ) -> None:
        assert self._cache is not None and user_id is not None
        try:
            await self._cache.put(user_id, provider, text, source, target, result)
        except PifaError as exc:
            log.warning("translation cache write failed: %s", exc)

    async def _translate_with(
        self, provider: Provider, text: str, source: str, target: str, deadline: float | None
    ) -> str:
        split = split_text(text, provider.limits)
        pieces = split.texts
        if len(pieces) == 1:
            return split.join([await self._request(provider, pieces[0], source, target, deadline)])
        limit = asyncio.Semaphore(self._chunk_concurrency)
        tasks = [
            asyncio.create_task(self._limited(limit, provider, piece, source, target, deadline))
            for piece in pieces
        ]
        try:
            return split.join(await asyncio.gather(*tasks))
        finally:
            # When one piece fails the text is lost for this provider; stop the others.
            for task in tasks:
                task.cancel()

    async def _limited(
        self,
        limit: asyncio.Semaphore,
        provider: Provider,
        piece: str,
        source: str,
        target: str,
        deadline: float | None,
    ) -> str:
        async with limit:
            return await self._request(provider, piece, source, target, deadline)

    async def _request(
        self, provider: Provider, piece: str, source: str, target: str, deadline: float | None
    ) -> str:
        attempt = 0
        while True:
            timeout = self._timeout
            if deadline is not None:
                timeout = min(timeout, deadline - time.monotonic())
                if timeout <= 0:
                    raise ProviderTimeout("out of time")
            try:
                output = await provider.translate(
                    piece, source=source, target=target, timeout=timeout
                )
            except ProviderError as exc:
                attempt += 1
                delay = self._retry.delay(attempt - 1)
                out_of_time = deadline is not None and time.monotonic() + delay >= deadline
                if attempt >= self._retry.attempts or not is_transient(exc) or out_of_time:
                    raise
                log.info("%s: %s, retrying in %.2f s", provider.name, exc, delay)
                await self._sleep(delay)
                continue
            check_output(piece, output, source)
            return output
