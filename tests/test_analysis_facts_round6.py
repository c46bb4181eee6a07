"""Round-six fact extraction: packs of sizes, 包邮 prices, item lists, paid samples, idioms.

Rows are paraphrases written for these tests, not eval lines: 手 as the trade's pack of mixed
sizes (最少一手, 一手六双, 两手起批), an amount before 包邮, a list of items with bare prices,
the platform's price beside an off-platform offer (and an off-platform price when it is the
only one), a bare fee after a sample's charge word, "need (to) order N" as an MOQ, any
quantity answering an asked MOQ, a deposit only repeat customers get. Negative rows: 一手货源
and 手工 are no packs, thresholds before 包邮, sizes and stock beside a number, a sample's one
piece, an accessory's price, "not even a dime" idioms and output per day.
"""

from __future__ import annotations

import re

import pytest

from bot.analysis import analyser
from bot.domain.analysis.numbers import NUM


def analyse(text: str, asked: tuple[str, ...] = ()) -> tuple[dict[str, object], list[str]]:
    result = analyser().analyse(text, asked)
    return dict(result.facts), [f.code for f in result.flags]


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return analyse(text, asked)[0]


FOUND = [
    # 手 is a pack of mixed sizes; at least one pack, its content given after.
    ("拿货的话至少一手 一手8件", (), "moq", 8),
    ("最少两箱 一箱30个", (), "moq", 60),
    ("凉鞋 单价45 一手十双", ("moq",), "moq", 10),
    ("5双一手 两手起批", (), "moq", 10),
    ("一手起拿 一手6件 混码", (), "moq", 6),
    # 手工 after an MOQ is no pack: the MOQ stays in pieces.
    ("起订量500 手工缝制 一箱50个", (), "moq", 500),
    # An amount right before 包邮 is the price, delivery included.
    ("棉麻衬衫 39.9包邮", ("price",), "unit_price", 39.9),
    ("这款 25 包邮哦", ("price",), "unit_price", 25),
    # Items named with bare amounts: the first item's price.
    ("枕套12 凉席68", ("price",), "unit_price", 12),
    ("亲 大人款35 儿童款28", ("price",), "unit_price", 35),
    # The platform's price beside an off-platform offer.
    ("私下转账便宜点 平台上是55", ("price",), "unit_price", 55),
    ("平台价32 线下可以30", ("price",), "unit_price", 32),
    # An off-platform price is still the price when it is the only one named.
    ("走平台要加税点 线下的话就按9块5算", ("price",), "unit_price", 9.5),
    # A bare fee after the sample's charge word.
    ("样品能发 收费50 订货后返还", (), "sample_cost", 50),
    ("sample ok 收费15 包邮", (), "sample_cost", 15),
    ("打样要收 80 大货抵扣", (), "sample_cost", 80),
    # Bulk is the only way in: "need (to) order N".
    ("no sample for custom, you need order 300 pcs", (), "moq", 300),
    ("you must order 1000 pcs for this color", (), "moq", 1000),
    # A payment term kept for repeat customers is not the new buyer's deposit.
    ("老客户才可以四六开 新客户要先付全款", ("payment_terms",), "deposit_percent", 100),
    ("只有老客户能付一半定金 新客户全款", ("payment_terms",), "deposit_percent", 100),
    ("老客户可以月结 新客户三七开", ("payment_terms",), "deposit_percent", 30),
    ("定金三成 老客户也一样", ("payment_terms",), "deposit_percent", 30),
    # An MOQ of one piece, not about a sample.
    ("1 piece also ok, sample 30 rmb", (), "moq", 1),
]


@pytest.mark.parametrize(("text", "asked", "key", "want"), FOUND)
def test_fact_found(text: str, asked: tuple[str, ...], key: str, want: object) -> None:
    assert facts(text, asked).get(key) == want


ABSENT = [
    # 一手 as "first-hand" and 手工 are no packs.
    ("一手货源 价格实惠", ("moq",), "moq"),
    ("二手的不卖", ("moq",), "moq"),
    # 最少 before a duration is no MOQ.
    ("最少5天才能发", (), "moq"),
    # Thresholds and counts before 包邮 are no price.
    ("满99包邮", ("price",), "unit_price"),
    ("3件包邮", ("price",), "unit_price"),
    # A size, a stock count, a model number or a fee beside a number is no item price.
    ("尺码39", ("price",), "unit_price"),
    ("库存500", ("price",), "unit_price"),
    ("现货300", ("price",), "unit_price"),
    ("型号2023", ("price",), "unit_price"),
    ("运费10", ("price",), "unit_price"),
    ("两件50", ("price",), "unit_price"),
    # Without a price question a named item's number is not taken as its price.
    ("被套45 床单29", (), "unit_price"),
    # A number after 平台 is no platform price unless it is stated as one.
    ("在平台1688上拍", ("price",), "unit_price"),
    # The amount paid in the change-the-price trick is no price.
    ("我改个价您付一块钱 余款微信转我", ("price",), "unit_price"),
    # "Dearer by one time" names no fee.
    ("样品贵一倍", (), "sample_cost"),
    # The sample's one piece is no MOQ of one, in English or Chinese.
    ("sample 1 pc is ok, cost 50 rmb", (), "moq"),
    ("样品一件也可以发", (), "moq"),
    # An accessory's price is not the goods' price.
    ("we can print logo, hangtag 0.5 RMB each", ("price",), "unit_price"),
    ("吊牌3毛一个", ("price",), "unit_price"),
    # "Not even a dime": an idiom, not a price.
    ("一分钱定金都不要", ("price",), "unit_price"),
    ("一块钱也没少收", ("price",), "unit_price"),
    # Output per day is no lead time.
    ("我们一天出几千件", ("lead_time",), "lead_time_days"),
    ("每天能发2000单", ("lead_time",), "lead_time_days"),
    # "Need to order" without a quantity right after it.
    ("we need 10 days to order material", (), "moq"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_fact_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


KEPT = [
    # The rules above leave neighbouring facts alone.
    ("吊牌3毛一个 单价15", (), "unit_price", 15),
    ("一块钱都不能少 单价12", (), "unit_price", 12),
    ("12块也不贵了", ("price",), "unit_price", 12),
    ("一天能发2000件 交期7天", (), "lead_time_days", 7),
    ("一件也发", (), "moq", 1),
    ("sample可以 收费20 包邮 单价18", (), "unit_price", 18),
    ("sample可以 收费20 包邮 单价18", (), "sample_cost", 20),
]


@pytest.mark.parametrize(("text", "asked", "key", "want"), KEPT)
def test_neighbouring_fact_kept(text: str, asked: tuple[str, ...], key: str, want: object) -> None:
    assert facts(text, asked).get(key) == want


ANSWERED = [
    # Any quantity answers an asked MOQ without a figure.
    ("量少也可以 多少个都行", True),
    ("多少件都可以做的", True),
    ("多少都能发", True),
    ("这款卖得很好", False),
]


@pytest.mark.parametrize(("text", "answered"), ANSWERED)
def test_any_quantity_answers_moq(text: str, answered: bool) -> None:
    found, flags = analyse(text, ("moq",))
    assert "moq" not in found
    assert ("unanswered" not in flags) is answered


@pytest.mark.parametrize(
    ("text", "whole"),
    [("一手5件", "一"), ("最少一手", "一"), ("两手起", "两"), ("一手货源", None), ("二手车", None)],
)
def test_hand_is_a_count_only_where_the_word_ends(text: str, whole: str | None) -> None:
    m = re.compile(NUM, re.ASCII).search(text)
    assert (m.group() if m else None) == whole
