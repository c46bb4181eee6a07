"""The reply analyser: flags, facts and unanswered questions of one supplier reply."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.domain.keys import CHECKED_KEYS, QUESTION_KEYS
from bot.errors import InputError

from .facts import FactExtractor, Facts
from .flags import Hit, hedge_hit, pattern_hit, refusal_hits
from .model import ReplyModel
from .rules import Rules, compile_rules
from .text import Segments, normalise

_HAS_NUMBER = re.compile(r"[0-9零一二两三四五六七八九十百千万半]")


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    severity: str
    evidence: str
    advice: str


@dataclass(frozen=True, slots=True)
class Analysis:
    flags: tuple[Flag, ...]
    facts: dict[str, float | int | list[float]]
    unanswered: tuple[str, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(f.code for f in self.flags)

    def to_contract(self) -> dict[str, Any]:
        """The ``pifa check`` output object of DESIGN.md (advice is not part of it)."""
        return {
            "flags": [
                {"code": f.code, "severity": f.severity, "evidence": f.evidence} for f in self.flags
            ],
            "facts": {k: (list(v) if isinstance(v, list) else v) for k, v in self.facts.items()},
            "unanswered": list(self.unanswered),
        }


class Analyser:
    """Compiles the rule data once; ``analyse`` is pure and safe to call from any thread."""

    def __init__(self, rules: Mapping[str, Any]) -> None:
        self.rules: Rules = compile_rules(rules)
        model = rules.get("model")
        self.model: ReplyModel | None = ReplyModel(model) if model else None
        self.model_codes = (
            tuple(c for c in self.model.codes if c in self.rules.codes) if self.model else ()
        )
        self._facts = FactExtractor(self.rules.facts)
        self._refusal_rules = [r for r in self.rules.codes.values() if r.kind == "refusal"]

    def analyse(
        self,
        text: str,
        asked: Iterable[str] = (),
        market_price: float | None = None,
        *,
        too_low_ratio: float = 0.6,
    ) -> Analysis:
        asked_keys = _check_asked(asked)
        market = _check_price(market_price)
        norm = normalise(text)
        seg = Segments.of(norm)
        rules = self.rules

        hits: dict[str, Hit] = {}
        cleared: set[str] = set()
        for rule in rules.codes.values():
            if rule.kind == "pattern":
                hit = pattern_hit(norm, rule, rules, seg, cleared)
                if hit:
                    hits[rule.code] = hit
        for hit in refusal_hits(norm, self._refusal_rules, rules, seg, cleared):
            hits[hit.code] = hit
        opinion = (
            _Opinion(
                self.model,
                self.model.probabilities(norm, asked_keys),
                cleared,
                norm,
                seg,
                asked_keys,
            )
            if self.model
            else None
        )
        if opinion:
            # Full prepayment decides the deposit fact, so the model votes on it before facts.
            opinion.vote(hits, ("full_prepayment",))

        facts = self._facts.extract(
            norm,
            seg,
            lead_asked="lead_time" in asked_keys,
            full_prepay="full_prepayment" in hits,
            moq_asked="moq" in asked_keys,
            price_asked="price" in asked_keys,
        )

        def resolved(topic: str, cs: int, ce: int, hedge: tuple[int, int]) -> bool:
            if topic == "price":
                return facts.price_mentioned
            if topic == "moq":
                return facts.moq_answered
            if topic == "lead_time":
                # A hedged date ("月底前能发 但不敢保证") still evades: only days resolve it.
                return "lead_time_days" in facts.values
            # The hedge's own characters state no figure: the 一 of 不一定 / 一般 is none.
            hs, he = hedge
            before = _HAS_NUMBER.search(norm, cs, max(cs, hs))
            return bool(before or _HAS_NUMBER.search(norm, he, ce))

        for rule in rules.codes.values():
            if rule.kind == "hedge":
                hit = hedge_hit(norm, rule, seg, asked_keys, resolved, cleared)
                if hit:
                    hits[rule.code] = hit
        if opinion:
            opinion.vote(hits, tuple(c for c in self.model_codes if c != "full_prepayment"))

        unanswered = tuple(k for k in CHECKED_KEYS if k in asked_keys and not _answers(k, facts))
        flags = [self._flag(h.code, text[h.start : h.end]) for h in hits.values()]
        if unanswered and "unanswered" in rules.codes:
            flags.append(self._flag("unanswered", ""))
        low = _too_low(facts, market, too_low_ratio)
        if low and facts.price_span and "price_too_low" in rules.codes:
            start, end = facts.price_span
            flags.append(self._flag("price_too_low", text[start:end]))
        flags.sort(key=lambda f: f.code)
        return Analysis(tuple(flags), dict(facts.values), unanswered)

    def _flag(self, code: str, evidence: str) -> Flag:
        rule = self.rules.codes[code]
        return Flag(code, rule.severity, evidence, rule.advice)


@dataclass(frozen=True, slots=True)
class _Opinion:
    """The model's probabilities for one reply, and what the rules cleared in it."""

    model: ReplyModel
    probs: Mapping[str, float]
    cleared: set[str]
    norm: str
    seg: Segments
    asked: tuple[str, ...]

    def vote(self, hits: dict[str, Hit], codes: tuple[str, ...]) -> None:
        """Add a flag the model is sure of, or drop a rule hit it finds unlikely.

        The model adds nothing the rules cleared: a negated or safe mention ("我们不会让您先付
        全款") looks to character n-grams much like the danger it denies. Rules keep the final
        word where the model has no veto threshold: the payment codes carry none, because a
        missed scam costs the buyer more than a false alarm.
        """
        model = self.model
        for code in codes:
            p = self.probs[code]
            if code in hits:
                if p < model.veto_below.get(code, 0.0):
                    del hits[code]
            elif p >= model.add_at.get(code, 2.0) and code not in self.cleared:
                start, end = _best_clause(model, self.norm, self.seg, code, self.asked)
                hits[code] = Hit(code, start, end)


