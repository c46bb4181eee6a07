"""A learned second opinion on red flags: logistic regression over character n-grams.

Hand-written rules are precise but miss wordings nobody thought of; a small linear model
trained on the labelled replies in ``eval/`` catches many of those. The model is data
(``phrases/reply_model.json``, written by ``scripts/train_reply_model.py``): for every
n-gram its inverse document frequency and one weight per flag code. Scoring is the
sublinear-tf, idf, L2-normalised dot product scikit-learn's ``TfidfVectorizer`` +
``LogisticRegression`` compute, done here with dicts so the runtime needs no numpy.

Pure: no I/O; the parsed JSON comes in as a mapping.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

from bot.errors import PifaError

#: Figures vary freely between replies; their shape ("a number here") is what carries meaning.
_DIGITS: Final = re.compile(r"\d+(?:\.\d+)?")
_SPACE: Final = re.compile(r"\s+")
#: Long pastes are scored in windows so that one reply's signal is not diluted by a whole
#: transcript, and so the cost stays linear (each window is scored on its own).
WINDOW: Final = 600


class ModelError(PifaError):
    """The model data is malformed."""


def prepare(norm: str) -> str:
    """The model's view of an already normalised text (see ``text.normalise``)."""
    return _SPACE.sub(" ", _DIGITS.sub("0", norm))


def learnable_codes(redflags: Mapping[str, Any]) -> tuple[str, ...]:
    """The codes a model can learn from text: all but those computed from facts."""
    return tuple(code for code, rule in redflags["codes"].items() if rule.get("kind") != "computed")


def asked_terms(asked: Iterable[str]) -> list[str]:
    """The question keys the buyer asked, as terms: "不方便" means little without its question."""
    return [f"ask:{key}" for key in asked]


def ngrams(prepared: str, low: int, high: int) -> Iterator[str]:
    """Every character n-gram of ``prepared`` with ``low <= n <= high``, as the model counts."""
    size = len(prepared)
    for n in range(low, high + 1):
        for i in range(size - n + 1):
            yield prepared[i : i + n]


@dataclass(frozen=True, slots=True)
class _Term:
    idf: float
    weights: tuple[tuple[int, float], ...]  # (code index, weight), zero weights left out


class ReplyModel:
    """Probabilities per flag code for one text; build once, call from any thread."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        try:
            self.codes: tuple[str, ...] = tuple(data["codes"])
            self.low, self.high = (int(x) for x in data["ngram_range"])
            self.intercepts: tuple[float, ...] = tuple(float(x) for x in data["intercepts"])
            self.add_at: dict[str, float] = {k: float(v) for k, v in data["add_at"].items()}
            self.veto_below: dict[str, float] = {k: float(v) for k, v in data["veto_below"].items()}
            terms: dict[str, _Term] = {}
            for gram, row in data["terms"].items():
                idf, *weights = row
                terms[gram] = _Term(
                    float(idf),
                    tuple((i, float(w)) for i, w in enumerate(weights) if w),
                )
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"reply model: malformed data ({exc!r})") from exc
        if len(self.intercepts) != len(self.codes) or not 1 <= self.low <= self.high:
            raise ModelError("reply model: codes, intercepts and ngram_range disagree")
        unknown = (set(self.add_at) | set(self.veto_below)) - set(self.codes)
        if unknown:
            raise ModelError(f"reply model: thresholds for unknown codes {sorted(unknown)}")
        self._terms = terms

    def probabilities(self, norm: str, asked: Iterable[str] = ()) -> dict[str, float]:
        """Each code's probability for ``norm``; a long text takes each window's maximum."""
        prepared = prepare(norm)
        extra = asked_terms(asked)
        best = [0.0] * len(self.codes)
        for start in range(0, max(len(prepared), 1), WINDOW):
            window = prepared[max(start - self.high + 1, 0) : start + WINDOW]
            for i, p in enumerate(self._window(window, extra)):
                best[i] = max(best[i], p)
        return dict(zip(self.codes, best, strict=True))

    def probability(self, norm: str, code: str, asked: Iterable[str] = ()) -> float:
        """``code``'s probability for ``norm`` (one clause, say)."""
        return self.probabilities(norm, asked)[code]

    def _window(self, prepared: str, extra: list[str]) -> list[float]:
        scores = [0.0] * len(self.codes)
        square = 0.0
        terms = self._terms
        counts = Counter(ngrams(prepared, self.low, self.high))
        counts.update(extra)
        for gram, count in counts.items():
            term = terms.get(gram)
            if term is None:
                continue
            value = (1.0 + math.log(count)) * term.idf
            square += value * value
            for i, w in term.weights:
                scores[i] += value * w
        norm = math.sqrt(square) or 1.0
        return [_sigmoid(b + s / norm) for b, s in zip(self.intercepts, scores, strict=True)]


def _sigmoid(x: float) -> float:
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)
