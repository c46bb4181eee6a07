"""Make a long alternation cheap to scan: a look-ahead on the characters a match can start with.

Python's regex engine tries every branch of an alternation at every position of the text unless
all branches start with a plain literal. The rule patterns are alternations of hundreds of
phrases, many starting with a group, a class or ``\\b``, so a 100 000-character paste cost
hundreds of branch attempts per character. Prefixing ``(?=[first characters])`` makes most
positions fail at one character test; the matches are exactly the same, because every match
must start with one of those characters. A pattern whose first character cannot be bounded
(``.``, a negated class, a category, a possibly empty match) is left as it is.
"""

from __future__ import annotations

import re
from re import _constants as _c  # type: ignore[attr-defined]
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

#: Wider classes are not worth listing character by character.
_MAX_RANGE = 512
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_REPEATS = tuple(
    op for op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)) if op
)


def first_chars(items: Any) -> tuple[set[str] | None, bool]:
    """The characters a match of parsed ``items`` can start with, and whether it can be empty.

    ``None`` means "cannot tell" (any character may start a match).
    """
    chars: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            chars.add(chr(av))
            return chars, False
        if op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL:
                    chars.add(chr(value))
                elif kind is _c.RANGE and value[1] - value[0] <= _MAX_RANGE:
                    chars.update(chr(c) for c in range(value[0], value[1] + 1))
                else:
                    return None, False
            return chars, False
        if op is _c.BRANCH:
            sub = [first_chars(alt) for alt in av[1]]
            if any(s is None for s, _ in sub):
                return None, False
            for s, _ in sub:
                chars |= s or set()
            if not any(empty for _, empty in sub):
                return chars, False
            continue
        if op is _c.SUBPATTERN or op in _REPEATS:
            inner = av[3] if op is _c.SUBPATTERN else av[2]
            s, empty = first_chars(inner)
            if s is None:
                return None, False
            chars |= s
            if not empty and (op is _c.SUBPATTERN or av[0] > 0):
                return chars, False
            continue
        return None, False
    return chars, True


def prefiltered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` with a first-character look-ahead, or ``pattern`` itself when none is safe."""
    if pattern.flags & re.IGNORECASE:
        return pattern
    try:
        chars, empty = first_chars(_p.parse(pattern.pattern, pattern.flags))
    except Exception:  # the parser is internal to re: if it changes, only speed is lost
        return pattern
    if not chars or empty:
        return pattern
    allowed = "".join(re.escape(c) for c in sorted(chars))
    return re.compile(f"(?=[{allowed}])(?:{pattern.pattern})", pattern.flags)
