"""A dispatch date answers the lead-time question without a day count; a backlog does not."""

from __future__ import annotations

import pytest

from bot.analysis import analyser


@pytest.mark.parametrize(
    "text",
    [
        "嗯 一个八块 一百个起 八号之前能发",
        "月底前能发 放心",
        "这批下周三之前可以发",
        "we can ship by next Friday",
    ],
)
def test_a_date_answers_lead_time(text: str) -> None:
    result = analyser().analyse(text, ["lead_time"])
    assert "lead_time" not in result.unanswered
    assert "lead_time_days" not in result.facts


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("排单排到下个月了 交期我不敢保证", True),
        ("8号之前付款就行", False),
        ("下个月再说吧", True),
    ],
)
def test_no_date_no_answer(text: str, vague: bool) -> None:
    result = analyser().analyse(text, ["lead_time"])
    assert "lead_time" in result.unanswered
    assert ("vague" in result.codes) is vague
