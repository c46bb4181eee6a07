"""Round-nine fact extraction: fees charged on top (另外收费, charge, 模具费, 开版费), durations
that are no lead time (a price that changes daily, a time to decide, a sample coming out, the
late case after a cut-off), a sample's duration is no sample fee, a minimum that counts samples,
a free sample size named in English, quantity tiers without a measure word; price words with
more joiners (给到, from), one piece and what it sells at (一个做到95), a deposit after 的话 or
T/T, a hedged MOQ label (起订量一般), a dispatch tomorrow afternoon, a sample fee after 收您,
a bulk lead time after a free sample (打样免费 出货七天); the smaller quantity's tier when the
larger is named first; a spec figure before "一套158"; hours written "24h"; a total after
production stages; an MOQ written "500m start".

Rows are paraphrases written for these tests, not eval lines. Each group has negative rows.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # A tier without a measure word labels its price.
    ("报价如下 数量两百以上56 一千以上50", ("price",), "unit_price", 56),
    ("数量500以下4块5 500以上4块", ("price",), "unit_price", 4.5),
    # A free sample size named in English after the sample word.
    ("Sample of this fabric 1 yard free, bigger cut charge 20 RMB", ("samples",), "sample_cost", 0),
    # A duration after a sample word does not hide the sample's fee.
    ("打样收80 打样五天", ("samples",), "sample_cost", 80),
    # Still a lead time: dispatch tomorrow with no cut-off, a bulk lead time beside a fee.
    ("好的 明天发货", (), "lead_time_days", 1),
    ("开版费300 大货25天", ("lead_time",), "lead_time_days", 25),
    # Still a price: a per-piece figure after an extra fee named elsewhere.
    ("单价12 另外包装收费2块", ("price",), "unit_price", 12),
    # A minimum stated for bulk after a refused sample is the MOQ.
    ("样品不单独卖 要拿货最少拿80个", ("samples",), "moq", 80),
    ("样品不单发 最少一箱 一箱40个", ("samples",), "moq", 40),
    # Asked for the MOQ, one carton priced per carton is the MOQ.
    ("样品不单独卖 一箱起拍 一箱九十", ("moq",), "moq", 1),
    # More joiners after a price word.
    ("价格现在可以给到26 量大再谈", ("price",), "unit_price", 26),
    ("Bags price from 12 to 15 RMB depend on size", ("price",), "unit_price", [12, 15]),
    # One piece, then what it sells at.
    ("这款轴承 一个做到18 可以开票", ("price",), "unit_price", 18),
    ("一套只要60 包邮", ("price",), "unit_price", 60),
    # A deposit after 的话, or named T/T.
    ("全款也行 定金的话40% 尾款发货前付", ("payment_terms",), "deposit_percent", 40),
    ("Terms: 40% T/T deposit, balance before shipment", (), "deposit_percent", 40),
    # A hedged MOQ label.
    ("起批量一般两百件 新客户可以少点", ("moq",), "moq", 200),
    # Dispatch tomorrow afternoon.
    ("已经打包好了 明天下午发", (), "lead_time_days", 1),
    # 收 right before a sample's figure.
    ("样品可以寄 一个收您二十 下单退", ("samples",), "sample_cost", 20),
    ("定制样品我们收80 不退", ("samples",), "sample_cost", 80),
    # A bulk lead time after a free sample.
    ("单价3块 打样免费 出货十天", ("lead_time",), "lead_time_days", 10),
    ("样品免费寄 交货十五到二十天", ("lead_time",), "lead_time_days", [15, 20]),
    # The larger quantity's tier named first: the smaller one's price counts.
    ("两千个以上1块6 两千个以下1块9", ("price",), "unit_price", 1.9),
    ("超过300件45 300件以内48 一件也发", ("price",), "unit_price", 48),
    ("Above 1000 pcs 2.5 RMB, below 1000 pcs 2.8 RMB", ("price",), "unit_price", 2.8),
    # The smaller tier named first stays.
    ("100个以内3块 100个以上2块5", ("price",), "unit_price", 3),
    ("一米28 五十米以上22", ("price",), "unit_price", 28),
    # A larger tier with no smaller one named keeps its price.
    ("五百个以上给您做到4块", ("price",), "unit_price", 4),
    # A spec figure before the measure word is no price when one follows it.
    ("投光灯200W 一台89 十台起", ("price",), "unit_price", 89),
    ("35一套 10套起", ("price",), "unit_price", 35),
    # Hours written "h".
    ("Delivery 48h after payment", (), "lead_time_days", 2),
    # A total after the stages is the lead time.
    ("20 days production, 5 days QC, total about 25 days", ("lead_time",), "lead_time_days", 25),
    ("生产12天 包装2天 一共14天左右", ("lead_time",), "lead_time_days", 14),
    # No total: the first stage stays; a total of something else is no duration.
    ("生产12天 运输5天", ("lead_time",), "lead_time_days", 12),
    ("一共三个颜色 出货十天", ("lead_time",), "lead_time_days", 10),
    # An MOQ written "start".
    ("nylon 4.5 yuan per meter, 300m start", ("moq",), "moq", 300),
    ("keychain 1.2 rmb, 500 pcs start", ("moq",), "moq", 500),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # A fee charged on top is no unit price.
    ("冬天发货建议加保温袋 另外收费8元", ("shipping",), "unit_price"),
    ("Swatch 1 meter free, 3 meters charge 25 RMB", ("samples",), "unit_price"),
    ("模具费两千 订单满一万个退", ("price",), "unit_price"),
    ("开版费800 可以退", ("price",), "unit_price"),
    # A price that changes daily, a time to decide, a sample coming out: no lead time.
    ("交期不确定 最近铜价一天一个价", ("lead_time",), "lead_time_days"),
    ("您最好三天内就定 不然要涨", ("lead_time",), "lead_time_days"),
    ("一般一到两周出样", ("lead_time",), "lead_time_days"),
    # The late case after a cut-off is no dispatch promise.
    ("四点截单 过了就明天发", (), "lead_time_days"),
    # A sample's duration is no sample fee.
    ("打样一周 大货20天", ("samples",), "sample_cost"),
    ("Sample two weeks, bulk 30 days", ("samples",), "sample_cost"),
    # A minimum that counts samples, or one pack of unstated content: no MOQ.
    ("样品要拍5件起 不单件发", ("samples",), "moq"),
    ("我们不做样品 都是大货 最少一箱", ("samples",), "moq"),
    # Asked too (blind_s s070's label, round 12): one carton of unstated content has no figure.
    ("样品不单独卖 一箱起拍", ("moq",), "moq"),
    # "一个" with no selling word after it is no price label; 收 before goods is no fee.
    ("一个人做不了 要等同事", ("price",), "unit_price"),
    ("样品可以寄 收到后告诉我", ("samples",), "sample_cost"),
    # A sample's own dispatch is still no lead time.
    ("样品三天寄出", ("lead_time",), "lead_time_days"),
    # A balance after 的话 is no deposit.
    ("尾款的话70% 发货前付", ("payment_terms",), "deposit_percent"),
    # A duration before "start" is no MOQ.
    ("15 days start production after deposit", ("moq",), "moq"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


@pytest.mark.parametrize(
    "text",
    [
        "Sample of this model is not free, 60 RMB",
        "Sample we can not provide free for custom color",
        "Samples of big size never free",
    ],
)
def test_denied_english_sample_is_not_free(text: str) -> None:
    assert facts(text, ("samples",)).get("sample_cost") != 0
