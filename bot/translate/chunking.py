"""Split long text into request-sized pieces at line and sentence ends, and join it back.

Pure functions. The whitespace between pieces is never sent: providers strip or squash it, so it
is kept aside and put back verbatim, which is what keeps the buyer's line breaks.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from bot.translate.base import Limits

_CN_END: Final = "。！？；…"
_CLOSERS: Final = "”’」』）\"'"
#: Where a piece may end: a line break (with the whitespace around it), after a Chinese sentence
#: end (Chinese puts no space there), or after a Latin one followed by a space (so "12.5", URLs
#: and "a.b" are never cut).
_BOUNDARY: Final = re.compile(
    r"[^\S\n]*\n\s*"
    rf"|(?<=[{_CN_END}])(?![{_CN_END}{_CLOSERS}])[^\S\n]*"
    rf"|(?<=[{_CN_END}][{_CLOSERS}])[^\S\n]*"
    r"|(?<=[.!?;])[^\S\n]+"
)
#: Where an over-long sentence is preferably cut: after a comma, or at a space.
_SOFT_BREAK: Final = re.compile(r"[，,、：:]|\s+")


@dataclass(frozen=True)
class Chunk:
    """One piece to translate and the whitespace that followed it in the original."""

    text: str
    sep: str


@dataclass(frozen=True)
class Split:
    """A text cut into pieces; ``lead`` is its leading whitespace."""

    lead: str
    chunks: tuple[Chunk, ...]

    @property
    def texts(self) -> list[str]:
        """The pieces to send, in order."""
        return [chunk.text for chunk in self.chunks]

    def join(self, translated: Sequence[str]) -> str:
        """Rebuild the text from the translations of ``texts``, in the same order."""
        if len(translated) != len(self.chunks):
            raise ValueError("one translation per chunk expected")
        return self.lead + "".join(t + c.sep for t, c in zip(translated, self.chunks, strict=True))


def split_text(text: str, limits: Limits) -> Split:
    """Cut ``text`` into pieces that each fit ``limits``.

    Whole lines and sentences are packed greedily; a sentence longer than the limit is cut after a
    comma or at a space when one is near the end of what fits, otherwise hard at the limit.
    Joining the pieces with their separators gives back ``text`` exactly.
    """
    body = text.strip()
    if not body:
        return Split(lead=text, chunks=())
    start = text.index(body)
    lead, trail = text[:start], text[start + len(body) :]
    units: list[Chunk] = []
    for unit in _units(body):
        units.extend(_hard_split(unit, limits))
    chunks = _pack(units, limits)
    chunks[-1] = Chunk(chunks[-1].text, chunks[-1].sep + trail)
    return Split(lead=lead, chunks=tuple(chunks))


def _units(body: str) -> list[Chunk]:
    units: list[Chunk] = []
    start = 0
    for match in _BOUNDARY.finditer(body):
        content = body[start : match.start()]
        if content:
            units.append(Chunk(content, match.group()))
        elif units:
            units[-1] = Chunk(units[-1].text, units[-1].sep + match.group())
        start = match.end()
    if start < len(body):
        units.append(Chunk(body[start:], ""))
    return units


def _fitting_prefix(text: str, limits: Limits) -> int:
    """Length of the longest prefix of ``text`` that fits ``limits`` (at least 1)."""
    size = 0
    for index, char in enumerate(text[: limits.max_chars]):
        size += len(char.encode("utf-8"))
        if limits.max_bytes is not None and size > limits.max_bytes:
            return max(index, 1)
    return min(len(text), limits.max_chars)


def _hard_split(unit: Chunk, limits: Limits) -> list[Chunk]:
    pieces: list[Chunk] = []
    rest = unit.text
    while not limits.fits(rest):
        cut = _fitting_prefix(rest, limits)
        head, sep = rest[:cut], ""
        breaks = [m for m in _SOFT_BREAK.finditer(head) if m.start() >= cut // 2]
        if breaks:
            last = breaks[-1]
            if last.group().isspace():
                head, sep = rest[: last.start()], last.group()
                cut = last.end()
            else:
                head = rest[: last.end()]
                cut = last.end()
        pieces.append(Chunk(head, sep))
        rest = rest[cut:]
    pieces.append(Chunk(rest, unit.sep))
    return [piece for piece in pieces if piece.text] or [unit]


def _pack(units: list[Chunk], limits: Limits) -> list[Chunk]:
    packed: list[Chunk] = []
    for unit in units:
        if packed:
            previous = packed[-1]
            merged = previous.text + previous.sep + unit.text
            if limits.fits(merged):
                packed[-1] = Chunk(merged, unit.sep)
                continue
        packed.append(unit)
    return packed
