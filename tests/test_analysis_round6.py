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

import functools

import pytest

from bot.domain.analysis import Analyser
from bot.resources import load_toml


@functools.cache
def rules_only() -> Analyser:
    """The shipped rules without any learned model: these tests pin the rules themselves."""
    return Analyser(
        {"redflags": load_toml("redflags.toml"), "facts": load_toml("analysis_facts.toml")}
    )


def codes(text: str, asked: tuple[str, ...] = ()) -> set[str]:
    return set(rules_only().analyse(text, asked).codes)


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
