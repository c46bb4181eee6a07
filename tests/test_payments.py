"""Payment plans: splits, amounts, validation and warnings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from bot.domain.payments import (
    BEFORE_SHIPMENT,
    DEPOSIT,
    DURING,
    ON_DELIVERY,
    PaymentError,
    build_plan,
    check_dates,
    classify_channel,
    parse_money,
    parse_split,
    split_amounts,
)
from bot.resources import load_toml

RULES = load_toml("reminders.toml")["channels"]
D = Decimal


@pytest.mark.parametrize(
    ("text", "key", "stages"),
    [
        ("30/70", "30/70", [(DEPOSIT, 30), (BEFORE_SHIPMENT, 70)]),
        ("30%/70%", "30/70", [(DEPOSIT, 30), (BEFORE_SHIPMENT, 70)]),
        ("50/50", "50/50", [(DEPOSIT, 50), (ON_DELIVERY, 50)]),
        ("100", "100", [(ON_DELIVERY, 100)]),
        ("COD", "100", [(ON_DELIVERY, 100)]),
        ("upfront", "upfront", [(DEPOSIT, 100)]),
        ("40/60", "custom", [(DEPOSIT, 40), (BEFORE_SHIPMENT, 60)]),
        ("20/30/50", "custom", [(DEPOSIT, 20), (DURING, 30), (BEFORE_SHIPMENT, 50)]),
        ("12.5/87.5", "custom", [(DEPOSIT, D("12.5")), (BEFORE_SHIPMENT, D("87.5"))]),
    ],
)
def test_parse_split(text: str, key: str, stages: list[tuple[str, int]]) -> None:
    found_key, found = parse_split(text)
    assert found_key == key
    assert [(s, p) for s, p in found] == [(s, D(p)) for s, p in stages]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("30/60", "percent_sum"),
        ("60/60", "percent_sum"),
        ("0/100", "percent_zero"),
        ("-30/130", "percent_zero"),
        ("half", "split"),
        ("30-70", "split"),
        ("10/10/10/10/10/10/40", "too_many_parts"),
    ],
)
def test_bad_split(text: str, code: str) -> None:
    with pytest.raises(PaymentError) as err:
        parse_split(text)
    assert err.value.code == code


def test_percent_sum_says_the_total() -> None:
    with pytest.raises(PaymentError) as err:
        parse_split("30/60")
    assert err.value.values["total"] == "90"


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("5000 USD", "5000", "USD"),
        ("5,000.50 eur", "5000.50", "EUR"),
        ("¥35", "35", "CNY"),
        ("$120", "120", "USD"),
        ("35", "35", "CNY"),
        ("35 元", "35", "CNY"),
        ("200 rmb", "200", "CNY"),
    ],
)
def test_parse_money(text: str, amount: str, currency: str) -> None:
    assert parse_money(text) == (D(amount), currency)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("-5 USD", "negative"),
        ("−5", "negative"),
        ("0", "negative"),
        ("five", "amount"),
        ("35 dollars", "currency"),
    ],
)
def test_bad_money(text: str, code: str) -> None:
    with pytest.raises(PaymentError) as err:
        parse_money(text)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("total", "percents", "amounts"),
    [
        ("1000", ["30", "70"], ["300.00", "700.00"]),
        ("100", ["33.33", "33.33", "33.34"], ["33.33", "33.33", "33.34"]),
        ("999.99", ["30", "70"], ["300.00", "699.99"]),
        ("10", ["33", "33", "34"], ["3.30", "3.30", "3.40"]),
    ],
)
def test_amounts_add_up(total: str, percents: list[str], amounts: list[str]) -> None:
    found = split_amounts(D(total), [D(p) for p in percents])
    assert found == [D(a) for a in amounts]
    assert sum(found, D(0)) == D(total)


@pytest.mark.parametrize(
    ("split", "channel", "warnings"),
    [
        ("30/70", None, ()),
        ("50/50", None, ()),  # exactly half is the usual limit, not over it
        ("100", "1688 trade assurance", ()),
        ("60/40", None, ("prepay_over_half",)),
        ("upfront", None, ("prepay_over_half",)),
        ("30/70", "bank transfer", ("off_platform",)),
        ("70/30", "WeChat", ("prepay_over_half", "off_platform")),
        ("30/70", "personal alipay", ("off_platform",)),
        ("30/70", "alipay", ()),
        ("30/70", "by pigeon", ()),
    ],
)
def test_warnings(split: str, channel: str | None, warnings: tuple[str, ...]) -> None:
    plan = build_plan(D(1000), "USD", split, channel_text=channel, channel_rules=RULES)
    assert plan.warnings == warnings


@pytest.mark.parametrize(
    ("text", "channel"),
    [
        ("T/T bank transfer", "off_platform"),
        ("微信转账", "off_platform"),
        ("Western Union", "off_platform"),
        ("1688 order", "platform"),
        ("escrow", "platform"),
        ("carrier pigeon", None),
    ],
)
def test_classify_channel(text: str, channel: str | None) -> None:
    assert classify_channel(text, RULES) == channel


def test_plan_installments() -> None:
    plan = build_plan(D("2500"), "CNY", "20/30/50")
    assert [(i.stage, i.percent, i.amount) for i in plan.installments] == [
        (DEPOSIT, D(20), D("500.00")),
        (DURING, D(30), D("750.00")),
        (BEFORE_SHIPMENT, D(50), D("1250.00")),
    ]
    assert plan.before_production_percent == D(20)


def test_negative_total_refused() -> None:
    with pytest.raises(PaymentError) as err:
        build_plan(D(-1), "USD", "30/70")
    assert err.value.code == "negative"


NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    ("days", "code"),
    [([1], "dates"), ([1, 2, 3], "dates"), ([5, 2], "date_order"), ([1, 2], None)],
)
def test_check_dates(days: list[int], code: str | None) -> None:
    plan = build_plan(D(1000), "USD", "30/70")
    due = [NOW + timedelta(days=d) for d in days]
    if code is None:
        check_dates(plan, due)
        return
    with pytest.raises(PaymentError) as err:
        check_dates(plan, due)
    assert err.value.code == code
