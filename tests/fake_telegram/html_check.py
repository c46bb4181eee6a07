"""Telegram's HTML parse mode, re-implemented closely enough to catch a bot's mistakes.

The scanner follows the structure of TDLib's ``parse_html`` (the code the Bot API server runs):
tag names are case-insensitive, attributes may be quoted or bare name tokens, ``</>`` closes
the innermost tag, and error texts and UTF-8 byte offsets use Telegram's wording. Offsets and
lengths of the produced entities are in UTF-16 code units, as in the Bot API.

Deliberately stricter than Telegram in one place: Telegram keeps an ``&`` that does not start a
known entity as a literal character, although the Bot API documentation says every ``&`` must be
escaped. The fake rejects it so that a bot that forgets to escape user text fails in tests
instead of in production on the next ``<``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ALLOWED_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins",
        "tg-spoiler", "tg-emoji", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip

_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}

_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY_RE = re.compile(r"&(?:#[xX]([0-9a-fA-F]+)|#([0-9]+)|([a-zA-Z]+));")
_NAME_TOKEN_RE = re.compile(r"[A-Za-z0-9.\-]*")
_SPACE = " \t\n\r\f\v"

MAX_TEXT_LENGTH = 4096
MAX_CAPTION_LENGTH = 1024


class HtmlParseError(ValueError):
    """The text is not valid Telegram HTML; ``str(err)`` is Telegram's detail message."""


@dataclass(frozen=True)
class ParsedText:
    """Result of parsing: the text a user sees and its formatting entities."""

    text: str
    entities: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class _OpenTag:
    name: str
    argument: str
    expandable: bool
    utf16_start: int


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's offsets and limits."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8"))


def _decode_entity(source: str, pos: int) -> tuple[str, int] | None:
    """Decode the character reference at ``source[pos] == '&'``; return (char, end) or None."""
    match = _ENTITY_RE.match(source, pos)
    if match is None:
        return None
    hex_digits, dec_digits, name = match.groups()
    if name is not None:
        char = _NAMED_ENTITIES.get(name)
        if char is None:
            return None
        return char, match.end()
    code = int(hex_digits, 16) if hex_digits is not None else int(dec_digits)
    if code == 0 or code >= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _bare_ampersand(source: str, pos: int) -> HtmlParseError:
    return HtmlParseError(
        f'Unsupported HTML entity or unescaped "&" at byte offset {_byte_offset(source, pos)}'
        " (escape it as &amp;)"
    )


def parse_html(source: str) -> ParsedText:
    """Parse ``source`` as Telegram HTML.

    Returns:
        The visible text (tags removed, entities decoded, surrounding whitespace trimmed) and
        entities in Bot API form.

    Raises:
        HtmlParseError: with Telegram's detail text, e.g. ``Unsupported start tag "br" at byte
            offset 5``.
    """
    out: list[str] = []
    utf16_pos = 0
    stack: list[_OpenTag] = []
    entities: list[dict[str, Any]] = []
    n = len(source)
    i = 0
    while i < n:
        c = source[i]
        if c == "&":
            decoded = _decode_entity(source, i)
            if decoded is None:
                raise _bare_ampersand(source, i)
            char, i = decoded
            out.append(char)
            utf16_pos += utf16_len(char)
            continue
        if c != "<":
            out.append(c)
            utf16_pos += utf16_len(c)
            i += 1
            continue

        begin = i
        i += 1
        if i < n and source[i] == "/":
            if not stack:
                raise HtmlParseError(
                    f"Unexpected end tag at byte offset {_byte_offset(source, begin)}"
                )
            i += 1
            name_start = i
            while i < n and source[i] not in _SPACE and source[i] != ">":
                i += 1
            end_name = source[name_start:i].lower()
            while i < n and source[i] in _SPACE:
                i += 1
            if i >= n or source[i] != ">":
                raise HtmlParseError(
                    f"Unclosed end tag at byte offset {_byte_offset(source, begin)}"
                )
            i += 1
            tag = stack.pop()
            if end_name and end_name != tag.name:
                raise HtmlParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(source, begin)}, "
                    f'expected "</{tag.name}>", found "</{end_name}>"'
                )
            entity = _make_entity(tag, utf16_pos - tag.utf16_start, entities)
            if entity is not None:
                entities.append(entity)
            continue

        name_start = i
        while i < n and source[i] not in _SPACE and source[i] != ">":
            i += 1
        if i >= n:
            raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
        tag_name = source[name_start:i].lower()
        if tag_name not in ALLOWED_TAGS:
            raise HtmlParseError(
                f'Unsupported start tag "{tag_name}" at byte offset {_byte_offset(source, begin)}'
            )
        argument = ""
        expandable = False
        while True:
            while i < n and source[i] in _SPACE:
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag_name}" at byte offset {_byte_offset(source, begin)}'
                )
            if source[i] == ">":
                i += 1
                break
            attr_start = i
            while i < n and source[i] not in _SPACE and source[i] not in "=>":
                i += 1
            attr_name = source[attr_start:i].lower()
            if not attr_name:
                raise HtmlParseError(
                    f'Empty attribute name in the tag "{tag_name}" at byte offset '
                    f"{_byte_offset(source, begin)}"
                )
            while i < n and source[i] in _SPACE:
                i += 1
            if i >= n or source[i] != "=":
                if tag_name == "blockquote" and attr_name == "expandable":
                    expandable = True
                    continue
                raise HtmlParseError(
                    f'Expected equal sign in declaration of an attribute of the tag "{tag_name}" '
                    f"at byte offset {_byte_offset(source, begin)}"
                )
            i += 1
            while i < n and source[i] in _SPACE:
                i += 1
            if i >= n:
                raise HtmlParseError(
                    f'Unclosed start tag "{tag_name}" at byte offset {_byte_offset(source, begin)}'
                )
            value, i = _attribute_value(source, i, begin)
            if tag_name == "a" and attr_name == "href":
                argument = value
            elif tag_name == "code" and attr_name == "class" and value.startswith("language-"):
                argument = value[len("language-") :]
            elif tag_name == "span" and attr_name == "class" and value.startswith("tg-"):
                argument = value[len("tg-") :]
            elif tag_name == "tg-emoji" and attr_name == "emoji-id":
                argument = value
            elif tag_name == "blockquote" and attr_name == "expandable":
                expandable = True
        if tag_name == "span" and argument != "spoiler":
            raise HtmlParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset '
                f"{_byte_offset(source, begin)}"
            )
        stack.append(_OpenTag(tag_name, argument, expandable, utf16_pos))

    if stack:
        raise HtmlParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    return _trim("".join(out), entities)


