"""The trade-term glossary: look a term up in either direction, find terms in a supplier reply.

The data lives in ``phrases/glossary.toml`` and is passed in as a plain dict, so this module does
no I/O. Shape::

    [topics.price]
    title = "Price and quantity"

    [[terms]]
    zh = "起订量"
    forms = ["起订"]                # other Chinese spellings found in replies (optional)
    pinyin = "qǐ dìng liàng"
    meaning = "minimum order quantity (MOQ)"
    topic = "price"
    aliases = ["MOQ", "minimum order"]  # English words that look it up (optional)
    note = "..."                        # where a literal translation misleads (optional)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Term:
    zh: str
    pinyin: str
    meaning: str
    topic: str
    aliases: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    note: str | None = None

    @property
    def spellings(self) -> tuple[str, ...]:
        """Every written form that counts as this term in a text: ``zh`` first."""
        return (self.zh, *self.forms)


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    terms: tuple[Term, ...]


def _fold(text: str) -> str:
    """Case-, width- and space-insensitive key (full-width ＭＯＱ and "moq " both match MOQ)."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _toneless(pinyin: str) -> str:
    """``"qǐ dìng liàng"`` -> ``"qidingliang"``: what a buyer types without tone marks."""
    decomposed = unicodedata.normalize("NFD", pinyin.casefold())
    letters = (c for c in decomposed if not unicodedata.combining(c))
    return "".join(c for c in letters if c.isalnum()).replace("ü", "v")


def _is_ascii_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


class Glossary:
    """Terms grouped by topic, indexed for lookup and annotation."""

    def __init__(self, topics: tuple[Topic, ...]) -> None:
        self._topics = topics
        self._terms = tuple(t for topic in topics for t in topic.terms)
        self._exact: dict[str, list[Term]] = {}
        for term in self._terms:
            keys = {_fold(s) for s in term.spellings}
            keys |= {_fold(a) for a in term.aliases}
            keys.add(_toneless(term.pinyin))
            for key in keys:
                self._exact.setdefault(key, []).append(term)
        # Longest spelling first, so 一件代发 is found before 代发 and 定金 inside it is skipped.
        self._spellings = sorted(
            ((_fold(s), term) for term in self._terms for s in term.spellings),
            key=lambda pair: -len(pair[0]),
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Glossary:
        """Build from the parsed TOML.

        Raises:
            ValueError: a term misses a field, names an unknown topic, or repeats a spelling.
        """
        topic_data: Mapping[str, Any] = data.get("topics", {})
        by_topic: dict[str, list[Term]] = {key: [] for key in topic_data}
        seen: set[str] = set()
        for raw in data.get("terms", []):
            term = _term(raw)
            if term.topic not in by_topic:
                raise ValueError(f"glossary term {term.zh}: unknown topic {term.topic!r}")
            for spelling in term.spellings:
                if _fold(spelling) in seen:
                    raise ValueError(f"glossary: {spelling!r} appears twice")
                seen.add(_fold(spelling))
            by_topic[term.topic].append(term)
        topics = tuple(
            Topic(key=key, title=str(topic_data[key]["title"]), terms=tuple(terms))
            for key, terms in by_topic.items()
        )
        return cls(topics)

    def __len__(self) -> int:
        return len(self._terms)

    def terms(self) -> tuple[Term, ...]:
        return self._terms

    def topics(self) -> tuple[Topic, ...]:
        """Topics in file order, each with its terms in file order."""
        return self._topics

    def topic(self, key: str) -> Topic | None:
        return next((t for t in self._topics if t.key == key), None)

    def lookup(self, query: str) -> list[Term]:
        """Terms matching ``query`` in either direction, best first.

        Exact matches come first: a Chinese spelling, an English alias (any case, any width)
        or toneless pinyin (``qidingliang``, ``qi ding liang``). Related terms follow, in
        glossary order: for a Chinese query those whose Chinese contains it (代发 -> 一件代发),
        for a query of three letters or more those whose aliases or meaning contain it as a
        word (sample -> 样品费).
        """
        folded = _fold(query)
        if not folded:
            return []
        exact = self._exact.get(folded) or self._exact.get(_toneless(folded)) or []
        if any(not c.isascii() and c.isalpha() for c in folded):
            related = [t for t in self._terms if any(folded in _fold(s) for s in t.spellings)]
        elif len(folded) >= 3:
            related = [
                t
                for t in self._terms
                if any(_contains_word(_fold(text), folded) for text in (*t.aliases, t.meaning))
            ]
        else:
            related = []
        return list(dict.fromkeys([*exact, *related]))

    def annotate(self, text: str) -> list[Term]:
        """Terms written in ``text``, in order of first appearance, each once.

        Longer spellings win and matches never overlap: in 一件代发 only 一件代发 is found, not
        代发 as well. Latin spellings (OEM) must stand as a whole word.
        """
        folded = unicodedata.normalize("NFKC", text).casefold()
        taken = [False] * len(folded)
        found: list[tuple[int, Term]] = []
        for spelling, term in self._spellings:
            start = folded.find(spelling)
            while start != -1:
                end = start + len(spelling)
                if not any(taken[start:end]) and _stands_alone(folded, start, end):
                    taken[start:end] = [True] * len(spelling)
                    found.append((start, term))
                start = folded.find(spelling, start + 1)
        ordered: list[Term] = []
        for _, term in sorted(found, key=lambda pair: pair[0]):
            if term not in ordered:
                ordered.append(term)
        return ordered


def _stands_alone(text: str, start: int, end: int) -> bool:
    if not _is_ascii_word_char(text[start]):
        return True
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (_is_ascii_word_char(before) or _is_ascii_word_char(after))


def _contains_word(haystack: str, needle: str) -> bool:
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not haystack[start - 1].isalnum()
        after_ok = end == len(haystack) or not haystack[end].isalnum()
        if before_ok and after_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


def _term(raw: Mapping[str, Any]) -> Term:
    try:
        return Term(
            zh=str(raw["zh"]),
            pinyin=str(raw["pinyin"]),
            meaning=str(raw["meaning"]),
            topic=str(raw["topic"]),
            aliases=tuple(str(a) for a in raw.get("aliases", ())),
            forms=tuple(str(f) for f in raw.get("forms", ())),
            note=str(raw["note"]) if raw.get("note") else None,
        )
    except KeyError as exc:
        raise ValueError(f"glossary term {raw.get('zh', raw)!r}: missing {exc.args[0]}") from exc
