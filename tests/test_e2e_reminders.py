"""End-to-end: reminders, samples and payment plans through the real Application.

Delivery is tested with short real delays (seconds); time-zone arithmetic with an injected clock
lives in test_when.py.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import runtime
from bot.handlers import reminders as reminder_handlers
from bot.reminders import STARTUP_SPACING, ReminderService
from bot.store.reminders import parse_iso
from tests.conftest import FRIEND, OWNER, Harness
from tests.fake_telegram import FakeTelegram

pytestmark = pytest.mark.e2e
REPO_ROOT = Path(__file__).resolve().parent.parent


async def rows(h: Harness, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in await h.services.db.fetchall(sql, params)]


def reminders_of(h: Harness) -> ReminderService:
    service = h.services.reminders
    assert service is not None
    return service


async def next_messages(h: Harness, user: int, n: int = 1, timeout: float = 8.0) -> list[Any]:
    before = len(h.tg.sent_messages(user))
    sent = await h.tg.wait_for_messages(user, before + n, timeout=timeout)
    return sent[before:]


async def states_become(h: Harness, *states: str, timeout: float = 5.0) -> None:
    """Wait until the reminders' states, by id, are ``states`` (the send is recorded a moment
    after Telegram has the message)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = await rows(h, "SELECT state FROM reminders ORDER BY id")
        if [r[0] for r in found] == list(states):
            return
        if loop.time() > deadline:
            raise AssertionError(f"reminder states {found}, expected {states}")
        await asyncio.sleep(0.02)


def labels(message: Any) -> list[str]:
    return [b["text"] for b in message.buttons]


async def test_reminder_arrives_and_done(bot: Harness) -> None:
    await bot.say(OWNER, "/new Yiwu Straws")
    waiting = asyncio.ensure_future(next_messages(bot, OWNER, 2))
    await asyncio.sleep(0)
    bot.tg.send_text(OWNER, "/remind in 2 seconds call Li about the samples")
    confirmation, fired = await waiting
    assert "call Li about the samples" in confirmation.text
    assert "Yiwu Straws" in confirmation.text
    assert "call Li about the samples" in fired.text and "Yiwu Straws" in fired.text
    assert "Late" not in fired.text and "repeat" not in fired.text
    assert labels(fired) == ["✅ Done", "⏰ 1 h", "⏰ 1 day"]
    await states_become(bot, "sent")
    [(due, sent_at)] = await rows(bot, "SELECT due_at, sent_at FROM reminders")
    assert parse_iso(sent_at) >= parse_iso(due)
    [done] = await bot.press(OWNER, fired.message_id, fired.button_data("Done"))
    assert "Done" in done.text
    assert await rows(bot, "SELECT state FROM reminders") == [("done",)]
    assert not bot.tg.sent_messages(OWNER)[-2].buttons  # the pressed keyboard is gone
    # A second press on the old button is stale and changes nothing.
    await bot.press(OWNER, fired.message_id, fired.button_data("Done"), expect=0)
    assert "no longer valid" in (bot.tg.callback_answers[-1].text or "")


