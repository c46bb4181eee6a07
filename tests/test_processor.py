"""The per-chat update processor: ordered within a chat, concurrent across chats."""

from __future__ import annotations

import asyncio

from telegram import Chat, Message, Update, User

from bot.processor import PerChatUpdateProcessor


def update(update_id: int, chat_id: int) -> Update:
    user = User(chat_id, "u", False)
    chat = Chat(chat_id, "private")
    msg = Message(update_id, None, chat, from_user=user, text="x")  # type: ignore[arg-type]
    return Update(update_id, message=msg)


async def test_order_within_chat_and_waiters_hold_no_slot() -> None:
    processor = PerChatUpdateProcessor(max_active=2)
    gate = asyncio.Event()
    done: list[tuple[int, int]] = []

    async def work(chat: int, n: int, wait: bool) -> None:
        if wait:
            await gate.wait()
        done.append((chat, n))

    tasks = [
        asyncio.create_task(processor.process_update(update(i, 1), work(1, i, True)))
        for i in range(10)
    ]
    await asyncio.sleep(0.01)
    # Chat 1 has one update running (blocked) and nine waiting for its turn; with only two
    # slots, chat 2 still gets one because waiting updates do not hold slots.
    other = asyncio.create_task(processor.process_update(update(100, 2), work(2, 0, False)))
    await asyncio.wait_for(other, timeout=1)
    assert done == [(2, 0)]
    gate.set()
    await asyncio.gather(*tasks)
    assert [n for chat, n in done if chat == 1] == list(range(10))
    assert processor.waiting_chats == 0


async def test_bound_on_running_updates() -> None:
    processor = PerChatUpdateProcessor(max_active=3)
    running = 0
    peak = 0

    async def work() -> None:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        await asyncio.sleep(0.01)
        running -= 1

    await asyncio.gather(
        *(processor.process_update(update(i, 1000 + i), work()) for i in range(20))
    )
    assert peak == 3
