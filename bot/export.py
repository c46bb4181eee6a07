"""/export: a thread as documents the buyer keeps — an HTML page for a phone and a CSV of facts.

Both are built from plain records; the handler sends them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from typing import Any

from bot.domain.models import Supplier
from bot.domain.threads import ThreadEntry, open_questions
from bot.questions import label
from bot.render import render
from bot.thread_view import entry_view, local_time, supplier_view
from bot.threads_ui import csv_header, rules

_FACT_COLUMNS = ("unit_price", "moq", "lead_time_days", "deposit_percent", "sample_cost")


@dataclass(frozen=True, slots=True)
class Thread:
    supplier: Supplier
    entries: Sequence[ThreadEntry]


def slug(name: str, fallback: str) -> str:
    """An ASCII file-name part for ``name`` (``fallback`` when nothing ASCII is left)."""
    cleaned = re.sub(r"[^A-Za-z0-9]+", "-", name).strip("-").lower()[:40]
    return cleaned or fallback


def export_html(threads: Sequence[Thread], tz: tzinfo, *, title: str) -> str:
    """One self-contained HTML page (inline CSS, no external resources) for every thread."""
    sections = [
        {
            "s": supplier_view(t.supplier),
            "entries": [entry_view(e, tz, limit=None) for e in t.entries],
            "open": [label(k) for k in open_questions(t.entries, rules())],
        }
        for t in threads
    ]
    generated = local_time(datetime.now(UTC).isoformat(), tz)
    return render("threads/export.html.j2", title=title, sections=sections, generated=generated)


def _cell(value: Any) -> str:
    """A fact as a spreadsheet reads it: ``12.5``, or ``10-12`` for a range."""
    if isinstance(value, list | tuple) and len(value) == 2:
        return f"{value[0]:g}-{value[1]:g}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}"
    return ""


def export_csv(threads: Sequence[Thread], tz: tzinfo) -> bytes:
    """Facts, one row per supplier message; UTF-8 with a BOM so spreadsheets read the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header())
    for thread in threads:
        s = thread.supplier
        for entry in thread.entries:
            m = entry.message
            if m.direction != "supplier":
                continue
            codes = sorted({str(f.get("code")) for f in m.flags if f.get("code") != "unanswered"})
            writer.writerow(
                [
                    s.name,
                    s.product or "",
                    entry.number,
                    local_time(m.created_at, tz),
                    m.kind,
                    *(_cell(m.facts.get(k)) for k in _FACT_COLUMNS),
                    "; ".join(codes),
                    1 if entry.real_photo else 0,
                    m.text,
                    m.translation or "",
                ]
            )
    return ("\ufeff" + out.getvalue()).encode("utf-8")
