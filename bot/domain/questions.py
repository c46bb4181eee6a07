"""What each supplier question takes: its parameters, which are required, its template names.

The wording itself lives in ``templates/questions/``; this module only knows the shape, so the
Telegram handler and the command line can ask for a missing value before rendering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from bot.domain.pinyin import is_han

#: The first-contact message that asks every essential question at once.
ALL_KEY: Final = "all"

#: Every parameter a question may take, in the order a buyer is asked for them.
PARAMS: Final[tuple[str, ...]] = ("qty", "product", "address", "detail")

LANGUAGES: Final[tuple[str, ...]] = ("zh", "en")


@dataclass(frozen=True)
class QuestionSpec:
    """One question key.

    Attributes:
        key: a question key from :data:`bot.domain.keys.QUESTION_KEYS`, or ``"all"``.
        params: the parameters the templates use; others are refused.
        required: parameters without which the first ask makes no sense (a price question
            without a quantity gets "depends on quantity" back). Follow-ups need none: the
            re-ask reads naturally without them.
    """

    key: str
    params: tuple[str, ...]
    required: tuple[str, ...] = ()

    def template(self, language: str, *, followup: bool = False) -> str:
        """Template name, e.g. ``questions/price.zh.j2`` or ``questions/followup/price.en.j2``."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        folder = "questions/followup" if followup else "questions"
        return f"{folder}/{self.key}.{language}.j2"

    def required_for(self, *, followup: bool = False) -> tuple[str, ...]:
        return () if followup else self.required

    def missing(self, values: Mapping[str, object], *, followup: bool = False) -> tuple[str, ...]:
        """Required parameters that ``values`` lacks (None or empty), in :data:`PARAMS` order."""
        return tuple(p for p in self.required_for(followup=followup) if values.get(p) in (None, ""))

    @property
    def prompts(self) -> dict[str, str]:
        """Parameter -> template asking the buyer for it, for every parameter this key takes."""
        return {p: prompt_template(p) for p in self.params}

    @property
    def has_followup(self) -> bool:
        return self.key != ALL_KEY


def prompt_template(param: str) -> str:
    """Template asking the buyer for ``param`` (e.g. "How many pieces?")."""
    if param not in PARAMS:
        raise ValueError(f"unknown parameter {param!r}")
    return f"questions/prompts/{param}.en.j2"


_SPECS: Final[dict[str, QuestionSpec]] = {
    spec.key: spec
    for spec in (
        QuestionSpec("real_photos", ("product",)),
        QuestionSpec("moq", ("qty", "product")),
        QuestionSpec("price", ("qty", "product"), required=("qty",)),
        QuestionSpec("lead_time", ("qty", "product")),
        QuestionSpec("payment_terms", ()),
        QuestionSpec("samples", ("product",)),
        QuestionSpec("customization", ("detail", "product"), required=("detail",)),
        QuestionSpec("qc", ("product",)),
        QuestionSpec("shipping", ("address",)),
        QuestionSpec(ALL_KEY, PARAMS),
    )
}


def keys() -> tuple[str, ...]:
    """Every key that can be asked, in menu order: the question keys, then ``"all"``."""
    return tuple(_SPECS)


def specs() -> tuple[QuestionSpec, ...]:
    """Every spec, in menu order."""
    return tuple(_SPECS.values())


def spec(key: str) -> QuestionSpec | None:
    """The spec of ``key``, or None when no such question exists."""
    return _SPECS.get(key)


def needs_translation(value: str) -> bool:
    """True when ``value`` has letters but no Chinese characters ("metal straws", "Logo rot").

    Numbers, model codes mixed into Chinese ("304不锈钢") and Chinese text need no translation.
    """
    has_letter = any(c.isalpha() and not is_han(c) for c in value)
    return has_letter and not any(is_han(c) for c in value)


def clean_value(value: str) -> str:
    """Trim spaces and a trailing full stop, which the template supplies itself."""
    return value.strip().rstrip("。.！!；;，,").strip()


def valid_qty(qty: object) -> bool:
    """A quantity must be a positive integer (bool is not a quantity)."""
    return isinstance(qty, int) and not isinstance(qty, bool) and qty > 0
