"""Keeping trade terms right when a buyer's message is machine-translated."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TermPinner:
    """Replaces English trade terms with the Chinese words 1688 suppliers use."""

    pattern: re.Pattern[str] | None
    terms: Mapping[str, str]

    @classmethod
    def from_mapping(cls, terms: Mapping[str, str]) -> TermPinner:
        folded = {k.casefold(): v for k, v in terms.items()}
        if not folded:
            return cls(None, folded)
        alternatives = "|".join(
            re.escape(k).replace(r"\ ", r"[\s-]+") for k in sorted(folded, key=len, reverse=True)
        )
        return cls(re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE), folded)

    def pin(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Return the text with terms replaced, and the (original, Chinese) pairs replaced."""
        if self.pattern is None:
            return text, []
        used: list[tuple[str, str]] = []

        def swap(m: re.Match[str]) -> str:
            key = re.sub(r"[\s-]+", " ", m.group(0)).casefold()
            zh = self.terms.get(key, m.group(0))
            if (m.group(0), zh) not in used:
                used.append((m.group(0), zh))
            return zh

        return self.pattern.sub(swap, text), used
