"""Time-zone names typed by buyers: IANA names, or fixed offsets such as ``UTC+3``."""

from __future__ import annotations

import re
from datetime import UTC, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


def _canonical_names() -> dict[str, str]:
    return {name.lower(): name for name in available_timezones()}


def parse_timezone(value: str) -> str | None:
    """Return the canonical name to store, or None when ``value`` is no time zone.

    ``asia/shanghai`` → ``Asia/Shanghai``; ``UTC+8`` / ``+08:00`` → ``UTC+08:00``;
    ``utc`` → ``UTC``.
    """
    value = value.strip()
    if not value or len(value) > 64:
        return None
    if value.upper() in ("UTC", "GMT", "Z"):
        return "UTC"
    m = _OFFSET.match(value)
    if m:
        sign, hours, minutes = m.group(1), int(m.group(2)), int(m.group(3) or 0)
        if hours > 14 or minutes >= 60 or (hours == 14 and minutes):
            return None
        if hours == 0 and minutes == 0:
            return "UTC"
        return f"UTC{sign}{hours:02d}:{minutes:02d}"
    name = _canonical_names().get(value.lower().replace(" ", "_"))
    if name is None:
        return None
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    return name


def tzinfo_for(name: str) -> tzinfo:
    """The tzinfo for a name produced by :func:`parse_timezone` (UTC when unknown)."""
    m = re.match(r"^UTC([+-])(\d{2}):(\d{2})$", name)
    if m:
        delta = timedelta(hours=int(m.group(2)), minutes=int(m.group(3)))
        return timezone(delta if m.group(1) == "+" else -delta, name)
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return UTC
