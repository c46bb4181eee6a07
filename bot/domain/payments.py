"""Payment plans for an order: how the total is split, when each part is due, what to warn about.

The usual 1688 plans are named: ``30/70`` (30 % deposit before production, 70 % before
shipment), ``50/50`` (half before production, half on delivery), ``100`` (everything on
delivery) and ``upfront`` (everything before production). Any other split such as ``20/30/50``
is custom: its first part is the deposit paid before production, its last the balance before
shipment, and parts in between are paid during production.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from bot.errors import InputError

DEPOSIT = "deposit"
DURING = "during_production"
BEFORE_SHIPMENT = "before_shipment"
ON_DELIVERY = "on_delivery"
#: Stages paid before the factory starts: the buyer's exposure if the supplier vanishes.
BEFORE_PRODUCTION = frozenset({DEPOSIT})
PREPAY_LIMIT = Decimal(50)

#: Named plans: key -> ((stage, percent), …).
PRESETS: dict[str, tuple[tuple[str, int], ...]] = {
    "30/70": ((DEPOSIT, 30), (BEFORE_SHIPMENT, 70)),
    "50/50": ((DEPOSIT, 50), (ON_DELIVERY, 50)),
    "100": ((ON_DELIVERY, 100),),
    "upfront": ((DEPOSIT, 100),),
}
_ALIASES = {
    "100%": "100", "cod": "100", "delivery": "100", "on_delivery": "100", "30%/70%": "30/70",
    "50%/50%": "50/50", "prepay": "upfront", "prepaid": "upfront",
}  # fmt: skip
_SYMBOLS = {"¥": "CNY", "￥": "CNY", "元": "CNY", "rmb": "CNY", "$": "USD", "€": "EUR", "£": "GBP"}
_AMOUNT = re.compile(r"^(?P<sign>[-−–])?\s*(?P<sym>[¥￥$€£])?\s*(?P<num>\d[\d,\s]*(?:\.\d+)?)$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
_SPLIT = re.compile(r"^-?\d+(?:\.\d+)?%?(?:/-?\d+(?:\.\d+)?%?)+$")
_CENT = Decimal("0.01")
MAX_PARTS = 6


class PaymentError(InputError):
    """The plan cannot be used; ``code`` names the problem and ``values`` fill the reply.

    Codes: ``amount`` (not a number), ``negative`` (zero or less), ``currency``, ``split``
    (not a plan), ``percent_sum`` (parts do not add up to 100), ``percent_zero`` (a part is
    zero or negative), ``too_many_parts``, ``dates`` (not one date per payment),
    ``date_order`` (a later payment is due before an earlier one).
    """

    def __init__(self, code: str, **values: object) -> None:
        super().__init__(code)
        self.code = code
        self.values = values


@dataclass(frozen=True, slots=True)
class Installment:
    stage: str
    percent: Decimal
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Plan:
    """A validated plan; ``warnings`` are codes (``prepay_over_half``, ``off_platform``)."""

    key: str
    total: Decimal
    currency: str
    installments: tuple[Installment, ...]
    channel: str | None
    warnings: tuple[str, ...]

    @property
    def before_production_percent(self) -> Decimal:
        return sum(
            (i.percent for i in self.installments if i.stage in BEFORE_PRODUCTION), Decimal(0)
        )


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """``"5,000"`` / ``"¥5000"`` / ``"-20"`` → (amount, currency from a symbol or None).

    Raises:
        PaymentError: ``amount`` or ``negative``.
    """
    raw = text.strip()
    m = _AMOUNT.match(raw)
    if not m:
        raise PaymentError("amount", value=raw)
    try:
        value = Decimal(m.group("num").replace(",", "").replace(" ", ""))
    except InvalidOperation as exc:
        raise PaymentError("amount", value=raw) from exc
    if m.group("sign") or value <= 0:
        raise PaymentError("negative", value=raw)
    symbol = m.group("sym")
    return value, _SYMBOLS.get(symbol) if symbol else None


def parse_currency(text: str) -> str:
    word = text.strip()
    if word.lower() in _SYMBOLS:
        return _SYMBOLS[word.lower()]
    if not _CURRENCY.match(word):
        raise PaymentError("currency", value=word)
    return word.upper()


def parse_split(text: str) -> tuple[str, tuple[tuple[str, Decimal], ...]]:
    """A plan word or a split such as ``20/30/50`` → (key, ((stage, percent), …)).

    Raises:
        PaymentError: ``split``, ``percent_zero``, ``percent_sum`` or ``too_many_parts``.
    """
    word = text.strip().lower()
    word = _ALIASES.get(word, word)
    if word in PRESETS:
        return word, tuple((stage, Decimal(p)) for stage, p in PRESETS[word])
    if not _SPLIT.match(word):
        raise PaymentError("split", value=text.strip())
    parts = [Decimal(p.rstrip("%")) for p in word.split("/")]
    if len(parts) > MAX_PARTS:
        raise PaymentError("too_many_parts", limit=MAX_PARTS)
    if any(p <= 0 for p in parts):
        raise PaymentError("percent_zero", value=text.strip())
    total = sum(parts, Decimal(0))
    if total != 100:
        raise PaymentError("percent_sum", value=text.strip(), total=plain(total))
    stages = [DEPOSIT] + [DURING] * (len(parts) - 2) + [BEFORE_SHIPMENT]
    return "custom", tuple(zip(stages, parts, strict=True))


def classify_channel(text: str, rules: Mapping[str, Sequence[str]]) -> str | None:
    """``"bank transfer"`` → ``off_platform``; ``"1688"`` → ``platform``; unknown → None.

    ``rules`` maps ``off_platform`` and ``platform`` to lower-case substrings; off-platform
    words are tried first, so "personal alipay" is not mistaken for the platform's Alipay.
    """
    low = text.lower()
    for channel in ("off_platform", "platform"):
        if any(word in low for word in rules.get(channel, ())):
            return channel
    return None


def plain(value: Decimal) -> str:
    """``Decimal("70.0")`` → ``"70"``; ``Decimal("12.50")`` → ``"12.5"``."""
    return format(value.normalize(), "f")


def split_amounts(total: Decimal, percents: Sequence[Decimal]) -> list[Decimal]:
    """Amounts rounded to cents; the last part takes the rounding so they add up to ``total``."""
    amounts = [(total * p / 100).quantize(_CENT, ROUND_HALF_UP) for p in percents[:-1]]
    amounts.append(total - sum(amounts, Decimal(0)))
    return amounts


def build_plan(
    total: Decimal,
    currency: str,
    split: str,
    *,
    channel_text: str | None = None,
    channel_rules: Mapping[str, Sequence[str]] | None = None,
) -> Plan:
    """Validate and split a plan; warnings say what puts the buyer's money at risk.

    Raises:
        PaymentError: see the codes of :class:`PaymentError`.
    """
    if total <= 0:
        raise PaymentError("negative", value=plain(total))
    key, stages = parse_split(split)
    amounts = split_amounts(total, [p for _, p in stages])
    installments = tuple(
        Installment(stage, percent, amount)
        for (stage, percent), amount in zip(stages, amounts, strict=True)
    )
    channel = classify_channel(channel_text, channel_rules or {}) if channel_text else None
    plan = Plan(key, total, currency, installments, channel, ())
    warnings: list[str] = []
    if plan.before_production_percent > PREPAY_LIMIT:
        warnings.append("prepay_over_half")
    if channel == "off_platform":
        warnings.append("off_platform")
    return Plan(key, total, currency, installments, channel, tuple(warnings))


def check_dates(plan: Plan, due: Sequence[datetime]) -> None:
    """One due date per installment, in the order they are paid.

    Raises:
        PaymentError: ``dates`` (wrong count) or ``date_order``.
    """
    if len(due) != len(plan.installments):
        raise PaymentError("dates", needed=len(plan.installments), given=len(due))
    if any(later < earlier for earlier, later in itertools.pairwise(due)):
        raise PaymentError("date_order")


_MONEY = re.compile(
    r"^(?P<amount>[-−–]?\s*[¥￥$€£]?\s*\d[\d,]*(?:\.\d+)?)\s*(?P<currency>[A-Za-z]{3}|元|rmb)?$",
    re.IGNORECASE,
)


def looks_like_money(text: str) -> bool:
    return bool(_MONEY.match(text.strip()))


def parse_money(text: str, default_currency: str = "CNY") -> tuple[Decimal, str]:
    """``"5000 USD"`` / ``"¥35"`` / ``"35"`` → (amount, currency).

    Raises:
        PaymentError: ``amount``, ``negative`` or ``currency``.
    """
    raw = text.strip()
    m = _MONEY.match(raw)
    if not m:
        words = raw.split()
        if len(words) == 2 and looks_like_money(words[0]):
            raise PaymentError("currency", value=words[1])
        raise PaymentError("amount", value=raw)
    amount, symbol_currency = parse_amount(m.group("amount"))
    word = m.group("currency")
    currency = parse_currency(word) if word else symbol_currency or default_currency
    return amount, currency
