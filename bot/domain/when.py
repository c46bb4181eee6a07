"""When a reminder is due, from plain words: "in 3 days", "tomorrow 9am", "next friday".

The phrases buyers write most are read by a small grammar here, because dateparser misses some
("in half an hour", "day after tomorrow") and reads others too loosely (it takes a lone "a" as a
date, and "tomorrow 9am 500" as ten o'clock). Everything else ("December 5", "5 dec 2026 3pm",
"next week") goes to dateparser, accepted only when every word is date vocabulary.

All arithmetic is done on the buyer's wall clock and then placed in their zone, so "tomorrow
9am" is 9:00 on their clock whatever the daylight-saving offset is that day; a wall time that
does not exist (skipped at a spring-forward change) moves forward by the gap. "in 2 hours" is
elapsed time and is added in UTC. Nothing here reads the real clock: callers pass ``now``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal

import dateparser

from bot.errors import InputError

Prefer = Literal["future", "past"]
#: A reminder for a day with no time of day is at this time on the buyer's clock.
DEFAULT_TIME = time(9, 0)
#: Longest phrase tried for WHEN; a date never needs more words.
MAX_WORDS = 8

_WEEKDAYS = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30,
}  # fmt: skip
_UNITS = {
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds",
    "seconds": "seconds", "m": "minutes", "min": "minutes", "mins": "minutes",
    "minute": "minutes", "minutes": "minutes", "h": "hours", "hr": "hours", "hrs": "hours",
    "hour": "hours", "hours": "hours", "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "wks": "weeks", "week": "weeks", "weeks": "weeks",
    "mo": "months", "month": "months", "months": "months",
}  # fmt: skip
_MONTHS = {name.lower() for name in (*calendar.month_name[1:], *calendar.month_abbr[1:], "sept")}

_TIME = (
    r"(?:(?P<h12>\d{1,2})(?::(?P<m12>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)"
    r"|(?P<h24>\d{1,2})[:.h](?P<m24>\d{2})|(?P<word>noon|midday|midnight))"
)
_AT_TIME = rf"(?:\s*,?\s*(?:at\s+)?{_TIME})"
_NUM = r"(?P<n>\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")"
_UNIT = r"(?P<unit>" + "|".join(sorted(_UNITS, key=len, reverse=True)) + r")"
_RE_RELATIVE = re.compile(rf"in\s+(?:(?P<half>half\s+an\s+hour)|{_NUM}\s*{_UNIT})")
_RE_AGO = re.compile(rf"{_NUM}\s*{_UNIT}\s+ago")
_RE_DAYWORD = re.compile(
    r"(?P<day>today|tonight|tomorrow|tmrw|tmr|yesterday|(?:the\s+)?day\s+after\s+tomorrow)"
    + rf"{_AT_TIME}?"
)
_RE_WEEKDAY = re.compile(
    r"(?:(?P<which>next|this|on|last)\s+)?(?P<wd>"
    + "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
    + rf")\.?{_AT_TIME}?"
)
_RE_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})" + rf"(?:(?:\s+|t)(?:at\s+)?{_TIME})?"
)
_RE_TIME_ONLY = re.compile(rf"(?:at\s+)?{_TIME}")

# dateparser is trusted only on phrases made of these words (plus numbers and date-like
# tokens), and only when one of them actually names a time.
_VOCAB = (
    _MONTHS
    | set(_WEEKDAYS)
    | set(_UNITS)
    | set(_NUMBER_WORDS)
    | {
        "in", "at", "on", "the", "of", "next", "this", "last", "coming", "today", "tonight",
        "tomorrow", "yesterday", "noon", "midnight", "midday", "morning", "afternoon",
        "evening", "ago", "after", "before", "and", "half", "am", "pm", "year", "years",
        "utc", "gmt", "st", "nd", "rd", "th", "end", "beginning",
    }
)  # fmt: skip
_ANCHORS = _MONTHS | set(_WEEKDAYS) | set(_UNITS) | {
    "today", "tonight", "tomorrow", "yesterday", "noon", "midnight", "year", "years",
}  # fmt: skip
_DATE_TOKEN = re.compile(r"^[\d]+(?:[-/.:][\d]+)*(?:am|pm|st|nd|rd|th|h)?$")
_BARE_NUMBER = re.compile(r"^\d+$")
_HAS_TIME = re.compile(
    r"\d:\d|\d\s*(?:am|pm)\b|\b(?:noon|midday|midnight|now|hours?|minutes?|mins?|seconds?|"
    r"secs?|hrs?)\b"
)
_TRAILING = " \t,:;.!-—–"


class WhenError(InputError):
    """The buyer's date cannot be used. ``code`` names the problem for the reply text.

    Codes: ``unparsed`` (no leading date), ``past`` (it is not in the future), ``future`` (a
    date that must be past, such as an order date, is in the future), ``extra`` (words after
    a date that should stand alone).
    """

    def __init__(self, code: str, phrase: str = "") -> None:
        super().__init__(f"{code}: {phrase}")
        self.code = code
        self.phrase = phrase


@dataclass(frozen=True, slots=True)
class When:
    """A parsed moment and the words it came from."""

    moment: datetime
    phrase: str
    rest: str
    has_time: bool


def localize(wall: datetime, tz: tzinfo) -> datetime:
    """Place a naive wall-clock time in ``tz``; a skipped (non-existent) time moves forward."""
    aware = wall.replace(tzinfo=tz)
    return aware.astimezone(UTC).astimezone(tz)


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _clock(m: re.Match[str]) -> time | None:
    groups = m.groupdict()
    if groups.get("word"):
        return time(0, 0) if groups["word"] == "midnight" else time(12, 0)
    if groups.get("h12"):
        hour, minute = int(groups["h12"]), int(groups["m12"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise ValueError("bad 12-hour time")
        pm = groups["ampm"].startswith("p")
        return time(hour % 12 + (12 if pm else 0), minute)
    if groups.get("h24"):
        hour, minute = int(groups["h24"]), int(groups["m24"])
        if hour > 23 or minute > 59:
            raise ValueError("bad 24-hour time")
        return time(hour, minute)
    return None


def _count(raw: str) -> int:
    return _NUMBER_WORDS[raw] if raw in _NUMBER_WORDS else int(raw)


def _shift(local_now: datetime, tz: tzinfo, n: int, unit: str) -> datetime:
    if unit in ("seconds", "minutes", "hours"):
        elapsed = timedelta(**{unit: n})
        return (local_now.astimezone(UTC) + elapsed).astimezone(tz)
    wall = local_now.replace(tzinfo=None)
    if unit == "months":
        target = _add_months(wall.date(), n)
        return localize(datetime.combine(target, wall.time()), tz)
    days = n * 7 if unit == "weeks" else n
    return localize(wall + timedelta(days=days), tz)


def _on_day(day: date, at: time | None, tz: tzinfo, default: time) -> datetime:
    return localize(datetime.combine(day, at or default), tz)


def _grammar(
    phrase: str, local_now: datetime, tz: tzinfo, prefer: Prefer, default: time
) -> tuple[datetime, bool] | None:
    """The phrases read here; (moment, has_time) or None."""
    today = local_now.date()
    if phrase == "now":
        return local_now, True
    if m := _RE_RELATIVE.fullmatch(phrase):
        if m.group("half"):
            return _shift(local_now, tz, 30, "minutes"), True
        unit = _UNITS[m.group("unit")]
        return _shift(local_now, tz, _count(m.group("n")), unit), unit in (
            "seconds", "minutes", "hours"
        )  # fmt: skip
    if m := _RE_AGO.fullmatch(phrase):
        unit = _UNITS[m.group("unit")]
        return _shift(local_now, tz, -_count(m.group("n")), unit), unit in (
            "seconds", "minutes", "hours"
        )  # fmt: skip
    if m := _RE_DAYWORD.fullmatch(phrase):
        word = m.group("day")
        offset = {"today": 0, "tonight": 0, "yesterday": -1}.get(word, 2 if "after" in word else 1)
        at = _clock(m)
        if word == "tonight" and at is None:
            at = time(20, 0)
        elif word == "tonight" and at is not None and at.hour < 12:
            at = at.replace(hour=at.hour + 12)
        return _on_day(today + timedelta(days=offset), at, tz, default), at is not None
    if m := _RE_WEEKDAY.fullmatch(phrase):
        return _weekday(m, local_now, tz, prefer, default)
    if m := _RE_ISO.fullmatch(phrase):
        day = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
        at = _clock(m)
        return _on_day(day, at, tz, default), at is not None
    if m := _RE_TIME_ONLY.fullmatch(phrase):
        at = _clock(m)
        assert at is not None
        moment = _on_day(today, at, tz, default)
        if prefer == "future" and moment <= local_now:
            moment = _on_day(today + timedelta(days=1), at, tz, default)
        return moment, True
    return None


def _weekday(
    m: re.Match[str], local_now: datetime, tz: tzinfo, prefer: Prefer, default: time
) -> tuple[datetime, bool]:
    """``next friday`` is the first Friday after today; ``friday`` / ``this friday`` /
    ``on friday`` is the nearest Friday still ahead (today only if the time is still to
    come); ``last friday`` (and any weekday when ``prefer`` is past) looks back."""
    target = _WEEKDAYS[m.group("wd")]
    which = m.group("which")
    at = _clock(m)
    today = local_now.date()
    if which == "last" or (prefer == "past" and which != "next"):
        back = (today.weekday() - target) % 7 or 7
        return _on_day(today - timedelta(days=back), at, tz, default), at is not None
    ahead = (target - today.weekday()) % 7
    if which == "next" and ahead == 0:
        ahead = 7
    moment = _on_day(today + timedelta(days=ahead), at, tz, default)
    if moment <= local_now:
        moment = _on_day(today + timedelta(days=ahead + 7), at, tz, default)
    return moment, at is not None


def _is_date_token(word: str) -> bool:
    """``5/12``, ``14:00``, ``3pm``, ``5th``: a number shaped like part of a date."""
    return bool(_DATE_TOKEN.match(word)) and not _BARE_NUMBER.match(word)


def _looks_like_a_date(words: list[str]) -> bool:
    """Guard against dateparser's generosity: only date words, one of which names a time."""
    if any(w not in _VOCAB and not _DATE_TOKEN.match(w) for w in words):
        return False
    if not any(w in _ANCHORS or _is_date_token(w) for w in words):
        return False
    # "may", "march": a month alone is more often an ordinary word than a date.
    if all(w in _MONTHS or (w in _VOCAB and w not in _ANCHORS) for w in words):
        return False
    # "tomorrow 9am 500": a trailing bare number is a quantity, unless it follows a month
    # ("december 5") or is a year ("5 dec 2026").
    last = words[-1]
    return not (
        len(words) > 1 and _BARE_NUMBER.match(last) and words[-2] not in _MONTHS and len(last) != 4
    )


