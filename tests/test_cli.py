"""The command line: subcommands listed, configuration errors as one line and exit code 2."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def pifa(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PIFA_", "TELEGRAM_"))}
    base["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env={**base, **(env or {})},
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_help_lists_every_subcommand() -> None:
    result = pifa("--help")
    assert result.returncode == 0
    for command in ("run", "check", "ask", "pinyin"):
        assert command in result.stdout


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({}, "TELEGRAM_BOT_TOKEN"),
        (
            {"TELEGRAM_BOT_TOKEN": "123456:abcdefgh", "PIFA_ALLOWED_USERS": "x"},
            "PIFA_ALLOWED_USERS",
        ),
        ({"TELEGRAM_BOT_TOKEN": "123456:abcdefgh", "PIFA_TRANSLATORS": "deepl"}, "PIFA_DEEPL_KEY"),
    ],
)
def test_run_config_error_is_one_line_exit_2(
    env: dict[str, str], variable: str, tmp_path: Path
) -> None:
    result = pifa("run", env={**env, "PIFA_DB": str(tmp_path / "x.db")}, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and variable in lines[0]
    assert "Traceback" not in result.stderr


def test_dotenv_in_working_directory_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("PIFA_ALLOWED_USERS=oops\nTELEGRAM_BOT_TOKEN=123456:abcdefgh\n")
    result = pifa("run", cwd=tmp_path)
    assert result.returncode == 2 and "PIFA_ALLOWED_USERS" in result.stderr
