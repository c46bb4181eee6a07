"""End-to-end: the real Application against the fake Bot API server."""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any

import pytest

from bot import runtime
from tests.conftest import FRIEND, OWNER, STRANGER, Harness

pytestmark = pytest.mark.e2e


async def rows(h: Harness, sql: str, *params: Any) -> list[Any]:
    return list(await h.services.db.fetchall(sql, params))


async def test_start_and_help_match_the_menu(bot: Harness) -> None:
    [greeting] = await bot.say(OWNER, "/start")
    assert "Pifa" in greeting.text and "/tz" in greeting.text
    [help_msg] = await bot.say(OWNER, "/help")
    menu = bot.tg.commands
    assert menu, "setMyCommands was not called"
    listed = re.findall(r"^/(\w+) — (.+)$", help_msg.text, flags=re.MULTILINE)
    assert [(c["command"], c["description"]) for c in menu] == listed


async def test_stranger_refused_and_not_stored(bot: Harness) -> None:
    [answer] = await bot.say(STRANGER, "/start")
    assert str(STRANGER) in answer.text
    [answer] = await bot.say(STRANGER, "hello, I want to buy")
    assert str(STRANGER) in answer.text
    for table in ("users", "access", "messages", "suppliers"):
        found = await rows(bot, f"SELECT * FROM {table} WHERE user_id = ?", STRANGER)
        assert found == [], table


async def test_first_start_claims_ownership_when_no_users_configured(start_bot: Any) -> None:
    h: Harness = await start_bot(allowed_users=())
    [answer] = await h.say(OWNER, "/start")
    assert "owner" in answer.text.lower()
    [refusal] = await h.say(FRIEND, "/start")
    assert str(FRIEND) in refusal.text
    [ok] = await h.say(OWNER, f"/allow {FRIEND}")
    assert str(FRIEND) in ok.text
    [welcome] = await h.say(FRIEND, "/start")
    assert "owner" not in welcome.text.lower()


async def test_allow_and_revoke(bot: Harness) -> None:
    [refusal] = await bot.say(FRIEND, "/help")
    assert str(FRIEND) in refusal.text
    [denied] = await bot.say(FRIEND, f"/allow {FRIEND}")
    assert str(FRIEND) in denied.text  # still a stranger: the gatekeeper answered
    [usage] = await bot.say(OWNER, "/allow bob")
    assert "/allow USER_ID" in usage.text
    await bot.say(OWNER, f"/allow {FRIEND}")
    [help_msg] = await bot.say(FRIEND, "/help")
    assert "/new" in help_msg.text
    [not_owner] = await bot.say(FRIEND, f"/revoke {OWNER}")
    assert "owner" in not_owner.text.lower()
    [revoked] = await bot.say(OWNER, f"/revoke {FRIEND}")
    assert "no longer" in revoked.text
    [refusal] = await bot.say(FRIEND, "/help")
    assert str(FRIEND) in refusal.text


async def test_suppliers_and_threads(bot: Harness) -> None:
    await bot.say(OWNER, "/start")
    [created] = await bot.say(OWNER, "/new Yiwu Straws https://shop123.1688.com")
    assert "Yiwu Straws" in created.text
    [r1] = await bot.say(OWNER, "Hello, do you have metal straws?")
    assert "Yiwu Straws" in r1.text
    await bot.say(OWNER, "/new Ningbo Cups")
    [r2] = await bot.say(OWNER, "Price for 500 cups?")
    assert "Ningbo Cups" in r2.text
    [listing] = await bot.say(OWNER, "/suppliers")
    buttons = [b for row in listing.reply_markup["inline_keyboard"] for b in row]
    straws = next(b for b in buttons if "Yiwu" in b["text"])
    await bot.press(OWNER, listing.message_id, straws["callback_data"])
    [r3] = await bot.say(OWNER, "And the lead time?")
    assert "Yiwu Straws" in r3.text
    thread = await rows(
        bot,
        "SELECT s.name, m.text, m.update_id FROM messages m JOIN suppliers s"
        " ON s.id = m.supplier_id WHERE m.user_id = ? ORDER BY m.id",
        OWNER,
    )
    assert [(r[0], r[1]) for r in thread] == [
        ("Yiwu Straws", "Hello, do you have metal straws?"),
        ("Ningbo Cups", "Price for 500 cups?"),
        ("Yiwu Straws", "And the lead time?"),
    ]
    assert all(r[2] is not None for r in thread)


async def test_no_active_supplier_asks_which(bot: Harness) -> None:
    await bot.say(OWNER, "/start")
    [question] = await bot.say(OWNER, "Is this message lost?")
    assert "Which supplier" in question.text
    buttons = [b for row in question.reply_markup["inline_keyboard"] for b in row]
    assert [b["text"] for b in buttons] == ["➕ New supplier"]
    await bot.press(OWNER, question.message_id, buttons[0]["callback_data"])
    created = await bot.say(OWNER, "/new Shenzhen Cables", expect=3)
    assert "Shenzhen Cables" in created[-1].text
    thread = await rows(bot, "SELECT text, supplier_id FROM messages WHERE user_id = ?", OWNER)
    assert len(thread) == 1 and thread[0][1] is not None
    # With suppliers present, the question offers them.
    await bot.services.repo.set_active_supplier(OWNER, None)
    [question] = await bot.say(OWNER, "Second message")
    buttons = [b for row in question.reply_markup["inline_keyboard"] for b in row]
    assert buttons[0]["text"] == "Shenzhen Cables"
    replies = await bot.press(OWNER, question.message_id, buttons[0]["callback_data"], expect=2)
    assert "Shenzhen Cables" in replies[-1].text


