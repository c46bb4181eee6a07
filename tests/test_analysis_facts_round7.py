"""Round-seven fact extraction: fees in English, quote times, conditional dispatch, samples at
the bulk price, later-order terms, MOQs stated as a floor, number ends and list prices.

Rows are paraphrases written for these tests, not eval lines. Negative rows: the platform's
name 1688, courier, mould and certificate fees, photos sent "马上", dispatch only if in stock,
time to quote, refund thresholds, terms for later orders, a difference in price.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # Price words: "报给你的", the cheapest grade, a range whose upper end drops the unit.
    ("这款报给你的9.5是含税的", (), "unit_price", 9.5),
    ("三个档次 最便宜的20一个 贵的45", ("price",), "unit_price", 20),
    ("价格从5块到12不等 看尺寸", ("price",), "unit_price", [5, 12]),
    # The list price counts when no other price is given.
    ("线下可以便宜点 走平台的话就是原价30", ("price",), "unit_price", 30),
    ("活动价一块九 原价三块", ("price",), "unit_price", 1.9),
    # English fees before the goods' price are skipped, not taken as the price.
    (
        "Sample is free, you only pay express 25 RMB. Price 6.5 RMB/pc.",
        ("price",),
        "unit_price",
        6.5,
    ),
    ("Mould cost 5000 RMB, then 2.2 RMB per piece.", ("price",), "unit_price", 2.2),
    # MOQ as a floor.
    ("样品不单独出 五十个以下不做", (), "moq", 50),
    ("Custom logo only when you order 3000pcs.", (), "moq", 3000),
    ("Sorry we do not accept orders less than 800 pcs now.", (), "moq", 800),
    ("散货最少300个 不拆箱", (), "moq", 300),
    ("没有起订 1件也能发", (), "moq", 1),
    ("您买一个也是这个价", (), "moq", 1),
    ("两打起批", (), "moq", 24),
    # Lead time.
    ("现在付款的话今天就能出", (), "lead_time_days", 0),
    ("lead time about half a month", (), "lead_time_days", 15),
    (
        "Usually 1-2 days to quote, lead time 20-25 days.",
        ("lead_time",),
        "lead_time_days",
        [20, 25],
    ),
    # Deposit: a digit pair ending its clause, next to the goods' payment.
    ("开模费要先付 货款可以三七", (), "deposit_percent", 30),
    # Sample cost.
    ("样品先寄给您 样品费我们出", (), "sample_cost", 0),
    ("样品要收费 一套360 满单退", (), "sample_cost", 360),
    ("样品费60 打样一周", (), "sample_cost", 60),
    ("样品自己拍就好 跟大货价一样 15一个", (), "sample_cost", 15),
    ("Price 88 RMB/set, sample 1 set can buy at same price.", ("price",), "sample_cost", 88),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_fact_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # 1688 is the platform, not a price.
    ("这个价格1688上拍不了 转我们对公账户", ("price",), "unit_price"),
    # Certificate, courier and mould fees are no unit price.
    ("Certification we can help to apply, cost about 6000 RMB.", (), "unit_price"),
    ("Sample free, you pay DHL freight about 150 RMB.", (), "unit_price"),
    ("Mould cost 4000 RMB.", (), "unit_price"),
    # A difference is still no price.
    ("比大货便宜5块", (), "unit_price"),
    # Photos sent at once, dispatch only if in stock, and time to quote are no lead times.
    ("实拍图我这边马上发", ("lead_time",), "lead_time_days"),
    ("有现货的话马上发 没有的话要等", ("lead_time",), "lead_time_days"),
    ("图纸发来 一般一个工作日出报价", ("lead_time",), "lead_time_days"),
    ("Normally 2 days to quote.", ("lead_time",), "lead_time_days"),
    # A refund threshold, a floor on payment or time, is no MOQ.
    ("Sample cost 200 RMB, refund when order over 1000 pcs.", (), "moq"),
    ("最少要付30%", (), "moq"),
    ("最少3天", (), "moq"),
    # Terms for later orders are not this order's deposit.
    ("第二单开始可以3:7", (), "deposit_percent"),
    ("返单的话可以三七开", (), "deposit_percent"),
    # Digits in a row are no split when they do not end the clause or sum to ten.
    ("四六级的都可以", (), "deposit_percent"),
    ("货款七八天内到账", (), "deposit_percent"),
    # "Same as bulk" with no figure anywhere states no sample cost.
    ("样品跟大货价一样", (), "sample_cost"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_fact_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


def test_sample_fee_figure_is_not_cut() -> None:
    # The sample's search window ends inside "1280": the whole figure counts.
    assert facts("样品可以的 不过要收费 一套1280")["sample_cost"] == 1280
