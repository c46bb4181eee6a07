"""End-to-end: supplier threads — management, photos, /thread, /export, /quotes, /score,
deleting, and isolation between users (forged callback data included)."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser
from typing import Any

import pytest

from bot.domain.htmlsplit import TELEGRAM_LIMIT
from tests.conftest import FRIEND, OWNER, Harness
from tests.fake_telegram.server import SentMessage

pytestmark = pytest.mark.e2e

SELLER = {"id": 777, "is_bot": False, "first_name": "Seller"}
REPLIES = {
    "Yiwu Straws": "亲 起订量500件 单价12.5元 交期15天 定金30%",
    "Ningbo Steel": "您好 单价13元 起订量1000件 交货期20天 样品费50元",
    "Cheap Co": "亲 起订量300件 单价5元 加我微信转账便宜点",
}
PRODUCTS = {
    "Yiwu Straws": "metal straws",
    "Ningbo Steel": "Metal  Straws",
    "Cheap Co": "METAL straws",
}


async def rows(h: Harness, sql: str, *params: Any) -> list[Any]:
    return [tuple(r) for r in await h.services.db.fetchall(sql, params)]


async def supplier_id(h: Harness, name: str, user: int = OWNER) -> int:
    [(sid,)] = await rows(h, "SELECT id FROM suppliers WHERE user_id = ? AND name = ?", user, name)
    return int(sid)


async def switch_to(h: Harness, name: str) -> None:
    await h.services.repo.set_active_supplier(OWNER, await supplier_id(h, name))


async def three_suppliers(h: Harness) -> dict[str, int]:
    """Three suppliers of one product, each asked every question, each reply pasted."""
    for name, reply in REPLIES.items():
        await h.say(OWNER, f"/new {name}")
        [set_product] = await h.say(OWNER, f"/product {PRODUCTS[name]}")
        assert name in set_product.text
        await h.say(OWNER, "/ask all")
        [answer] = await h.say(OWNER, reply)
        assert "supplier said" in answer.text
    return {name: await supplier_id(h, name) for name in REPLIES}


async def send_photo(
    h: Harness, file_id: str, caption: str | None = None, *, expect: int = 1
) -> list[SentMessage]:
    before = len(h.tg.sent_messages(OWNER))
    h.tg.send_photo(OWNER, file_id, caption=caption, forward_from=SELLER)
    sent = await h.tg.wait_for_messages(OWNER, before + expect)
    return sent[before:]


def current(h: Harness, message: SentMessage) -> SentMessage:
    """The message as the user sees it now (after edits)."""
    return next(
        m for m in h.tg.sent_messages(message.chat_id) if m.message_id == message.message_id
    )


async def press_edit(h: Harness, user: int, message: SentMessage, data: str) -> SentMessage:
    await h.press(user, message.message_id, data, expect=0)
    return current(h, message)


class TextOf(HTMLParser):
    """Visible text of an HTML page, and the attributes seen, for checking an export."""

    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.flags: list[str] = []
        self.external: list[str] = []
        self._skip = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("style", "script"):
            self._skip = True
        if values.get("data-code"):
            self.flags.append(str(values["data-code"]))
        for name in ("src", "href"):
            if values.get(name):
                self.external.append(str(values[name]))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip = False

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def parse_html(data: bytes) -> TextOf:
    parser = TextOf()
    parser.feed(data.decode("utf-8"))
    parser.close()
    return parser


def parse_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith("\ufeff".encode())  # spreadsheets need the BOM to read Chinese
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


# -- quotes ----------------------------------------------------------------------------------


async def test_quotes_compare_suppliers_and_mark_the_cheap_outlier(bot: Harness) -> None:
    await three_suppliers(bot)
    [table] = await bot.say(OWNER, "/quotes  metal   STRAWS ")
    text = table.text
    assert "3 supplier(s)" in text and "median ¥12.5" in text
    lines = text.splitlines()
    marked = [line for line in lines if line.startswith("⚠️")]
    assert len(marked) == 1 and "Cheap Co" in marked[0] and "🚩" in marked[0]
    assert "Too good to be true" in text and "¥12.75" in text  # the others' median
    # Cheapest first; every supplier's terms on one line.
    order = [name for line in lines for name in REPLIES if f"{name}" in line and "•" in line[:2]]
    assert order == ["Yiwu Straws", "Ningbo Steel"]
    assert "¥5 · MOQ 300" in text and "¥13 · MOQ 1000 · 20 d · sample ¥50" in text
    assert "¥12.5 · MOQ 500 · 15 d · dep. 30 %" in text
    # Without an argument: the active supplier's product.
    [again] = await bot.say(OWNER, "/quotes")
    assert again.text.splitlines()[1:] == lines[1:] and "METAL straws" in again.text
    # A supplier with no price yet, and a supplier of another product.
    await bot.say(OWNER, "/new Silent Factory")
    await bot.say(OWNER, "/product metal straws")
    await bot.say(OWNER, "/new Cup Maker")
    await bot.say(OWNER, "/product cups")
    [table] = await bot.say(OWNER, "/quotes metal straws")
    assert "4 supplier(s)" in table.text and "Silent Factory" in table.text
    assert "no price yet" in table.text and "Cup Maker" not in table.text
    [none] = await bot.say(OWNER, "/quotes bamboo straws")
    assert "No current supplier" in none.text


# -- photos, /thread --------------------------------------------------------------------------


async def test_photo_is_kept_and_marked_real(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    await switch_to(bot, "Yiwu Straws")
    [card] = await send_photo(bot, "AgAC-real-1", caption="亲 这是实拍图")
    assert "Yiwu Straws" in card.text and "[en] 亲 这是实拍图" in card.text
    [(mid, kind, direction, file_id, text, real)] = await rows(
        bot,
        "SELECT id, kind, direction, file_id, text, real_photo FROM messages"
        " WHERE supplier_id = ? AND kind = 'photo'",
        ids["Yiwu Straws"],
    )
    assert (kind, direction, file_id, text, real) == (
        "photo",
        "supplier",
        "AgAC-real-1",
        "亲 这是实拍图",
        0,
    )
    [(open_card,)] = [(m,) for m in await bot.say(OWNER, "/score")]
    assert "Not answered yet: Real photos" in open_card.text
    edited = await press_edit(bot, OWNER, card, card.button_data("Real photo of the product"))
    assert "Marked as a real photo" in edited.text
    assert await rows(bot, "SELECT real_photo FROM messages WHERE id = ?", mid) == [(1,)]
    answered = [a for a in bot.tg.callback_answers if a.data == f"real:{mid}:on"]
    assert answered and "real-photos question is answered" in (answered[-1].text or "")
    [score_card] = await bot.say(OWNER, "/score")
    assert "Real photos" not in score_card.text
    # Unmarking reopens it.
    edited = await press_edit(bot, OWNER, edited, edited.button_data("Not a real photo"))
    assert await rows(bot, "SELECT real_photo FROM messages WHERE id = ?", mid) == [(0,)]
    [score_card] = await bot.say(OWNER, "/score")
    assert "Not answered yet: Real photos" in score_card.text


async def test_photo_without_active_supplier_asks_which(bot: Harness) -> None:
    await bot.say(OWNER, "/new Yiwu Straws")
    await bot.services.repo.set_active_supplier(OWNER, None)
    [question] = await send_photo(bot, "AgAC-lost", caption=None)
    assert "Which supplier" in question.text
    replies = await bot.press(
        OWNER, question.message_id, question.button_data("Yiwu Straws"), expect=2
    )
    assert "photo from the supplier" in replies[-1].text
    sid = await supplier_id(bot, "Yiwu Straws")
    assert await rows(bot, "SELECT kind, file_id FROM messages WHERE supplier_id = ?", sid) == [
        ("photo", "AgAC-lost")
    ]


async def test_thread_is_paginated_under_the_limit_and_navigable(bot: Harness) -> None:
    await bot.say(OWNER, "/new Yiwu Straws")
    await bot.say(OWNER, "/ask moq")
    long_reply = "亲，" + "我们的不锈钢吸管质量很好，" * 230  # ~3000 characters
    await bot.say(OWNER, long_reply)
    for i in range(1, 15):
        await bot.say(OWNER, f"亲 第{i}批 单价{10 + i}元")
    await send_photo(bot, "AgAC-thread", caption="样品实拍")
    total = 17
    [page] = await bot.say(OWNER, "/thread")
    assert f"of {total}" in page.text and "newest last" in page.text
    assert "#17" in page.text and "📷 Photo" in page.text and "样品实拍" in page.text
    pages_seen = [page.text]
    # Walk back to the first page.
    while "« Older" in [b["text"] for b in page.buttons]:
        page = await press_edit(bot, OWNER, page, page.button_data("Older"))
        pages_seen.append(page.text)
    assert len(pages_seen) >= 3
    assert "📤 #1 You" in page.text and "Asked: MOQ" in page.text
    # The 3000-character reply is cut on screen (its page would not fit otherwise).
    assert sum("Shortened here" in text for text in pages_seen) == 1
    for text in pages_seen:
        assert len(text.encode("utf-16-le")) // 2 <= TELEGRAM_LIMIT
    numbers = [int(n) for text in pages_seen for n in _entry_numbers(text)]
    assert sorted(numbers) == list(range(1, total + 1))  # every message on exactly one page
    page = await press_edit(bot, OWNER, page, page.button_data("Newer"))
    assert page.text == pages_seen[-2]
    assert all(c.status == 200 for c in bot.tg.calls_to("editMessageText"))


def _entry_numbers(text: str) -> list[str]:
    import re

    return re.findall(r"^[📥📤] #(\d+) ", text, flags=re.MULTILINE)


async def test_delete_one_message_from_the_thread(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    await switch_to(bot, "Cheap Co")
    [page] = await bot.say(OWNER, "/thread")
    picker = await press_edit(bot, OWNER, page, page.button_data("Delete a message"))
    [(reply_id, reply_text)] = await rows(
        bot,
        "SELECT id, text FROM messages WHERE supplier_id = ? AND direction = 'supplier'",
        ids["Cheap Co"],
    )
    assert f"mdel:{reply_id}" in [b["callback_data"] for b in picker.buttons]
    [confirm] = await bot.press(OWNER, picker.message_id, f"mdel:{reply_id}")
    assert "#2" in confirm.text and reply_text in confirm.text
    cached = await rows(bot, "SELECT COUNT(*) FROM translation_cache WHERE text = ?", reply_text)
    assert cached == [(1,)]
    done = await press_edit(bot, OWNER, confirm, confirm.button_data("Yes, delete it"))
    assert "Deleted message #2" in done.text
    assert await rows(bot, "SELECT id FROM messages WHERE id = ?", reply_id) == []
    assert await rows(bot, "SELECT COUNT(*) FROM translation_cache WHERE text = ?", reply_text) == [
        (0,)
    ]
    [page] = await bot.say(OWNER, "/thread")
    assert "of 1 " in page.text and reply_text not in page.text
    # "Keep it" keeps.
    [(question_id,)] = await rows(
        bot, "SELECT id FROM messages WHERE supplier_id = ?", ids["Cheap Co"]
    )
    [confirm] = await bot.press(OWNER, page.message_id, f"mdel:{question_id}")
    kept = await press_edit(bot, OWNER, confirm, confirm.button_data("Keep it"))
    assert kept.text == "Kept."
    assert await rows(bot, "SELECT COUNT(*) FROM messages WHERE id = ?", question_id) == [(1,)]


# -- /export ----------------------------------------------------------------------------------


async def test_export_html_and_csv(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    await switch_to(bot, "Yiwu Straws")
    [card] = await send_photo(bot, "AgAC-export", caption="实拍图")
    await press_edit(bot, OWNER, card, card.button_data("Real photo of the product"))
    await bot.say(OWNER, "Can you print our logo on each straw?")
    # Notes the reminders feature files in the thread read as notes, not as either side.
    await bot.services.repo.record_message(
        OWNER, ids["Yiwu Straws"], "buyer", "Sample arrived: rated 4/5", kind="note"
    )
    [page_msg] = await bot.say(OWNER, "/thread")
    assert "📝 #5 Note" in page_msg.text and "Sample arrived" in page_msg.text
    before = len(bot.tg.documents)
    bot.tg.send_text(OWNER, "/export")
    await bot.tg.wait_for(lambda: len(bot.tg.documents) >= before + 2)
    page, sheet = bot.tg.documents[before:]
    assert (
        page.filename == "pifa-yiwu-straws.html" and sheet.filename == "pifa-yiwu-straws-facts.csv"
    )
    html = parse_html(page.data)
    assert html.external == []  # self-contained
    assert b'name="viewport"' in page.data
    text = html.text
    assert "Yiwu Straws" in text and "metal straws" in text
    assert REPLIES["Yiwu Straws"] in text and f"[en] {REPLIES['Yiwu Straws']}" in text
    assert "Can you print our logo on each straw?" in text
    assert "[zh] Can you print our logo on each straw?" in text  # both languages
    assert "Unit price ¥12.5 per piece" in text and "Deposit 30 %" in text
    assert "AgAC-export" in text and "marked as a real photo of the product" in text
    assert "#5 · Note" in text and "Sample arrived: rated 4/5" in text
    assert "Ningbo Steel" not in text
    sheet_rows = parse_csv(sheet.data)
    assert [r["kind"] for r in sheet_rows] == ["text", "photo"]  # supplier messages only
    first = sheet_rows[0]
    assert (first["supplier"], first["product"], first["unit_price_cny"], first["moq_pcs"]) == (
        "Yiwu Straws",
        "metal straws",
        "12.5",
        "500",
    )
    assert (first["lead_time_days"], first["deposit_percent"], first["sample_cost_cny"]) == (
        "15",
        "30",
        "",
    )
    assert first["original"] == REPLIES["Yiwu Straws"] and first["translation"].startswith("[en] ")
    assert sheet_rows[1]["real_photo"] == "1"
    # /export all: every supplier, flags with their evidence.
    before = len(bot.tg.documents)
    bot.tg.send_text(OWNER, "/export all")
    await bot.tg.wait_for(lambda: len(bot.tg.documents) >= before + 2)
    page, sheet = bot.tg.documents[before:]
    html = parse_html(page.data)
    assert all(name in html.text for name in REPLIES)
    assert "off_platform_payment" in html.flags and "微信转账" in html.text
    assert "Payment outside 1688" in html.text
    sheet_rows = parse_csv(sheet.data)
    by_supplier = {r["supplier"]: r for r in sheet_rows if r["kind"] == "text"}
    assert set(by_supplier) == set(REPLIES)
    assert "off_platform_payment" in by_supplier["Cheap Co"]["red_flags"]
    assert by_supplier["Ningbo Steel"]["sample_cost_cny"] == "50"
    assert len(sheet_rows) == 4 and sum(1 for _ in ids) == 3


# -- /score -----------------------------------------------------------------------------------


async def rate(h: Harness, card: SentMessage, sid: int, values: dict[str, int]) -> SentMessage:
    for criterion, value in values.items():
        card = await press_edit(h, OWNER, card, f"rate:{sid}:{value}:{criterion}")
    return card


async def test_score_grade_and_caps(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    # Cheap Co asked for payment outside 1688: top ratings still cap at C.
    [card] = await bot.say(OWNER, "/score")
    assert "Rate Quality, Delivery, Service, Cost" in card.text
    card = await rate(
        bot, card, ids["Cheap Co"], {"quality": 5, "delivery": 5, "service": 5, "cost": 5}
    )
    assert "Score 5.00 → grade C (the score alone earns A)" in card.text
    # Pressing the rating already given changes nothing and is no error.
    same = await press_edit(bot, OWNER, card, f"rate:{ids['Cheap Co']}:5:cost")
    assert same.text == card.text and same.edited == card.edited
    assert not [c for c in bot.tg.failed_calls() if "not modified" not in (c.description or "")]
    assert bot.tg.callback_answers[-1].data == f"rate:{ids['Cheap Co']}:5:cost"
    assert not [m for m in bot.tg.sent_messages(OWNER) if "went wrong" in m.text]
    assert (
        "Capped at C" in card.text
        and "Payment outside 1688" in card.text
        and "微信转账" in card.text
    )
    assert "Order less from them" in card.text
    assert "[5]" in [b["text"] for b in card.buttons][4]
    assert await rows(
        bot,
        "SELECT criterion, value FROM supplier_ratings WHERE supplier_id = ? ORDER BY criterion",
        ids["Cheap Co"],
    ) == [("cost", 5), ("delivery", 5), ("quality", 5), ("service", 5)]
    assert "Not answered yet: Real photos" in card.text
    # Yiwu: a clean thread earns A …
    await switch_to(bot, "Yiwu Straws")
    [card] = await bot.say(OWNER, "/score")
    card = await rate(
        bot, card, ids["Yiwu Straws"], {"quality": 5, "delivery": 4, "service": 4, "cost": 5}
    )
    assert "Score 4.50 → grade A" in card.text and "Grow their share" in card.text
    assert "Capped" not in card.text
    # … until the buyer records a membership under one year.
    [listing] = await bot.say(OWNER, "/suppliers")
    [manage] = await bot.press(OWNER, listing.message_id, f"mng:{ids['Yiwu Straws']}")
    years = await press_edit(bot, OWNER, manage, manage.button_data("Years on 1688"))
    manage = await press_edit(bot, OWNER, years, years.button_data("Under 1"))
    assert "under 1 year" in manage.text
    [card] = await bot.say(OWNER, "/score")
    assert "grade C (the score alone earns A)" in card.text and "under one year" in card.text
    # A sample rating from the reminders feature is the default quality.
    await bot.say(OWNER, "/new Fresh Supplier")
    sid = await supplier_id(bot, "Fresh Supplier")
    async with bot.services.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO samples (user_id, supplier_id, what, ordered_on, expected_at, status,"
            " rating) VALUES (?, ?, 'straws', '2026-01-01', '2026-01-10T00:00:00Z', 'arrived', 2)",
            (OWNER, sid),
        )
    [card] = await bot.say(OWNER, "/score")
    assert "Quality (40 %): 2/5 (your sample rating)" in card.text
    card = await rate(bot, card, sid, {"delivery": 2, "service": 2, "cost": 2})
    assert "Score 2.00 → grade D" in card.text and "Replace them" in card.text


# -- managing suppliers -------------------------------------------------------------------------


async def test_manage_rename_product_tier_archive(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    sid = ids["Ningbo Steel"]
    [listing] = await bot.say(OWNER, "/suppliers")
    [card] = await bot.press(OWNER, listing.message_id, f"mng:{sid}")
    assert "Ningbo Steel" in card.text and "Product: Metal Straws" in card.text
    [prompt] = await bot.press(OWNER, card.message_id, card.button_data("Rename"))
    assert "new name" in prompt.text
    [done] = await bot.say(OWNER, "Ningbo Steel Works")
    assert "Renamed to Ningbo Steel Works" in done.text
    [prompt] = await bot.press(OWNER, card.message_id, card.button_data("Product"))
    [done] = await bot.say(OWNER, "steel straws 21.5 cm")
    assert "steel straws 21.5 cm" in done.text
    tiers = await press_edit(bot, OWNER, card, card.button_data("Tier"))
    card = await press_edit(bot, OWNER, tiers, tiers.button_data("源头工厂"))
    assert "源头工厂" in card.text
    assert await rows(bot, "SELECT name, product, tier FROM suppliers WHERE id = ?", sid) == [
        ("Ningbo Steel Works", "steel straws 21.5 cm", "factory")
    ]
    # The typed texts were taken as values, not filed in the thread.
    assert await rows(bot, "SELECT COUNT(*) FROM messages WHERE supplier_id = ?", sid) == [(2,)]
    # Archive: out of /suppliers and /quotes, back through the archive shelf.
    await bot.press(OWNER, card.message_id, card.button_data("Archive"), expect=1)
    [listing] = await bot.say(OWNER, "/suppliers")
    assert "Ningbo Steel Works" not in listing.text
    [shelf] = await bot.press(OWNER, listing.message_id, listing.button_data("Archived (1)"))
    [card] = await bot.press(OWNER, shelf.message_id, shelf.button_data("Ningbo Steel Works"))
    assert "archived" in card.text
    await bot.press(OWNER, card.message_id, card.button_data("Unarchive"), expect=1)
    [listing] = await bot.say(OWNER, "/suppliers")
    assert "Ningbo Steel Works" in listing.text


async def test_manage_card_opens_thread_score_and_export_of_any_supplier(bot: Harness) -> None:
    ids = await three_suppliers(bot)  # Cheap Co is the active one
    sid = ids["Ningbo Steel"]
    [listing] = await bot.say(OWNER, "/suppliers")
    [card] = await bot.press(OWNER, listing.message_id, f"mng:{sid}")
    [page] = await bot.press(OWNER, card.message_id, card.button_data("Thread"))
    assert "Ningbo Steel" in page.text and REPLIES["Ningbo Steel"] in page.text
    [score] = await bot.press(OWNER, card.message_id, card.button_data("Score"))
    assert "Ningbo Steel" in score.text and "scorecard" in score.text
    before = len(bot.tg.documents)
    await bot.press(OWNER, card.message_id, card.button_data("Export"), expect=0)
    await bot.tg.wait_for(lambda: len(bot.tg.documents) >= before + 2)
    assert [d.filename for d in bot.tg.documents[before:]] == [
        "pifa-ningbo-steel.html",
        "pifa-ningbo-steel-facts.csv",
    ]
    assert (await bot.services.repo.active_supplier(OWNER)).name == "Cheap Co"  # type: ignore[union-attr]
    await bot.press(OWNER, card.message_id, card.button_data("Make active"))
    assert (await bot.services.repo.active_supplier(OWNER)).name == "Ningbo Steel"  # type: ignore[union-attr]


# -- deleting a supplier ------------------------------------------------------------------------


async def test_delete_supplier_removes_everything_of_it(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    sid = ids["Cheap Co"]
    await switch_to(bot, "Cheap Co")
    await send_photo(bot, "AgAC-cheap", caption="实拍")
    [card] = await bot.say(OWNER, "/score")
    await rate(bot, card, sid, {"quality": 3})
    async with bot.services.db.transaction() as conn:
        await conn.execute(
            "INSERT INTO reminders (user_id, chat_id, supplier_id, kind, text, due_at)"
            " VALUES (?, ?, ?, 'custom', 'call Cheap Co', '2030-01-01T00:00:00.000000Z')",
            (OWNER, OWNER, sid),
        )
        await conn.execute(
            "INSERT INTO samples (user_id, supplier_id, what, ordered_on, expected_at)"
            " VALUES (?, ?, 'straws', '2026-01-01', '2026-01-10T00:00:00Z')",
            (OWNER, sid),
        )
    texts = [t for (t,) in await rows(bot, "SELECT text FROM messages WHERE supplier_id = ?", sid)]
    cached_before = await rows(
        bot, "SELECT COUNT(*) FROM translation_cache WHERE user_id = ?", OWNER
    )
    [listing] = await bot.say(OWNER, "/suppliers")
    [card] = await bot.press(OWNER, listing.message_id, f"mng:{sid}")
    [confirm] = await bot.press(OWNER, card.message_id, card.button_data("Delete"))
    assert "Cheap Co" in confirm.text and "3 message(s)" in confirm.text
    done = await press_edit(bot, OWNER, confirm, confirm.button_data("Yes, delete everything"))
    assert "Deleted Cheap Co" in done.text
    for table in ("suppliers", "messages", "supplier_ratings", "reminders", "samples"):
        column = "id" if table == "suppliers" else "supplier_id"
        assert await rows(bot, f"SELECT * FROM {table} WHERE {column} = ?", sid) == [], table
    for text in texts:
        assert await rows(bot, "SELECT 1 FROM translation_cache WHERE text = ?", text) == []
    cached_after = await rows(
        bot, "SELECT COUNT(*) FROM translation_cache WHERE user_id = ?", OWNER
    )
    assert 0 < cached_after[0][0] < cached_before[0][0]  # the others' translations stay
    assert (await bot.services.repo.active_supplier(OWNER)) is None
    [table] = await bot.say(OWNER, "/quotes metal straws")
    assert "Cheap Co" not in table.text and "2 supplier(s)" in table.text


# -- isolation ----------------------------------------------------------------------------------


async def test_another_user_can_neither_see_nor_touch(bot: Harness) -> None:
    ids = await three_suppliers(bot)
    sid = ids["Yiwu Straws"]
    await switch_to(bot, "Yiwu Straws")
    [card] = await send_photo(bot, "AgAC-private", caption="实拍图")
    [(photo_id,)] = await rows(bot, "SELECT id FROM messages WHERE kind = 'photo'")
    [(reply_id,)] = await rows(
        bot, "SELECT id FROM messages WHERE supplier_id = ? AND kind = 'text'", sid
    )
    snapshot = {
        t: await rows(bot, f"SELECT * FROM {t} WHERE user_id = ? ORDER BY 1", OWNER)
        for t in ("suppliers", "messages", "supplier_ratings", "users")
    }
    await bot.say(OWNER, f"/allow {FRIEND}")
    await bot.say(FRIEND, "/new Friend Supplier")
    await bot.say(FRIEND, "/product metal straws")
    [listing] = await bot.say(FRIEND, "/suppliers")
    assert all(name not in listing.text for name in REPLIES)
    [quotes] = await bot.say(FRIEND, "/quotes metal straws")
    assert all(name not in quotes.text for name in REPLIES) and "1 supplier(s)" in quotes.text
    [thread] = await bot.say(FRIEND, "/thread")
    assert "Friend Supplier" in thread.text and "Yiwu" not in thread.text
    forged = [
        f"thr:{sid}",
        f"thr:{sid}:0",
        f"tdm:{sid}:0",
        f"mexp:{sid}",
        f"scr:{sid}",
        f"rate:{sid}:5:quality",
        f"real:{photo_id}:on",
        f"real:{photo_id}:off",
        f"mng:{sid}",
        f"mren:{sid}",
        f"mprod:{sid}",
        f"mtier:{sid}",
        f"mtier:{sid}:factory",
        f"myrs:{sid}",
        f"myrs:{sid}:3",
        f"marc:{sid}",
        f"mdels:{sid}",
        f"mdelsok:{sid}",
        f"mdel:{reply_id}",
        f"mdelok:{reply_id}",
        f"mdel:{photo_id}",
        f"mdelok:{photo_id}",
        # Malformed variants of the same prefixes.
        f"rate:{sid}:9:quality",
        f"rate:{sid}:5:looks",
        f"mtier:{sid}:emperor",
        "thr:abc",
        f"mdels:{sid}:{sid}:{sid}:{sid}",
    ]
    answers_before = len(bot.tg.callback_answers)
    sent_before = len(bot.tg.sent_messages(FRIEND))
    documents_before = len(bot.tg.documents)
    for data in forged:
        await bot.press(FRIEND, listing.message_id, data, expect=0)
    answers = bot.tg.callback_answers[answers_before:]
    assert [a.data for a in answers] == forged  # every press answered …
    refused = [a.data for a in answers if "no longer valid" not in (a.text or "")]
    assert refused == []  # … as a stale button
    assert len(bot.tg.sent_messages(FRIEND)) == sent_before  # nothing shown to the friend
    assert current(bot, listing).text == listing.text and current(bot, listing).edited == 0
    assert len(bot.tg.documents) == documents_before
    for table, before in snapshot.items():
        assert (
            await rows(bot, f"SELECT * FROM {table} WHERE user_id = ? ORDER BY 1", OWNER) == before
        )
    # Buttons without ids only ever show the presser's own rows.
    [shelf] = await bot.press(FRIEND, listing.message_id, "marcl")
    assert "no archived suppliers" in shelf.text
    # The friend's typed text after a forged rename is a message, not a new name.
    [answer] = await bot.say(FRIEND, "Hello, hijacked name?")
    assert "Friend Supplier" in answer.text
    assert await rows(bot, "SELECT name FROM suppliers WHERE id = ?", sid) == [("Yiwu Straws",)]
    assert card.text  # the owner's photo card is untouched
    assert current(bot, card).edited == 0
