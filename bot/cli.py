"""The ``pifa`` command line: ``run`` talks to Telegram; the other commands work offline."""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from bot import __version__
from bot.errors import ConfigError, PifaError

log = logging.getLogger(__name__)

#: Modules that add offline subcommands; each has ``register(subparsers)``.
_OFFLINE_COMMANDS = ("bot.cli_check", "bot.cli_ask")


def _run(args: argparse.Namespace) -> int:
    # Telegram and the database are imported only here: offline commands load neither.
    from bot.app import build_application
    from bot.config import load_settings
    from bot.logs import setup_logging

    settings = load_settings()
    setup_logging(settings.log_level, settings.token)
    app = build_application(settings)
    log.info("starting long polling against %s", settings.api_url)
    # Edits are not taken: an edited message would otherwise be filed a second time.
    app.run_polling(allowed_updates=["message", "callback_query"])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pifa",
        description="Pifa (批发): a Telegram assistant for buyers talking to 1688 suppliers.",
    )
    parser.add_argument("--version", action="version", version=f"pifa {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    run = sub.add_parser(
        "run",
        help="run the bot with long polling (needs TELEGRAM_BOT_TOKEN)",
        description="Run the bot with long polling. Settings come from the environment and .env.",
    )
    run.set_defaults(func=_run)
    for name in _OFFLINE_COMMANDS:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except ConfigError as exc:
        print(f"pifa: configuration error: {exc}", file=sys.stderr)
        return 2
    except PifaError as exc:
        print(f"pifa: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
