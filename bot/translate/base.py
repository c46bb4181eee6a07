"""The small async interface the rest of Pifa sees, and the one each provider implements.

Language codes are ours, not any provider's: ``zh`` (Simplified Chinese), ``en``, ``ru``, ``es``,
``de``, ``fr``, ``pt``, ``ar`` … and ``auto`` as a source. Each provider maps them to its own.
"""

import abc
from dataclasses import dataclass
from typing import Protocol

#: Provider name reported when nothing had to be translated (empty text, same language, no
#: letters at all): the text is returned unchanged without asking anybody.
PASS_THROUGH = "none"


@dataclass(frozen=True)
class Translation:
    """A finished translation."""

    text: str
    provider: str
    cached: bool


class Translator(abc.ABC):
    """Translates text; raises ``bot.errors.TranslationUnavailable`` when it cannot."""

    @abc.abstractmethod
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
        """Translate ``text`` from ``source`` (or ``"auto"``) into ``target``.

        Args:
            text: What to translate; any length, line breaks are kept.
            source: Our language code of the text, or ``"auto"``.
            target: Our language code to translate into.
            user_id: Whose translation this is; the cache is per user and skipped when None.
            bypass_cache: Ask the providers even when a cached translation exists (Retry).
            hint: With ``source="auto"``, the likely source language (the buyer's own), used
                for providers that cannot detect the language themselves.

        Raises:
            TranslationUnavailable: Every provider failed; the message says why, briefly.
        """

    @abc.abstractmethod
    async def aclose(self) -> None:
        """Release the worker threads without waiting for hung ones."""

    @property
    @abc.abstractmethod
    def providers(self) -> tuple[str, ...]:
        """Provider names in the order they are tried."""


@dataclass(frozen=True)
class Limits:
    """How much text one request to a provider may carry.

    ``max_bytes`` counts UTF-8 bytes: providers that put the text in the URL fail on its encoded
    length, which is why Chinese (3 bytes a character) fails far below the character limit.
    """

    max_chars: int
    max_bytes: int | None = None

    def fits(self, text: str) -> bool:
        """Return True when ``text`` can be sent in one request."""
        if len(text) > self.max_chars:
            return False
        return self.max_bytes is None or len(text.encode("utf-8")) <= self.max_bytes


class Provider(Protocol):
    """One translation service, translating one request-sized piece of text.

    Implementations raise ``ProviderRateLimited`` (429 or equivalent), ``ProviderTimeout``,
    ``ProviderBadOutput`` (an answer that cannot be used, retrying will not help),
    ``ConfigError`` (key rejected; the message names the variable) or plain ``ProviderError``
    (server error or broken connection: worth one more try).
    """

    @property
    def name(self) -> str:
        """Name used in PIFA_TRANSLATORS and in the cache."""
        ...

    @property
    def limits(self) -> Limits:
        """Size limit of one request."""
        ...

    def supports(self, source: str, target: str) -> bool:
        """Return True when the provider can translate between these codes of ours."""
        ...

    async def translate(self, text: str, *, source: str, target: str, timeout: float) -> str:
        """Translate one piece (within ``limits``) in at most ``timeout`` seconds."""
        ...
