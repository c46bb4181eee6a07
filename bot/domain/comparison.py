"""/quotes: every supplier's latest terms for one product side by side, with the median price
and the prices too good to be true."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from bot.domain.quotes import first_price

#: A price below this share of the other suppliers' median is too good to be true.
TOO_GOOD_RATIO: Final = 0.6
#: How many other quotes the median must be built from before a price is judged.
MIN_OTHERS: Final = 2


@dataclass(frozen=True, slots=True)
class SupplierQuote:
    supplier_id: int
    name: str
    tier: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    #: Distinct red-flag codes seen in the supplier's messages.
    flag_count: int = 0


@dataclass(frozen=True, slots=True)
class QuoteRow:
    quote: SupplierQuote
    price: float | None
    #: The median of the other suppliers' prices, when there are enough of them.
    others_median: float | None
    too_good: bool


@dataclass(frozen=True, slots=True)
class Comparison:
    rows: tuple[QuoteRow, ...]
    #: The median of every supplier's price; None when nobody quoted one.
    median: float | None


def latest_facts(fact_dicts: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Merge facts oldest to newest: each key keeps the value stated last."""
    merged: dict[str, Any] = {}
    for facts in fact_dicts:
        merged.update(facts)
    return merged


def compare(
    quotes: Sequence[SupplierQuote],
    *,
    ratio: float = TOO_GOOD_RATIO,
    min_others: int = MIN_OTHERS,
) -> Comparison:
    """Rows cheapest first (suppliers without a price last, in their given order)."""
    prices = [first_price(q.facts.get("unit_price")) for q in quotes]
    rows: list[QuoteRow] = []
    for i, (quote, price) in enumerate(zip(quotes, prices, strict=True)):
        others = [p for j, p in enumerate(prices) if j != i and p is not None]
        others_median = float(statistics.median(others)) if len(others) >= min_others else None
        too_good = price is not None and others_median is not None and price < ratio * others_median
        rows.append(QuoteRow(quote, price, others_median, too_good))
    rows.sort(key=lambda r: (r.price is None, r.price or 0.0))
    quoted = [p for p in prices if p is not None]
    median = float(statistics.median(quoted)) if quoted else None
    return Comparison(tuple(rows), median)
