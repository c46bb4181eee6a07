"""A supplier thread as the buyer reads it back: entries and the questions still open."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from bot.domain.keys import QUESTION_KEYS
from bot.domain.models import Message


@dataclass(frozen=True, slots=True)
class ThreadEntry:
    """One message of a thread, numbered from 1 in thread order."""

    number: int
    message: Message
    #: The buyer marked this photo as a real photo of the product.
    real_photo: bool = False

    @property
    def is_photo(self) -> bool:
        return self.message.kind == "photo"


@dataclass(frozen=True, slots=True)
class AnswerRule:
    """What in a later supplier message answers a question key.

    Any fact in ``facts`` or flag in ``flags`` answers it (a refusal is an answer too), and so
    does a supplier text containing any of ``words`` (the topic's trade words, for questions
    whose answer has no fact to extract); with ``real_photo`` a photo the buyer marked as real
    does, whenever it came.
    """

    facts: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    real_photo: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> AnswerRule:
        unknown = set(data) - {"facts", "flags", "words", "real_photo"}
        if unknown:
            raise ValueError(f"unknown answer-rule fields {sorted(unknown)}")
        return cls(
            facts=tuple(str(f) for f in data.get("facts", ())),
            flags=tuple(str(f) for f in data.get("flags", ())),
            words=tuple(str(w).casefold() for w in data.get("words", ()) if str(w)),
            real_photo=bool(data.get("real_photo", False)),
        )


def answer_rules(data: Mapping[str, Mapping[str, Any]]) -> dict[str, AnswerRule]:
    """Parse the ``[answers]`` table; every question key needs a rule."""
    missing = [k for k in QUESTION_KEYS if k not in data]
    unknown = [k for k in data if k not in QUESTION_KEYS]
    if missing or unknown:
        raise ValueError(f"answer rules: missing {missing}, unknown {unknown}")
    return {k: AnswerRule.from_mapping(v) for k, v in data.items()}


def _answers(rule: AnswerRule, entry: ThreadEntry) -> bool:
    message = entry.message
    if message.direction != "supplier":
        return False
    if rule.real_photo and entry.real_photo:
        return True
    if any(f in message.facts for f in rule.facts):
        return True
    codes = {str(f.get("code")) for f in message.flags}
    if any(c in codes for c in rule.flags):
        return True
    text = message.text.casefold()
    return any(w in text for w in rule.words)


def open_questions(entries: Sequence[ThreadEntry], rules: Mapping[str, AnswerRule]) -> list[str]:
    """Question keys the buyer asked that no later supplier message answers, in asking order.

    A photo marked as real answers ``real_photos`` wherever it sits in the thread.
    """
    asked: dict[str, int] = {}
    for i, entry in enumerate(entries):
        if entry.message.direction == "buyer":
            for key in entry.message.asked:
                asked.setdefault(key, i)
    marked = any(e.real_photo for e in entries)
    still_open: list[str] = []
    for key, at in asked.items():
        rule = rules.get(key)
        if rule is None:
            continue
        if rule.real_photo and marked:
            continue
        if not any(_answers(rule, e) for e in entries[at + 1 :]):
            still_open.append(key)
    return still_open


def thread_flags(entries: Iterable[ThreadEntry]) -> list[Mapping[str, Any]]:
    """Every flag of the supplier's messages, in thread order."""
    return [flag for e in entries if e.message.direction == "supplier" for flag in e.message.flags]
