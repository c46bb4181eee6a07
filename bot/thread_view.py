"""Turning thread entries into what templates show: /thread pages, the photo card, /export."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from bot.analysis import analyser
from bot.conversation import fact_rows
from bot.domain.htmlsplit import visible_length
from bot.domain.keys import QUESTION_KEYS
from bot.domain.models import Supplier
from bot.domain.thread_pages import page_index, paginate, shorten
from bot.domain.threads import ThreadEntry
from bot.questions import label
from bot.render import render, ui
from bot.threads_ui import tier_label, tui

#: Characters of one text (original or translation) shown on a /thread page; /export has all.
TEXT_LIMIT = 1200
#: Visible characters of the entries on one page; the header and footer fit in the rest of 4096.
PAGE_LIMIT = 3600
PAGE_ITEMS = 8


@dataclass(frozen=True, slots=True)
class Page:
    index: int
    count: int
    entries: tuple[ThreadEntry, ...]
    html: str


def local_time(created_at: str, tz: tzinfo) -> str:
    """``2026-01-15T10:32:11.123Z`` → ``2026-01-15 18:32`` in ``tz``."""
    try:
        moment = datetime.fromisoformat(created_at)
    except ValueError:
        return created_at
    return moment.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def flag_views(flags: Sequence[dict[str, Any]], *, advice: bool = False) -> list[dict[str, str]]:
    """Stored flags for display; ``unanswered`` is left out (open questions are listed apart)."""
    codes = analyser().rules.codes
    out: list[dict[str, str]] = []
    for flag in flags:
        code = str(flag.get("code", ""))
        if code == "unanswered" or code not in codes:
            continue
        out.append(
            {
                "code": code,
                "severity": str(flag.get("severity", "")),
                "evidence": str(flag.get("evidence") or ""),
                "title": ui(f"flags.{code}"),
                "advice": codes[code].advice if advice else "",
            }
        )
    return out


def entry_view(entry: ThreadEntry, tz: tzinfo, *, limit: int | None = TEXT_LIMIT) -> dict[str, Any]:
    m = entry.message
    text, translation, cut = m.text, m.translation or "", False
    if limit is not None:
        text, cut_text = shorten(text, limit)
        translation, cut_translation = shorten(translation, limit)
        cut = cut_text or cut_translation
    return {
        "number": entry.number,
        "id": m.id,
        "supplier": m.direction == "supplier",
        "question": m.kind == "question",
        # Notes the bot files itself (sample arrived, payment made): neither side said them.
        "note": m.kind == "note",
        "photo": entry.is_photo,
        "real": entry.real_photo,
        "file_id": m.file_id or "",
        "when": local_time(m.created_at, tz),
        "text": text,
        "translation": translation,
        "cut": cut,
        "asked": [label(k) for k in m.asked if k in QUESTION_KEYS],
        "flags": flag_views(list(m.flags), advice=limit is None),
        "facts": fact_rows(m.facts) if m.direction == "supplier" else [],
    }


def supplier_view(supplier: Supplier) -> dict[str, Any]:
    return {
        "id": supplier.id,
        "name": supplier.name,
        "product": supplier.product or "",
        "shop_url": supplier.shop_url or "",
        "tier": tier_label(supplier.tier) or "",
        "member_years": supplier.member_years,
        "archived": supplier.archived,
    }


def thread_page(
    supplier: Supplier, entries: Sequence[ThreadEntry], tz: tzinfo, requested: int | None
) -> Page:
    """The page ``requested`` (the newest when None or gone), rendered under Telegram's limit."""
    blocks = [render("threads/entry.html.j2", e=entry_view(e, tz)) for e in entries]
    ranges = paginate(
        [visible_length(b) for b in blocks],
        limit=PAGE_LIMIT,
        max_items=PAGE_ITEMS,
        align_end=True,
    )
    index = page_index(requested, len(ranges))
    shown = ranges[index] if ranges else range(0)
    html = render(
        "threads/page.html.j2",
        s=supplier_view(supplier),
        blocks=[blocks[i] for i in shown],
        first=shown.start + 1 if ranges else 0,
        last=shown.stop,
        total=len(entries),
        page=index + 1,
        pages=len(ranges),
    )
    return Page(index, len(ranges), tuple(entries[i] for i in shown), html)


def page_buttons(supplier_id: int, page: Page) -> list[list[tuple[str, str]]]:
    nav: list[tuple[str, str]] = []
    if page.index > 0:
        nav.append((tui("thread.older"), f"thr:{supplier_id}:{page.index - 1}"))
    if page.index < page.count - 1:
        nav.append((tui("thread.newer"), f"thr:{supplier_id}:{page.index + 1}"))
    rows = [nav] if nav else []
    tools: list[tuple[str, str]] = [(tui("manage.open"), f"mng:{supplier_id}")]
    if page.entries:
        tools.insert(0, (tui("thread.delete_some"), f"tdm:{supplier_id}:{page.index}"))
    rows.append(tools)
    return rows
