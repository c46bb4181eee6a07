"""Who is speaking: a message whose letters are mostly Han characters is the supplier's.

Only letters count: digits, punctuation, emoji and spaces say nothing about the language, so
"MOQ 500件" is judged by "MOQ" and "件" alone. Links are skipped too: a 1688 offer URL pasted
with a Chinese question would otherwise outvote the question with its Latin letters.
"""

import re
from typing import Final

_LINK: Final = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

#: Unicode blocks of Han ideographs (CJK Unified Ideographs, extensions A-F, compatibility).
_HAN_RANGES: Final[tuple[tuple[int, int], ...]] = (
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2EBEF),
    (0x30000, 0x3134F),
)

#: A message is the supplier's when at least this share of its letters is Han.
SUPPLIER_HAN_SHARE: Final[float] = 0.5


def is_han(char: str) -> bool:
    """Return True when ``char`` (one character) is a Han ideograph."""
    code = ord(char)
    return any(low <= code <= high for low, high in _HAN_RANGES)


def han_ratio(text: str) -> float:
    """Share of Han characters among the letters of ``text``; 0.0 when it has no letters."""
    letters = [char for char in _LINK.sub(" ", text) if char.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for char in letters if is_han(char)) / len(letters)


def is_supplier_text(text: str) -> bool:
    """Return True when at least half of the letters of ``text`` are Han characters."""
    return han_ratio(text) >= SUPPLIER_HAN_SHARE
