"""Comparing suppliers' quotes: product matching and the reference (median) price."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from typing import Any


def product_key(name: str | None) -> str:
    """Normalise a product name for matching: case and spacing do not matter."""
    if not name:
        return ""
    return re.sub(r"\s+", " ", name).strip().casefold()


def first_price(value: Any) -> float | None:
    """A unit price fact (number or ``[low, high]``) as one number: the low end of a range."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, list | tuple) and value and isinstance(value[0], int | float):
        return float(value[0])
    return None


def reference_price(quotes: Iterable[Mapping[str, Any]], *, minimum: int = 2) -> float | None:
    """Median unit price of ``quotes`` (facts dicts); None with fewer than ``minimum``."""
    prices = [p for q in quotes if (p := first_price(q.get("unit_price"))) is not None]
    if len(prices) < minimum:
        return None
    return float(statistics.median(prices))
