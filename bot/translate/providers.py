"""deep-translator's providers behind ``bot.translate.base.Provider``.

deep-translator is synchronous, passes no timeout to ``requests`` and keeps per-call state on its
translator objects. So every call runs in a worker thread (``WorkerPool``), on a fresh translator
object, and the ``requests`` module that deep-translator's provider modules see is replaced by
``_TimedRequests``: it gives every HTTP call the time left to the worker, and records what
happened (status, response, transport error) so errors can be mapped to ``bot.errors`` here.
"""

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Final

import requests
from deep_translator import (
    BaiduTranslator,
    DeeplTranslator,
    GoogleTranslator,
    LibreTranslator,
    MicrosoftTranslator,
    MyMemoryTranslator,
    baidu,
    deepl,
    google,
    libre,
    microsoft,
    mymemory,
)
from deep_translator import exceptions as dt_errors
from deep_translator.constants import (
    BAIDU_LANGUAGE_TO_CODE,
    DEEPL_LANGUAGE_TO_CODE,
    GOOGLE_LANGUAGES_TO_CODES,
    LIBRE_LANGUAGES_TO_CODES,
    MY_MEMORY_LANGUAGES_TO_CODES,
)

from bot.errors import (
    ConfigError,
    ProviderBadOutput,
    ProviderError,
    ProviderRateLimited,
    ProviderTimeout,
)
from bot.translate.base import Limits
from bot.translate.pool import WorkerPool

log = logging.getLogger(__name__)

#: Timeout for an HTTP call made by deep-translator outside our worker pool (should not happen).
FALLBACK_HTTP_TIMEOUT: Final = 10.0

#: Our language codes (ISO 639-1; ``zh`` is Simplified Chinese).
LANGUAGES: Final[tuple[str, ...]] = (
    "zh", "en", "ru", "es", "de", "fr", "pt", "ar", "it", "ja", "ko", "vi", "tr", "uk", "pl",
    "nl", "id", "th", "hi", "he", "fa", "kk", "uz", "cs", "ro", "hu", "el", "bg", "sv",
)  # fmt: skip

# Providers that carry the text in the URL fail on its encoded length: 4500 UTF-8 bytes is
# 1500 Han characters, below the ~1800 where Google was seen to fail on Chinese.
_URL_LIMITS: Final = Limits(max_chars=4500, max_bytes=4500)


# --- HTTP with a timeout, inside deep-translator -------------------------------------------


@dataclass
class _CallRecord:
    """What the HTTP layer saw during one provider call on this thread."""

    timeout: float
    status: int | None = None
    response: requests.Response | None = None
    transport_error: requests.RequestException | None = None


_local = threading.local()


def _session() -> requests.Session:
    # One session per worker thread: keep-alive saves a TLS handshake per request, and a
    # session is never shared between threads.
    session: requests.Session | None = getattr(_local, "session", None)
    if session is None:
        session = requests.Session()
        _local.session = session
    return session


