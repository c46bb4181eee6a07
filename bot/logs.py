"""Logging set-up that never lets the bot token reach a log line.

httpx logs every request URL at INFO and PTB logs its base URL at DEBUG; both contain the token.
Redaction happens in the log-record factory, so it applies to every logger, level and handler
(pytest's capture included), and to formatted tracebacks.
"""

from __future__ import annotations

import logging
import re
import threading
from typing import Any

_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{30,}")
_secrets: set[str] = set()
_lock = threading.Lock()
_installed = False


def redact(text: str) -> str:
    """Replace known secrets and anything shaped like a bot token with ``<token>``."""
    for secret in _secrets:
        text = text.replace(secret, "<token>")
    return _TOKEN_SHAPE.sub("<token>", text)


def _make_factory(inner: Any) -> Any:
    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = inner(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a bad format string: leave the record for logging to report
            return record
        clean = redact(message)
        if clean != message or record.args:
            record.msg, record.args = clean, None
        if record.exc_info and record.exc_info[0] is not None:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return record

    return factory


def install_redaction(*secrets: str) -> None:
    """Register secrets to redact; installs the record factory once per process."""
    global _installed
    with _lock:
        _secrets.update(s for s in secrets if s)
        if not _installed:
            logging.setLogRecordFactory(_make_factory(logging.getLogRecordFactory()))
            _installed = True


def setup_logging(level: str, token: str) -> None:
    install_redaction(token)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx prints each request URL at INFO; keep it quiet as well as redacted.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
