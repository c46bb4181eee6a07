"""Round-six causes of misses on unseen replies, fixed at the concept level.

Rows are fresh paraphrases written for these tests, not eval lines. Pressure: a price held to a
day, others waiting to take the deal, another buyer coming, a short hold, sold out for good, a
lost production slot, an offer that ends with a date, translation-app English ("only for this
week", "last batch", "decide in 24 hours"); the shop promising its own quote in time, and a
deadline said together with "no rush", urge nobody. Vague: the price or lead time moving with an
unnamed quantity or the stock, waiting on the buyer, a price vouched for instead of named; a later
price change and restock timing are no hedge.
"""

from __future__ import annotations

import pytest

from tests.analysis_helpers import codes

PRESSURE = [
    # A price held to a day, and a push.
    "这个价格留到礼拜三 之后厂里要调 您早点定",
    "优惠保到月底 您早点定",
    # Others waiting to take the deal, another buyer coming.
    "你不要有的是客户要",
    "下午就有人要来提货的",
    # A short hold, sold out for good, a lost slot, an offer that ends with a date.
    "可以帮您留两个小时",
    "这批清完就下架了",
    "付了款才能安排 要不然排不上春节前了",
    "后天就没这个折扣了",
    "这个优惠只在这两天有效",
    "这周不下单就要排到下个月",
    # Translation-app English.
    "This price only for this week, next month new price.",
    "Few stock, it is the last lot.",
    "You need decide in 24 hours.",
    "Stock not much now, better you order soon.",
    "If order today we give free gift, tomorrow no.",
    # A sign-off does not take the deadline back.
    "这个价今天截止 有问题随时找我",
]

CALM = [
    # The shop promises its own quote in time.
    "尺寸发我 半小时内核价报给您",
    "报价单我们2小时内回复您",
    # A deadline said with "no rush".
    "活动到周日结束 之后恢复原价 您慢慢考虑 不急的",
    "这个价格本周有效 今天不定也没关系 随时找我",
    "这款卖完就不补了 您按需拍就行",
    # Someone asked to wait a moment is no hold.
    "视频马上拍 您稍等十分钟",
    "We can ship today, tomorrow no problem too.",
]


@pytest.mark.parametrize("text", PRESSURE)
def test_pressure_raised(text: str) -> None:
    assert "pressure" in codes(text)


@pytest.mark.parametrize("text", CALM)
def test_no_pressure(text: str) -> None:
    assert "pressure" not in codes(text)


VAGUE = [
    ("价格这块 买得越多越划算 量越多越便宜", ("price",)),
    ("单价按阶梯来算", ("price",)),
    ("数量不同价格差得多", ("price",)),
    ("交货时间看库存", ("lead_time",)),
    ("交期这个您放心 保证准时", ("lead_time",)),
    ("具体交期等你定好款式再说", ("lead_time",)),
    ("价格方面不会贵的", ("price",)),
    ("Price is very good, you will like it.", ("price",)),
]

ANSWERED = [
    # A figure is given, so the hedge-like words are no evasion.
    ("价格按阶梯来算 100个8块 500个7块", ("price",)),
    ("交期保证准时 下单后15天", ("lead_time",)),
    # A later price change is no hedge about today's figure.
    ("价格下个月就不一定了", ()),
    # Restock timing is not the lead time asked.
    ("卖完了后面什么时候有不确定", ()),
    # A condition met by a sample, not by the buyer's figure.
    ("样品满意了再说", ()),
    ("busy now, talk later", ("price",)),
]


@pytest.mark.parametrize(("text", "asked"), VAGUE)
def test_vague_raised(text: str, asked: tuple[str, ...]) -> None:
    assert "vague" in codes(text, asked)


@pytest.mark.parametrize(("text", "asked"), ANSWERED)
def test_vague_not_raised(text: str, asked: tuple[str, ...]) -> None:
    assert "vague" not in codes(text, asked)


