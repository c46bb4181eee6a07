from pathlib import Path

import pytest

from bot.config import load_settings, read_dotenv
from bot.errors import ConfigError

TOKEN = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ012345678"


def settings(env: dict[str, str], tmp_path: Path, dotenv: str = "", **kw: bool):
    path = tmp_path / ".env"
    path.write_text(dotenv)
    return load_settings(env, dotenv=path, **kw)


def test_defaults(tmp_path: Path) -> None:
    s = settings({"TELEGRAM_BOT_TOKEN": TOKEN, "HOME": str(tmp_path)}, tmp_path)
    assert s.api_url == "https://api.telegram.org"
    assert s.allowed_users == ()
    assert s.timezone == "UTC"
    assert s.translators == ("google", "mymemory")
    assert s.db_path.name == "pifa.sqlite3"
    assert s.price_too_low_ratio == 0.6
    ratio = settings({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_PRICE_TOO_LOW": "0.5"}, tmp_path)
    assert ratio.price_too_low_ratio == 0.5


def test_dotenv_fills_unset_but_never_overrides(tmp_path: Path) -> None:
    s = settings(
        {"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_TIMEZONE": "Asia/Shanghai"},
        tmp_path,
        "PIFA_TIMEZONE=Europe/Berlin\nPIFA_ALLOWED_USERS='5, 7'\n# comment\nexport PIFA_DB=x.db\n",
    )
    assert s.timezone == "Asia/Shanghai"
    assert s.allowed_users == (5, 7)
    assert s.owner_id == 5
    assert s.db_path == Path("x.db")


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": "nope"}, "TELEGRAM_BOT_TOKEN"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_ALLOWED_USERS": "12,abc"}, "PIFA_ALLOWED_USERS"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_TIMEZONE": "Mars/Base"}, "PIFA_TIMEZONE"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_BOT_API_URL": "ftp://x"}, "PIFA_BOT_API_URL"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_TRANSLATORS": "google,babel"}, "PIFA_TRANSLATORS"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_TRANSLATE_TIMEOUT": "-1"}, "PIFA_TRANSLATE_TIMEOUT"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_PRICE_TOO_LOW": "60"}, "PIFA_PRICE_TOO_LOW"),
        ({"TELEGRAM_BOT_TOKEN": TOKEN, "PIFA_PRICE_TOO_LOW": "0"}, "PIFA_PRICE_TOO_LOW"),
    ],
)
def test_errors_name_the_variable(env: dict[str, str], variable: str, tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        settings(env, tmp_path)
    assert variable in str(info.value)
    assert "\n" not in str(info.value)


def test_offline_commands_need_no_token(tmp_path: Path) -> None:
    s = settings({}, tmp_path, require_token=False)
    assert s.token == ""


def test_bad_dotenv_line(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("this is not a setting\n")
    with pytest.raises(ConfigError, match=r"\.env line 1"):
        read_dotenv(path)


def test_settings_are_frozen(tmp_path: Path) -> None:
    s = settings({"TELEGRAM_BOT_TOKEN": TOKEN}, tmp_path)
    with pytest.raises(AttributeError):
        s.token = "x"  # type: ignore[misc]