class _TimedRequests:
    """Stands in for the ``requests`` module inside deep-translator's provider modules."""

    exceptions = requests.exceptions
    RequestException = requests.RequestException

    def get(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> requests.Response:
        return self._send("POST", url, **kwargs)

    def _send(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        record: _CallRecord | None = getattr(_local, "record", None)
        kwargs["timeout"] = record.timeout if record else FALLBACK_HTTP_TIMEOUT
        try:
            response = _session().request(method, url, **kwargs)
        except requests.RequestException as exc:
            if record:
                record.transport_error = exc
            raise
        if record:
            record.status = response.status_code
            record.response = response
        return response


_TIMED_REQUESTS: Final = _TimedRequests()
for _module in (google, mymemory, deepl, baidu, microsoft, libre):
    _module.requests = _TIMED_REQUESTS


# --- Language codes ------------------------------------------------------------------------


def _code_map(table: Mapping[str, str], overrides: Mapping[str, str]) -> dict[str, str]:
    """Our codes mapped to a provider's, keeping only codes deep-translator accepts for it."""
    known = set(table.values())
    mapped = {code: overrides.get(code, code) for code in LANGUAGES}
    return {ours: theirs for ours, theirs in mapped.items() if theirs in known}


_GOOGLE_CODES: Final = _code_map(GOOGLE_LANGUAGES_TO_CODES, {"zh": "zh-CN", "he": "iw"})
_MYMEMORY_CODES: Final = _code_map(
    MY_MEMORY_LANGUAGES_TO_CODES,
    {
        "zh": "zh-CN", "en": "en-GB", "ru": "ru-RU", "es": "es-ES", "de": "de-DE", "fr": "fr-FR",
        "pt": "pt-PT", "ar": "ar-SA", "it": "it-IT", "ja": "ja-JP", "ko": "ko-KR", "vi": "vi-VN",
        "tr": "tr-TR", "uk": "uk-UA", "pl": "pl-PL", "nl": "nl-NL", "id": "id-ID", "th": "th-TH",
        "hi": "hi-IN", "he": "he-IL", "fa": "fa-IR", "kk": "kk-KZ", "uz": "uz-UZ", "cs": "cs-CZ",
        "ro": "ro-RO", "hu": "hu-HU", "el": "el-GR", "bg": "bg-BG", "sv": "sv-SE",
    },
)  # fmt: skip
_DEEPL_SOURCE: Final = {
    ours: theirs.upper() for ours, theirs in _code_map(DEEPL_LANGUAGE_TO_CODE, {}).items()
}
# DeepL wants a variant for English and Portuguese targets; buyers are likelier American and
# Brazilian than British and Portuguese.
_DEEPL_TARGET: Final = {**_DEEPL_SOURCE, "en": "EN-US", "pt": "PT-BR"}
_BAIDU_CODES: Final = _code_map(
    BAIDU_LANGUAGE_TO_CODE,
    {"es": "spa", "fr": "fra", "ar": "ara", "ja": "jp", "ko": "kor", "vi": "vie", "bg": "bul",
     "sv": "swe"},
)  # fmt: skip
# deep-translator fetches Microsoft's language list over the network in the constructor; this
# static table replaces that call (see _Microsoft).
_MICROSOFT_CODES: Final = {code: "zh-Hans" if code == "zh" else code for code in LANGUAGES}
_LIBRE_CODES: Final = _code_map(LIBRE_LANGUAGES_TO_CODES, {})


class _Microsoft(MicrosoftTranslator):
    def _get_supported_languages(self) -> dict[str, str]:
        return {code: code for code in _MICROSOFT_CODES.values()}


class _Deepl(DeeplTranslator):
    """DeepL as it must be called now.

    deep-translator 1.11.4 sends a GET with ``auth_key`` in the URL; DeepL has refused both
    since 15 January 2026 and wants a POST with the key in an ``Authorization`` header.
    """

    def translate(self, text: str, **kwargs: Any) -> str:
        response = deepl.requests.post(
            self._base_url + "translate",
            headers={"Authorization": f"DeepL-Auth-Key {self.api_key}"},
            json={"text": [text], "source_lang": self._source, "target_lang": self._target},
        )
        if response.status_code == 403:
            raise dt_errors.AuthorizationException(self.api_key)
        if response.status_code != 200:
            raise dt_errors.ServerException(response.status_code)
        return str(response.json()["translations"][0]["text"])


# --- Provider descriptions ------------------------------------------------------------------

_Build = Callable[[str, str, Mapping[str, str], str], Any]


@dataclass(frozen=True)
class ProviderSpec:
    """How to reach one provider through deep-translator.

    Attributes:
        name: Name in PIFA_TRANSLATORS.
        limits: Size of one request.
        sources: Our code → the provider's, for the source side.
        targets: Our code → the provider's, for the target side.
        auto: The provider's code for "detect the source", or None when it has none.
        required: Environment variables that must be set.
        default_url: Where the real service is; tests pass another base URL.
        build: Makes a fresh deep-translator object (source, target, keys, base URL).
    """

    name: str
    limits: Limits
    sources: Mapping[str, str]
    targets: Mapping[str, str]
    auto: str | None
    required: tuple[str, ...]
    default_url: str
    build: _Build = field(repr=False)


def _google(source: str, target: str, keys: Mapping[str, str], url: str) -> Any:
    translator = GoogleTranslator(source=source, target=target)
    translator._base_url = url
    return translator


def _mymemory(source: str, target: str, keys: Mapping[str, str], url: str) -> Any:
    translator = MyMemoryTranslator(source=source, target=target)
    translator._base_url = url
    return translator


def _deepl(source: str, target: str, keys: Mapping[str, str], url: str) -> Any:
    translator = _Deepl(api_key=keys["PIFA_DEEPL_KEY"])
    # Set after construction: deep-translator only knows DeepL's lower-case base codes.
    translator._source, translator._target = source, target
    translator._base_url = url
    return translator


def _baidu(source: str, target: str, keys: Mapping[str, str], url: str) -> Any:
    translator = BaiduTranslator(
        source=source,
        target=target,
        appid=keys["PIFA_BAIDU_APPID"],
        appkey=keys["PIFA_BAIDU_KEY"],
    )
    translator._base_url = url
    return translator


def _microsoft(source: str, target: str, keys: Mapping[str, str], url: str) -> Any:
    translator = _Microsoft(
        source=source,
        target=target,
        api_key=keys["PIFA_MICROSOFT_KEY"],
        region=keys.get("PIFA_MICROSOFT_REGION") or None,
    )
    translator._base_url = url
    return translator


def _libre(source: str, target: str, keys: Mapping[str, str], url: str) -> Any:
    api_key = keys.get("PIFA_LIBRETRANSLATE_KEY", "")
    # deep-translator refuses an empty key, but a self-hosted server usually needs none.
    translator = LibreTranslator(
        source=source, target=target, api_key=api_key or "-", custom_url=url
    )
    translator.api_key = api_key
    return translator


def _deepl_url(keys: Mapping[str, str]) -> str:
    # Keys of DeepL's free plan end in ":fx" and only work on the free host.
    free = keys.get("PIFA_DEEPL_KEY", "").endswith(":fx")
    return "https://api-free.deepl.com/v2/" if free else "https://api.deepl.com/v2/"


SPECS: Final[Mapping[str, ProviderSpec]] = {
    spec.name: spec
    for spec in (
        ProviderSpec(
            "google", _URL_LIMITS, _GOOGLE_CODES, _GOOGLE_CODES, "auto", (),
            "https://translate.google.com/m", _google,
        ),
        ProviderSpec(
            # MyMemory takes at most 500 bytes of UTF-8 in q: 160 Han characters.
            "mymemory", Limits(max_chars=480, max_bytes=480), _MYMEMORY_CODES, _MYMEMORY_CODES,
            None, (), "https://api.mymemory.translated.net/get", _mymemory,
        ),
        ProviderSpec(
            "deepl", _URL_LIMITS, _DEEPL_SOURCE, _DEEPL_TARGET, None, ("PIFA_DEEPL_KEY",),
            "", _deepl,
        ),
        ProviderSpec(
            "baidu", _URL_LIMITS, _BAIDU_CODES, _BAIDU_CODES, "auto",
            ("PIFA_BAIDU_APPID", "PIFA_BAIDU_KEY"),
            "https://fanyi-api.baidu.com/api/trans/vip/translate", _baidu,
        ),
        ProviderSpec(
            "microsoft", Limits(max_chars=10000), _MICROSOFT_CODES, _MICROSOFT_CODES, None,
            ("PIFA_MICROSOFT_KEY",),
            "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0", _microsoft,
        ),
        ProviderSpec(
            "libre", _URL_LIMITS, _LIBRE_CODES, _LIBRE_CODES, "auto",
            ("PIFA_LIBRETRANSLATE_URL",), "", _libre,
        ),
    )
}  # fmt: skip


def default_url(spec: ProviderSpec, keys: Mapping[str, str]) -> str:
    """The real service's URL for ``spec`` given the configured keys."""
    if spec.name == "deepl":
        return _deepl_url(keys)
    if spec.name == "libre":
        return keys["PIFA_LIBRETRANSLATE_URL"]
    return spec.default_url


# --- Error mapping --------------------------------------------------------------------------

# Baidu answers HTTP 200 with an error code in the body.
_BAIDU_RATE_LIMITED: Final = {"54003", "54004", "54005"}
_BAIDU_KEY_REJECTED: Final = {"52003", "54001"}
_BAIDU_SERVER: Final = {"52001", "52002"}


def _baidu_code(record: _CallRecord) -> str | None:
    if record.response is None:
        return None
    try:
        body = record.response.json()
    except ValueError:
        return None
    return str(body.get("error_code")) if isinstance(body, dict) and "error_code" in body else None


def map_error(spec: ProviderSpec, exc: Exception, record: _CallRecord) -> Exception:
    """Translate whatever deep-translator or requests raised into a ``bot.errors`` error."""
    transport = record.transport_error
    if isinstance(transport, requests.Timeout):
        return ProviderTimeout(f"no answer in {record.timeout:.1f} s")
    if isinstance(transport, requests.ConnectionError):
        return ProviderError("connection failed")
    if transport is not None:
        return ProviderError(f"request failed ({type(transport).__name__})")

    status = record.status
    if status is not None and status != 200:
        return _map_status(spec, status)
    if spec.name == "baidu" and (code := _baidu_code(record)) is not None:
        return _map_baidu(spec, code)
    if isinstance(exc, dt_errors.TooManyRequests):
        return ProviderRateLimited("too many requests")
    if isinstance(exc, dt_errors.AuthorizationException | dt_errors.ApiKeyException):
        return ConfigError(f"key rejected ({' / '.join(spec.required)})")
    if isinstance(exc, dt_errors.TranslationNotFound | dt_errors.ElementNotFoundInGetRequest):
        return ProviderBadOutput("no translation in the answer")
    if isinstance(exc, dt_errors.NotValidLength | dt_errors.NotValidPayload):
        return ProviderBadOutput("text refused as too long")
    if isinstance(exc, dt_errors.LanguageNotSupportedException):
        return ProviderBadOutput("language not supported")
    if isinstance(exc, ValueError | LookupError | TypeError | AttributeError | StopIteration):
        return ProviderBadOutput(f"unreadable answer ({type(exc).__name__})")
    return ProviderError(f"failed ({type(exc).__name__})")


def _map_status(spec: ProviderSpec, status: int) -> Exception:
    if status == 429:
        return ProviderRateLimited("HTTP 429")
    if status == 456:
        return ProviderRateLimited("quota exhausted (HTTP 456)")
    if status in (401, 403) and spec.required:
        return ConfigError(f"key rejected, HTTP {status} ({' / '.join(spec.required)})")
    if status >= 500:
        return ProviderError(f"HTTP {status}")
    return ProviderBadOutput(f"HTTP {status}")


def _map_baidu(spec: ProviderSpec, code: str) -> Exception:
    if code in _BAIDU_RATE_LIMITED:
        return ProviderRateLimited(f"Baidu error {code}")
    if code in _BAIDU_KEY_REJECTED:
        return ConfigError(f"key rejected, Baidu error {code} ({' / '.join(spec.required)})")
    if code in _BAIDU_SERVER:
        return ProviderError(f"Baidu error {code}")
    return ProviderBadOutput(f"Baidu error {code}")


# --- The provider ---------------------------------------------------------------------------


class DeepTranslatorProvider:
    """One deep-translator provider, called in a worker thread with a hard HTTP timeout."""

    def __init__(
        self,
        spec: ProviderSpec,
        pool: WorkerPool,
        keys: Mapping[str, str],
        base_url: str | None = None,
    ) -> None:
        self._spec = spec
        self._pool = pool
        self._keys = dict(keys)
        self._url = base_url or default_url(spec, keys)
        if spec.name in ("deepl", "libre") and not self._url.endswith("/"):
            # deep-translator appends "translate" to these two.
            self._url += "/"

    @property
    def name(self) -> str:
        return self._spec.name

    @property
    def limits(self) -> Limits:
        return self._spec.limits

    def supports(self, source: str, target: str) -> bool:
        if source == "auto":
            source_ok = self._spec.auto is not None
        else:
            source_ok = source in self._spec.sources
        return source_ok and target in self._spec.targets

    async def translate(self, text: str, *, source: str, target: str, timeout: float) -> str:
        their_source = self._spec.auto if source == "auto" else self._spec.sources.get(source)
        their_target = self._spec.targets.get(target)
        if their_source is None or their_target is None:
            raise ProviderBadOutput(f"no {source}→{target}")
        call = partial(self._call, text, their_source, their_target)
        return await self._pool.run(call, timeout=timeout)

    def _call(self, text: str, source: str, target: str, remaining: float) -> str:
        """Runs in a worker thread; ``remaining`` is the time left for the HTTP call."""
        record = _CallRecord(timeout=remaining)
        _local.record = record
        try:
            result = self._spec.build(source, target, self._keys, self._url).translate(text)
        except Exception as exc:  # the boundary: everything is mapped to bot.errors
            mapped = map_error(self._spec, exc, record)
            # Not chained: library messages carry the text and, for some providers, the key
            # (in the URL or the message), which must not reach the logs.
            log.debug("%s failed: %s mapped to %r", self.name, type(exc).__name__, mapped)
            raise mapped from None
        finally:
            _local.record = None
        if not isinstance(result, str):
            raise ProviderBadOutput("no translation in the answer")
        return result
