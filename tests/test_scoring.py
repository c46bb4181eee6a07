"""The supplier scorecard: weights, grade floors, caps and their reasons."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.scoring import (
    CRITERIA,
    CapReason,
    cap,
    cap_reasons,
    grade_for,
    scorecard,
    weighted_score,
)


def rated(q: int, d: int, s: int, c: int) -> dict[str, int]:
    return dict(zip(CRITERIA, (q, d, s, c), strict=True))


HIGH = {"code": "off_platform_payment", "severity": "high", "evidence": "加我微信转账"}
MEDIUM = {"code": "vague", "severity": "medium", "evidence": "看情况"}


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (rated(5, 5, 5, 5), 5.0),
        (rated(1, 1, 1, 1), 1.0),
        (rated(5, 1, 1, 1), 2.6),  # quality weighs 0.4
        (rated(1, 5, 1, 1), 2.2),  # delivery 0.3
        (rated(1, 1, 5, 1), 1.8),  # service 0.2
        (rated(1, 1, 1, 5), 1.4),  # cost 0.1
        (rated(5, 4, 4, 5), 4.5),
        (rated(4, 3, 3, 4), 3.5),
        (rated(4, 3, 4, 3), 3.6),
    ],
)
def test_weighted_score(ratings: dict[str, int], expected: float) -> None:
    assert weighted_score(ratings) == expected


@pytest.mark.parametrize(
    ("score", "grade"),
    [
        (5.0, "A"),
        (4.5, "A"),
        (4.49, "B"),
        (3.5, "B"),
        (3.49, "C"),
        (2.5, "C"),
        (2.49, "D"),
        (1.0, "D"),
    ],
)
def test_grade_floors(score: float, grade: str) -> None:
    assert grade_for(score) == grade


def test_floor_reached_through_float_weights_is_not_missed() -> None:
    # 0.4·5 + 0.3·4 + 0.2·4 + 0.1·5 is 4.500000000000001 or 4.499999… in floats.
    assert scorecard(rated(5, 4, 4, 5)).grade == "A"


@pytest.mark.parametrize(
    ("ratings", "flags", "years", "grade", "uncapped", "kinds"),
    [
        (rated(5, 5, 5, 5), [], None, "A", "A", []),
        (rated(5, 5, 5, 5), [HIGH], None, "C", "A", ["high_flag"]),
        (rated(4, 4, 4, 4), [HIGH], 3.0, "C", "B", ["high_flag"]),
        (rated(5, 5, 5, 5), [MEDIUM], 3.0, "A", "A", []),
        (rated(5, 5, 5, 5), [], 0.5, "C", "A", ["new_member"]),
        (rated(5, 5, 5, 5), [], 1.0, "A", "A", []),
        (rated(5, 5, 5, 5), [HIGH, HIGH], 0.5, "C", "A", ["high_flag", "new_member"]),
        # A cap never raises: C and D stay where the score put them.
        (rated(3, 3, 3, 3), [HIGH], 0.5, "C", "C", ["high_flag", "new_member"]),
        (rated(1, 2, 2, 2), [HIGH], None, "D", "D", ["high_flag"]),
    ],
)
def test_caps(
    ratings: dict[str, int],
    flags: list[dict[str, Any]],
    years: float | None,
    grade: str,
    uncapped: str,
    kinds: list[str],
) -> None:
    card = scorecard(ratings, flags, years)
    assert (card.grade, card.uncapped) == (grade, uncapped)
    assert [r.kind for r in card.reasons] == kinds
    assert card.capped == (grade != uncapped)


def test_reasons_carry_the_flag_and_its_first_evidence() -> None:
    second = {**HIGH, "evidence": "私下付款"}
    other = {"code": "pressure", "severity": "high", "evidence": "今天必须付款"}
    reasons = cap_reasons([MEDIUM, HIGH, second, other], 0.5)
    assert reasons == (
        CapReason("high_flag", "off_platform_payment", "加我微信转账"),
        CapReason("high_flag", "pressure", "今天必须付款"),
        CapReason("new_member", "0.5"),
    )


@pytest.mark.parametrize(("grade", "expected"), [("A", "C"), ("B", "C"), ("C", "C"), ("D", "D")])
def test_cap_lowers_only_better_grades(grade: str, expected: str) -> None:
    assert cap(grade, [CapReason("new_member", "0")]) == expected
    assert cap(grade, []) == grade


def test_incomplete_ratings_give_no_grade_but_name_what_is_missing() -> None:
    card = scorecard({"quality": 5, "service": 4}, [HIGH])
    assert card.score is None and card.grade is None
    assert card.missing == ("delivery", "cost")
    assert [r.kind for r in card.reasons] == ["high_flag"]


@pytest.mark.parametrize(
    "ratings", [{"quality": 0}, {"quality": 6}, {"looks": 3}, {"quality": True}, {"cost": 2.5}]
)
def test_bad_ratings_are_refused(ratings: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        scorecard(ratings)
