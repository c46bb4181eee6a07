"""Loopback fakes of the translation services deep-translator talks to.

One threaded HTTP server on 127.0.0.1 answers in the shape each real service answers in:

- ``GET  /google/m?sl&tl&q``                     Google's mobile page (HTML, div.result-container)
- ``GET  /mymemory/get?q&langpair``              MyMemory JSON
- ``POST /deepl/v2/translate`` (JSON, key header)  DeepL JSON; the legacy GET is refused
- ``POST /baidu/api/trans/vip/translate?…&sign`` Baidu JSON, md5-signed, errors as error_code
- ``POST /microsoft/translate?api-version&from&to`` Microsoft JSON, key in a header
- ``POST /libre/translate?q&source&target``      LibreTranslate JSON

Failure modes, per provider (``server.modes["google"] = "hang"``) or for texts containing a marker
(``server.text_modes["HANG"] = "hang"``): ``slow``, ``hang``, ``429``, ``500``, ``empty``,
``echo``, ``garbage`` (a page or body without a translation in it).
"""

import hashlib
import html
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qs, urlsplit

MODES = ("ok", "slow", "hang", "429", "500", "empty", "echo", "garbage")


def fake_translation(text: str, source: str, target: str) -> str:
    """What the fakes answer: every non-blank line tagged with the target code."""
    return "\n".join(f"[{target}] {line}" if line.strip() else line for line in text.split("\n"))


@dataclass(frozen=True)
class FakeRequest:
    """One translation request as a fake service received it (codes are the provider's)."""

    provider: str
    text: str
    source: str
    target: str


@dataclass(frozen=True)
class _Reply:
    status: int
    body: bytes
    content_type: str = "application/json"


def _json(status: int, value: Any) -> _Reply:
    return _Reply(status, json.dumps(value, ensure_ascii=False).encode())


class FakeTranslationServer:
    """The fake services; use as a context manager. ``base_urls`` feeds ``build_translator``."""

    deepl_key = "deepl-test-key:fx"
    baidu_appid = "20240101000000001"
    baidu_key = "baidu-secret"
    microsoft_key = "microsoft-key"

    def __init__(self, translate: Callable[[str, str, str], str] = fake_translation) -> None:
        self.translate = translate
        self.modes: dict[str, str] = {}
        self.text_modes: dict[str, str] = {}
        self.slow_seconds = 0.2
        #: When set, LibreTranslate demands this api_key.
        self.libre_key: str | None = None
        #: Google's mobile page fails on long URLs: ~1800 Han characters were seen to fail.
        self.google_max_bytes = 5400
        self.requests: list[FakeRequest] = []
        self._release = threading.Event()
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.fake = self  # type: ignore[attr-defined]
        # A short poll interval makes shutdown (every test's teardown) fast.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def base_urls(self) -> dict[str, str]:
        return {
            "google": f"{self.url}/google/m",
            "mymemory": f"{self.url}/mymemory/get",
            "deepl": f"{self.url}/deepl/v2/",
            "baidu": f"{self.url}/baidu/api/trans/vip/translate",
            "microsoft": f"{self.url}/microsoft/translate?api-version=3.0",
            "libre": f"{self.url}/libre/",
        }

    @property
    def keys(self) -> dict[str, str]:
        """Settings that make every provider usable against this server."""
        return {
            "PIFA_DEEPL_KEY": self.deepl_key,
            "PIFA_BAIDU_APPID": self.baidu_appid,
            "PIFA_BAIDU_KEY": self.baidu_key,
            "PIFA_MICROSOFT_KEY": self.microsoft_key,
            "PIFA_LIBRETRANSLATE_URL": f"{self.url}/libre",
            "PIFA_LIBRETRANSLATE_KEY": self.libre_key or "",
        }

    def count(self, provider: str | None = None) -> int:
        """Requests received (by ``provider``, or all)."""
        return sum(1 for r in self.requests if provider in (None, r.provider))

    def __enter__(self) -> "FakeTranslationServer":
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._release.set()
        self._server.shutdown()
        self._server.server_close()

    def mode_for(self, provider: str, text: str) -> str:
        for marker, mode in self.text_modes.items():
            if marker in text:
                return mode
        return self.modes.get(provider, "ok")

    def hang(self) -> None:
        self._release.wait()


class _Server(ThreadingHTTPServer):
    # The default backlog of 5 drops connections when dozens of workers connect at once,
    # which shows up as client connect timeouts that have nothing to do with the code tested.
    request_queue_size = 256
    daemon_threads = True


def _first(query: dict[str, list[str]], name: str) -> str:
    return query.get(name, [""])[0]


