"""Round-four causes of misses on unseen replies, fixed at the concept level.

Rows are fresh paraphrases written for these tests, not eval lines: a price valid for a period
or a coupon about to expire, a price rising on a named day, goods going to someone else soon,
and the shop's own shipping cut-off or an unlimited quantity that hurry nobody; refusals
said as 不同意 / 免谈, money that must arrive before the goods move, cash or an agent as the
payee; only the listing's pictures; someone else or the item deciding a figure;
same-day 'today it goes', 口 and 床 as measure words, a free sample said in its own clause,
a pack's content named before a pack MOQ unless the price is per pack.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def codes(text: str, asked: tuple[str, ...] = ()) -> set[str]:
    return set(analyser().analyse(text, asked).codes)


RAISED = [
    ("这个报价本周内有效 下周就按新价", "pressure"),
    ("红包二十分钟后失效 抓住机会", "pressure"),
    ("折扣券两小时以后就作废了 要就现在付", "pressure"),
    ("quote valid until friday then price change", "pressure"),
    ("后天就调价了 今天定还是这个价", "pressure"),
    ("这批现货晚上就要卖给其他客户了", "pressure"),
    ("price valid today, tomorrow will increase 10%", "pressure"),
    ("打样这事免谈 直接下大货", "no_samples"),
    ("车间老板不同意外人参观", "no_inspection"),
    ("钱得先付到位 我们再安排生产", "full_prepayment"),
    ("总共九千 一次性汇给我们 收到开工", "full_prepayment"),
    ("付现金给我们业务员 便宜两毛", "off_platform_payment"),
    ("pay cash to my agent in Ningbo please", "off_platform_payment"),
    ("照片就只有这么几张 都在链接里", "no_real_photos"),
    ("跟详情图一样的 不用专门拍了", "no_real_photos"),
    ("参考评价就行 买家都晒过", "no_real_photos"),
    ("现货就这么多 好几家在问 早点定", "pressure"),
    ("the discount is good until friday only", "pressure"),
    ("transfer to our HSBC account please, no alibaba order", "off_platform_payment"),
    ("我们这边不单独发实物视频", "no_real_photos"),
    ("实物照片要收费 二十一张", "no_real_photos"),
    ("车间不给外人进 规定", "no_inspection"),
    ("先把货款都打了 我们才能下料", "full_prepayment"),
]

VAGUE = [
    ("交货嘛 具体看车间安排", ("lead_time",), True),
    ("这个价我也吃不准 还没确定下来", ("price",), True),
    ("起批看型号而定", ("moq",), True),
    ("每个型号都不一样", ("moq",), True),
    ("打样啊 看情况吧", (), True),
    ("时间上尽量早一点给您", ("lead_time",), True),
    ("每款价格不一样 A款5块 B款6块", ("price",), False),
    ("样品可以寄的 运费我们出", ("samples",), False),
    ("交期十五天 具体看车间安排", ("lead_time",), False),
    ("单价六块五 看您的数量还可以再谈", ("price",), False),
    ("价格随着原料价浮动 每天都在变", ("price",), True),
    ("起订量看具体数量再说", ("moq",), True),
]

QUIET = [
    ("所有款式都不限量 随便混批", "pressure"),
    ("下单后72小时内发出 全国包邮", "pressure"),
    ("您不要的话我们就给别人了 没关系的", "pressure"),
    ("价格一直有效 不着急", "pressure"),
    ("下单付款后返现金红包 在订单里领", "off_platform_payment"),
    ("定金先付三成 尾款发货前付清", "full_prepayment"),
    ("尾款先到账 我们再发货", "full_prepayment"),
    ("亲 您可以看一下买家秀", "no_real_photos"),
    ("同款有的 我发几张图给您看", "no_real_photos"),
    ("不用拍下 我改好价您再付", "no_real_photos"),
    ("全款付清 不然没法排产", "pressure"),
    ("货就这些了 您慢慢挑", "pressure"),
    ("您把款付了 我马上发货", "full_prepayment"),
]


@pytest.mark.parametrize(("text", "code"), RAISED)
def test_round4_raises(text: str, code: str) -> None:
    assert code in codes(text)


FACTS = [
    ("竹席 一百二一张 五张起 当天就能发哦", ("lead_time",), "lead_time_days", 0),
    ("上午十点前拍的今天走 中通", ("lead_time",), "lead_time_days", 0),
    ("今天走不了 明天发", ("lead_time",), "lead_time_days", 1),
    ("铸铁锅 六十五一口 二十口起批", ("moq",), "moq", 20),
    ("铸铁锅 六十五一口 二十口起批", ("price",), "unit_price", 65),
    ("一口价八十 十个起", ("price",), "unit_price", 80),
    ("羽绒被 一百九一床 五床起", ("moq",), "moq", 5),
    ("样品可以寄三个 免费的 您留地址", (), "sample_cost", 0),
    ("货款先到账 我们才开工", (), "deposit_percent", 100),
    ("拖鞋 三块二一双 一箱60双 一箱起批", ("moq",), "moq", 60),
    ("一盒12支 一盒八块 五十盒起批", ("moq",), "moq", 50),
    ("100只一盒 十二块一盒 二十盒起", ("moq",), "moq", 20),
]

ABSENT = [
    ("样品收费 大货免费包邮", "sample_cost"),
    ("三口之家用的那款", "moq"),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FACTS)
def test_round4_facts(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert analyser().analyse(text, asked).facts.get(key) == value


@pytest.mark.parametrize(("text", "key"), ABSENT)
def test_round4_no_invented_fact(text: str, key: str) -> None:
    assert key not in analyser().analyse(text, ("moq", "price")).facts


@pytest.mark.parametrize(("text", "asked", "vague"), VAGUE)
def test_round4_vague(text: str, asked: tuple[str, ...], vague: bool) -> None:
    assert ("vague" in codes(text, asked)) is vague


@pytest.mark.parametrize(("text", "code"), QUIET)
def test_round4_quiet(text: str, code: str) -> None:
    assert code not in codes(text)
