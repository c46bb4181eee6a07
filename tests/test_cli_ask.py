"""`pifa ask` and `pifa pinyin`: offline, plain text or JSON on stdout, warnings on stderr."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from bot.domain.questions import keys
from bot.questions import render_question


def test_ask_json_is_the_rendering(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "price", "--qty", "500", "--product", "不锈钢吸管", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    expected = render_question("price", qty=500, product="不锈钢吸管")
    assert out == {"key": "price", "zh": expected.zh, "pinyin": expected.pinyin, "en": expected.en}


def test_ask_text_shows_all_three_parts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "lead_time", "--qty", "100"]) == 0
    out = capsys.readouterr().out
    r = render_question("lead_time", qty=100)
    assert out.index(r.zh) < out.index(r.pinyin) < out.index(r.en)
    assert "duō cháng" in out


def test_ask_followup(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "lead_time", "--followup", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["zh"].startswith("您好，还想确认一下")


def test_ask_list_names_every_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--list"]) == 0
    out = capsys.readouterr().out
    for key in keys():
        assert f"  {key} " in out
    assert "--qty (required)" in out


def test_non_chinese_value_goes_in_unchanged_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ask", "samples", "--product", "metal straws", "--json"]) == 0
    captured = capsys.readouterr()
    assert "这款metal straws" in json.loads(captured.out)["zh"]
    assert "warning" in captured.err and "metal straws" in captured.err


def test_chinese_value_gives_no_warning(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "samples", "--product", "金属吸管"]) == 0
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["ask", "nope"], "no question"),
        (["ask", "price"], "quantity"),
        (["ask", "qc", "--qty", "3"], "takes no qty"),
        (["ask"], "pifa ask --list"),
        (["ask", "all", "--followup"], "no follow-up"),
    ],
)
def test_ask_errors_exit_1(
    argv: list[str], needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert needle in captured.err and captured.out == ""


@pytest.mark.parametrize("qty", ["0", "-3", "many", "2.5"])
def test_bad_qty_is_a_usage_error(qty: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ask", "price", "--qty", qty])
    assert exc.value.code == 2
    assert "whole number" in capsys.readouterr().err


def test_pinyin(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pinyin", "一行字多长？", "量一下"]) == 0
    assert capsys.readouterr().out.strip() == "yī háng zì duō cháng? liáng yī xià"


def test_registered_in_the_pifa_command(capsys: pytest.CaptureFixture[str]) -> None:
    from bot.cli import main as pifa

    assert pifa(["ask", "moq", "--qty", "20", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["key"] == "moq"
