"""An in-process fake of the Telegram Bot API for end-to-end tests.

It serves the layout of a self-hosted telegram-bot-api server: ``POST /bot<token>/<method>``
and ``GET /file/bot<token>/<file_path>``. Requests may be JSON, form-encoded or multipart, as
python-telegram-bot sends them (form fields hold strings; nested objects arrive JSON-encoded).

Tests drive it from the same event loop: inject updates as users (``send_text``,
``press_button``, …), let the bot long-poll them, then assert on ``sent_messages`` /
``documents`` / ``calls``. The fake is deliberately strict where Telegram is strict (HTML parse
mode, length limits, message ids, callback query ids) so bugs show up here and not in production.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import copy
import dataclasses
import itertools
import json
import re
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from .html_check import (
    MAX_CAPTION_LENGTH,
    MAX_TEXT_LENGTH,
    HtmlParseError,
    ParsedText,
    parse_html,
    parse_plain,
    utf16_len,
)

JSONDict = dict[str, Any]
MethodHandler = Callable[[JSONDict], Awaitable[Any]]

# Parameters that are plain strings in a form body; everything else is JSON-decoded when it
# parses (numbers, booleans, objects), the way PTB's ``RequestParameter.json_value`` encodes it.
_STRING_FIELDS = frozenset(
    {
        "text", "caption", "parse_mode", "callback_query_id", "action", "file_id", "url",
        "description", "short_description", "name", "language_code", "inline_message_id",
        "document", "photo", "sticker", "audio", "video", "voice", "animation", "thumbnail",
        "business_connection_id", "message_effect_id", "title", "emoji", "secret_token",
    }
)  # fmt: skip
_JSON_FIELDS = frozenset(
    {
        "reply_markup", "commands", "scope", "reply_parameters", "link_preview_options",
        "allowed_updates", "entities", "caption_entities",
    }
)  # fmt: skip
_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)  # fmt: skip
# Telegram's default when allowed_updates is empty or was never given.
_NOT_DELIVERED_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_COMMAND_RE = re.compile(r"[a-z0-9_]{1,32}")
_WELL_FORMED_TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]+")
_MAX_UPLOAD = 50 * 1024 * 1024
_MAX_DOWNLOAD = 20 * 1024 * 1024

# Status for a request whose client hung up before the answer (nginx's convention), e.g. the
# long poll PTB cancels on shutdown. Such calls go to ``abandoned_calls``, not ``calls``.
CLIENT_GONE = 499
_current_request: contextvars.ContextVar[web.Request] = contextvars.ContextVar("request")

_DEFAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


class ApiError(Exception):
    """An error answer of the Bot API (``ok: false``)."""

    def __init__(self, status: int, description: str, parameters: JSONDict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def _bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


@dataclass
class UploadedFile:
    """A file part of a multipart request."""

    filename: str | None
    data: bytes
    content_type: str | None

    def __repr__(self) -> str:  # keep call logs readable
        return f"UploadedFile({self.filename!r}, {len(self.data)} bytes)"


@dataclass
class Call:
    """One answered request of the bot; ``time`` is when it arrived (``time.monotonic()``)."""

    method: str
    params: JSONDict
    time: float
    status: int = 0
    description: str | None = None


@dataclass
class SentMessage:
    """Current state of a message the bot sent (edits applied, deletions flagged).

    ``text`` is what the user sees (tags removed, entities decoded); ``raw_text`` is what the bot
    sent. Media messages have ``text == ""`` and their caption in ``caption``.
    """

    message_id: int
    chat_id: int
    text: str
    parse_mode: str | None
    reply_markup: JSONDict | None
    raw_text: str = ""
    entities: list[JSONDict] = field(default_factory=list)
    kind: str = "text"
    caption: str | None = None
    file_id: str | None = None
    reply_to_message_id: int | None = None
    date: int = 0
    edited: int = 0
    deleted: bool = False
    history: list[str] = field(default_factory=list)

    @property
    def buttons(self) -> list[JSONDict]:
        """Inline keyboard buttons, row by row flattened."""
        if not self.reply_markup:
            return []
        rows = self.reply_markup.get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def button_data(self, label: str) -> str:
        """callback_data of the only inline button whose text contains ``label``."""
        found = [b for b in self.buttons if label in b.get("text", "")]
        if len(found) != 1 or "callback_data" not in found[0]:
            labels = [b.get("text") for b in self.buttons]
            raise LookupError(f"no single callback button matching {label!r} among {labels}")
        return str(found[0]["callback_data"])


@dataclass
class SentDocument:
    """A document or photo the bot uploaded (or re-sent by file_id)."""

    chat_id: int
    filename: str | None
    data: bytes
    caption: str | None
    message_id: int
    file_id: str
    mime_type: str | None = None
    parse_mode: str | None = None


@dataclass
class CallbackAnswer:
    """An answerCallbackQuery call that matched a query the fake issued."""

    callback_query_id: str
    user_id: int
    data: str | None
    text: str | None
    show_alert: bool
    url: str | None


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    data: bytes
    file_path: str


@dataclass
class _Failure:
    status: int
    description: str
    parameters: JSONDict | None


@dataclass
class _Redelivery:
    update: JSONDict
    delivered: bool = False


class FakeTelegram:
    """A fake Bot API server. Use ``await start()`` / ``await stop()`` or ``async with``."""

    def __init__(
        self,
        token: str = "123456:TEST-token-SECRET",
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        bot_id: int = 123456,
        bot_username: str = "pifa_test_bot",
        strict_chats: bool = True,
        control_api: bool = False,
    ) -> None:
        """Create the fake; nothing listens until ``start()``.

        Args:
            strict_chats: like Telegram, refuse to send to a chat nobody wrote from
                ("chat not found"). Chats become known through injected updates or ``user()``.
            control_api: also serve ``/_control/*`` for driving a bot by hand.
        """
        self.token = token
        self.host = host
        self.port = port
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.strict_chats = strict_chats
        self.control_api = control_api
        self.root_url = ""

        self.calls: list[Call] = []  # in order of completion
        self.abandoned_calls: list[Call] = []
        self.documents: list[SentDocument] = []
        self.photos: list[SentDocument] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.chat_actions: list[tuple[int, str]] = []

        self._users: dict[int, JSONDict] = {}
        self._chats: dict[int, JSONDict] = {}
        self._messages: dict[tuple[int, int], SentMessage] = {}
        self._incoming: dict[tuple[int, int], JSONDict] = {}
        self._next_message_id: dict[int, int] = defaultdict(lambda: 1)
        self._files: dict[str, _StoredFile] = {}
        self._files_by_path: dict[str, _StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._command_sets: dict[tuple[str, str], list[JSONDict]] = {}
        self._last_commands: list[JSONDict] = []
        self._open_queries: dict[str, tuple[int, str | None]] = {}
        self._query_counter = itertools.count(1)

        self._history: dict[int, JSONDict] = {}
        self._queue: list[JSONDict] = []
        self._redelivered: list[_Redelivery] = []
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._poll_generation = 0

        self._failures: dict[str, deque[_Failure]] = defaultdict(deque)
        self._delays: dict[str, float] = {}
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None

        self._methods: dict[str, tuple[str, MethodHandler]] = {}
        for name, handler in (
            ("getMe", self._get_me),
            ("deleteWebhook", self._delete_webhook),
            ("getWebhookInfo", self._get_webhook_info),
            ("getUpdates", self._get_updates),
            ("sendMessage", self._send_message),
            ("editMessageText", self._edit_message_text),
            ("editMessageCaption", self._edit_message_caption),
            ("editMessageReplyMarkup", self._edit_message_reply_markup),
            ("deleteMessage", self._delete_message),
            ("answerCallbackQuery", self._answer_callback_query),
            ("sendChatAction", self._send_chat_action),
            ("sendDocument", self._send_document),
            ("sendPhoto", self._send_photo),
            ("getFile", self._get_file),
            ("setMyCommands", self._set_my_commands),
            ("getMyCommands", self._get_my_commands),
            ("deleteMyCommands", self._delete_my_commands),
        ):
            self.register_method(name, handler)

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        """Listen on ``host:port`` (port 0 picks a free one) and set ``root_url``."""
        app = web.Application(client_max_size=_MAX_UPLOAD + 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self._dispatch)
        # access_log=None: aiohttp's access log would print request paths, i.e. the token.
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        self.root_url = f"http://{self.host}:{self.port}"
        self._closing = False

    async def stop(self) -> None:
        """Answer pending long polls with no updates and shut the server down."""
        self._closing = True
        self._notify()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTelegram:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url``."""
        return f"{self.root_url}/bot"

    @property
    def base_file_url(self) -> str:
        """Value for PTB's ``base_file_url``."""
        return f"{self.root_url}/file/bot"

    def register_method(self, name: str, handler: MethodHandler) -> None:
        """Serve an extra Bot API method: ``handler(params)`` returns the result or raises
        ApiError. Names match case-insensitively, like Telegram's."""
        self._methods[name.lower()] = (name, handler)

    # ------------------------------------------------------------------ test-side: users, updates

    def user(
        self,
        user_id: int,
        *,
        first_name: str = "Ann",
        language_code: str = "en",
        username: str | None = None,
    ) -> JSONDict:
        """Register (or update) a user and their private chat; return the User object."""
        user: JSONDict = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        if username:
            user["username"] = username
        self._users[user_id] = user
        self._chats[user_id] = self._private_chat(user)
        return dict(user)

    def _user_obj(self, user_id: int, language_code: str | None = None) -> JSONDict:
        if user_id not in self._users:
            self.user(user_id, language_code=language_code or "en")
        user = dict(self._users[user_id])
        if language_code is not None:
            user["language_code"] = language_code
        return user

    @staticmethod
    def _private_chat(user: JSONDict) -> JSONDict:
        chat = {"id": user["id"], "type": "private", "first_name": user["first_name"]}
        if "username" in user:
            chat["username"] = user["username"]
        return chat

    def _chat_obj(self, user: JSONDict, chat_id: int | None) -> JSONDict:
        if chat_id is None or chat_id == user["id"]:
            chat = self._private_chat(user)
        elif chat_id < 0:
            chat = self._chats.get(chat_id) or {
                "id": chat_id,
                "type": "supergroup",
                "title": f"Test group {-chat_id}",
            }
        else:
            chat = {"id": chat_id, "type": "private", "first_name": f"User {chat_id}"}
        self._chats[chat["id"]] = chat
        return dict(chat)

    def _new_incoming(
        self,
        user_id: int,
        chat_id: int | None,
        language_code: str | None,
        forward_from: JSONDict | None,
    ) -> JSONDict:
        user = self._user_obj(user_id, language_code)
        chat = self._chat_obj(user, chat_id)
        message_id = self._take_message_id(chat["id"])
        message: JSONDict = {
            "message_id": message_id,
            "from": user,
            "chat": chat,
            "date": int(time.time()),
        }
        if forward_from is not None:
            if "type" in forward_from:  # already a MessageOrigin
                message["forward_origin"] = forward_from
            elif forward_from.get("is_bot") is not None or "id" in forward_from:
                message["forward_origin"] = {
                    "type": "user",
                    "date": int(time.time()) - 3600,
                    "sender_user": forward_from,
                }
            else:  # a name only: a user who hides their account in forwards
                message["forward_origin"] = {
                    "type": "hidden_user",
                    "date": int(time.time()) - 3600,
                    "sender_user_name": forward_from.get("first_name", "Hidden"),
                }
        self._incoming[(chat["id"], message_id)] = message
        return message

    def send_text(
        self,
        user_id: int,
        text: str,
        *,
        chat_id: int | None = None,
        forward_from: JSONDict | None = None,
        language_code: str | None = None,
        entities: list[JSONDict] | None = None,
    ) -> int:
        """Enqueue a text message from a user; return its update_id.

        The chat is the user's private chat unless ``chat_id`` is given (negative ids are
        supergroups). A leading ``/command`` gets a ``bot_command`` entity, as clients send it.
        """
        message = self._new_incoming(user_id, chat_id, language_code, forward_from)
        message["text"] = text
        if entities is None and text.startswith("/"):
            command = text.split(maxsplit=1)[0] if text.strip() else text
            entities = [{"type": "bot_command", "offset": 0, "length": utf16_len(command)}]
        if entities:
            message["entities"] = entities
        return self.send_update({"message": message})

    def send_sticker(self, user_id: int, *, chat_id: int | None = None) -> int:
        """Enqueue a sticker message (no text) from a user."""
        message = self._new_incoming(user_id, chat_id, None, None)
        message["sticker"] = {
            "file_id": "CAACAgIAAxkBAAFAKE-sticker",
            "file_unique_id": "AgADFAKEsticker",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return self.send_update({"message": message})

    def send_photo(
        self,
        user_id: int,
        file_id: str,
        caption: str | None = None,
        forward_from: JSONDict | None = None,
        *,
        chat_id: int | None = None,
    ) -> int:
        """Enqueue a photo message; register its bytes first with ``add_file`` to let the bot
        download it."""
        message = self._new_incoming(user_id, chat_id, None, forward_from)
        stored = self._files.get(file_id)
        size: JSONDict = {
            "file_id": file_id,
            "file_unique_id": stored.file_unique_id if stored else f"u-{file_id}",
            "width": 1280,
            "height": 960,
        }
        if stored:
            size["file_size"] = len(stored.data)
        message["photo"] = [size]
        if caption is not None:
            message["caption"] = caption
        return self.send_update({"message": message})

    def press_button(
        self,
        user_id: int,
        message_id: int,
        data: str,
        *,
        chat_id: int | None = None,
        strict: bool = False,
    ) -> int:
        """Enqueue a callback_query for a message the bot sent (it must exist, not deleted).

        Any ``data`` is accepted by default, so tests can forge callback data the way a modified
        client could; ``strict=True`` also requires a current button with exactly this data,
        which catches typos in tests.
        """
        chat = chat_id if chat_id is not None else user_id
        sent = self._messages.get((chat, message_id))
        if sent is None or sent.deleted:
            raise LookupError(f"bot message {message_id} in chat {chat} does not exist")
        if strict and data not in [b.get("callback_data") for b in sent.buttons]:
            raise LookupError(
                f"message {message_id} has no button with data {data!r}; buttons: {sent.buttons}"
            )
        query_id = f"{next(self._query_counter)}{user_id}"
        self._open_queries[query_id] = (user_id, data)
        user = self._user_obj(user_id)
        update = {
            "callback_query": {
                "id": query_id,
                "from": user,
                "message": self._message_json(sent),
                "chat_instance": f"ci-{chat}",
                "data": data,
            }
        }
        return self.send_update(update)

    def send_update(self, update: JSONDict) -> int:
        """Enqueue a raw update (``update_id`` assigned when missing); return its id."""
        update = copy.deepcopy(update)
        if "update_id" not in update:
            update["update_id"] = self._next_update_id
        update_id = int(update["update_id"])
        self._next_update_id = max(self._next_update_id, update_id + 1)
        for kind in ("message", "edited_message", "callback_query"):
            body = update.get(kind)
            if isinstance(body, dict):
                sender = body.get("from")
                if isinstance(sender, dict) and "id" in sender:
                    self._users.setdefault(sender["id"], sender)
                chat = body.get("chat") or (body.get("message") or {}).get("chat")
                if isinstance(chat, dict) and "id" in chat:
                    self._chats.setdefault(chat["id"], chat)
        self._history[update_id] = update
        self._queue.append(update)
        self._queue.sort(key=lambda u: u["update_id"])
        self._notify()
        return update_id

    def redeliver(self, update_id: int) -> None:
        """Deliver an already sent update again, same update_id, as Telegram does when a bot
        crashed before confirming it. The next getUpdates returns it whatever its offset."""
        if update_id not in self._history:
            raise LookupError(f"no update {update_id} was ever sent")
        self._redelivered.append(_Redelivery(copy.deepcopy(self._history[update_id])))
        self._notify()

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by a getUpdates offset."""
        return len(self._queue) + len(self._redelivered)

    # ------------------------------------------------------------------ test-side: inspection

    def sent_messages(self, chat_id: int | None = None) -> list[SentMessage]:
        """Snapshots of every message the bot sent (to ``chat_id`` if given), in send order."""
        return [
            copy.deepcopy(m)
            for m in self._messages.values()
            if chat_id is None or m.chat_id == chat_id
        ]

    def _count_to(self, chat_id: int) -> int:
        return sum(1 for m in self._messages.values() if m.chat_id == chat_id)

    def last_message(self, chat_id: int) -> SentMessage:
        """The most recent message to ``chat_id`` (deleted ones included)."""
        messages = self.sent_messages(chat_id)
        if not messages:
            raise LookupError(f"the bot sent nothing to chat {chat_id}")
        return messages[-1]

    def calls_to(self, method: str) -> list[Call]:
        """Calls of one method (case-insensitive)."""
        return [c for c in self.calls if c.method.lower() == method.lower()]

    def failed_calls(self) -> list[Call]:
        """Calls answered with an error."""
        return [c for c in self.calls if c.status != 200]

    @property
    def commands(self) -> list[JSONDict]:
        """Commands of the last setMyCommands call (any scope)."""
        return copy.deepcopy(self._last_commands)

    def commands_for(
        self, scope: JSONDict | None = None, language_code: str = ""
    ) -> list[JSONDict]:
        """Commands stored for a scope and language, as getMyCommands would return them."""
        return copy.deepcopy(self._command_sets.get(self._commands_key(scope, language_code), []))

    async def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        """Wait until ``predicate()`` is true; re-checked on every change and every 50 ms."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout}s; {self._summary()}")
            await self._wait_change(min(remaining, 0.05))

    async def wait_for_messages(
        self, chat_id: int, count: int, timeout: float = 10.0
    ) -> list[SentMessage]:
        """Wait until the bot has sent at least ``count`` messages to ``chat_id``; return all
        of them."""
        try:
            await self.wait_for(lambda: self._count_to(chat_id) >= count, timeout)
        except TimeoutError:
            raise TimeoutError(
                f"expected {count} message(s) to chat {chat_id} within {timeout}s, got "
                f"{len(self.sent_messages(chat_id))}; {self._summary()}"
            ) from None
        return self.sent_messages(chat_id)

    def _summary(self) -> str:
        sent = [
            f"  chat {m.chat_id} #{m.message_id} {m.kind}: {m.text or m.caption!r}"[:200]
            for m in self._messages.values()
        ]
        failed = [f"  {c.method} -> {c.status} {c.description}" for c in self.failed_calls()]
        return (
            "sent so far:\n" + ("\n".join(sent) or "  (nothing)")
            + "\nfailed calls:\n" + ("\n".join(failed) or "  (none)")
            + f"\npending updates: {self.pending_updates}"
        )  # fmt: skip

    # ------------------------------------------------------------------ test-side: behaviour

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        count: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``count`` calls of ``method`` fail without effect.

        429 answers carry ``parameters.retry_after`` (PTB raises RetryAfter); other statuses
        use ``description`` or a Telegram-like default.
        """
        parameters: JSONDict | None = None
        if status == 429:
            seconds = retry_after if retry_after is not None else 1
            desc = description or f"Too Many Requests: retry after {seconds}"
            parameters = {"retry_after": seconds}
        else:
            desc = description or _DEFAULT_DESCRIPTIONS.get(status, f"Error {status}")
        for _ in range(count):
            self._failures[method.lower()].append(_Failure(status, desc, parameters))

    def set_delay(self, method: str, seconds: float) -> None:
        """Delay every call of ``method`` by ``seconds`` before it is handled (0 removes)."""
        if seconds > 0:
            self._delays[method.lower()] = seconds
        else:
            self._delays.pop(method.lower(), None)

    def add_file(self, file_id: str, data: bytes, file_path: str = "photos/file_0.jpg") -> None:
        """Make ``file_id`` known to getFile and its bytes downloadable at ``file_path``."""
        stored = _StoredFile(file_id, f"u-{file_id}", data, file_path)
        self._files[file_id] = stored
        self._files_by_path[file_path] = stored

    # ------------------------------------------------------------------ internals

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, timeout: float) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    def _take_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_id[chat_id]
        self._next_message_id[chat_id] = message_id + 1
        return message_id

    def _bot_user(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Pifa Test",
            "username": self.bot_username,
        }

    def _message_json(self, sent: SentMessage) -> JSONDict:
        message: JSONDict = {
            "message_id": sent.message_id,
            "from": self._bot_user(),
            "chat": dict(self._chats.get(sent.chat_id) or {"id": sent.chat_id, "type": "private"}),
            "date": sent.date,
        }
        if sent.edited:
            message["edit_date"] = int(time.time())
        if sent.kind == "text":
            message["text"] = sent.text
            if sent.entities:
                message["entities"] = copy.deepcopy(sent.entities)
        else:
            if sent.caption:
                message["caption"] = sent.caption
                if sent.entities:
                    message["caption_entities"] = copy.deepcopy(sent.entities)
            stored = self._files.get(sent.file_id or "")
            if stored is not None:
                file_obj: JSONDict = {
                    "file_id": stored.file_id,
                    "file_unique_id": stored.file_unique_id,
                    "file_size": len(stored.data),
                }
                if sent.kind == "photo":
                    message["photo"] = [{**file_obj, "width": 800, "height": 600}]
                else:
                    document = next(
                        (d for d in self.documents if d.file_id == stored.file_id), None
                    )
                    if document is not None:
                        file_obj["file_name"] = document.filename
                        if document.mime_type:
                            file_obj["mime_type"] = document.mime_type
                    message["document"] = file_obj
        if sent.reply_to_message_id is not None:
            replied = self._incoming.get((sent.chat_id, sent.reply_to_message_id))
            if replied is None and (sent.chat_id, sent.reply_to_message_id) in self._messages:
                replied = self._message_json(
                    self._messages[(sent.chat_id, sent.reply_to_message_id)]
                )
            if replied is not None:
                message["reply_to_message"] = copy.deepcopy(replied)
        if sent.reply_markup and "inline_keyboard" in sent.reply_markup:
            message["reply_markup"] = copy.deepcopy(sent.reply_markup)
        return message

    # ------------------------------------------------------------------ HTTP layer

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/file/bot"):
            return await self._download(request, path[len("/file/bot") :])
        if path.startswith("/bot"):
            return await self._api(request, path[len("/bot") :])
        if self.control_api and path.startswith("/_control/"):
            return await self._control(request, path[len("/_control/") :])
        return self._error_response(ApiError(404, "Not Found"))

    @staticmethod
    def _error_response(error: ApiError) -> web.Response:
        body: JSONDict = {"ok": False, "error_code": error.status, "description": error.description}
        if error.parameters:
            body["parameters"] = error.parameters
        return web.json_response(body, status=error.status)

    def _check_token(self, token: str) -> None:
        if token == self.token:
            return
        # Telegram: a malformed token is 404, a well-formed but wrong one is 401.
        if _WELL_FORMED_TOKEN_RE.fullmatch(token):
            raise ApiError(401, "Unauthorized")
        raise ApiError(404, "Not Found")

    async def _api(self, request: web.Request, rest: str) -> web.Response:
        token, _, method = rest.partition("/")
        try:
            self._check_token(token)
            if "/" in method or method.lower() not in self._methods:
                raise ApiError(404, "Not Found")
        except ApiError as err:
            return self._error_response(err)
        name, handler = self._methods[method.lower()]
        call = Call(name, {}, time.monotonic())
        _current_request.set(request)  # each aiohttp handler runs in its own task/context
        try:
            call.params = await self._read_params(request)
            delay = self._delays.get(name.lower())
            if delay:
                await asyncio.sleep(delay)
            queued = self._failures.get(name.lower())
            if queued:
                failure = queued.popleft()
                raise ApiError(failure.status, failure.description, failure.parameters)
            try:
                result = await handler(call.params)
            except (TypeError, ValueError) as err:  # e.g. limit="many"
                raise _bad(f"invalid parameters: {err}") from None
        except ApiError as err:
            call.status, call.description = err.status, err.description
            (self.abandoned_calls if err.status == CLIENT_GONE else self.calls).append(call)
            self._notify()
            return self._error_response(err)
        call.status = 200
        self.calls.append(call)
        self._notify()
        return web.json_response({"ok": True, "result": result})

    async def _read_params(self, request: web.Request) -> JSONDict:
        params: JSONDict = {}
        for key, value in request.query.items():
            params[key] = self._decode_form_value(key, value)
        if request.body_exists:
            if request.content_type == "application/json":
                try:
                    body = await request.json()
                except ValueError:
                    raise _bad("can't parse JSON request body") from None
                if not isinstance(body, dict):
                    raise _bad("request body must be a JSON object")
                params.update(body)
            elif request.content_type in (
                "application/x-www-form-urlencoded",
                "multipart/form-data",
            ):
                form = await request.post()
                for key, part in form.items():
                    if isinstance(part, web.FileField):
                        params[key] = UploadedFile(
                            part.filename, part.file.read(), part.content_type
                        )
                    else:
                        params[key] = self._decode_form_value(key, str(part))
        for key in _JSON_FIELDS & params.keys():
            if isinstance(params[key], str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    if key == "reply_markup":
                        raise _bad("can't parse reply keyboard markup JSON object") from None
                    raise _bad(f"can't parse {key} JSON object") from None
        return params

    @staticmethod
    def _decode_form_value(key: str, value: str) -> Any:
        if key in _STRING_FIELDS:
            return value
        try:
            return json.loads(value)
        except ValueError:
            return value

    async def _download(self, request: web.Request, rest: str) -> web.Response:
        token, _, file_path = rest.partition("/")
        if token != self.token or request.method not in ("GET", "HEAD"):
            return self._error_response(ApiError(404, "Not Found"))
        stored = self._files_by_path.get(file_path)
        if stored is None:
            return self._error_response(ApiError(404, "Not Found"))
        return web.Response(body=stored.data, content_type="application/octet-stream")

    # ------------------------------------------------------------------ parameter helpers

    def _chat_id(self, params: JSONDict) -> int:
        raw = params.get("chat_id")
        if raw is None or raw == "":
            raise _bad("chat_id is empty")
        try:
            chat_id = int(raw)
        except (TypeError, ValueError):
            raise _bad("chat not found") from None
        if self.strict_chats and chat_id not in self._chats:
            raise _bad("chat not found")
        return chat_id

    @staticmethod
    def _int_param(params: JSONDict, name: str, missing: str) -> int:
        raw = params.get(name)
        if raw is None or raw == "":
            raise _bad(missing)
        try:
            return int(raw)
        except (TypeError, ValueError):
            raise _bad(f"invalid {name} specified") from None

    @staticmethod
    def _parse(text: str, parse_mode: Any, entities: Any) -> ParsedText:
        if entities:
            return ParsedText(text, list(entities))  # explicit entities win over parse_mode
        if parse_mode is None or parse_mode == "":
            return parse_plain(text)
        mode = str(parse_mode).lower()
        if mode == "html":
            try:
                return parse_html(text)
            except HtmlParseError as err:
                raise _bad(f"can't parse entities: {err}") from None
        if mode in ("markdown", "markdownv2"):
            return parse_plain(text)  # not validated by this fake
        raise _bad("unsupported parse_mode")

    def _parse_text(self, params: JSONDict) -> ParsedText:
        text = params.get("text")
        if text is None or text == "":
            raise _bad("message text is empty")
        parsed = self._parse(str(text), params.get("parse_mode"), params.get("entities"))
        if not parsed.text:
            raise _bad("message text is empty")
        if utf16_len(parsed.text) > MAX_TEXT_LENGTH:
            raise _bad("message is too long")
        return parsed

    def _parse_caption(self, params: JSONDict) -> ParsedText | None:
        caption = params.get("caption")
        if caption is None or caption == "":
            return None
        parsed = self._parse(str(caption), params.get("parse_mode"), params.get("caption_entities"))
        if utf16_len(parsed.text) > MAX_CAPTION_LENGTH:
            raise _bad("message caption is too long")
        return parsed

    @staticmethod
    def _markup(raw: Any) -> JSONDict | None:
        if raw is None:
            return None
        if not isinstance(raw, dict):
            raise _bad("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in raw:
            rows = raw["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
                raise _bad(
                    'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of '
                    "Arrays"
                )
            buttons = [b for row in rows for b in row]
            if len(buttons) > 100:
                raise _bad("BUTTONS_TOO_MUCH")
            for button in buttons:
                if not isinstance(button, dict) or not str(button.get("text", "")).strip():
                    raise _bad("BUTTON_TEXT_INVALID")
                if "callback_data" in button:
                    size = len(str(button["callback_data"]).encode("utf-8"))
                    if not 1 <= size <= 64:
                        raise _bad("BUTTON_DATA_INVALID")
                elif "url" in button:
                    if not re.match(r"(https?|tg)://", str(button["url"])):
                        raise _bad("BUTTON_URL_INVALID")
                elif not any(
                    k in button
                    for k in (
                        "web_app", "login_url", "switch_inline_query", "pay", "copy_text",
                        "switch_inline_query_current_chat", "switch_inline_query_chosen_chat",
                        "callback_game",
                    )
                ):  # fmt: skip
                    raise _bad(
                        "can't parse inline keyboard button: Text buttons are unallowed in the "
                        "inline keyboard"
                    )
        return copy.deepcopy(raw)

    def _reply_to(self, params: JSONDict, chat_id: int) -> int | None:
        target: Any = params.get("reply_to_message_id")
        allow_missing = bool(params.get("allow_sending_without_reply"))
        reply_parameters = params.get("reply_parameters")
        if isinstance(reply_parameters, dict):
            target = reply_parameters.get("message_id")
            allow_missing = bool(reply_parameters.get("allow_sending_without_reply"))
        if target is None:
            return None
        target_id = int(target)
        key = (chat_id, target_id)
        exists = key in self._incoming or (
            key in self._messages and not self._messages[key].deleted
        )
        if not exists:
            if allow_missing:
                return None
            raise _bad("message to be replied not found")
        return target_id

    def _bot_message(self, params: JSONDict, missing: str) -> SentMessage:
        if params.get("inline_message_id"):
            raise _bad("inline messages are not supported by the fake")
        chat_id = self._chat_id(params)
        message_id = self._int_param(params, "message_id", "message identifier is not specified")
        sent = self._messages.get((chat_id, message_id))
        if sent is None or sent.deleted:
            if (chat_id, message_id) in self._incoming:
                raise _bad("message can't be edited")
            raise _bad(missing)
        return sent

    def _record(self, sent: SentMessage) -> JSONDict:
        self._messages[(sent.chat_id, sent.message_id)] = sent
        return self._message_json(sent)

    # ------------------------------------------------------------------ Bot API methods

    async def _get_me(self, params: JSONDict) -> JSONDict:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    async def _delete_webhook(self, params: JSONDict) -> bool:
        if params.get("drop_pending_updates") in (True, "true", "True", 1):
            self._queue.clear()
            self._redelivered.clear()
        return True

    async def _get_webhook_info(self, params: JSONDict) -> JSONDict:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": self.pending_updates,
        }

    async def _get_updates(self, params: JSONDict) -> list[JSONDict]:
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # wakes an older long poll so it can be terminated with 409
        offset = params.get("offset")
        limit = int(params.get("limit") or 100)
        if not 1 <= limit <= 100:
            limit = 100
        timeout = float(params.get("timeout") or 0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = frozenset(allowed) if allowed else None
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max(timeout, 0)
        self._confirm(int(offset) if offset is not None else None)
        while True:
            transport = _current_request.get().transport
            if transport is None or transport.is_closing():
                raise ApiError(CLIENT_GONE, "client closed the connection")
            if generation != self._poll_generation:
                raise ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; make sure that only one "
                    "bot instance is running",
                )
            batch = self._take_batch(limit)
            remaining = deadline - loop.time()
            if batch or self._closing or remaining <= 0:
                return batch
            await self._wait_change(remaining)

    def _confirm(self, offset: int | None) -> None:
        if offset is None:
            return
        if offset < 0:
            self._queue = self._queue[offset:]
            return
        self._queue = [u for u in self._queue if u["update_id"] >= offset]
        self._redelivered = [
            r for r in self._redelivered if not (r.delivered and r.update["update_id"] < offset)
        ]

    def _is_allowed(self, update: JSONDict) -> bool:
        kinds = set(update) - {"update_id"}
        if self._allowed_updates is None:
            return not kinds & _NOT_DELIVERED_BY_DEFAULT
        return bool(kinds & self._allowed_updates)

    def _take_batch(self, limit: int) -> list[JSONDict]:
        # Telegram never creates updates of types the bot did not ask for.
        self._queue = [u for u in self._queue if self._is_allowed(u)]
        candidates = [(r.update, r) for r in self._redelivered] + [(u, None) for u in self._queue]
        candidates.sort(key=lambda pair: pair[0]["update_id"])
        batch = candidates[:limit]
        for _, redelivery in batch:
            if redelivery is not None:
                redelivery.delivered = True
        return [copy.deepcopy(update) for update, _ in batch]

    async def _send_message(self, params: JSONDict) -> JSONDict:
        chat_id = self._chat_id(params)
        parsed = self._parse_text(params)
        markup = self._markup(params.get("reply_markup"))
        reply_to = self._reply_to(params, chat_id)
        sent = SentMessage(
            message_id=self._take_message_id(chat_id),
            chat_id=chat_id,
            text=parsed.text,
            raw_text=str(params["text"]),
            parse_mode=params.get("parse_mode"),
            entities=parsed.entities,
            reply_markup=markup,
            reply_to_message_id=reply_to,
            date=int(time.time()),
        )
        return self._record(sent)

    async def _edit_message_text(self, params: JSONDict) -> JSONDict:
        sent = self._bot_message(params, "message to edit not found")
        if sent.kind != "text":
            raise _bad("there is no text in the message to edit")
        parsed = self._parse_text(params)
        # Like Telegram: an edit without reply_markup removes the inline keyboard.
        markup = self._markup(params.get("reply_markup"))
        if (parsed.text, parsed.entities, markup) == (sent.text, sent.entities, sent.reply_markup):
            raise _bad(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.history.append(sent.text)
        sent.text, sent.entities, sent.reply_markup = parsed.text, parsed.entities, markup
        sent.raw_text, sent.parse_mode = str(params["text"]), params.get("parse_mode")
        sent.edited += 1
        return self._message_json(sent)

    async def _edit_message_caption(self, params: JSONDict) -> JSONDict:
        sent = self._bot_message(params, "message to edit not found")
        if sent.kind == "text":
            raise _bad("there is no caption in the message to edit")
        parsed = self._parse_caption(params)
        caption = parsed.text if parsed else None
        entities = parsed.entities if parsed else []
        markup = self._markup(params.get("reply_markup"))
        if (caption, entities, markup) == (sent.caption, sent.entities, sent.reply_markup):
            raise _bad(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.history.append(sent.caption or "")
        sent.caption, sent.entities, sent.reply_markup = caption, entities, markup
        sent.edited += 1
        return self._message_json(sent)

    async def _edit_message_reply_markup(self, params: JSONDict) -> JSONDict:
        sent = self._bot_message(params, "message to edit not found")
        markup = self._markup(params.get("reply_markup"))
        if markup == sent.reply_markup:
            raise _bad(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.reply_markup = markup
        sent.edited += 1
        return self._message_json(sent)

    async def _delete_message(self, params: JSONDict) -> bool:
        chat_id = self._chat_id(params)
        message_id = self._int_param(params, "message_id", "message identifier is not specified")
        key = (chat_id, message_id)
        if key in self._incoming:
            del self._incoming[key]  # bots may delete incoming messages in private chats
            return True
        sent = self._messages.get(key)
        if sent is None or sent.deleted:
            raise _bad("message to delete not found")
        sent.deleted = True
        return True

    async def _answer_callback_query(self, params: JSONDict) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_queries:
            raise _bad("query is too old and response timeout expired or query ID is invalid")
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise _bad("MESSAGE_TOO_LONG")
        user_id, data = self._open_queries.pop(query_id)
        self.callback_answers.append(
            CallbackAnswer(
                callback_query_id=query_id,
                user_id=user_id,
                data=data,
                text=None if text is None else str(text),
                show_alert=bool(params.get("show_alert")),
                url=params.get("url"),
            )
        )
        return True

    async def _send_chat_action(self, params: JSONDict) -> bool:
        chat_id = self._chat_id(params)
        action = params.get("action")
        if action not in _CHAT_ACTIONS:
            raise _bad("wrong parameter action in request")
        self.chat_actions.append((chat_id, str(action)))
        return True

    def _input_file(
        self, params: JSONDict, field_name: str
    ) -> tuple[_StoredFile, UploadedFile | None]:
        value = params.get(field_name)
        if isinstance(value, str) and value.startswith("attach://"):
            value = params.get(value[len("attach://") :])
        if value is None or value == "":
            raise _bad(f"there is no {field_name} in the request")
        if isinstance(value, UploadedFile):
            if not value.data:
                raise _bad("file must be non-empty")
            if len(value.data) > _MAX_UPLOAD:
                raise ApiError(413, "Request Entity Too Large")
            number = next(self._file_counter)
            folder = "documents" if field_name == "document" else f"{field_name}s"
            suffix = ""
            if value.filename and "." in value.filename:
                suffix = "." + value.filename.rsplit(".", 1)[1]
            file_id = f"BQACAgI-{field_name}-{number}"
            self.add_file(file_id, value.data, f"{folder}/file_{number}{suffix}")
            return self._files[file_id], value
        stored = self._files.get(str(value))
        if stored is None:
            raise _bad("wrong file identifier/HTTP URL specified")
        return stored, None

    async def _send_media(self, params: JSONDict, field_name: str) -> JSONDict:
        chat_id = self._chat_id(params)
        stored, upload = self._input_file(params, field_name)
        caption = self._parse_caption(params)
        markup = self._markup(params.get("reply_markup"))
        reply_to = self._reply_to(params, chat_id)
        message_id = self._take_message_id(chat_id)
        previous = next((d for d in self.documents if d.file_id == stored.file_id), None)
        record = SentDocument(
            chat_id=chat_id,
            filename=upload.filename if upload else (previous.filename if previous else None),
            data=stored.data,
            caption=caption.text if caption else None,
            message_id=message_id,
            file_id=stored.file_id,
            mime_type=upload.content_type if upload else (previous.mime_type if previous else None),
            parse_mode=params.get("parse_mode"),
        )
        (self.documents if field_name == "document" else self.photos).append(record)
        sent = SentMessage(
            message_id=message_id,
            chat_id=chat_id,
            text="",
            raw_text=str(params.get("caption") or ""),
            parse_mode=params.get("parse_mode"),
            entities=caption.entities if caption else [],
            reply_markup=markup,
            kind=field_name,
            caption=record.caption,
            file_id=stored.file_id,
            reply_to_message_id=reply_to,
            date=int(time.time()),
        )
        return self._record(sent)

    async def _send_document(self, params: JSONDict) -> JSONDict:
        return await self._send_media(params, "document")

    async def _send_photo(self, params: JSONDict) -> JSONDict:
        return await self._send_media(params, "photo")

    async def _get_file(self, params: JSONDict) -> JSONDict:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise _bad("invalid file_id")
        if len(stored.data) > _MAX_DOWNLOAD:
            raise _bad("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    async def _set_my_commands(self, params: JSONDict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise _bad("commands must be an Array of BotCommand")
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND_RE.fullmatch(
                str(command.get("command", ""))
            ):
                raise _bad("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._command_sets[key] = copy.deepcopy(commands)
        self._last_commands = copy.deepcopy(commands)
        return True

    async def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return self.commands_for(params.get("scope"), str(params.get("language_code") or ""))

    async def _delete_my_commands(self, params: JSONDict) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._command_sets.pop(key, None)
        return True

    # ------------------------------------------------------------------ manual control API

    async def _control(self, request: web.Request, action: str) -> web.Response:
        try:
            body: JSONDict = {}
            if request.method == "POST":
                body = await request.json()
            if action == "message" and request.method == "POST":
                update_id = self.send_text(
                    int(body["user_id"]),
                    str(body["text"]),
                    chat_id=body.get("chat_id"),
                    language_code=body.get("language_code"),
                )
                return web.json_response({"ok": True, "update_id": update_id})
            if action == "button" and request.method == "POST":
                update_id = self.press_button(
                    int(body["user_id"]),
                    int(body["message_id"]),
                    str(body["data"]),
                    chat_id=body.get("chat_id"),
                )
                return web.json_response({"ok": True, "update_id": update_id})
            if action == "sent" and request.method == "GET":
                chat = request.query.get("chat_id")
                messages = self.sent_messages(int(chat) if chat else None)
                return web.json_response([dataclasses.asdict(m) for m in messages])
        except (KeyError, TypeError, ValueError, LookupError) as err:
            return web.json_response({"ok": False, "description": str(err)}, status=400)
        return web.json_response({"ok": False, "description": "Not Found"}, status=404)