class _Handler(BaseHTTPRequestHandler):
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    @property
    def fake(self) -> FakeTranslationServer:
        fake: FakeTranslationServer = self.server.fake  # type: ignore[attr-defined]
        return fake

    def do_GET(self) -> None:
        self._dispatch()

    def do_POST(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        parts = urlsplit(self.path)
        query = parse_qs(parts.query, keep_blank_values=True)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        routes = {
            "/google/m": self._google,
            "/mymemory/get": self._mymemory,
            "/deepl/v2/translate": self._deepl,
            "/baidu/api/trans/vip/translate": self._baidu,
            "/microsoft/translate": self._microsoft,
            "/libre/translate": self._libre,
        }
        route = routes.get(parts.path)
        reply = route(query, body) if route else _json(404, {"error": "not found"})
        if reply is None:  # hung until the server closes
            return
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", f"{reply.content_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            pass  # the client gave up (timeout)

    def _serve(
        self,
        provider: str,
        text: str,
        source: str,
        target: str,
        ok: Callable[[str], _Reply],
        failure: Callable[[int], _Reply],
    ) -> _Reply | None:
        """Record the request; answer per the mode with ``ok(translation)`` or ``failure(code)``."""
        fake = self.fake
        fake.requests.append(FakeRequest(provider, text, source, target))
        mode = fake.mode_for(provider, text)
        if mode == "hang":
            fake.hang()
            return None
        if mode == "slow":
            time.sleep(fake.slow_seconds)
        if mode in ("429", "500"):
            return failure(int(mode))
        if mode == "garbage":
            return _Reply(200, b"<html><body>Sorry, something changed.</body></html>", "text/html")
        if mode == "empty":
            return ok("")
        if mode == "echo":
            return ok(text)
        return ok(fake.translate(text, source, target))

    # --- the services ---

    def _google(self, query: dict[str, list[str]], body: bytes) -> _Reply | None:
        text, source, target = _first(query, "q"), _first(query, "sl"), _first(query, "tl")
        if len(text.encode()) > self.fake.google_max_bytes:
            return _Reply(400, b"<html>Bad Request: URL too long</html>", "text/html")

        def page(translation: str) -> _Reply:
            result = f'<div class="result-container">{html.escape(translation)}</div>'
            return _Reply(200, f"<html><body>{result}</body></html>".encode(), "text/html")

        def failure(status: int) -> _Reply:
            return _Reply(status, b"<html>error</html>", "text/html")

        return self._serve("google", text, source, target, page, failure)

    def _mymemory(self, query: dict[str, list[str]], body: bytes) -> _Reply | None:
        text = _first(query, "q")
        source, _, target = _first(query, "langpair").partition("|")
        if len(text.encode()) > 500:
            return _json(200, {"responseData": {"translatedText": "QUERY LENGTH LIMIT EXCEEDED"}})

        def ok(translation: str) -> _Reply:
            data = {"translatedText": translation, "match": 0.85}
            return _json(200, {"responseData": data, "responseStatus": 200, "matches": []})

        def failure(status: int) -> _Reply:
            return _json(status, {"responseData": None, "responseStatus": status})

        return self._serve("mymemory", text, source, target, ok, failure)

    def _deepl(self, query: dict[str, list[str]], body: bytes) -> _Reply | None:
        # Today's DeepL: POST only, key in the Authorization header, never in the URL.
        if self.command != "POST" or "auth_key" in query:
            return _json(403, {"message": "Legacy authentication method is no longer supported"})
        if self.headers.get("Authorization") != f"DeepL-Auth-Key {self.fake.deepl_key}":
            return _json(403, {"message": "Wrong endpoint or authentication key"})
        request = json.loads(body or b"{}")
        texts = request.get("text", [])
        text = texts[0] if texts else ""
        source, target = request.get("source_lang", ""), request.get("target_lang", "")

        def ok(translation: str) -> _Reply:
            return _json(
                200, {"translations": [{"detected_source_language": source, "text": translation}]}
            )

        def failure(status: int) -> _Reply:
            return _json(status, {"message": "Too many requests" if status == 429 else "error"})

        return self._serve("deepl", text, source, target, ok, failure)

    def _baidu(self, query: dict[str, list[str]], body: bytes) -> _Reply | None:
        fake = self.fake
        text, salt = _first(query, "q"), _first(query, "salt")
        expected = hashlib.md5(f"{fake.baidu_appid}{text}{salt}{fake.baidu_key}".encode())
        if _first(query, "appid") != fake.baidu_appid:
            return _json(200, {"error_code": "52003", "error_msg": "UNAUTHORIZED USER"})
        if _first(query, "sign") != expected.hexdigest():
            return _json(200, {"error_code": "54001", "error_msg": "Invalid Sign"})
        source, target = _first(query, "from"), _first(query, "to")

        def ok(translation: str) -> _Reply:
            # Baidu translates line by line and answers one result per line.
            results = [
                {"src": src, "dst": dst}
                for src, dst in zip(text.split("\n"), translation.split("\n"), strict=False)
            ]
            return _json(200, {"from": source, "to": target, "trans_result": results})

        def failure(status: int) -> _Reply:
            if status == 429:  # Baidu says "too frequent" with HTTP 200
                return _json(200, {"error_code": "54003", "error_msg": "Invalid Access Limit"})
            return _json(status, {"error_code": "52001", "error_msg": "TIMEOUT"})

        return self._serve("baidu", text, source, target, ok, failure)

    def _microsoft(self, query: dict[str, list[str]], body: bytes) -> _Reply | None:
        if self.headers.get("Ocp-Apim-Subscription-Key") != self.fake.microsoft_key:
            error = {"code": 401000, "message": "The request is not authorized."}
            return _json(401, {"error": error})
        items = json.loads(body or b"[]")
        text = items[0]["text"] if items else ""
        source, target = _first(query, "from"), _first(query, "to")

        def ok(translation: str) -> _Reply:
            return _json(200, [{"translations": [{"text": translation, "to": target}]}])

        def failure(status: int) -> _Reply:
            error = {"code": status * 1000, "message": "failure"}
            return _json(status, {"error": error})

        return self._serve("microsoft", text, source, target, ok, failure)

    def _libre(self, query: dict[str, list[str]], body: bytes) -> _Reply | None:
        fake = self.fake
        if fake.libre_key is not None and _first(query, "api_key") != fake.libre_key:
            return _json(403, {"error": "Invalid API key"})
        text = _first(query, "q")
        source, target = _first(query, "source"), _first(query, "target")

        def ok(translation: str) -> _Reply:
            return _json(200, {"translatedText": translation})

        def failure(status: int) -> _Reply:
            return _json(status, {"error": "Slowdown: too many requests" if status == 429 else "x"})

        return self._serve("libre", text, source, target, ok, failure)
