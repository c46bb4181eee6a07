"""Texts and data of supplier threads (``phrases/threads.toml``): one-liners, tiers, grades,
question answer rules and the CSV header."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from markupsafe import Markup

from bot.domain.threads import AnswerRule, answer_rules
from bot.render import phrase
from bot.resources import load_toml

PHRASES = "threads.toml"


@dataclass(frozen=True, slots=True)
class Tier:
    key: str
    zh: str
    en: str


def _table() -> dict[str, Any]:
    return load_toml(PHRASES)


def tui(key: str, /, **values: Any) -> Markup:
    """Render the one-line text ``key`` (dotted) of phrases/threads.toml (HTML, autoescaped)."""
    return phrase(PHRASES, key, **values)


@cache
def tiers() -> tuple[Tier, ...]:
    return tuple(Tier(str(t["key"]), str(t["zh"]), str(t["en"])) for t in _table()["tiers"])


def tier(key: str | None) -> Tier | None:
    return next((t for t in tiers() if t.key == key), None)


def tier_label(key: str | None) -> str | None:
    """``诚信通 basic member`` for a stored tier key; an unknown stored value as it is."""
    if key is None:
        return None
    found = tier(key)
    return f"{found.zh} {found.en}" if found else key


def grade_meaning(grade: str) -> str:
    return str(_table()["grades"][grade])


def criterion_label(criterion: str) -> str:
    return str(_table()["criteria"][criterion])


@cache
def rules() -> dict[str, AnswerRule]:
    return answer_rules(_table()["answers"])


def csv_header() -> list[str]:
    return [str(c) for c in _table()["csv"]["columns"]]
