"""Number grammar: Arabic, Chinese numerals (cn2an), 万, 3块5, 八毛."""

from __future__ import annotations

import re

import pytest

from bot.domain.analysis.numbers import NUM, money_pattern, money_value, parse_number, tidy

MONEY = re.compile(money_pattern("个件套只支条双台把盒包"))


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("42", 42),
        ("12.5", 12.5),
        ("1,000", 1000),
        ("1.8万", 18000),
        ("1千", 1000),
        ("3w", 30000),
        ("十八", 18),
        ("两百", 200),
        ("两千五百", 2500),
        ("一万二", 12000),
        ("一百二", 120),
        ("两万", 20000),
        ("十", 10),
    ],
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["万", "一两", "三四", "", "9" * 400])
def test_not_a_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value", "matched"),
    [
        ("3块5", 3.5, "3块5"),
        ("十二块五", 12.5, "十二块五"),
        ("一块一毛五一个", 1.15, "一块一毛五"),
        ("八毛一个", 0.8, "八毛"),
        ("五毛钱一个", 0.5, "五毛钱"),
        ("两块一个", 2.0, "两块"),
        ("一块四一支", 1.4, "一块四"),
        ("一块钱一节", 1.0, "一块钱"),
        ("九块九包邮", 9.9, "九块九"),
        ("2.8元 100个", 2.8, "2.8元"),
        ("三块钱一对", 3.0, "三块钱"),
    ],
)
def test_money(text: str, value: float, matched: str) -> None:
    m = MONEY.search(text)
    assert m is not None
    assert m.group(0) == matched
    assert money_value(m.groupdict()) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("价格一直有效", None),
        ("质量都一样", None),
        ("十分便宜", None),
        ("一口价", None),
        ("第三方验货", None),
        ("单价十八 包邮", "十八"),
        ("百分之五十定金", "五十"),
    ],
)
def test_numeral_heading_a_word_is_no_number(text: str, found: str | None) -> None:
    m = re.search(NUM, text)
    assert (m.group(0) if m else None) == found


@pytest.mark.parametrize(("value", "out"), [(500.0, 500), (12.5, 12.5), (1.1500000001, 1.15)])
def test_tidy(value: float, out: float) -> None:
    result = tidy(value)
    assert result == out
    assert isinstance(result, int) == (out == int(out))
