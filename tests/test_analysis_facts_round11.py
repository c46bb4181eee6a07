"""Round-eleven fact extraction: a fee per time (50块一次) and a range's upper figure before its
measure word (两块到三块一个) are read whole; a price range ending at the unit it prices
(120到180一套); a minimum after 最低 or English "min"; a count that may be customised (两百件就可以
定制); a size run of unstated content (一手起) answers the MOQ without a figure; unasked, bulk
pushed instead of a sample (直接下五百个吧) is no MOQ; a deferral (过两天再说) and a courier's
transit time are no lead time; a sample and its delivery together (一共四十); a deposit paid
first in English; no 100% deposit when the full payment is the sample's or one option beside a
deposit; dispatch "明天给您发", and asked, on payment (拍下就发); a duration after the sample's
priced clause (样品按单价算 一周发货) is the order's.

Rows are paraphrases written for these tests, not eval lines. Each group has negative rows.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # The upper figure of a range is cut before its measure word, not read as 块一.
    ("大概三块到四块一个 三百个起", ("price",), "unit_price", [3, 4]),
    # A figure ending in 块一 is still 1 jiao when nothing is counted after it.
    ("单价两块一 一百个起", ("price",), "unit_price", 2.1),
    # A labelled range ends at the unit it prices.
    ("价格80到95一件 十件起", ("price",), "unit_price", [80, 95]),
    ("单价15到18每个 量大可谈", ("price",), "unit_price", [15, 18]),
    # 最低 before a count of pieces, English "min" before one.
    ("最低两百件 十天出货", ("moq",), "moq", 200),
    ("we can do custom logo, min 300 pcs, 15 days", ("moq",), "moq", 300),
    # A count that may be customised is the minimum.
    ("三百个就可以定制颜色 单价不变", ("moq",), "moq", 300),
    # Asked for the MOQ, bulk pushed directly is still its answer.
    ("打样不划算 要么直接下两千个", ("moq",), "moq", 2000),
    # Boxes are a unit of sale; a size run with its content counts pieces.
    ("积木一盒25 三十盒起", ("moq",), "moq", 30),
    ("最少一手起 一手八件", ("moq",), "moq", 8),
    # A sample and its delivery charged together.
    ("样品要收费 运费加样品一共六十", ("samples",), "sample_cost", 60),
    # A deposit paid first, in English.
    ("You can pay 30% first, the rest before shipping.", ("payment_terms",), "deposit_percent", 30),
    # Still a lead time: a bulk duration with no courier named, dispatch in a week.
    ("大货生产二十天左右 物流到付", ("lead_time",), "lead_time_days", 20),
    ("一百个起 一周发货", ("lead_time",), "lead_time_days", 7),
    # Full payment for the bulk order is still a 100% deposit.
    ("我们只收全款 不收定金", ("payment_terms",), "deposit_percent", 100),
    ("样品要付全款 大货也必须全款才能生产", ("payment_terms",), "deposit_percent", 100),
    ("样品免费 大货必须全款才能生产", ("payment_terms",), "deposit_percent", 100),
    # Dispatch tomorrow to the buyer; asked, dispatch on payment.
    ("收到 已备注 明天给您发", (), "lead_time_days", 1),
    ("现货 付款后马上发", ("lead_time",), "lead_time_days", 0),
    ("都是现货的 下单就发", ("lead_time",), "lead_time_days", 0),
    # The sample's clause settles its price: the duration after it is the order's.
    ("可以拿样 样品价格跟大货一样 五天发货", ("lead_time",), "lead_time_days", 5),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # A fee per time is no unit price.
    ("实拍视频要收费 30块一次", ("real_photos",), "unit_price"),
    # A size run of unstated content gives no figure.
    ("连衣裙一件六十 一手起批", ("price", "moq"), "moq"),
    ("童鞋两手起", ("moq",), "moq"),
    # Unasked, bulk pushed instead of a sample is no stated minimum.
    ("样品我们做不了 您直接下三百个吧", ("samples",), "moq"),
    # A deferral is no lead time.
    ("这个过两天再说 最近太忙", ("lead_time",), "lead_time_days"),
    ("三天后再聊吧", ("lead_time",), "lead_time_days"),
    # A courier's transit time is no lead time.
    ("快递走的圆通 一般两到三天到", ("shipping",), "lead_time_days"),
    ("发韵达 三天左右到", ("shipping",), "lead_time_days"),
    # "min" after a duration is minutes, and "pay" without "first" is no deposit.
    ("wait 10 min please", ("moq",), "moq"),
    ("You can pay 100% by card", ("payment_terms",), "deposit_percent"),
    # Full payment for the sample, or as one option beside a deposit.
    ("样品要付全款 费用八十", ("samples",), "deposit_percent"),
    ("全款的话单价十块 付定金的话十块五", ("payment_terms",), "deposit_percent"),
    # Unasked, dispatch on payment only describes the checkout.
    ("现货 拍下付款就发 不用付定金", ("payment_terms",), "lead_time_days"),
    # Photos sent tomorrow are no goods.
    ("明天给您发图片", (), "lead_time_days"),
    # A sample's delivery is still no lead time.
    ("样品可以寄 大概三天到", ("lead_time",), "lead_time_days"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("卫衣四十五一件 一手起", ("price", "moq")),
        ("这款短靴 一手起批 三天发", ("moq",)),
    ],
)
def test_size_run_answers_moq(text: str, asked: tuple[str, ...]) -> None:
    assert "moq" not in analyser().analyse(text, asked).unanswered


def test_unanswered_moq_without_any_minimum() -> None:
    assert "moq" in analyser().analyse("这款卫衣四十五一件", ("moq",)).unanswered