def _dateparser(
    phrase: str, local_now: datetime, tz: tzinfo, prefer: Prefer, default: time
) -> tuple[datetime, bool] | None:
    words = phrase.replace(",", " ").split()
    if not words or not _looks_like_a_date(words):
        return None
    found = dateparser.parse(
        phrase,
        languages=["en"],
        settings={
            "PREFER_DATES_FROM": prefer,
            "RELATIVE_BASE": local_now.replace(tzinfo=None),
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if found is None:
        return None
    has_time = bool(_HAS_TIME.search(phrase))
    if found.tzinfo is not None:  # the phrase named its own zone ("14:00 UTC")
        return found.astimezone(tz), has_time
    if not has_time:
        return _on_day(found.date(), None, tz, default), False
    return localize(found, tz), True


def _parse_phrase(
    phrase: str, local_now: datetime, tz: tzinfo, prefer: Prefer, default: time
) -> tuple[datetime, bool] | None:
    phrase = re.sub(r"\s+", " ", phrase.strip(_TRAILING).lower())
    if not phrase:
        return None
    try:
        return _grammar(phrase, local_now, tz, prefer, default) or _dateparser(
            phrase, local_now, tz, prefer, default
        )
    except (ValueError, OverflowError):  # 2026-02-30, 25:00, year 99999
        return None


def parse_when(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    prefer: Prefer = "future",
    default_time: time = DEFAULT_TIME,
) -> When | None:
    """Read the longest leading part of ``text`` that is a date or time.

    Args:
        text: e.g. ``"tomorrow 9am call Li about the samples"``.
        now: the current moment (aware); tests pass a fixed clock.
        tz: the buyer's zone; the result is expressed in it.
        prefer: whether an incomplete date ("friday", "march 3") means the next or the last.
        default_time: the time of a phrase that names only a day.

    Returns:
        The moment (in ``tz``), the words that gave it and the rest of ``text``; None when
        no leading part is a date.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    local_now = now.astimezone(tz)
    spans = [m.span() for m in re.finditer(r"\S+", text)][:MAX_WORDS]
    for k in range(len(spans), 0, -1):
        end = spans[k - 1][1]
        parsed = _parse_phrase(text[:end], local_now, tz, prefer, default_time)
        if parsed is not None:
            moment, has_time = parsed
            rest = text[end:].lstrip(_TRAILING)
            return When(moment, text[:end].strip(_TRAILING), rest.strip(), has_time)
    return None


def parse_exact(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    prefer: Prefer = "future",
    default_time: time = DEFAULT_TIME,
) -> When:
    """Like :func:`parse_when`, but the whole text must be the date.

    Raises:
        WhenError: ``unparsed`` or ``extra``.
    """
    found = parse_when(text, now=now, tz=tz, prefer=prefer, default_time=default_time)
    if found is None:
        raise WhenError("unparsed", text.strip())
    if found.rest:
        raise WhenError("extra", text.strip())
    return found


def require_future(when: When, now: datetime) -> When:
    """Raises WhenError ``past`` unless ``when`` is after ``now``."""
    if when.moment <= now:
        raise WhenError("past", when.phrase)
    return when


def days_later(now: datetime, tz: tzinfo, days: int, at: time | None = None) -> datetime:
    """The same wall-clock time (or ``at``) ``days`` calendar days later on the buyer's clock."""
    local = now.astimezone(tz)
    wall = local.replace(tzinfo=None) + timedelta(days=days)
    if at is not None:
        wall = datetime.combine(wall.date(), at)
    return localize(wall, tz)
