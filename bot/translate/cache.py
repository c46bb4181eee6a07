"""Where finished translations are kept, per user, so a repeated text costs no request."""

from typing import Protocol


class TranslationCache(Protocol):
    """Storage of translations keyed by (user, provider, text, source, target).

    The SQLite implementation lives in ``bot/store/``; ``MemoryTranslationCache`` is for tests.
    """

    async def get(
        self, user_id: int, provider: str, text: str, source: str, target: str
    ) -> str | None:
        """Return the stored translation, or None."""
        ...

    async def put(
        self, user_id: int, provider: str, text: str, source: str, target: str, result: str
    ) -> None:
        """Store a translation, replacing an older one for the same key."""
        ...


_Key = tuple[int, str, str, str, str]


class MemoryTranslationCache:
    """A dict-backed ``TranslationCache`` that counts its reads and writes."""

    def __init__(self) -> None:
        self.entries: dict[_Key, str] = {}
        self.gets = 0
        self.hits = 0
        self.puts = 0

    async def get(
        self, user_id: int, provider: str, text: str, source: str, target: str
    ) -> str | None:
        self.gets += 1
        result = self.entries.get((user_id, provider, text, source, target))
        if result is not None:
            self.hits += 1
        return result

    async def put(
        self, user_id: int, provider: str, text: str, source: str, target: str, result: str
    ) -> None:
        self.puts += 1
        self.entries[(user_id, provider, text, source, target)] = result
