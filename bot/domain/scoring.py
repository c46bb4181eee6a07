"""The supplier scorecard: weighted score, grade, and the caps that keep a risky supplier at C.

score = 0.4·quality + 0.3·delivery + 0.2·service + 0.1·cost, each rated 1–5 by the buyer.
Grade A ≥ 4.5, B ≥ 3.5, C ≥ 2.5, else D. A high-severity red flag anywhere in the thread, or a
1688 membership under one year, caps the grade at C: a pleasant supplier who asked to be paid
outside the platform is not one to grow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

CRITERIA: Final[tuple[str, ...]] = ("quality", "delivery", "service", "cost")
WEIGHTS: Final[Mapping[str, float]] = {
    "quality": 0.4,
    "delivery": 0.3,
    "service": 0.2,
    "cost": 0.1,
}
#: (grade, lowest score that earns it), best first; below the last floor is D.
GRADE_FLOORS: Final[tuple[tuple[str, float], ...]] = (("A", 4.5), ("B", 3.5), ("C", 2.5))
GRADES: Final[tuple[str, ...]] = ("A", "B", "C", "D")
CAP_GRADE: Final = "C"
#: Members for fewer years than this have no track record worth trusting yet.
MIN_MEMBER_YEARS: Final = 1.0


@dataclass(frozen=True, slots=True)
class CapReason:
    """Why the grade is capped: ``high_flag`` (detail = flag code, evidence = its words) or
    ``new_member`` (detail = the years)."""

    kind: str
    detail: str
    evidence: str = ""


@dataclass(frozen=True, slots=True)
class Scorecard:
    ratings: Mapping[str, int]
    #: Criteria not rated yet; no score or grade until every one is.
    missing: tuple[str, ...]
    score: float | None
    grade: str | None
    #: The grade the score alone earns, before any cap.
    uncapped: str | None
    reasons: tuple[CapReason, ...]

    @property
    def capped(self) -> bool:
        return self.grade is not None and self.grade != self.uncapped


def check_rating(criterion: str, value: int) -> None:
    """Raise ValueError for an unknown criterion or a value outside 1–5."""
    if criterion not in WEIGHTS:
        raise ValueError(f"unknown criterion {criterion!r}")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise ValueError(f"a rating is a whole number from 1 to 5, not {value!r}")


def weighted_score(ratings: Mapping[str, int]) -> float:
    """The weighted score of a complete set of ratings, rounded to two decimals."""
    for criterion in CRITERIA:
        if criterion not in ratings:
            raise ValueError(f"no rating for {criterion}")
        check_rating(criterion, ratings[criterion])
    # Rounded so that 4.5 built from float weights compares as 4.5, not 4.499999….
    return round(sum(WEIGHTS[c] * ratings[c] for c in CRITERIA), 2)


def grade_for(score: float) -> str:
    for grade, floor in GRADE_FLOORS:
        if score >= floor:
            return grade
    return "D"


def cap_reasons(
    flags: Iterable[Mapping[str, Any]], member_years: float | None
) -> tuple[CapReason, ...]:
    """Reasons to cap the grade: each high-severity flag code once (first evidence), then a
    membership under one year. Unknown membership is not a reason."""
    reasons: list[CapReason] = []
    seen: set[str] = set()
    for flag in flags:
        code = str(flag.get("code", ""))
        if flag.get("severity") != "high" or not code or code in seen:
            continue
        seen.add(code)
        reasons.append(CapReason("high_flag", code, str(flag.get("evidence") or "")))
    if member_years is not None and member_years < MIN_MEMBER_YEARS:
        reasons.append(CapReason("new_member", f"{member_years:g}"))
    return tuple(reasons)


def cap(grade: str, reasons: Iterable[CapReason]) -> str:
    """``grade``, lowered to C when there is any reason; D stays D."""
    if any(True for _ in reasons) and GRADES.index(grade) < GRADES.index(CAP_GRADE):
        return CAP_GRADE
    return grade


def scorecard(
    ratings: Mapping[str, int],
    flags: Iterable[Mapping[str, Any]] = (),
    member_years: float | None = None,
) -> Scorecard:
    """Everything the /score card shows, from the ratings given so far."""
    clean: dict[str, int] = {}
    for criterion, value in ratings.items():
        check_rating(criterion, value)
        clean[criterion] = value
    reasons = cap_reasons(flags, member_years)
    missing = tuple(c for c in CRITERIA if c not in clean)
    if missing:
        return Scorecard(clean, missing, None, None, None, reasons)
    score = weighted_score(clean)
    uncapped = grade_for(score)
    return Scorecard(clean, (), score, cap(uncapped, reasons), uncapped, reasons)
