"""The one exception tree of the project.

Library errors (aiosqlite, requests, deep_translator, telegram) are mapped to these at the
adapter boundary, so callers only ever catch ``PifaError`` subclasses.
"""


class PifaError(Exception):
    """Base class of every error Pifa raises on purpose."""


class ConfigError(PifaError):
    """A setting is missing or malformed. The message names the variable."""


class StoreError(PifaError):
    """The database could not do what was asked."""


class NotFoundError(StoreError):
    """A row does not exist, or does not belong to the user who asked for it."""


class TranslationError(PifaError):
    """Translation failed. Subclasses say why."""


class TranslationUnavailable(TranslationError):
    """Every provider in the chain failed."""


class ProviderError(TranslationError):
    """One provider failed; the chain may try the next."""


class ProviderTimeout(ProviderError):
    """A provider did not answer in time."""


class ProviderRateLimited(ProviderError):
    """A provider answered 429 or equivalent."""


class ProviderBadOutput(ProviderError):
    """A provider answered, but the answer is unusable (empty, or the input echoed back)."""


class InputError(PifaError):
    """A user typed something we cannot use; the message says what to write instead."""
