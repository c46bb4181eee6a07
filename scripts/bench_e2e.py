"""Benchmark: supplier replies per second through the real bot.

50 chats each paste 20 Chinese supplier replies. Every reply is recorded, analysed and
translated once by a provider that takes 200 ms inside the real worker pool, then answered.
The fake Bot API server and the simulated users run in a child process (as Telegram is another
machine), so the figures measure the bot's own process. Prints throughput, latency, order and
memory; asserts nothing about time. The ceiling is 250 replies/s: each chat is answered in
order, so one chat cannot go faster than one reply per 200 ms.

Run: python scripts/bench_e2e.py [--chats 50] [--replies 20] [--delay 0.2]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import multiprocessing as mp
import re
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot import runtime
from bot.app import build_application
from bot.config import Settings
from bot.translate.fake import pooled_fake_translator
from tests.fake_telegram import FakeTelegram

TOKEN = "123456:BENCH-token-SECRET"


def slow_provider(delay: float) -> Any:
    def translate(text: str, source: str, target: str) -> str:
        time.sleep(delay)  # a blocking HTTP call, as deep-translator makes
        return f"[{target}] {text}"

    return translate


async def telegram_side(conn: Any, users: list[int], replies: int) -> None:
    """Child process: the Bot API server and the users pasting replies."""
    tg = FakeTelegram(TOKEN)
    await tg.start()
    loop = asyncio.get_running_loop()
    conn.send(tg.root_url)
    await loop.run_in_executor(None, conn.recv)  # the bot is running
    for uid in users:
        tg.send_text(uid, f"/new Supplier {uid}")
    await tg.wait_for(lambda: len(tg.calls_to("sendMessage")) >= len(users), timeout=60)
    base = len(tg.calls_to("sendMessage"))
    total = len(users) * replies
    sent_at: dict[tuple[int, int], float] = {}
    start = time.monotonic()
    for i in range(replies):
        for uid in users:
            sent_at[(uid, i)] = time.monotonic()
            tg.send_text(uid, f"亲 第{i}号 单价{10 + i}元 起订量{100 + uid}件 七天发货")
    await tg.wait_for(lambda: len(tg.calls_to("sendMessage")) >= base + total, timeout=300)
    elapsed = time.monotonic() - start
    latencies: list[float] = []
    seen: dict[int, list[int]] = {uid: [] for uid in users}
    for call in tg.calls_to("sendMessage")[base:]:
        m = re.search(r"第(\d+)号", str(call.params.get("text", "")))
        if m:
            uid, i = int(call.params["chat_id"]), int(m.group(1))
            seen[uid].append(i)
            latencies.append(call.time - sent_at[(uid, i)])
    lost = sum(replies - len(set(v)) for v in seen.values())
    disorder = sum(1 for v in seen.values() for a, b in itertools.pairwise(v) if b < a)
    conn.send((elapsed, latencies, lost, disorder))
    await loop.run_in_executor(None, conn.recv)  # the bot has stopped
    await tg.stop()


def child(conn: Any, users: list[int], replies: int) -> None:
    asyncio.run(telegram_side(conn, users, replies))


async def bot_side(conn: Any, root: str, users: list[int], delay: float, rate: float) -> Any:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            token=TOKEN,
            api_url=root,
            db_path=Path(tmp) / "bench.sqlite3",
            allowed_users=tuple(users),
            timezone="UTC",
            translators=("google",),
            translate_workers=64,
            send_rate=rate,
        )
        app = build_application(
            settings,
            translator_factory=lambda cache: pooled_fake_translator(
                slow_provider(delay), max_workers=64, timeout=5.0, cache=cache
            ),
        )
        await runtime.start(app, poll_timeout=1)
        conn.send("ready")
        loop = asyncio.get_running_loop()
        cpu_before = time.process_time()
        result = await loop.run_in_executor(None, conn.recv)
        result = (*result, time.process_time() - cpu_before)
        await runtime.stop(app)
        conn.send("done")
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--replies", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.2)
    parser.add_argument(
        "--send-rate",
        type=float,
        default=0,
        help="the bot's overall send limit (PIFA_SEND_RATE; default here 0 = none, so the "
        "figure measures the bot, not Telegram's 30 msg/s broadcast limit)",
    )
    a = parser.parse_args()
    users = list(range(5000, 5000 + a.chats))
    parent_conn, child_conn = mp.Pipe()
    proc = mp.get_context("spawn").Process(target=child, args=(child_conn, users, a.replies))
    proc.start()
    root = parent_conn.recv()
    elapsed, latencies, lost, disorder, cpu = asyncio.run(
        bot_side(parent_conn, root, users, a.delay, a.send_rate)
    )
    proc.join(30)
    total = a.chats * a.replies
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"chats={a.chats} replies/chat={a.replies} provider delay={a.delay * 1000:.0f} ms "
        f"send rate limit={a.send_rate or 'none'} msg/s"
    )
    print(f"replies: {total} in {elapsed:.2f} s = {total / elapsed:.1f} replies/s")
    print(f"ceiling (one reply per chat per delay): {a.chats / a.delay:.0f} replies/s")
    if len(latencies) > 1:
        q = statistics.quantiles(latencies, n=20)
        print(
            f"latency from paste to answer: median {statistics.median(latencies):.2f} s, "
            f"p95 {q[18]:.2f} s"
        )
    print(f"lost: {lost}, out of order within a chat: {disorder}")
    print(f"bot process CPU time during the run: {cpu:.2f} s ({cpu / elapsed:.0%} of a core)")
    print(f"bot process peak RSS: {rss_mb:.0f} MB")
    return 0 if lost == 0 and disorder == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
