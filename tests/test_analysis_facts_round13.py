"""Round-thirteen fact extraction: an amount after a courier-fee clause in English is no unit
price; a sample that cannot be free (样品不能免费) is charged; an order's total is no unit
price; a sample paid in full is no 100% deposit; terms for the next order are not the
buyer's; unasked, the sample sent today is no lead time; 一块二 after a figure is 1.2 yuan,
not "per piece".

Rows are paraphrases written for these tests, not eval lines. Each group has negative rows.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # A price labelled as such after a courier clause is still the price.
    ("you pay the courier fee, price 25 rmb/pc", ("price",), "unit_price", 25),
    ("运费您出 单价12", ("price",), "unit_price", 12),
    # A sample that cannot be free is charged, the figure after the charge word.
    ("样品不能免费 要收费 一个15块", ("samples",), "sample_cost", 15),
    ("样品没问题免费寄", ("samples",), "sample_cost", 0),
    ("样品没法免费哦 要收 一个20", ("samples",), "sample_cost", 20),
    # Still free when nothing denies it.
    ("样品可以免费 运费您出", ("samples",), "sample_cost", 0),
    # A piece price beside a total is the price.
    ("price 3 rmb/pc, total 3000 rmb", ("price",), "unit_price", 3),
    # A full payment for the bulk order, named without a sample.
    ("大货要付全款 才能排产", ("payment_terms",), "deposit_percent", 100),
    # The first order's terms are the buyer's.
    ("first order 50% deposit, balance before shipment", ("payment_terms",), "deposit_percent", 50),
    # Dispatch today of the goods, or when the sentence names the bulk order.
    ("现货 今天就能发", ("lead_time",), "lead_time_days", 0),
    ("样品您看过了的话 大货今天就能发", (), "lead_time_days", 0),
    # A figure before 一块 then a space is still the price per piece (块 as a measure word).
    ("砧板 二十八一块 三十块起", ("price",), "unit_price", 28),
    # 一块二 after a spec is 1.2 yuan.
    ("灯泡E27 9W 一块二 一千个起", ("price",), "unit_price", 1.2),
    ("插座10A 一块五", ("price",), "unit_price", 1.5),
]


@pytest.mark.parametrize(("text", "asked", "key", "want"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, want: object) -> None:
    assert facts(text, asked).get(key) == want


ABSENT = [
    # The courier's fee in its own clause is no unit price.
    ("sample is free, you only pay the express fee, about 30 rmb", ("samples",), "unit_price"),
    ("sample free, courier, around 40 rmb to you", ("samples",), "unit_price"),
    # A denied free sample gives no free sample (and its fee is no unit price).
    ("样品不能免费 要收费 一个15块", ("samples",), "unit_price"),
    # An order's total is no unit price.
    ("the order total 9200 RMB, please pay first", ("payment_terms",), "unit_price"),
    # The sample paid in full is no deposit.
    ("样品可以寄 但是要付全款 运费自理", ("samples",), "deposit_percent"),
    ("样品能发 得付全款哈", ("samples",), "deposit_percent"),
    # Unasked, the sample going out today is no lead time.
    ("样品免费 地址发我 今天就能寄", ("samples",), "lead_time_days"),
    ("寄样的话 明天就能发", ("samples",), "lead_time_days"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


def test_sample_denied_free_is_not_zero() -> None:
    assert facts("样品不能免费哦 要收费 一个10块", ("samples",)).get("sample_cost") != 0


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("first order 100% payment, next order can 30% deposit", 100),
        ("首单全款 第二单开始可以3:7", 100),
    ],
)
def test_next_order_terms(text: str, want: int) -> None:
    assert facts(text, ("payment_terms",)).get("deposit_percent") == want


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("饭盒九块八 单个也能拍", 1),
        ("单件也发 十二一件", 1),
        ("一个也能拍", 1),
        ("五十个起批 单价3块", 50),
    ],
)
def test_single_piece_moq(text: str, want: int) -> None:
    assert facts(text, ("moq",)).get("moq") == want


def test_single_piece_needs_the_phrase() -> None:
    assert "moq" not in facts("下单个数您定 价格12", ("price",))
