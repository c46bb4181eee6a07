"""Run the fake Bot API on its own so a person can drive the real bot by hand.

python -m tests.fake_telegram [--port 8081] [--token 123456:TEST-token-SECRET]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools

from .server import FakeTelegram

_USAGE = """\
Fake Telegram Bot API listening on {root}

Point the bot at it (another terminal):
  PIFA_BOT_API_URL={root} TELEGRAM_BOT_TOKEN={token} pifa run

Act as a user:
  curl -s {root}/_control/message -H 'Content-Type: application/json' \\
       -d '{{"user_id": 1, "text": "/start"}}'
  curl -s {root}/_control/sent          # what the bot sent (JSON; ?chat_id=1 to filter)
  curl -s {root}/_control/button -H 'Content-Type: application/json' \\
       -d '{{"user_id": 1, "message_id": 5, "data": "CALLBACK_DATA"}}'

Ctrl+C stops it.
"""


def _has_more(fake: FakeTelegram, shown: int) -> bool:
    return len(fake.sent_messages()) > shown


async def _serve(args: argparse.Namespace) -> None:
    fake = FakeTelegram(args.token, host=args.host, port=args.port, control_api=True)
    await fake.start()
    print(_USAGE.format(root=fake.root_url, token=fake.token), flush=True)
    shown = 0
    try:
        while True:
            # Echo the bot's messages so the person sees the conversation in this terminal.
            await fake.wait_for(functools.partial(_has_more, fake, shown), timeout=3600)
            for message in fake.sent_messages()[shown:]:
                buttons = [
                    f"[{b.get('text')} -> {b.get('callback_data', b.get('url'))}]"
                    for b in message.buttons
                ]
                print(
                    f"bot -> chat {message.chat_id} #{message.message_id}: "
                    f"{message.text or message.caption or message.kind} {' '.join(buttons)}",
                    flush=True,
                )
            shown = len(fake.sent_messages())
    except TimeoutError:
        pass
    finally:
        await fake.stop()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.fake_telegram", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--token", default="123456:TEST-token-SECRET")
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(parser.parse_args()))


if __name__ == "__main__":
    main()
