"""Chinese text to tone-marked pinyin, with hand-checked corrections for heteronyms.

Readings are dictionary tones: 一 is always yī and 不 always bù. A learner reading along needs the
citation tone; sandhi (yí xià, bú shì) is applied by speakers anyway, and pypinyin applies it only
to some of its dictionary phrases, which would make the output inconsistent.

Corrections (``fixes``: phrase -> space-separated syllables) are applied here, by longest match,
instead of through ``pypinyin.load_phrases_dict``: that call mutates pypinyin's process-wide
dictionary, so two callers with different fixes would change each other's results.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pypinyin import Style, pinyin

#: Readings that must not follow pypinyin's sandhi-marked phrase entries.
_CITATION_TONES: Mapping[str, str] = {"一": "yī", "不": "bù"}

#: Full-width punctuation -> what follows a pinyin syllable. Keyed by character.
_CLOSING = {
    "，": ",", "。": ".", "？": "?", "！": "!", "：": ":", "；": ";", "、": ",",
    "）": ")", "】": "]", "》": '"', "”": '"', "’": "'", "～": "~", "…": "...",
    ",": ",", ".": ".", "?": "?", "!": "!", ":": ":", ";": ";", ")": ")", "]": "]",
}  # fmt: skip
_OPENING = {"（": "(", "【": "[", "《": '"', "“": '"', "‘": "'", "(": "(", "[": "["}


def is_han(char: str) -> bool:
    """True for a CJK unified ideograph (the basic block and extension A)."""
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF


@dataclass(frozen=True)
class _Token:
    text: str
    kind: str  # "word", "open", "close" or "break" (a line break)


def validate_fixes(fixes: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
    """Check that each fix gives one syllable per Han character; return it split.

    Raises:
        ValueError: a phrase is not all Han, or its syllable count does not match.
    """
    checked: dict[str, tuple[str, ...]] = {}
    for phrase, reading in fixes.items():
        syllables = tuple(reading.split())
        if not phrase or not all(is_han(c) for c in phrase):
            raise ValueError(f"pinyin fix {phrase!r}: the phrase must be Chinese characters only")
        if len(syllables) != len(phrase):
            raise ValueError(
                f"pinyin fix {phrase!r}: {len(phrase)} characters but {len(syllables)} syllables"
            )
        checked[phrase] = syllables
    return checked


def syllables(han: str, fixes: Mapping[str, tuple[str, ...]]) -> list[str]:
    """Pinyin syllables of a run of Han characters, one per character.

    ``fixes`` is the output of :func:`validate_fixes`; the longest fix starting at each position
    wins, and the text between fixes is left to pypinyin's own phrase segmentation.
    """
    longest = max((len(p) for p in fixes), default=0)
    out: list[str] = []
    plain_start = 0
    i = 0
    while i < len(han):
        match = next(
            (
                han[i : i + n]
                for n in range(min(longest, len(han) - i), 0, -1)
                if han[i : i + n] in fixes
            ),
            None,
        )
        if match is None:
            i += 1
            continue
        out.extend(_pypinyin(han[plain_start:i]))
        out.extend(fixes[match])
        i += len(match)
        plain_start = i
    out.extend(_pypinyin(han[plain_start:]))
    return out


def _pypinyin(han: str) -> list[str]:
    if not han:
        return []
    readings = [r[0] for r in pinyin(han, style=Style.TONE, heteronym=False)]
    return [_CITATION_TONES.get(c, r) for c, r in zip(han, readings, strict=True)]


def _tokens(text: str, fixes: Mapping[str, tuple[str, ...]]) -> Iterator[_Token]:
    i = 0
    while i < len(text):
        char = text[i]
        if is_han(char):
            j = i
            while j < len(text) and is_han(text[j]):
                j += 1
            for syllable in syllables(text[i:j], fixes):
                yield _Token(syllable, "word")
            i = j
        elif char == "\n":
            yield _Token("\n", "break")
            i += 1
        elif char.isspace():
            i += 1
        elif char in _CLOSING:
            yield _Token(_CLOSING[char], "close")
            i += 1
        elif char in _OPENING:
            yield _Token(_OPENING[char], "open")
            i += 1
        else:
            # Latin words, numbers and their own punctuation ("1688", "30%", "logo") stay whole.
            j = i
            while j < len(text) and not (
                is_han(text[j])
                or text[j].isspace()
                or (text[j] in _CLOSING and text[j] not in ",.:")
                or text[j] in _OPENING
                or (text[j] in ",.:" and _ends_word(text, j))
            ):
                j += 1
            yield _Token(text[i:j], "word")
            i = j


def _ends_word(text: str, j: int) -> bool:
    """An ASCII , . or : ends a word unless a digit follows (12.5, 10:30, 1,000 stay whole)."""
    return j + 1 >= len(text) or not text[j + 1].isdigit()


def to_pinyin(text: str, fixes: Mapping[str, str] | None = None) -> str:
    """Tone-marked pinyin of ``text``: one space between syllables and words.

    Punctuation is turned into its ASCII form and attached the way English writes it
    (``nín hǎo, qǐng wèn``); non-Chinese words and numbers pass through; line breaks are kept.

    Args:
        text: any text, usually Chinese.
        fixes: phrase -> correct reading (``{"多长": "duō cháng"}``), applied by longest match.
    """
    checked = validate_fixes(fixes or {})
    parts: list[str] = []
    previous: _Token | None = None
    for token in _tokens(text, checked):
        if token.kind == "break":
            parts.append("\n")
        else:
            glue = previous is None or previous.kind in ("break", "open") or token.kind == "close"
            parts.append(token.text if glue else " " + token.text)
        previous = token
    return "".join(parts).strip(" ")
