"""Text preparation: a same-length normal form, clauses and sentences with their offsets.

Evidence must be a verbatim substring of the reply, so the normal form keeps every character
at its index: matches found in it are sliced out of the original text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Final

# Full-width ASCII (！ to ～) folds to ASCII; the ideographic space to a space.
_FOLD: Final = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
# Keep Chinese clause punctuation distinct from ASCII so patterns can name either.
for _ch in "，。！？；：（）～":
    _FOLD.pop(ord(_ch), None)

#: Clause boundaries: punctuation, line breaks, a full stop that is not a decimal point, and
#: whitespace runs; a run only splits when a neighbour is non-ASCII (chat register separates
#: clauses with spaces, English separates words). Deciding that in Python, not with a
#: look-ahead, keeps a long run of spaces linear.
_CLAUSE_SEP: Final = re.compile(r"[，。！？；、,!?;\n\r|·•~～…]+|(?<!\d)\.(?!\d)|\s+")
_SENTENCE_SEP: Final = re.compile(r"[。！？!?\n\r]+|(?<![\d.])\.(?=\s|$)")


def normalise(text: str) -> str:
    """Lower-case and width-fold ``text`` without changing its length."""
    folded = text.translate(_FOLD)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters lower-case to two ("İ"); keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def _splits(text: str, m: re.Match[str]) -> bool:
    if not m.group().isspace():
        return True
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return not (before.isascii() and after.isascii())


def _spans(text: str, sep: re.Pattern[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in sep.finditer(text):
        if not _splits(text, m):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


@dataclass(slots=True)
class Segments:
    """Clause and sentence spans of a text, for locating a match."""

    clauses: list[tuple[int, int]]
    sentences: list[tuple[int, int]]
    _clause_starts: list[int]
    _sentence_starts: list[int]

    @classmethod
    def of(cls, text: str) -> Segments:
        clauses = _spans(text, _CLAUSE_SEP) or [(0, 0)]
        sentences = _spans(text, _SENTENCE_SEP) or [(0, 0)]
        return cls(clauses, sentences, [s for s, _ in clauses], [s for s, _ in sentences])

    def clause_index(self, pos: int) -> int:
        return max(bisect.bisect_right(self._clause_starts, pos) - 1, 0)

    def clause(self, pos: int) -> tuple[int, int]:
        return self.clauses[self.clause_index(pos)]

    def sentence(self, pos: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self._sentence_starts, pos) - 1, 0)
        return self.sentences[i]

    def around(self, start: int, end: int, radius: int, scope: str = "clause") -> tuple[int, int]:
        """The clause (or sentence) of ``start``, cut to ``radius`` characters either side.

        Context checks use this instead of the whole clause, so a 100 000-character reply
        with no punctuation costs the same per match as a short one.
        """
        lo, hi = self.clause(start) if scope == "clause" else self.sentence(start)
        return max(lo, start - radius), min(hi, end + radius)