def _attribute_value(source: str, i: int, tag_begin: int) -> tuple[str, int]:
    n = len(source)
    quote = source[i]
    if quote not in "'\"":
        match = _NAME_TOKEN_RE.match(source, i)
        assert match is not None  # the pattern matches the empty string
        end = match.end()
        if end >= n or (source[end] not in _SPACE and source[end] != ">"):
            raise HtmlParseError(
                f"Unexpected end of name token at byte offset {_byte_offset(source, end)}"
            )
        return match.group().lower(), end
    i += 1
    chars: list[str] = []
    while i < n and source[i] != quote:
        if source[i] == "&":
            decoded = _decode_entity(source, i)
            if decoded is None:
                raise _bare_ampersand(source, i)
            char, i = decoded
            chars.append(char)
            continue
        chars.append(source[i])
        i += 1
    if i >= n:
        raise HtmlParseError(f"Unclosed start tag at byte offset {_byte_offset(source, tag_begin)}")
    return "".join(chars), i + 1


def _make_entity(tag: _OpenTag, length: int, inner: list[dict[str, Any]]) -> dict[str, Any] | None:
    if length <= 0:
        return None  # Telegram silently drops empty entities
    base: dict[str, Any] = {"offset": tag.utf16_start, "length": length}
    if tag.name in _SIMPLE_TYPES:
        return {"type": _SIMPLE_TYPES[tag.name], **base}
    if tag.name == "a":
        return {"type": "text_link", **base, "url": tag.argument}
    if tag.name == "tg-emoji":
        return {"type": "custom_emoji", **base, "custom_emoji_id": tag.argument}
    if tag.name == "blockquote":
        kind = "expandable_blockquote" if tag.expandable else "blockquote"
        return {"type": kind, **base}
    if tag.name == "pre":
        # <pre><code class="language-x">…</code></pre> becomes one pre entity with a language.
        for entity in inner:
            if (
                entity["type"] == "code"
                and entity["offset"] == tag.utf16_start
                and entity["length"] == length
            ):
                inner.remove(entity)
                language = entity.get("_language")
                return {"type": "pre", **base, **({"language": language} if language else {})}
        return {"type": "pre", **base}
    # code: the language is only meaningful inside <pre>; keep it privately until then
    entity = {"type": "code", **base}
    if tag.argument:
        entity["_language"] = tag.argument
    return entity


def _trim(text: str, entities: list[dict[str, Any]]) -> ParsedText:
    """Telegram trims surrounding whitespace and clips entities to the remaining text."""
    stripped_left = text.lstrip()
    shift = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip()
    total = utf16_len(result)
    clipped: list[dict[str, Any]] = []
    for entity in sorted(entities, key=lambda e: (e["offset"], -e["length"])):
        start = max(entity["offset"] - shift, 0)
        end = min(entity["offset"] + entity["length"] - shift, total)
        if end <= start:
            continue
        public = {k: v for k, v in entity.items() if not k.startswith("_")}
        public.update(offset=start, length=end - start)
        clipped.append(public)
    return ParsedText(result, clipped)


def parse_plain(text: str) -> ParsedText:
    """Text sent without ``parse_mode``: only trimming applies."""
    return _trim(text, [])
