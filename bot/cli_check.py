"""``pifa check``: analyse a supplier reply offline (no network, token or database).

Plain text in, a readable report out; ``--json`` prints the contract object of DESIGN.md and
``--jsonl`` streams one object per input line, ``{"error": ...}`` for a line that is not valid.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Iterable
from typing import IO, Any

from bot.analysis import analyser
from bot.domain.analysis import Analysis
from bot.domain.keys import QUESTION_KEYS
from bot.errors import InputError
from bot.render import render_plain
from bot.resources import load_toml


def _message(code: str, **values: Any) -> str:
    return str(load_toml("analysis_cli.toml")["errors"][code]).format(**values)


def _keys_list() -> str:
    return ", ".join(QUESTION_KEYS)


def _asked_arg(text: str) -> list[str]:
    keys = [k.strip() for k in text.split(",") if k.strip()]
    for key in keys:
        if key not in QUESTION_KEYS:
            raise argparse.ArgumentTypeError(_message("unknown_key", key=key, keys=_keys_list()))
    return keys


def _price_arg(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(_message("bad_price"))
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``check`` to the ``pifa`` subcommands."""
    check = subparsers.add_parser(
        "check",
        help="analyse a supplier reply: red flags, facts, unanswered questions",
        description="Analyse a supplier reply given as TEXT or on stdin. Works offline.",
    )
    check.add_argument("text", nargs="?", metavar="TEXT", help="the reply; stdin when absent")
    check.add_argument(
        "--asked",
        type=_asked_arg,
        default=[],
        metavar="KEYS",
        help=f"comma-separated question keys the buyer asked ({_keys_list()})",
    )
    check.add_argument(
        "--market-price", type=_price_arg, metavar="CNY", help="reference unit price in CNY"
    )
    check.add_argument(
        "--too-low-ratio",
        type=float,
        default=0.6,
        metavar="R",
        help="price_too_low below this share of the market price (default 0.6)",
    )
    mode = check.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print the result as one JSON object")
    mode.add_argument(
        "--jsonl",
        action="store_true",
        help='read {"text","asked","market_price"} per line on stdin, write one result per line',
    )
    check.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    """Dispatch target of ``pifa check``; returns the exit code."""
    ratio = float(args.too_low_ratio)
    if not 0 < ratio <= 1:
        raise InputError(_message("bad_ratio"))
    out = _utf8_stdout()
    if args.jsonl:
        if args.text is not None:
            raise InputError(_message("text_with_jsonl"))
        for line in _stdin_lines():
            out.write(json.dumps(check_line(line, ratio), ensure_ascii=False) + "\n")
            out.flush()
        return 0
    text = args.text if args.text not in (None, "-") else _read_stdin()
    result = analyser().analyse(text, args.asked, args.market_price, too_low_ratio=ratio)
    if args.json:
        out.write(json.dumps(result.to_contract(), ensure_ascii=False) + "\n")
    else:
        out.write(report(result) + "\n")
    out.flush()
    return 0


def report(result: Analysis) -> str:
    """The readable report of one analysis."""
    return render_plain(
        "cli/check_report.txt.j2",
        flags=result.flags,
        facts=result.facts,
        unanswered=result.unanswered,
    )


def check_line(line: bytes | str, ratio: float = 0.6) -> dict[str, Any]:
    """One ``--jsonl`` line to its result object, or ``{"error": ...}``."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return {"error": _message("bad_encoding")}
    line = line.rstrip("\r\n")
    if not line.strip():
        return {"error": _message("empty_line")}
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        return {"error": _message("bad_json", detail=getattr(exc, "msg", str(exc)))}
    if not isinstance(row, dict):
        return {"error": _message("not_object")}
    text = row.get("text")
    if not isinstance(text, str):
        return {"error": _message("no_text")}
    asked = row.get("asked")
    if asked is None:
        asked = []
    if not isinstance(asked, list) or not all(isinstance(k, str) for k in asked):
        return {"error": _message("bad_asked", keys=_keys_list())}
    unknown = [k for k in asked if k not in QUESTION_KEYS]
    if unknown:
        return {"error": _message("unknown_key", key=unknown[0], keys=_keys_list())}
    price = row.get("market_price")
    if price is not None and (
        isinstance(price, bool)
        or not isinstance(price, int | float)
        or not math.isfinite(price)
        or price <= 0
    ):
        return {"error": _message("bad_price")}
    try:
        result = analyser().analyse(text, asked, price, too_low_ratio=ratio)
    except InputError as exc:
        return {"error": str(exc)}
    return result.to_contract()


def _stdin_lines() -> Iterable[bytes | str]:
    stream: IO[Any] = getattr(sys.stdin, "buffer", sys.stdin)
    yield from stream


def _read_stdin() -> str:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        return bytes(stream.read()).decode("utf-8", errors="replace")
    return str(sys.stdin.read())


def _utf8_stdout() -> IO[str]:
    """Stdout that can print Chinese whatever the locale says."""
    out = sys.stdout
    reconfigure = getattr(out, "reconfigure", None)
    if reconfigure is not None and (out.encoding or "").lower().replace("-", "") != "utf8":
        reconfigure(encoding="utf-8")
    return out
