"""End-to-end: translation, direction, supplier-reply analysis and questions in Telegram."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest

from bot.errors import ProviderError
from tests.conftest import OWNER, Harness, fake_translation

pytestmark = pytest.mark.e2e

OTHER = 3003


async def setup_supplier(h: Harness, name: str = "Yiwu Straws", user: int = OWNER) -> None:
    if user != OWNER:
        await h.say(OWNER, f"/allow {user}")
    await h.say(user, f"/new {name}")


def translator_calls(h: Harness) -> list[tuple[str, str, str]]:
    calls: list[tuple[str, str, str]] = h.services.translator.calls  # type: ignore[union-attr]
    return calls


async def test_buyer_text_becomes_chinese_with_back_translation(bot: Harness) -> None:
    await setup_supplier(bot)
    [answer] = await bot.say(OWNER, "What is your MOQ and the deposit for a bulk order?")
    assert "Yiwu Straws" in answer.text and "<b>" not in answer.text
    # Trade terms are pinned before machine translation.
    sent_to_translator = translator_calls(bot)[0]
    assert sent_to_translator == ("What is your 起订量 and the 定金 for a 大货?", "auto", "zh")
    assert "<code>[zh] What is your 起订量" in answer.raw_text
    assert "Back-translation" in answer.text and "[en] [zh]" in answer.text
    labels = [b["text"] for b in answer.buttons]
    assert any("Pinyin" in t for t in labels) and any("supplier" in t for t in labels)
    rows = await bot.services.db.fetchall("SELECT direction, translation FROM messages")
    assert [tuple(r) for r in rows] == [
        ("buyer", "[zh] What is your 起订量 and the 定金 for a 大货?")
    ]


async def test_supplier_reply_is_translated_and_analysed(bot: Harness) -> None:
    await setup_supplier(bot)
    await bot.say(OWNER, "/ask price 500")
    await bot.say(OWNER, "/ask lead_time")
    [answer] = await bot.say(OWNER, "亲 起订量500件 单价12.5元 加我微信转账便宜点")
    text = answer.text
    assert "supplier said" in text
    assert "<b>" not in text and "&lt;" not in text  # HTML parts are not escaped twice
    assert "[en] 亲 起订量500件" in text
    assert "Payment outside 1688" in text and "加我微信转账" in text
    assert "Unit price: ¥12.5 per piece" in text and "MOQ: 500 pcs" in text
    assert "Not answered yet: Lead time" in text
    assert "起订量" in text and "minimum order" in text.lower()  # glossary note
    followups = [b for b in answer.buttons if b["callback_data"].startswith("fu:")]
    assert [b["callback_data"].split(":")[2] for b in followups] == ["lead_time"]
    [question] = await bot.press(OWNER, answer.message_id, followups[0]["callback_data"])
    assert "<code>" in question.raw_text and "交期" in question.text
    row = await bot.services.db.fetchone(
        "SELECT flags, facts FROM messages WHERE direction = 'supplier'"
    )
    assert row is not None and "off_platform_payment" in row["flags"]
    assert '"moq": 500' in row["facts"]


async def test_forwarded_english_is_the_supplier_and_flip_reruns(bot: Harness) -> None:
    await setup_supplier(bot)
    supplier = {"id": 777, "is_bot": False, "first_name": "Seller"}
    [answer] = await bot.say(OWNER, "Pay 100% before production please", forward_from=supplier)
    assert "supplier said" in answer.text
    [typed] = await bot.say(OWNER, "Please pay to my personal alipay account today")
    assert "you said" in typed.text
    flip = next(b for b in typed.buttons if b["callback_data"].startswith("flip:"))
    [again] = await bot.press(OWNER, typed.message_id, flip["callback_data"])
    assert "supplier said" in again.text and "Payment outside 1688" in again.text


async def test_translation_down_still_answers_with_retry(start_bot: Any) -> None:
    state = {"down": True}

    def flaky(text: str, source: str, target: str) -> str:
        if state["down"]:
            raise ProviderError("service unavailable")
        return fake_translation(text, source, target)

    h: Harness = await start_bot(translate=flaky)
    await setup_supplier(h)
    started = time.monotonic()
    [answer] = await h.say(OWNER, "亲 现在付全款 今天必须付款")
    assert time.monotonic() - started < 10
    assert "Translation is unavailable" in answer.text
    assert "100 % payment up front" in answer.text or "Pressure" in answer.text
    retry = next(b for b in answer.buttons if b["callback_data"].startswith("retry:"))
    rows = await h.services.db.fetchall("SELECT text FROM messages")
    assert [r[0] for r in rows] == ["亲 现在付全款 今天必须付款"]
    state["down"] = False
    [again] = await h.press(OWNER, answer.message_id, retry["callback_data"])
    assert "[en] 亲 现在付全款" in again.text


async def test_hanging_translation_does_not_delay_other_chats(start_bot: Any) -> None:
    async def slow_for_one(text: str, source: str, target: str) -> str:
        if "hang" in text:
            await asyncio.sleep(30)
        return fake_translation(text, source, target)

    h: Harness = await start_bot(translate=slow_for_one)
    await setup_supplier(h)
    await setup_supplier(h, "Other", user=OTHER)
    before_owner = len(h.tg.sent_messages(OWNER))
    before_other = len(h.tg.sent_messages(OTHER))
    h.tg.send_text(OWNER, "please hang here")
    await asyncio.sleep(0.2)
    started = time.monotonic()
    h.tg.send_text(OTHER, "hello there")
    await h.tg.wait_for_messages(OTHER, before_other + 1)
    assert time.monotonic() - started < 1.0
    [late] = (await h.tg.wait_for_messages(OWNER, before_owner + 1, timeout=5))[before_owner:]
    assert "Translation is unavailable" in late.text and "too long" in late.text


async def test_cache_hit_makes_no_request(bot: Harness) -> None:
    await setup_supplier(bot)
    await bot.say(OWNER, "亲 可以的")
    calls = len(translator_calls(bot))
    await bot.say(OWNER, "亲 可以的")
    assert len(translator_calls(bot)) == calls


async def test_ask_renders_questions_and_records_keys(bot: Harness) -> None:
    await setup_supplier(bot)
    [menu] = await bot.say(OWNER, "/ask")
    data = [b["callback_data"] for b in menu.buttons]
    assert "ask:price" in data and "ask:all" in data and len(data) == 10
    [prompt] = await bot.press(OWNER, menu.message_id, "ask:price")
    assert "How many pieces" in prompt.text
    [bad] = await bot.say(OWNER, "lots")
    assert "not a number" in bad.text
    [question] = await bot.say(OWNER, "500")
    assert "500件" in question.text and "<code>" in question.raw_text
    assert "dān jià" in question.text  # pinyin of 单价
    [all_q] = await bot.say(OWNER, "/ask all")
    assert "起订量" in all_q.text
    [mt] = await bot.say(OWNER, "/ask qc metal straws")
    assert "[zh] metal straws" in mt.text and "machine-translated" in mt.text
    rows = await bot.services.db.fetchall(
        "SELECT asked FROM messages WHERE kind = 'question' ORDER BY id"
    )
    assert rows[0][0] == '["price"]'
    assert '"qc"' in rows[-1][0] and len(rows) == 3
    [unknown] = await bot.say(OWNER, "/ask teleport")
    assert "no question" in unknown.text


async def test_glossary_commands(bot: Harness) -> None:
    [topics] = await bot.say(OWNER, "/phrases")
    data = [b["callback_data"] for b in topics.buttons]
    [terms] = await bot.press(OWNER, topics.message_id, data[0])
    assert "价格" in terms.text
    [found] = await bot.say(OWNER, "/term deposit")
    assert "定金" in found.text
    [found] = await bot.say(OWNER, "/term 大货")
    assert "bulk" in found.text.lower()
    [none] = await bot.say(OWNER, "/term <b>zzz")
    assert "no trade term" in none.text


async def test_pinyin_button(bot: Harness) -> None:
    await setup_supplier(bot)
    [answer] = await bot.say(OWNER, "多长时间发货")
    py = next(b for b in answer.buttons if b["callback_data"].startswith("flip:"))
    assert py  # a supplier reply offers flipping
    [buyer] = await bot.say(OWNER, "hello")
    pinyin = next(b for b in buyer.buttons if b["callback_data"].startswith("py:"))
    [reading] = await bot.press(OWNER, buyer.message_id, pinyin["callback_data"])
    assert reading.text.strip()


async def test_price_too_low_uses_other_suppliers_median(bot: Harness) -> None:
    repo = bot.services.repo
    for name, price in (("A", "12"), ("B", "13"), ("C", "5")):
        await bot.say(OWNER, f"/new {name}")
        supplier = await repo.active_supplier(OWNER)
        assert supplier is not None
        await repo.update_supplier(OWNER, supplier.id, product="Metal  Straws")
        [answer] = await bot.say(OWNER, f"亲 这款吸管单价{price}元")
    assert "too good to be true" in answer.text
    assert "¥5" in answer.text


@pytest.mark.parametrize(("ratio", "flagged"), [(None, False), (0.8, True)])
async def test_price_too_low_ratio_comes_from_settings(
    start_bot: Callable[..., Any], ratio: float | None, flagged: bool
) -> None:
    bot: Harness = await (start_bot(price_too_low_ratio=ratio) if ratio else start_bot())
    repo = bot.services.repo
    # 9 is 75 % of the other two suppliers' median (12): too low only under a 0.8 ratio.
    for name, price in (("A", "12"), ("B", "12"), ("C", "9")):
        await bot.say(OWNER, f"/new {name}")
        supplier = await repo.active_supplier(OWNER)
        assert supplier is not None
        await repo.update_supplier(OWNER, supplier.id, product="straws")
        [answer] = await bot.say(OWNER, f"亲 这款吸管单价{price}元")
    assert ("too good to be true" in answer.text) is flagged


async def test_long_paste_is_joined(bot: Harness) -> None:
    await setup_supplier(bot)
    first = "亲" * 4096
    before = len(bot.tg.sent_messages(OWNER))
    bot.tg.send_text(OWNER, first)
    bot.tg.send_text(OWNER, "最后一句 起订量100件")
    sent = await bot.tg.wait_for_messages(OWNER, before + 2)
    await bot.idle()
    new = bot.tg.sent_messages(OWNER)[before:]
    assert "Joined the 2 parts" in new[0].text
    rows = await bot.services.db.fetchall("SELECT text, facts FROM messages")
    assert len(rows) == 1 and rows[0][0].endswith("最后一句 起订量100件")
    assert '"moq": 100' in rows[0][1]
    assert sent


async def test_forged_conversation_buttons_are_refused(bot: Harness) -> None:
    await setup_supplier(bot)
    await bot.say(OWNER, "亲 起订量500件")
    [owner_msg] = await bot.services.db.fetchall("SELECT id, supplier_id FROM messages")
    await setup_supplier(bot, "Mine", user=OTHER)
    [menu] = await bot.say(OTHER, "/ask")
    forged = [
        f"flip:{owner_msg[0]}",
        f"retry:{owner_msg[0]}",
        f"py:{owner_msg[0]}",
        f"fu:{owner_msg[1]}:moq",
        "fu:1:teleport",
        "ask:teleport",
        "ask:1:price",
        "ph:nope",
    ]
    before = len(bot.tg.sent_messages(OTHER))
    for data in forged:
        await bot.press(OTHER, menu.message_id, data, expect=0)
    answers = [a for a in bot.tg.callback_answers if a.user_id == OTHER]
    assert len(answers) == len(forged)
    assert all("no longer valid" in (a.text or "") for a in answers)
    assert len(bot.tg.sent_messages(OTHER)) == before
    row = await bot.services.db.fetchone(
        "SELECT direction FROM messages WHERE id = ?", (owner_msg[0],)
    )
    assert row is not None and row[0] == "supplier"


async def test_hostile_supplier_paste_is_answered_in_valid_parts(bot: Harness) -> None:
    await setup_supplier(bot)
    text = "<script>亲 单价&lt;5元</script> 加我微信转账 <b>定金 大货" * 80
    text = text[:4000]
    before = len(bot.tg.sent_messages(OWNER))
    # Mostly Latin letters (the tags), so it is forwarded to count as the supplier's.
    bot.tg.send_text(OWNER, text, forward_from={"id": 9, "is_bot": False, "first_name": "S"})
    await bot.tg.wait_for_messages(OWNER, before + 2, timeout=10)
    await bot.idle()
    parts = bot.tg.sent_messages(OWNER)[before:]
    assert len(parts) >= 2  # the translation alone is as long as the paste
    assert bot.tg.failed_calls() == []
    joined = "".join(p.text for p in parts)
    assert "<script>" in joined  # shown as text, not markup
    assert "Payment outside 1688" in joined


async def test_typing_indicator_while_translation_is_slow(start_bot: Any) -> None:
    async def slow(text: str, source: str, target: str) -> str:
        await asyncio.sleep(1.0)
        return fake_translation(text, source, target)

    h: Harness = await start_bot(translate=slow, translate_budget=5.0)
    await setup_supplier(h)
    await h.say(OWNER, "亲 有现货")
    assert (OWNER, "typing") in h.tg.chat_actions