REFUSED = [
    # Inspection: visits in translation-app English, a workshop video, a video call, taking the
    # buyer there, third-party inspection waved away as wasted money, no visitors received.
    ("Sorry, factory not accept visiting this month.", "no_inspection"),
    ("Photos ok, but video of the workshop not allowed.", "no_inspection"),
    ("Factory not open for visit.", "no_inspection"),
    ("视频连线搞不了 信号不好", "no_inspection"),
    ("我们是贸易商 厂家不让带客户过去", "no_inspection"),
    ("第三方检验就别请了 浪费钱", "no_inspection"),
    ("仓库不接待外来人员", "no_inspection"),
    # A refused video next to a refused visit is the factory's, not photos of the goods.
    ("不方便视频 也不方便来访", "no_inspection"),
    # Photos: no time to take them, "不给你拍".
    ("We have no time to take photos for every buyer.", "no_real_photos"),
    ("实物拍了也不好看 就不给您拍了", "no_real_photos"),
    # Samples: waved away, only with the bulk order, not sold, stopped.
    ("这款不用看样 直接拿货就行", "no_samples"),
    ("样品只能跟大货一起发", "no_samples"),
    ("Sample we only give with the mass order.", "no_samples"),
    ("Sample not sell, sorry.", "no_samples"),
    ("Samples stopped this season.", "no_samples"),
    # Licence: being changed or renewed, the factory's papers, an order first, a registration
    # nobody bothers with, a certificate still to be applied for.
    ("营业执照正在年检 暂时发不了", "no_license"),
    ("license is under renew, can not show now", "no_license"),
    ("执照是厂家的 我们这边是代理", "no_license"),
    ("we are agent, the license belong to factory", "no_license"),
    ("资质可以看 不过要先交定金", "no_license"),
    ("这个量谁去做备案", "no_license"),
    ("CE certificate we can help you apply, cost extra.", "no_license"),
    ("证件在办理中 现在给不了", "no_license"),
]

KEPT = [
    # "不是不给" denies the refusal.
    ("我们并不是不给看厂 下周搬完随时欢迎", "no_inspection"),
    # The whole reply offers the thing.
    ("Welcome to visit our factory any time.", "no_inspection"),
    ("样品可以拍一件 价格和大货一样", "no_samples"),
    ("UN38.3和MSDS都有的 只是空运不了", "no_license"),
    # 拍 means buying the listing.
    ("这个价在平台上拍不了 我改一下价格", "no_real_photos"),
    ("链接下架了拍不了 我重新发一个", "no_real_photos"),
    ("We have time to take new photos today.", "no_real_photos"),
    # No time today, a definite time for them: a promise, not a refusal.
    ("实拍图 我今天没空 明天拍给您", "no_real_photos"),
    # "谁去" that asks who, not "nobody would".
    ("您派谁去验货都行", "no_inspection"),
]


@pytest.mark.parametrize(("text", "code"), REFUSED)
def test_refusal_raised(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("text", "code"), KEPT)
def test_refusal_not_raised(text: str, code: str) -> None:
    assert code not in codes(text)


def test_factory_video_is_not_photos() -> None:
    assert "no_real_photos" not in codes("不方便视频 也不方便来访")


PAYMENT = [
    # Ordering or settling through a chat app, a changed account.
    ("熟客都是加我微信订货的 便宜点", "off_platform_payment"),
    ("老客户都走v信付 方便", "off_platform_payment"),
    ("我们收款账户换了 货款打到新账号", "off_platform_payment"),
    ("Our account changed, please transfer to the new account.", "off_platform_payment"),
    # Everything, tooling and goods, paid before tooling starts.
    ("模具费和货款一起付清才开模", "full_prepayment"),
    ("100% payment before production.", "full_prepayment"),
]

PAYMENT_SAFE = [
    ("私下交易的我们不做的 都走平台", "off_platform_payment"),
    ("平台下单付款 让您加微信转账的都是骗子 谨防被骗", "off_platform_payment"),
    ("加微信发您实拍视频 下单还是在平台", "off_platform_payment"),
    # A one-off tooling fee in full, the goods on a split.
    ("开模要先付全部模具费 货款可以三七", "full_prepayment"),
    ("mould fee 100% first, goods 30% deposit 70% before shipment", "full_prepayment"),
    # Payment on arrival named for stock only.
    ("款到发货只限现货 定做的还是三成定金", "full_prepayment"),
    ("We do 100% check before packing.", "full_prepayment"),
    ("100% cotton, we ship after payment.", "full_prepayment"),
]


@pytest.mark.parametrize(("text", "code"), PAYMENT)
def test_payment_raised(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("text", "code"), PAYMENT_SAFE)
def test_payment_not_raised(text: str, code: str) -> None:
    assert code not in codes(text)
