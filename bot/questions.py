"""Render supplier questions: reviewed Chinese, its pinyin, and an English reading.

Everything returned is plain text (templates are rendered without HTML escaping); a Telegram
handler escapes it before sending. Values are inserted as given: the caller decides whether a
value was machine-translated and says so through ``machine_translated``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from bot.domain import questions
from bot.domain.glossary import Glossary
from bot.domain.keys import QUESTION_KEYS
from bot.domain.pinyin import to_pinyin as _to_pinyin
from bot.domain.pinyin import validate_fixes
from bot.errors import InputError
from bot.render import render_plain
from bot.resources import load_toml


@dataclass(frozen=True)
class Rendering:
    key: str
    zh: str
    pinyin: str
    en: str
    machine_translated: tuple[str, ...] = ()


def _error(code: str, **values: Any) -> InputError:
    return InputError(render_plain("questions/error.en.j2", code=code, **values))


def render_question(
    key: str,
    *,
    qty: int | None = None,
    product: str | None = None,
    address: str | None = None,
    detail: str | None = None,
    followup: bool = False,
    machine_translated: Iterable[str] = (),
) -> Rendering:
    """Render question ``key`` (a question key or ``"all"``).

    Args:
        qty, product, address, detail: values to insert; None or blank means "not given".
        followup: render the short re-ask used when a supplier skipped the question.
        machine_translated: which of the values the caller machine-translated; the English
            reading marks them.

    Raises:
        InputError: unknown key, invalid quantity, a required value missing, a value the
            question does not take, or a follow-up for ``"all"``.
        ValueError: ``machine_translated`` names a value that was not passed (a caller bug).
    """
    spec = questions.spec(key)
    if spec is None:
        raise _error("unknown_key", key=key, known=questions.keys())
    if followup and not spec.has_followup:
        raise _error("no_followup", key=key, known=QUESTION_KEYS)
    if qty is not None and not questions.valid_qty(qty):
        raise _error("bad_qty", value=qty)
    texts = {"product": product, "address": address, "detail": detail}
    values: dict[str, Any] = {p: _clean(v) for p, v in texts.items()}
    values["qty"] = qty
    unused = [p for p in questions.PARAMS if values[p] is not None and p not in spec.params]
    if unused:
        raise _error("unused", key=key, params=unused, accepted=spec.params)
    missing = spec.missing(values, followup=followup)
    if missing:
        raise _error("missing", key=key, params=missing)
    marked = tuple(dict.fromkeys(questions.clean_value(v) for v in machine_translated))
    stray = [v for v in marked if v not in values.values()]
    if stray:
        raise ValueError(f"machine_translated names values that were not passed: {stray}")
    zh = render_plain(spec.template("zh", followup=followup), **values, mt=marked)
    en = render_plain(spec.template("en", followup=followup), **values, mt=marked)
    return Rendering(key=key, zh=zh, pinyin=to_pinyin(zh), en=en, machine_translated=marked)


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    return questions.clean_value(value) or None


def label(key: str) -> str:
    """Short button label of a question key or ``"all"`` ("Lead time")."""
    if questions.spec(key) is None:
        raise _error("unknown_key", key=key, known=questions.keys())
    return render_plain("questions/label.en.j2", key=key)


def prompt(param: str) -> str:
    """What to ask the buyer for a missing ``param`` ("How many pieces? …")."""
    return render_plain(questions.prompt_template(param))


@cache
def glossary() -> Glossary:
    """The trade-term glossary from ``phrases/glossary.toml``, loaded once."""
    return Glossary.from_dict(load_toml("glossary.toml"))


@cache
def _fixes() -> dict[str, str]:
    fixes = {str(k): str(v) for k, v in load_toml("pinyin_fixes.toml")["fixes"].items()}
    validate_fixes(fixes)
    return fixes


def to_pinyin(text: str) -> str:
    """Tone-marked pinyin of ``text`` with the reviewed heteronym fixes applied."""
    return _to_pinyin(text, _fixes())
