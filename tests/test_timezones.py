from datetime import datetime, timedelta

import pytest

from bot.domain.timezones import parse_timezone, tzinfo_for


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Asia/Shanghai", "Asia/Shanghai"),
        ("asia/shanghai", "Asia/Shanghai"),
        ("America/New_York", "America/New_York"),
        ("america/new york", "America/New_York"),
        ("UTC", "UTC"),
        ("utc+8", "UTC+08:00"),
        ("UTC-5", "UTC-05:00"),
        ("+05:30", "UTC+05:30"),
        ("GMT+0", "UTC"),
        ("UTC+15", None),
        ("Mars/Base", None),
        ("", None),
        ("x" * 100, None),
    ],
)
def test_parse(raw: str, expected: str | None) -> None:
    assert parse_timezone(raw) == expected


def test_fixed_offset_tzinfo() -> None:
    now = datetime(2026, 1, 1, 12, 0, tzinfo=tzinfo_for("UTC+05:30"))
    assert now.utcoffset() == timedelta(hours=5, minutes=30)
    assert datetime(2026, 7, 1, tzinfo=tzinfo_for("America/New_York")).utcoffset() == timedelta(
        hours=-4
    )
