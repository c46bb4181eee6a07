"""Settings: one frozen dataclass, loaded once from the environment by one function.

A ``.env`` file in the working directory may fill in variables that are unset; it never
overrides one that is set. Every problem becomes a :class:`~bot.errors.ConfigError` whose
message names the variable, so the command line can print one line and exit 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError

DEFAULT_API_URL = "https://api.telegram.org"
DEFAULT_TRANSLATORS = ("google", "mymemory")
KNOWN_TRANSLATORS = ("google", "mymemory", "deepl", "baidu", "microsoft", "libre")
_TOKEN_RE = re.compile(r"^\d+:[A-Za-z0-9_-]{5,}$")

#: Provider key variables passed through to the translation factory unchanged.
TRANSLATOR_KEY_VARS = (
    "PIFA_DEEPL_KEY",
    "PIFA_BAIDU_APPID",
    "PIFA_BAIDU_KEY",
    "PIFA_MICROSOFT_KEY",
    "PIFA_LIBRETRANSLATE_URL",
    "PIFA_LIBRETRANSLATE_KEY",
    "PIFA_MICROSOFT_REGION",
)


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything the bot reads from its environment."""

    token: str
    api_url: str
    db_path: Path
    allowed_users: tuple[int, ...]
    timezone: str
    translators: tuple[str, ...]
    translator_keys: Mapping[str, str] = field(default_factory=dict)
    translate_timeout: float = 8.0
    #: Seconds a buyer waits for translation before getting the rest of the answer without it.
    translate_budget: float = 9.0
    translate_workers: int = 64
    log_level: str = "INFO"
    #: Messages per second across all chats (Telegram's broadcast limit); 0 lifts it.
    send_rate: float = 30.0
    #: A quote under this share of the other suppliers' median is flagged price_too_low.
    price_too_low_ratio: float = 0.6

    @property
    def owner_id(self) -> int | None:
        return self.allowed_users[0] if self.allowed_users else None


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse a minimal ``.env`` file: ``KEY=value`` lines, ``#`` comments, optional quotes."""
    values: dict[str, str] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, IsADirectoryError):
        return values
    except OSError as exc:
        raise ConfigError(f".env: cannot read {path}: {exc.strerror}") from exc
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[len("export ") :].lstrip()
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
            raise ConfigError(f".env line {lineno}: expected KEY=value")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key] = value
    return values


def merged_environment(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = None
) -> dict[str, str]:
    """The process environment, with ``.env`` filling in only what is unset."""
    env = dict(os.environ if environ is None else environ)
    for key, value in read_dotenv(dotenv or Path.cwd() / ".env").items():
        env.setdefault(key, value)
    return env


def default_db_path(env: Mapping[str, str]) -> Path:
    """``$XDG_DATA_HOME/pifa/pifa.sqlite3`` (``~/.local/share`` when unset)."""
    base = env.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pifa" / "pifa.sqlite3"


def parse_user_ids(raw: str) -> tuple[int, ...]:
    ids: list[int] = []
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdigit() or int(part) <= 0:
            raise ConfigError(
                f"PIFA_ALLOWED_USERS: {part!r} is not a Telegram user id "
                "(expected comma-separated positive numbers)"
            )
        if int(part) not in ids:
            ids.append(int(part))
    return tuple(ids)


def check_timezone(name: str, variable: str = "PIFA_TIMEZONE") -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(
            f"{variable}: unknown time zone {name!r} (use an IANA name like Asia/Shanghai)"
        ) from exc
    return name


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value <= 0:
        raise ConfigError(f"{name}: expected a positive number of seconds, got {raw!r}")
    return value


def _positive_int(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ConfigError(f"{name}: expected a positive whole number, got {raw!r}")
    return int(raw)


def _rate(env: Mapping[str, str]) -> float:
    raw = env.get("PIFA_SEND_RATE", "").strip()
    if not raw:
        return 30.0
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if value < 0:
        raise ConfigError(
            f"PIFA_SEND_RATE: expected messages per second (0 = no limit), got {raw!r}"
        )
    return value


def _ratio(env: Mapping[str, str]) -> float:
    raw = env.get("PIFA_PRICE_TOO_LOW", "").strip()
    if not raw:
        return 0.6
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 1:
        raise ConfigError(
            f"PIFA_PRICE_TOO_LOW: expected a share of the market price above 0 and at most 1 "
            f"(0.6 = 60 %), got {raw!r}"
        )
    return value


def parse_translators(raw: str) -> tuple[str, ...]:
    names = tuple(n.strip().lower() for n in raw.split(",") if n.strip())
    if not names:
        return DEFAULT_TRANSLATORS
    for name in names:
        if name not in KNOWN_TRANSLATORS:
            raise ConfigError(
                f"PIFA_TRANSLATORS: unknown provider {name!r} "
                f"(choose from {', '.join(KNOWN_TRANSLATORS)})"
            )
    return names


def load_settings(
    environ: Mapping[str, str] | None = None,
    *,
    dotenv: Path | None = None,
    require_token: bool = True,
) -> Settings:
    """Read every setting once.

    Args:
        environ: the environment to read (``os.environ`` when None).
        dotenv: the ``.env`` file (``./.env`` when None).
        require_token: offline commands pass False and never need the token.

    Raises:
        ConfigError: a setting is missing or malformed; the message names it.
    """
    env = merged_environment(environ, dotenv)
    token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
    if require_token:
        if not token:
            raise ConfigError("TELEGRAM_BOT_TOKEN is not set (get a token from @BotFather)")
        if not _TOKEN_RE.match(token):
            raise ConfigError("TELEGRAM_BOT_TOKEN does not look like a bot token (123456:ABC…)")
    api_url = env.get("PIFA_BOT_API_URL", "").strip().rstrip("/") or DEFAULT_API_URL
    if not re.match(r"^https?://[^/\s]+", api_url):
        raise ConfigError(f"PIFA_BOT_API_URL: expected an http(s) URL, got {api_url!r}")
    db_raw = env.get("PIFA_DB", "").strip()
    db_path = Path(db_raw).expanduser() if db_raw else default_db_path(env)
    tz = check_timezone(env.get("PIFA_TIMEZONE", "").strip() or "UTC")
    level = (env.get("PIFA_LOG_LEVEL", "").strip() or "INFO").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
        raise ConfigError(f"PIFA_LOG_LEVEL: expected DEBUG, INFO, WARNING or ERROR, got {level!r}")
    return Settings(
        token=token,
        api_url=api_url,
        db_path=db_path,
        allowed_users=parse_user_ids(env.get("PIFA_ALLOWED_USERS", "")),
        timezone=tz,
        translators=parse_translators(env.get("PIFA_TRANSLATORS", "")),
        translator_keys={k: env[k] for k in TRANSLATOR_KEY_VARS if env.get(k)},
        translate_timeout=_positive_float(env, "PIFA_TRANSLATE_TIMEOUT", 8.0),
        translate_budget=_positive_float(env, "PIFA_TRANSLATE_BUDGET", 9.0),
        translate_workers=_positive_int(env, "PIFA_TRANSLATE_WORKERS", 64),
        log_level=level,
        send_rate=_rate(env),
        price_too_low_ratio=_ratio(env),
    )