#: A hostile paste may have thousands of clauses; evidence comes from the first ones.
_MAX_EVIDENCE_CLAUSES = 400


def _best_clause(
    model: ReplyModel, norm: str, seg: Segments, code: str, asked: tuple[str, ...]
) -> tuple[int, int]:
    """The clause the model finds most telling; a sentence when no clause alone convinces it."""
    span = (0, len(norm))
    for spans in (seg.clauses, seg.sentences):
        best = -1.0
        for start, end in spans[:_MAX_EVIDENCE_CLAUSES]:
            p = model.probability(norm[start:end], code, asked) if end - start > 1 else 0.0
            if p > best:
                best, span = p, (start, end)
        if best >= 0.5:
            break
    return span


def _answers(key: str, facts: Facts) -> bool:
    """Whether the reply answers checked question ``key`` (moq, price or lead_time)."""
    return {
        "price": facts.price_mentioned,
        "moq": facts.moq_answered,
        "lead_time": facts.lead_answered,
    }[key]


def _too_low(facts: Facts, market: float | None, ratio: float) -> bool:
    price = facts.values.get("unit_price")
    if market is None or price is None:
        return False
    low = price[0] if isinstance(price, list) else price
    return float(low) < ratio * market


def _check_asked(asked: Iterable[str]) -> tuple[str, ...]:
    if isinstance(asked, str):
        raise InputError("asked must be a list of question keys, not a string")
    keys: list[str] = []
    for key in asked:
        if not isinstance(key, str) or key not in QUESTION_KEYS:
            raise InputError(f"unknown question key {key!r}; use {', '.join(QUESTION_KEYS)}")
        if key not in keys:
            keys.append(key)
    return tuple(keys)


def _check_price(value: float | None) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InputError("market_price must be a positive number or null")
    if value <= 0:
        raise InputError("market_price must be a positive number or null")
    return float(value)
