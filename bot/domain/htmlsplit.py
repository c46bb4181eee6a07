"""Split Telegram-HTML text into messages under Telegram's length limit.

Telegram counts the limit on the text after entity parsing (tags removed, ``&amp;`` → ``&``) in
UTF-16 code units. A cut closes the tags open at that point and reopens them in the next part,
so every part parses on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

TELEGRAM_LIMIT = 4096
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>|&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")


def visible_length(text: str) -> int:
    """UTF-16 length of the text Telegram shows (tags stripped, entities as one character)."""
    total = 0
    for kind, value in _tokens(text):
        if kind == "text":
            total += _u16(value)
        elif kind == "entity":
            total += 1
    return total


def _u16(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            yield "text", text[pos : m.start()]
        if m.group(0).startswith("&"):
            yield "entity", m.group(0)
        elif m.group(1):
            yield "close", m.group(0)
        else:
            yield "open", m.group(0)
        pos = m.end()
    if pos < len(text):
        yield "text", text[pos:]


def _tag_name(tag: str) -> str:
    m = re.match(r"</?([a-zA-Z][a-zA-Z0-9-]*)", tag)
    return m.group(1).lower() if m else ""


def _cut_point(text: str, budget: int) -> int:
    """Index in ``text`` where at most ``budget`` UTF-16 units fit, preferring a line break."""
    used = 0
    end = 0
    for i, ch in enumerate(text):
        w = 2 if ord(ch) > 0xFFFF else 1
        if used + w > budget:
            break
        used += w
        end = i + 1
    if end >= len(text):
        return end
    for sep in ("\n", "。", ". ", " ", "，", ","):
        idx = text.rfind(sep, 0, end)
        if idx > end // 2:
            return idx + len(sep)
    return end


def split_html(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split ``text`` into parts whose visible length is at most ``limit``.

    A cut falls at a line break, sentence end or space inside the text run where the limit is
    reached, and inside a word only when the run has none.
    """
    # A str subclass (jinja2's Markup) would escape every piece joined to it: work on plain str.
    text = str(text)
    if visible_length(text) <= limit:
        return [text]
    parts: list[str] = []
    open_tags: list[str] = []
    current = ""
    used = 0

    def flush() -> None:
        nonlocal current, used
        closing = "".join(f"</{_tag_name(t)}>" for t in reversed(open_tags))
        body = (current + closing).strip("\n")
        if visible_length(body) > 0:
            parts.append(body)
        current = "".join(open_tags)
        used = 0

    for kind, value in _tokens(text):
        if kind == "open":
            open_tags.append(value)
            current += value
        elif kind == "close":
            name = _tag_name(value)
            for i in range(len(open_tags) - 1, -1, -1):
                if _tag_name(open_tags[i]) == name:
                    del open_tags[i]
                    break
            current += value
        elif kind == "entity":
            if used + 1 > limit:
                flush()
            current += value
            used += 1
        else:
            remaining = value
            while remaining:
                room = limit - used
                if _u16(remaining) <= room:
                    current += remaining
                    used += _u16(remaining)
                    break
                if room <= 0:
                    flush()
                    continue
                head_len = _cut_point(remaining, room)
                current += remaining[:head_len]
                used += _u16(remaining[:head_len])
                remaining = remaining[head_len:]
                if remaining:
                    flush()
    if visible_length(current) > 0:
        closing = "".join(f"</{_tag_name(t)}>" for t in reversed(open_tags))
        parts.append((current + closing).strip("\n"))
    return parts
