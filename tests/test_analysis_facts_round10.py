"""Round-ten fact extraction: negotiation-stage replies. Counter-offers (算到, 做到, 让到, "price
ok for you", "8.8 for you", "price same"), a buyer's figure is not the supplier's (您说的9块), a
tier list without 以上 (100个28 500个25.5), tiers sharing a clause, a rise or a multiple is no
price (涨三块, 两倍); MOQs said as a floor ending its clause (300件以上), per design, "only sell
5000pcs up", 直接下3000个, the label's holder (起订量我们是1000), 20个就能做, one tent (一顶也发);
a dropshipper describing itself (我们是一件代发) states no MOQ; deposits after 最少付 / 下单付 /
"you can pay"; free samples (样衣免费, 剪样免费, only the delivery paid), a paid one (一个样30);
duration ranges joined by the busy or the fast case or "maybe"; a payment deadline before
dispatch, a dispatch that rewards paying off the platform, 今天下单 are no lead times.

Rows are paraphrases written for these tests, not eval lines. Each group has negative rows.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # Counter-offers.
    ("您拿一千个的话 给您算到18", ("price",), "unit_price", 18),
    ("这个数量我们最多只能做到7块", ("price",), "unit_price", 7),
    ("真的到底了 已经给您让到6块5了", ("price",), "unit_price", 6.5),
    ("price ok for you 4.6, please confirm today", ("price",), "unit_price", 4.6),
    ("fine fine 3.2 for you, cost price", ("price",), "unit_price", 3.2),
    ("color can change, price same 22.5", ("price",), "unit_price", 22.5),
    # The buyer's figure is not the supplier's quote.
    ("您说的5块做不了 最低6块2", ("price",), "unit_price", 6.2),
    ("老板您讲4毛 我们最少6毛", ("price",), "unit_price", 0.6),
    # A tier list: the first tier is what a first order pays.
    ("水杯 50个16 200个14.5 500个以上13", ("price",), "unit_price", 16),
    ("200套9 1000套8.5 3000套8", ("price",), "unit_price", 9),
    # Tiers sharing a clause, larger first.
    ("大于200件30 200件以下33", ("price",), "unit_price", 33),
    # A drop-shipping price beside the wholesale one.
    ("一件代发二十八 批发二十件以上二十二", ("price",), "unit_price", 28),
    # MOQ phrasing.
    ("行吧 一口价八块 500件以上 不能再少了", ("moq",), "moq", 500),
    ("hi, 300pcs per color can do, logo free", ("moq",), "moq", 300),
    ("sorry we only sell 2000pcs up", ("moq",), "moq", 2000),
    ("小单不做 要么直接下2000件", ("moq",), "moq", 2000),
    ("起批量我们这边是600", ("moq",), "moq", 600),
    ("定制款 小批量30个就能做", ("moq",), "moq", 30),
    ("price 6 moq 800 ok?", ("moq",), "moq", 800),
    ("折叠椅 四十五一把 一顶也发", ("moq",), "moq", 1),
    ("遮阳帐篷 一顶也发", ("moq",), "moq", 1),
    # Deposits.
    ("定金至少付三成 尾款发货前付", ("payment_terms",), "deposit_percent", 30),
    ("下单付四成 剩下的验货后付", ("payment_terms",), "deposit_percent", 40),
    ("for deposit you need to pay 30% first", ("payment_terms",), "deposit_percent", 30),
    # Samples.
    ("样衣免费 快递您出", ("samples",), "sample_cost", 0),
    ("剪样免费 大货100米起", ("samples",), "sample_cost", 0),
    ("样品可以寄 付个运费就可以", ("samples",), "sample_cost", 0),
    ("样品要收钱 一个样25 下单退", ("samples",), "sample_cost", 25),
    # A promotion's price for ordering now, not the list price after it.
    ("现在下单29.9 明天就恢复原价35", ("price",), "unit_price", 29.9),
    # The MOQ after a label whose own figure would count days.
    ("一手六件 手数起批 3-5天发货", ("moq",), "moq", 6),
    # Duration ranges.
    ("maybe 10 days maybe 15 days for production", ("lead_time",), "lead_time_days", [10, 15]),
    ("下单后四天能发 单子多的话六天", ("lead_time",), "lead_time_days", [4, 6]),
    ("八天左右能出货 最快六天", ("lead_time",), "lead_time_days", [6, 8]),
    # Dispatch in the afternoon or all together tomorrow is still a lead time.
    ("十件起批 今天下午发", ("lead_time",), "lead_time_days", 0),
    ("发夹五块一对 明天统一发货", (), "lead_time_days", 1),
    # Asked, a dispatch promise is the lead time even beside an off-platform request.
    ("微信转我 当天发货", ("lead_time",), "lead_time_days", 0),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # A buyer's figure alone is no price.
    ("您说的6块那是次品的价", ("price",), "unit_price"),
    # A rise and a multiple are no price.
    ("下周原料调价 一件涨两块", ("price",), "unit_price"),
    ("样品按批发价三倍算 下单退", ("samples",), "unit_price"),
    # 让 still a discount when no 到 follows.
    ("再让您两毛 不能再少了", ("price",), "unit_price"),
    # A threshold of free shipping or a price tier is no MOQ floor.
    ("拿300件以上我给您包邮", ("price",), "moq"),
    ("1-99件 12元 100件以上 10元", ("price",), "moq"),
    ("Price 5 RMB for 100-499 pcs, 4.5 RMB for 500 pcs up", ("price",), "moq"),
    # A trial purchase suggested, and a dropshipper describing itself, state no MOQ.
    ("您直接拍两百个试试", ("samples",), "moq"),
    ("我们是一件代发 货在厂家", ("real_photos",), "moq"),
    # 今天下单 before a duration range is no price; 起批 before one is no MOQ.
    ("今天下单3-5天发货", ("price",), "unit_price"),
    ("手数起批 3-5天发货", ("moq",), "moq"),
    # A payment deadline before dispatch is no lead time.
    ("货款要在发货前五天付清", ("payment_terms",), "lead_time_days"),
    # Unasked, a dispatch that rewards paying off the platform is no lead time.
    ("款打我卡上 今天就能发", ("payment_terms",), "lead_time_days"),
    ("您转我支付宝 当天发货", ("payment_terms",), "lead_time_days"),
    # 一个样 alone means "the same".
    ("价格都一个样 30一个", ("samples",), "sample_cost"),
    # A spec after a pack is no price; a length is no price.
    ("灯带5米一卷 24V", ("price",), "unit_price"),
    ("幅宽2米5 现货", ("price",), "unit_price"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


DIFFERENT = [
    # The price after a spec and pack, not the spec's voltage.
    ("灯带5米一卷 12V 一卷二十块 20卷起", ("price",), "unit_price", 20),
    # The price per metre after a width written 2米5.
    ("幅宽2米5 一米十五块", ("price",), "unit_price", 15),
    # 今天下单 is no time to decide: the duration after it is the lead time.
    ("今天下单的话大概六天能出", ("lead_time",), "lead_time_days", 6),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), DIFFERENT)
def test_value(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value
