"""``pifa ask`` and ``pifa pinyin``: supplier questions on the command line, fully offline.

No machine translation happens here: a value that is not in Chinese goes into the message
unchanged, and a warning on stderr says so.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from bot.domain import questions as spec
from bot.errors import InputError
from bot.questions import label, render_question, to_pinyin
from bot.render import render_plain

_TEXT_PARAMS = ("product", "address", "detail")


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value <= 0:
        raise argparse.ArgumentTypeError(
            render_plain("questions/error.en.j2", code="bad_qty", value=text)
        )
    return value


def register(subparsers: Any) -> None:
    """Add ``ask`` and ``pinyin`` to the ``pifa`` subcommands (``subparsers.add_parser``)."""
    ask = subparsers.add_parser(
        "ask",
        help="print a supplier question in Chinese, with pinyin and an English reading",
        description="Print a reviewed supplier question: Chinese, pinyin, English reading.",
    )
    ask.add_argument("key", nargs="?", metavar="KEY", help="question key, or 'all'")
    ask.add_argument("--list", action="store_true", help="list the question keys")
    ask.add_argument("--qty", type=_positive_int, help="quantity in pieces (price, moq, …)")
    ask.add_argument("--product", help="product name, best in Chinese")
    ask.add_argument("--address", help="delivery address in China (shipping)")
    ask.add_argument("--detail", help="what to customise (customization)")
    ask.add_argument("--followup", action="store_true", help="the short re-ask instead")
    ask.add_argument("--json", action="store_true", help='print {"key","zh","pinyin","en"}')
    ask.set_defaults(func=_ask)

    pinyin = subparsers.add_parser(
        "pinyin",
        help="print the pinyin (tone marks) of Chinese text",
        description="Print tone-marked pinyin, with Pifa's heteronym corrections.",
    )
    pinyin.add_argument("text", nargs="+", metavar="TEXT")
    pinyin.set_defaults(func=_pinyin)


def _ask(args: argparse.Namespace) -> int:
    if args.list:
        rows = [(s, label(s.key)) for s in spec.specs()]
        print(render_plain("cli/ask_list.txt.j2", rows=rows))
        return 0
    if not args.key:
        raise InputError(render_plain("cli/ask_error.txt.j2", code="no_key"))
    for param in _TEXT_PARAMS:
        value = getattr(args, param)
        if value and spec.needs_translation(value):
            print(render_plain("cli/ask_warning.txt.j2", param=param, value=value), file=sys.stderr)
    rendering = render_question(
        args.key,
        qty=args.qty,
        product=args.product,
        address=args.address,
        detail=args.detail,
        followup=args.followup,
    )
    if args.json:
        fields = ("key", "zh", "pinyin", "en")
        print(json.dumps({f: getattr(rendering, f) for f in fields}, ensure_ascii=False))
    else:
        print(render_plain("cli/ask.txt.j2", r=rendering, followup=args.followup))
    return 0


def _pinyin(args: argparse.Namespace) -> int:
    print(to_pinyin(" ".join(args.text)))
    return 0
