"""Cutting a thread into pages that each fit one Telegram message."""

from __future__ import annotations

from collections.abc import Sequence


def paginate(
    sizes: Sequence[int], *, limit: int, max_items: int, gap: int = 2, align_end: bool = False
) -> list[range]:
    """Group consecutive items into pages, in order.

    Args:
        sizes: the length of each rendered item.
        limit: the most a page may hold: item sizes plus ``gap`` between neighbours.
        max_items: the most items on one page, so pages stay readable.
        gap: the length of the separator between two items.
        align_end: fill pages from the last item back, so the last page (the newest messages,
            shown first) is the full one and the first page holds the remainder.

    Returns:
        One range of item indexes per page; no items gives no pages. An item longer than
        ``limit`` gets a page of its own (the caller shortens items so this does not happen).
    """
    if limit <= 0 or max_items <= 0:
        raise ValueError("limit and max_items must be positive")
    if align_end:
        n = len(sizes)
        backwards = paginate(list(reversed(sizes)), limit=limit, max_items=max_items, gap=gap)
        return [range(n - r.stop, n - r.start) for r in reversed(backwards)]
    pages: list[range] = []
    start = 0
    used = 0
    for i, size in enumerate(sizes):
        if size < 0:
            raise ValueError("sizes cannot be negative")
        count = i - start
        extra = size if count == 0 else gap + size
        if count and (count >= max_items or used + extra > limit):
            pages.append(range(start, i))
            start, used = i, size
        else:
            used += extra
    if start < len(sizes):
        pages.append(range(start, len(sizes)))
    return pages


def page_index(requested: int | None, count: int) -> int:
    """The page to show: ``requested`` when it exists, else the last (newest) one."""
    if count <= 0:
        return 0
    if requested is None or not 0 <= requested < count:
        return count - 1
    return requested


def shorten(text: str, limit: int, ellipsis: str = "…") -> tuple[str, bool]:
    """``text`` cut to at most ``limit`` characters (ellipsis included); and whether it was."""
    if limit <= len(ellipsis):
        raise ValueError("limit must leave room for the ellipsis")
    if len(text) <= limit:
        return text, False
    return text[: limit - len(ellipsis)].rstrip() + ellipsis, True
