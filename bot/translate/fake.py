"""Function-based stand-ins for tests and manual runs, like httpx's MockTransport.

``FakeTranslator(handler)`` answers every call with ``handler(text, source, target)``.
``FunctionProvider`` puts such a handler into the real chain (and, with a pool, into the real
worker threads), which is what a benchmark of the real path needs.
"""

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Collection
from typing import cast

from bot.errors import ProviderError, ProviderTimeout, TranslationUnavailable
from bot.translate.base import Limits, Translation, Translator
from bot.translate.cache import TranslationCache
from bot.translate.chain import ChainTranslator
from bot.translate.pool import WorkerPool

Handler = Callable[[str, str, str], str | Awaitable[str]]
SyncHandler = Callable[[str, str, str], str]


async def _call(handler: Handler, text: str, source: str, target: str) -> str:
    result = handler(text, source, target)
    if inspect.isawaitable(result):
        return await result
    return result


class FakeTranslator(Translator):
    """A ``Translator`` whose every answer comes from ``handler(text, source, target)``.

    The handler returns the translation (or an awaitable of it) or raises a ``ProviderError``,
    which becomes ``TranslationUnavailable`` as when every real provider fails. Calls that reach
    the handler are recorded in ``calls``. With a ``cache`` it caches like the real chain.
    """

    def __init__(
        self, handler: Handler, *, cache: TranslationCache | None = None, name: str = "fake"
    ) -> None:
        self._handler = handler
        self._cache = cache
        self._name = name
        self.calls: list[tuple[str, str, str]] = []
        self.closed = False

    @property
    def providers(self) -> tuple[str, ...]:
        return (self._name,)

    async def aclose(self) -> None:
        self.closed = True

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
        cache = self._cache if user_id is not None else None
        if cache is not None and user_id is not None and not bypass_cache:
            hit = await cache.get(user_id, self._name, text, source, target)
            if hit is not None:
                return Translation(hit, self._name, cached=True)
        self.calls.append((text, source, target))
        try:
            result = await _call(self._handler, text, source, target)
        except ProviderError as exc:
            raise TranslationUnavailable(f"{self._name}: {exc}") from exc
        if cache is not None and user_id is not None:
            await cache.put(user_id, self._name, text, source, target, result)
        return Translation(result, self._name, cached=False)


class FunctionProvider:
    """A ``Provider`` backed by a function, for the real chain.

    Without a pool the handler may be sync or async and runs on the event loop. With a pool it
    must be sync and runs in a worker thread under the pool's timeout, like deep-translator.
    """

    def __init__(
        self,
        name: str,
        handler: Handler,
        *,
        pool: WorkerPool | None = None,
        limits: Limits | None = None,
        languages: Collection[str] | None = None,
    ) -> None:
        self._name = name
        self._handler = handler
        self._pool = pool
        self._limits = limits or Limits(max_chars=4500, max_bytes=4500)
        self._languages = languages
        self.calls: list[tuple[str, str, str]] = []

    @property
    def name(self) -> str:
        return self._name

    @property
    def limits(self) -> Limits:
        return self._limits

    def supports(self, source: str, target: str) -> bool:
        if self._languages is None:
            return True
        return {source, target} <= {*self._languages, "auto"}

    async def translate(self, text: str, *, source: str, target: str, timeout: float) -> str:
        self.calls.append((text, source, target))
        if self._pool is not None:
            handler = cast(SyncHandler, self._handler)

            def job(_seconds_left: float) -> str:
                return handler(text, source, target)

            return await self._pool.run(job, timeout=timeout)
        try:
            return await asyncio.wait_for(_call(self._handler, text, source, target), timeout)
        except TimeoutError as exc:
            raise ProviderTimeout(f"no answer in {timeout:.1f} s") from exc


def pooled_fake_translator(
    handler: SyncHandler,
    *,
    max_workers: int = 64,
    timeout: float = 5.0,
    cache: TranslationCache | None = None,
) -> Translator:
    """The real chain and worker pool around one sync ``handler`` (benchmarks, manual runs)."""
    pool = WorkerPool(max_workers)
    provider = FunctionProvider("fake", handler, pool=pool)
    return ChainTranslator([provider], timeout=timeout, cache=cache, pool=pool)
