"""Reading WHEN with an injected clock, for buyers in Shanghai and New York around DST changes.

Expected instants are written in UTC by hand: America/New_York moved to EDT (UTC-4) at
2026-03-08 02:00 and back to EST (UTC-5) at 2026-11-01 02:00; Asia/Shanghai is UTC+8 all year.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.domain.when import WhenError, days_later, parse_exact, parse_when, require_future

NY = ZoneInfo("America/New_York")
SH = ZoneInfo("Asia/Shanghai")


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


# Clocks (all given in UTC).
NY_BEFORE_SPRING = utc(2026, 3, 7, 15, 0)  # Sat 10:00 EST, the day before clocks go forward
NY_AFTER_SPRING = utc(2026, 3, 9, 14, 0)  # Mon 10:00 EDT
NY_BEFORE_FALL = utc(2026, 10, 31, 14, 0)  # Sat 10:00 EDT, the day before clocks go back
NY_AFTER_FALL = utc(2026, 11, 2, 15, 0)  # Mon 10:00 EST
SH_MORNING = utc(2026, 3, 7, 2, 0)  # Sat 10:00 in Shanghai
NY_NIGHT_OF_CHANGE = utc(2026, 3, 8, 6, 30)  # 01:30 EST in New York, 14:30 in Shanghai


@pytest.mark.parametrize(
    ("tz", "now", "text", "expected"),
    [
        # New York, before the spring change: calendar phrases keep the wall clock.
        (NY, NY_BEFORE_SPRING, "tomorrow 9am", utc(2026, 3, 8, 13, 0)),
        (NY, NY_BEFORE_SPRING, "in 1 day", utc(2026, 3, 8, 14, 0)),
        (NY, NY_BEFORE_SPRING, "in 24 hours", utc(2026, 3, 8, 15, 0)),
        (NY, NY_BEFORE_SPRING, "in 2 hours", utc(2026, 3, 7, 17, 0)),
        (NY, NY_BEFORE_SPRING, "in 3 days", utc(2026, 3, 10, 14, 0)),
        (NY, NY_BEFORE_SPRING, "next friday", utc(2026, 3, 13, 13, 0)),
        (NY, NY_BEFORE_SPRING, "friday 5pm", utc(2026, 3, 13, 21, 0)),
        (NY, NY_BEFORE_SPRING, "tonight", utc(2026, 3, 8, 1, 0)),
        (NY, NY_BEFORE_SPRING, "at 5pm", utc(2026, 3, 7, 22, 0)),
        (NY, NY_BEFORE_SPRING, "9am", utc(2026, 3, 8, 13, 0)),  # 9:00 passed today
        (NY, NY_BEFORE_SPRING, "2026-12-05 14:00", utc(2026, 12, 5, 19, 0)),
        (NY, NY_BEFORE_SPRING, "2026-12-05", utc(2026, 12, 5, 14, 0)),
        (NY, NY_BEFORE_SPRING, "December 5", utc(2026, 12, 5, 14, 0)),
        (NY, NY_BEFORE_SPRING, "dec 5 3pm", utc(2026, 12, 5, 20, 0)),
        (NY, NY_BEFORE_SPRING, "in half an hour", utc(2026, 3, 7, 15, 30)),
        (NY, NY_BEFORE_SPRING, "day after tomorrow 10:30", utc(2026, 3, 9, 14, 30)),
        # 02:30 does not exist on 8 March in New York: it moves forward by the gap.
        (NY, NY_BEFORE_SPRING, "2026-03-08 02:30", utc(2026, 3, 8, 7, 30)),
        # New York, after the spring change.
        (NY, NY_AFTER_SPRING, "tomorrow 9am", utc(2026, 3, 10, 13, 0)),
        (NY, NY_AFTER_SPRING, "in 2 hours", utc(2026, 3, 9, 16, 0)),
        (NY, NY_AFTER_SPRING, "next friday", utc(2026, 3, 13, 13, 0)),
        # New York, around the autumn change: the day gets an hour longer.
        (NY, NY_BEFORE_FALL, "tomorrow 9am", utc(2026, 11, 1, 14, 0)),
        (NY, NY_BEFORE_FALL, "in 1 day", utc(2026, 11, 1, 15, 0)),
        (NY, NY_BEFORE_FALL, "in 24 hours", utc(2026, 11, 1, 14, 0)),
        (NY, NY_BEFORE_FALL, "2026-11-01 01:30", utc(2026, 11, 1, 5, 30)),  # first 01:30
        (NY, NY_AFTER_FALL, "tomorrow 9am", utc(2026, 11, 3, 14, 0)),
        (NY, NY_AFTER_FALL, "in 1 week", utc(2026, 11, 9, 15, 0)),
        # Shanghai: no daylight saving, +8 all year.
        (SH, SH_MORNING, "tomorrow 9am", utc(2026, 3, 8, 1, 0)),
        (SH, SH_MORNING, "in 1 day", utc(2026, 3, 8, 2, 0)),
        (SH, SH_MORNING, "next friday", utc(2026, 3, 13, 1, 0)),
        (SH, SH_MORNING, "2026-12-05 14:00", utc(2026, 12, 5, 6, 0)),
        (SH, SH_MORNING, "in 2 hours", utc(2026, 3, 7, 4, 0)),
        (SH, SH_MORNING, "in 1 month", utc(2026, 4, 7, 2, 0)),
        # The same instant, on both sides of the world, the night New York springs forward.
        (SH, NY_NIGHT_OF_CHANGE, "in 1 day", utc(2026, 3, 9, 6, 30)),
        (NY, NY_NIGHT_OF_CHANGE, "in 1 day", utc(2026, 3, 9, 5, 30)),
        (SH, NY_NIGHT_OF_CHANGE, "tomorrow 9am", utc(2026, 3, 9, 1, 0)),
        (NY, NY_NIGHT_OF_CHANGE, "tomorrow 9am", utc(2026, 3, 9, 13, 0)),
        (NY, NY_NIGHT_OF_CHANGE, "today 9am", utc(2026, 3, 8, 13, 0)),
    ],
)
def test_moment(tz: ZoneInfo, now: datetime, text: str, expected: datetime) -> None:
    found = parse_exact(text, now=now, tz=tz)
    # In UTC: PEP 495 makes an ambiguous local time unequal to every other zone's instant.
    assert found.moment.astimezone(UTC) == expected
    assert found.moment.tzinfo is tz  # shown to the buyer on their own clock


@pytest.mark.parametrize(
    ("text", "phrase", "rest"),
    [
        ("tomorrow 9am call Li about the samples", "tomorrow 9am", "call Li about the samples"),
        ("in 3 days check the tracking number", "in 3 days", "check the tracking number"),
        ("next friday pay the balance", "next friday", "pay the balance"),
        ("in 2 hours: ask for photos", "in 2 hours", "ask for photos"),
        ("2026-12-05 14:00 Canton fair", "2026-12-05 14:00", "Canton fair"),
        ("tomorrow 9am 500 pcs order", "tomorrow 9am", "500 pcs order"),  # not 500 as a date
        ("December 5 3pm ship", "December 5 3pm", "ship"),
        ("tomorrow, 9am — call", "tomorrow, 9am", "call"),
        ("next week send the logo", "next week", "send the logo"),
    ],
)
def test_when_is_the_longest_leading_part(text: str, phrase: str, rest: str) -> None:
    found = parse_when(text, now=NY_BEFORE_SPRING, tz=NY)
    assert found is not None
    assert (found.phrase, found.rest) == (phrase, rest)


@pytest.mark.parametrize(
    "text",
    ["call Li tomorrow", "a thing", "may I ask", "500 pcs tomorrow", "in 3", "2026-02-30 x", ""],
)
def test_no_leading_date(text: str) -> None:
    assert parse_when(text, now=SH_MORNING, tz=SH) is None


@pytest.mark.parametrize(
    ("text", "has_time"),
    [("tomorrow", False), ("tomorrow 9am", True), ("in 2 hours", True), ("next friday", False)],
)
def test_has_time(text: str, has_time: bool) -> None:
    assert parse_exact(text, now=SH_MORNING, tz=SH).has_time is has_time


def test_day_without_time_is_nine_on_the_buyers_clock() -> None:
    found = parse_exact("tomorrow", now=SH_MORNING, tz=SH, default_time=time(8, 15))
    assert found.moment == utc(2026, 3, 8, 0, 15)


@pytest.mark.parametrize(
    ("text", "code"),
    [("next blursday", "unparsed"), ("in 3 days please", "extra"), ("", "unparsed")],
)
def test_exact_errors(text: str, code: str) -> None:
    with pytest.raises(WhenError) as err:
        parse_exact(text, now=SH_MORNING, tz=SH)
    assert err.value.code == code


@pytest.mark.parametrize("text", ["yesterday", "today 9am", "3 days ago"])
def test_past_is_refused(text: str) -> None:
    found = parse_exact(text, now=SH_MORNING, tz=SH)
    with pytest.raises(WhenError) as err:
        require_future(found, SH_MORNING)
    assert err.value.code == "past"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("friday", utc(2026, 3, 6, 1, 0)),  # the Friday before Saturday 7 March
        ("yesterday", utc(2026, 3, 6, 1, 0)),
        ("3 days ago", utc(2026, 3, 4, 2, 0)),
    ],
)
def test_prefer_past_for_order_dates(text: str, expected: datetime) -> None:
    assert parse_exact(text, now=SH_MORNING, tz=SH, prefer="past").moment == expected


@pytest.mark.parametrize(
    ("tz", "now", "days", "expected"),
    [
        (NY, NY_BEFORE_SPRING, 3, utc(2026, 3, 10, 14, 0)),  # 71 hours: same wall clock
        (NY, NY_BEFORE_FALL, 3, utc(2026, 11, 3, 15, 0)),  # 73 hours
        (SH, SH_MORNING, 3, utc(2026, 3, 10, 2, 0)),
        (NY, NY_AFTER_SPRING, -1, utc(2026, 3, 8, 14, 0)),  # the day before, across the change
    ],
)
def test_days_later(tz: ZoneInfo, now: datetime, days: int, expected: datetime) -> None:
    assert days_later(now, tz, days) == expected


def test_naive_clock_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_when("tomorrow", now=datetime(2026, 3, 7, 10, 0), tz=SH)