async def test_forged_callback_data_is_refused(bot: Harness) -> None:
    await bot.say(OWNER, f"/allow {FRIEND}")
    await bot.say(OWNER, "/new Secret Supplier")
    [owner_sup] = await bot.services.repo.list_suppliers(OWNER)
    await bot.say(FRIEND, "/new Friend Supplier")
    [listing] = await bot.say(FRIEND, "/suppliers")
    for data in (
        f"sup:{owner_sup.id}",
        "sup:abc",
        "sup:1:2:3:4",
        "file:1:" + str(owner_sup.id),
        "x" * 64,
    ):
        await bot.press(FRIEND, listing.message_id, data, expect=0)
    answers = [c for c in bot.tg.calls if c.method.lower() == "answercallbackquery"]
    assert len(answers) == 5
    assert all("no longer valid" in (c.params.get("text") or "") for c in answers[:-1])
    active = await bot.services.repo.active_supplier(FRIEND)
    assert active is not None and active.name == "Friend Supplier"
    secret = [m.text for m in bot.tg.sent_messages(FRIEND) if "Secret" in m.text]
    assert secret == []


async def test_order_within_chat_under_concurrent_load(bot: Harness) -> None:
    chats = [OWNER, *range(2001, 2008)]
    for uid in chats[1:]:
        await bot.say(OWNER, f"/allow {uid}")
    for uid in chats:
        await bot.say(uid, f"/new Supplier {uid}")
    per_chat = 25
    base = {uid: len(bot.tg.sent_messages(uid)) for uid in chats}
    for i in range(per_chat):
        for uid in chats:
            bot.tg.send_text(uid, f"message {i}")
    for uid in chats:
        await bot.tg.wait_for_messages(uid, base[uid] + per_chat, timeout=30)
    for uid in chats:
        replies = bot.tg.sent_messages(uid)[base[uid] :]
        order = [int(re.search(r"\[zh\] message (\d+)", r.text).group(1)) for r in replies]
        assert order == list(range(per_chat)), uid
        texts = await rows(bot, "SELECT text FROM messages WHERE user_id = ? ORDER BY id", uid)
        assert [t[0] for t in texts] == [f"message {i}" for i in range(per_chat)]


async def test_redelivered_update_recorded_once(bot: Harness) -> None:
    await bot.say(OWNER, "/new A")
    before = len(bot.tg.sent_messages(OWNER))
    update_id = bot.tg.send_text(OWNER, "only once please")
    await bot.tg.wait_for_messages(OWNER, before + 1)
    bot.tg.redeliver(update_id)
    await bot.tg.wait_for_messages(OWNER, before + 2)
    found = await rows(bot, "SELECT id FROM messages WHERE update_id = ?", update_id)
    assert len(found) == 1


async def test_error_handler_tells_user_and_keeps_message(
    bot: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await bot.say(OWNER, "/new A")

    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom in respond")

    monkeypatch.setattr("bot.handlers.messages.respond", broken)
    with caplog.at_level(logging.ERROR):
        [answer] = await bot.say(OWNER, "this must not be lost")
    assert "went wrong" in answer.text
    assert "boom in respond" in caplog.text
    found = await rows(bot, "SELECT text FROM messages WHERE text = ?", "this must not be lost")
    assert len(found) == 1


async def test_429_is_retried(bot: Harness) -> None:
    bot.tg.fail_next("sendMessage", status=429, retry_after=1)
    [answer] = await bot.say(OWNER, "/help")
    assert "/new" in answer.text
    sends = [c for c in bot.tg.calls if c.method.lower() == "sendmessage"]
    assert len(sends) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "<b>unclosed & <script>alert(1)</script> <a href='x'>",
        "&amp; &lt; < > &#0; &bogus;",
        "x" * 4096,
        "😀🎉🔥" * 50,
        "你好<b>" * 800,
    ],
)
async def test_hostile_text_answered_without_parse_error(bot: Harness, text: str) -> None:
    await bot.say(OWNER, "/new A <b>&amp;")
    replies = await bot.say(OWNER, text)
    assert replies
    errors = bot.tg.failed_calls()
    assert errors == []


async def test_sticker_and_unknown_command(bot: Harness) -> None:
    before = len(bot.tg.sent_messages(OWNER))
    bot.tg.send_sticker(OWNER)
    [answer] = await bot.tg.wait_for_messages(OWNER, before + 1)
    assert "text" in answer.text
    [unknown] = await bot.say(OWNER, "/frobnicate now")
    assert "/frobnicate" in unknown.text


async def test_token_never_logged_at_debug(
    start_bot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    h: Harness = await start_bot()
    await h.say(OWNER, "/start")
    await h.say(STRANGER, "hi")
    h.tg.fail_next("sendMessage", status=500, description="Internal Server Error")
    await h.say(OWNER, "/help")
    await runtime.stop(h.app)
    await asyncio.sleep(0)
    secret = h.tg.token.split(":", 1)[1]
    assert caplog.records
    for record in caplog.records:
        line = logging.Formatter("%(message)s").format(record)
        assert secret not in line, record.name
        assert h.tg.token not in line