async def test_snooze_fires_again_and_cancel_from_list(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(reminder_handlers.SNOOZE, "h1", timedelta(seconds=1))
    await bot.say(OWNER, "/start")
    await bot.say(OWNER, "/remind in 1 second stretch")
    [fired] = await next_messages(bot, OWNER)
    # Snooze (shortened to 1 s here): the same reminder comes back.
    replies = await bot.press(OWNER, fired.message_id, fired.button_data("1 h"), expect=2)
    assert "Snoozed" in replies[0].text
    assert "stretch" in replies[1].text and replies[1].buttons
    await states_become(bot, "sent")
    [(rid,)] = await rows(bot, "SELECT id FROM reminders")

    # Snooze 1 day: the job moves with it.
    await bot.press(OWNER, replies[1].message_id, replies[1].button_data("1 day"))
    [(state, due)] = await rows(bot, "SELECT state, due_at FROM reminders")
    assert state == "pending"
    expected = datetime.now(UTC) + timedelta(days=1)
    assert abs(parse_iso(due) - expected) < timedelta(seconds=10)
    [job] = reminders_of(bot).jobs(rid)
    assert job.next_t is not None and abs(job.next_t - parse_iso(due)) < timedelta(seconds=1)

    # /reminders lists it with numbered buttons; Cancel ends it and removes the job.
    await bot.say(OWNER, "/remind in 2 days call the forwarder")
    [listing] = await bot.say(OWNER, "/reminders")
    assert listing.text.index("stretch") < listing.text.index("call the forwarder")
    assert labels(listing)[:4] == ["1 · ✅ Done", "1 · ⏰ 1 h", "1 · ⏰ 1 day", "1 · ✖️ Cancel"]
    [cancelled] = await bot.press(OWNER, listing.message_id, listing.button_data("1 · ✖️"))
    assert "Cancelled" in cancelled.text and "stretch" in cancelled.text
    assert (await rows(bot, "SELECT state FROM reminders WHERE id = ?", rid))[0][0] == "cancelled"
    assert reminders_of(bot).jobs(rid) == ()
    edited = next(m for m in bot.tg.sent_messages(OWNER) if m.message_id == listing.message_id)
    assert "stretch" not in edited.text and "call the forwarder" in edited.text
    assert len(edited.buttons) == 4


async def test_hostile_text_is_shown_as_written(bot: Harness) -> None:
    await bot.say(OWNER, "/new A <b>&amp;")
    text = "check <b>R&D</b> & <i>x" + "y" * 400
    [confirmation] = await bot.say(OWNER, f"/remind in 1 second {text}")
    [fired] = await next_messages(bot, OWNER)
    await bot.say(OWNER, "/remind in 2 days <a href='x'>&lt;")
    [listing] = await bot.say(OWNER, "/reminders")
    assert text in confirmation.text and text in fired.text
    assert "A <b>&amp;" in fired.text
    assert "<a href='x'>&lt;" in listing.text
    assert bot.tg.failed_calls() == []


@pytest.mark.parametrize(
    ("zone", "local"),
    [("America/New_York", "America/New_York"), ("Asia/Shanghai", "Asia/Shanghai")],
)
async def test_reminders_use_the_buyers_time_zone(bot: Harness, zone: str, local: str) -> None:
    await bot.say(OWNER, f"/tz {zone}")
    [confirmation] = await bot.say(OWNER, "/remind tomorrow 9am call the factory")
    tz = ZoneInfo(local)
    tomorrow = datetime.now(tz).date() + timedelta(days=1)
    expected = datetime.combine(tomorrow, time(9, 0), tz).astimezone(UTC)
    [(due,)] = await rows(bot, "SELECT due_at FROM reminders")
    assert parse_iso(due) == expected
    assert "09:00" in confirmation.text and zone in confirmation.text
    [listing] = await bot.say(OWNER, "/reminders")
    assert "09:00" in listing.text and zone in listing.text


async def test_sample_reminder_buttons(bot: Harness) -> None:
    await bot.say(OWNER, "/new Yiwu Straws")
    [recorded] = await bot.say(OWNER, "/sample steel straws, 3 colours; 35 CNY; in 1 second")
    assert "steel straws" in recorded.text and "35.00 CNY" in recorded.text
    [asked] = await next_messages(bot, OWNER)
    assert "Has the sample from Yiwu Straws arrived?" in asked.text
    assert labels(asked) == ["📦 Arrived", "⏳ Not yet", "⚠️ Problem"]

    # Not yet: asked again in three days.
    [again] = await bot.press(OWNER, asked.message_id, asked.button_data("Not yet"))
    assert "again" in again.text
    [(state, due)] = await rows(bot, "SELECT state, due_at FROM reminders WHERE kind='sample'")
    assert state == "pending"
    assert abs(parse_iso(due) - (datetime.now(UTC) + timedelta(days=3))) < timedelta(seconds=10)

    # Arrived: rated, and both noted in the supplier's thread.
    await bot.say(OWNER, "/sample ceramic cups; in 1 second")
    [asked] = await next_messages(bot, OWNER)
    assert "ceramic cups" in asked.text
    [rate] = await bot.press(OWNER, asked.message_id, asked.button_data("Arrived"))
    assert labels(rate) == ["1", "2", "3", "4", "5"]
    [rated] = await bot.press(OWNER, rate.message_id, rate.button_data("4"))
    assert "4/5" in rated.text
    samples = await rows(bot, "SELECT what, status, rating FROM samples ORDER BY id")
    assert samples == [
        ("steel straws, 3 colours", "waiting", None),
        ("ceramic cups", "arrived", 4),
    ]
    [sup] = await bot.services.repo.list_suppliers(OWNER)
    notes = [m.text for m in await bot.services.repo.thread(OWNER, sup.id) if m.kind == "note"]
    assert notes == ["Sample arrived: ceramic cups.", "Sample rated 4/5: ceramic cups."]
    assert await reminders_of(bot).store.sample_ratings(OWNER, sup.id) == [4]
    # Rating twice is refused.
    await bot.press(OWNER, rate.message_id, "smp:2:r5", expect=0)
    assert (await rows(bot, "SELECT rating FROM samples WHERE id = 2"))[0][0] == 4

    # Problem: advice, and a note.
    await bot.say(OWNER, "/sample Yiwu Straws: glass straws; in 1 second")
    [asked] = await next_messages(bot, OWNER)
    [advice] = await bot.press(OWNER, asked.message_id, asked.button_data("Problem"))
    assert "photos" in advice.text
    status = await rows(bot, "SELECT status FROM samples WHERE what = 'glass straws'")
    assert status[0][0] == "problem"
    thread = await bot.services.repo.thread(OWNER, sup.id)
    assert thread[-1].text == "Problem with the sample: glass straws."


async def test_sample_defaults_to_fourteen_days(bot: Harness) -> None:
    await bot.say(OWNER, "/tz Asia/Shanghai")
    await bot.say(OWNER, "/new Yiwu Straws")
    await bot.say(OWNER, "/sample bamboo straws")
    [(expected, ordered)] = await rows(bot, "SELECT expected_at, ordered_on FROM samples")
    tz = ZoneInfo("Asia/Shanghai")
    today = datetime.now(tz).date()
    assert date.fromisoformat(ordered) == today
    arrival = datetime.combine(today + timedelta(days=14), time(9, 0), tz)
    assert parse_iso(expected) == arrival.astimezone(UTC)


async def test_payment_plan_reminders_and_paid(bot: Harness) -> None:
    await bot.say(OWNER, "/new Ningbo Cups")
    [plan] = await bot.say(OWNER, "/pay 1000 USD 30/70; in 1 second; in 30 days")
    assert "300.00 USD" in plan.text and "700.00 USD" in plan.text
    assert "⚠️" not in plan.text
    [due] = await next_messages(bot, OWNER)
    assert "Payment due today" in due.text and "300.00 USD" in due.text
    [paid] = await bot.press(OWNER, due.message_id, due.button_data("Paid"))
    assert "300.00 USD" in paid.text and "Ningbo Cups" in paid.text
    payments = await rows(bot, "SELECT seq, paid_at IS NOT NULL FROM payments")
    assert payments == [(1, 1), (2, 0)]
    # The second payment keeps its two reminders: the day before and the day itself.
    pending = await rows(
        bot,
        "SELECT r.kind FROM reminders r JOIN payments p ON p.id = r.payment_id"
        " WHERE r.state = 'pending' AND p.seq = 2 ORDER BY r.due_at",
    )
    assert [r[0] for r in pending] == ["payment_before", "payment_due"]
    [sup] = await bot.services.repo.list_suppliers(OWNER)
    [note] = [m for m in await bot.services.repo.thread(OWNER, sup.id) if m.kind == "note"]
    assert note.text.startswith("Paid 300.00 USD") and note.direction == "buyer"
    await bot.press(OWNER, due.message_id, due.button_data("Paid"), expect=0)
    assert "already" in (bot.tg.callback_answers[-1].text or "")


async def test_payment_day_before_reminder(bot: Harness) -> None:
    await bot.say(OWNER, "/new Ningbo Cups")
    # Due in a day and a second: the day-before reminder comes first, a second from now.
    await bot.say(OWNER, "/pay 200 USD 100; in 86401 seconds")
    [before] = await next_messages(bot, OWNER)
    assert "Payment due tomorrow" in before.text and "200.00 USD" in before.text
    assert before.button_data("Paid").startswith("pay:")


async def test_plan_warnings(bot: Harness) -> None:
    await bot.say(OWNER, "/new Ningbo Cups")
    [plan] = await bot.say(OWNER, "/pay 1000 USD 70/30; in 1 day; in 30 days; via WeChat")
    assert "70 % before production" in plan.text
    assert "outside 1688" in plan.text
    [plan] = await bot.say(OWNER, "/pay 1000 USD 50/50; in 1 day; in 30 days; via 1688")
    assert "⚠️" not in plan.text


@pytest.mark.parametrize(
    ("command", "answer"),
    [
        ("/remind", "/remind WHEN TEXT"),
        ("/remind blah blah", "cannot read “blah blah” as a date"),
        ("/remind yesterday call Li", "already past"),
        ("/remind tomorrow", "What should I remind you about?"),
        ("/pay", "/pay TOTAL CURRENCY PLAN"),
        ("/pay 1000", "Start with the total"),
        ("/pay -5 USD 30/70; in 1 day; in 2 days", "more than zero"),
        ("/pay 100 USD 30/60; in 1 day; in 2 days", "add up to 90 %"),
        ("/pay 100 dollars 30/70; in 1 day; in 2 days", "not a currency"),
        ("/pay 100 USD 30/70; in 1 day", "write 2 due dates"),
        ("/pay 100 USD 30/70; in 5 days; in 2 days", "in the order you pay"),
        ("/pay 100 USD 100; yesterday 10am", "already past"),
        ("/pay 100 USD 100; soonish", "cannot read “soonish”"),
        ("/sample", "/sample WHAT"),
        ("/sample straws; -3 CNY", "more than zero"),
        ("/sample straws; next blursday", "cannot read"),
        ("/sample straws; ordered tomorrow", "is in the future"),
        ("/sample straws; 2020-01-01", "already past"),
    ],
)
async def test_bad_input_answers(bot: Harness, command: str, answer: str) -> None:
    await bot.say(OWNER, "/new Yiwu Straws")
    [reply] = await bot.say(OWNER, command)
    assert answer in reply.text
    for table in ("reminders", "samples", "payment_plans"):
        assert await rows(bot, f"SELECT id FROM {table}") == [], table


async def test_sample_and_pay_need_a_supplier(bot: Harness) -> None:
    [reply] = await bot.say(OWNER, "/sample straws")
    assert "Which supplier" in reply.text
    [reply] = await bot.say(OWNER, "/pay 100 USD 100; in 3 days")
    assert "Which supplier" in reply.text
    # /remind works without one.
    [reply] = await bot.say(OWNER, "/remind in 3 days check email")
    assert "check email" in reply.text


async def test_foreign_and_forged_buttons(bot: Harness) -> None:
    await bot.say(OWNER, f"/allow {FRIEND}")
    await bot.say(OWNER, "/new Secret Supplier")
    await bot.say(OWNER, "/remind in 3 days secret plan")
    await bot.say(OWNER, "/sample secret sample; in 3 days")
    await bot.say(OWNER, "/pay 100 USD 100; in 3 days")
    [listing] = await bot.say(FRIEND, "/reminders")
    forged = ["rem:1:done", "rml:1:cancel", "rem:1:h1", "smp:1:arrived", "smp:1:r5",
              "pay:1:paid", "rem:1:explode", "smp:x:arrived", "pay:1:2:paid"]  # fmt: skip
    for data in forged:
        await bot.press(FRIEND, listing.message_id, data, expect=0)
    answers = [a.text or "" for a in bot.tg.callback_answers if a.user_id == FRIEND]
    assert len(answers) == len(forged)
    assert all("no longer valid" in a for a in answers)
    states = {r[0] for r in await rows(bot, "SELECT state FROM reminders")}
    assert states == {"pending"}
    assert await rows(bot, "SELECT status, rating FROM samples") == [("waiting", None)]
    assert (await rows(bot, "SELECT paid_at FROM payments"))[0][0] is None
    assert not any("secret" in m.text for m in bot.tg.sent_messages(FRIEND))


async def test_redelivered_command_makes_one_reminder(bot: Harness) -> None:
    await bot.say(OWNER, "/start")
    before = len(bot.tg.sent_messages(OWNER))
    update_id = bot.tg.send_text(OWNER, "/remind in 3 days only once")
    await bot.tg.wait_for_messages(OWNER, before + 1)
    bot.tg.redeliver(update_id)
    await bot.tg.wait_for_messages(OWNER, before + 2)
    assert len(await rows(bot, "SELECT id FROM reminders")) == 1


async def test_overdue_backlog_after_restart_is_paced_and_sent_once(start_bot: Any) -> None:
    first: Harness = await start_bot()
    await first.say(OWNER, "/start")
    store = reminders_of(first).store
    past = datetime.now(UTC) - timedelta(minutes=5)
    count = 20
    for i in range(count):
        await store.add_reminder(OWNER, OWNER, past + timedelta(seconds=i), f"backlog {i}")
    # One reminder was claimed by a process that died before recording the send.
    await first.services.db.conn.execute("UPDATE reminders SET state = 'sending' WHERE id = 1")
    for rid in range(1, count + 1):
        reminders_of(first).unschedule(rid)
    await runtime.stop(first.app)

    before = len(first.tg.sent_messages(OWNER))
    second: Harness = await start_bot()
    sent = (await second.tg.wait_for_messages(OWNER, before + count, timeout=15))[before:]
    texts = [m.text for m in sent]
    for i in range(count):
        assert sum(f"backlog {i}\n" in t + "\n" for t in texts) == 1, i
    assert all("Late" in t for t in texts)
    assert ["repeat" in t for t in texts].count(True) == 1
    assert "repeat" in next(t for t in texts if "backlog 0\n" in t + "\n")
    # Spaced out, not fired in one burst.
    sends = [c.time for c in second.tg.calls_to("sendMessage")][-count:]
    assert sends[-1] - sends[0] >= (count - 1) * STARTUP_SPACING * 0.8
    await asyncio.sleep(1.0)
    assert len(second.tg.sent_messages(OWNER)) == before + count
    await states_become(second, *["sent"] * count)


async def _wait_started(
    tg: FakeTelegram, n: int, proc: asyncio.subprocess.Process, log: Path
) -> None:
    async def started() -> None:
        while len(tg.calls_to("setMyCommands")) < n:
            if proc.returncode is not None:
                raise AssertionError(f"bot exited with {proc.returncode}: {log.read_text()}")
            await asyncio.sleep(0.05)

    await asyncio.wait_for(started(), timeout=30)


async def test_kill_9_reminder_arrives_once_after_restart(tg: FakeTelegram, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": tg.token,
        "PIFA_BOT_API_URL": tg.root_url,
        "PIFA_DB": str(tmp_path / "pifa.sqlite3"),
        "PIFA_ALLOWED_USERS": str(OWNER),
        "PIFA_TIMEZONE": "UTC",
        # The default translators: this test never translates, so they are never called.
        "PIFA_TRANSLATORS": "",
        "PYTHONPATH": str(REPO_ROOT),
    }

    async def launch(n: int) -> asyncio.subprocess.Process:
        log_path = tmp_path / f"bot{n}.log"
        with open(log_path, "wb") as log:
            proc = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "bot", "run", cwd=tmp_path, env=env,
                stdout=log, stderr=log,
            )  # fmt: skip
        await _wait_started(tg, n, proc, log_path)
        return proc

    first = await launch(1)
    loop = asyncio.get_running_loop()
    try:
        tg.send_text(OWNER, "/remind in 4 seconds water the cactus")
        sent_at = loop.time()
        [confirmation] = await tg.wait_for_messages(OWNER, 1, timeout=15)
        assert "water the cactus" in confirmation.text
    finally:
        first.send_signal(signal.SIGKILL)
        await first.wait()
    # Wait until it is due, with the bot down.
    await asyncio.sleep(max(0.0, sent_at + 5.0 - loop.time()))
    assert len(tg.sent_messages(OWNER)) == 1

    second = await launch(2)
    try:
        fired = await tg.wait_for_messages(OWNER, 2, timeout=20)
        await asyncio.sleep(2.0)  # long enough for a duplicate to show up
        reminders = [
            m for m in tg.sent_messages(OWNER)
            if "water the cactus" in m.text and "I will remind you" not in m.text
        ]  # fmt: skip
        assert len(reminders) == 1, [m.text for m in tg.sent_messages(OWNER)]
        assert "Late" in reminders[0].text and "repeat" not in reminders[0].text
        assert fired[-1].buttons
    finally:
        second.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(second.wait(), timeout=15)
        except TimeoutError:
            second.kill()
            await second.wait()
