"""A fake Telegram Bot API server for end-to-end tests (see ``server.FakeTelegram``)."""

from .html_check import HtmlParseError, ParsedText, parse_html, utf16_len
from .server import (
    ApiError,
    Call,
    CallbackAnswer,
    FakeTelegram,
    SentDocument,
    SentMessage,
    UploadedFile,
)

__all__ = [
    "ApiError",
    "Call",
    "CallbackAnswer",
    "FakeTelegram",
    "HtmlParseError",
    "ParsedText",
    "SentDocument",
    "SentMessage",
    "UploadedFile",
    "parse_html",
    "utf16_len",
]
