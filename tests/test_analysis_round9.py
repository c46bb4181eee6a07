"""Round-nine causes of misses on unseen replies (blind sets n and o), fixed at the concept level.

Rows are fresh paraphrases written for these tests, not eval lines. The rules alone are pinned:
the analyser is built without the learned model.
"""

from __future__ import annotations

import pytest

from tests.analysis_helpers import codes

OFF_PLATFORM = [
    # A chat app sold as the cheaper way to pay.
    "付款走平台也行 走vx的话便宜三个点",
    "加我微信 转账过去 便宜五块",
    "加我vx细聊 价格还能再低",
    # An A-not-A question asks for the act, it does not deny it.
    "您看能不能直接支付宝转给我 运费我出",
    "可不可以微信转账给我 我马上发",
    # The account in the speaker's own name.
    "The bank account is under my own name, please transfer there.",
    "收款账户是我个人名下的 您直接打过来",
    # Escrow refused beside a direct transfer.
    "我们不走担保 都是直接打款",
]

ON_PLATFORM = [
    "加我微信聊 价格可以再低 付款还是走平台",
    "微信转账我们不能收 您在订单里付",
    # Escrow refused alone names no other way (older labels: full prepayment only).
    "我们只收全款 款到发货 不走担保交易",
]


@pytest.mark.parametrize("text", OFF_PLATFORM)
def test_off_platform_raised(text: str) -> None:
    assert "off_platform_payment" in codes(text)


@pytest.mark.parametrize("text", ON_PLATFORM)
def test_off_platform_safe(text: str) -> None:
    assert "off_platform_payment" not in codes(text)


FULL_PREPAYMENT = [
    "不收定金 全部款项先付清才发货",
    "全部款项要先付 我们才发货",
]

NO_FULL_PREPAYMENT = [
    # A deposit share named beside the whole sum: the rest is the balance.
    "全部款项出货前结清 下单先付30%定金",
    "三成定金下单时付 全部款项发货前付完",
]


@pytest.mark.parametrize("text", FULL_PREPAYMENT)
def test_full_prepayment_raised(text: str) -> None:
    assert "full_prepayment" in codes(text)


@pytest.mark.parametrize("text", NO_FULL_PREPAYMENT)
def test_full_prepayment_safe(text: str) -> None:
    assert "full_prepayment" not in codes(text)


PRESSURE = [
    # Rival buyers bargaining for the same lot.
    "还有别的客户在谈这批货",
    "就剩两百件 别的老板在谈 谈好了就没了",
    "Two customers also want it, if no payment tonight we sell to others.",
    # Only these goods, then a long wait; the price held for this lot only.
    "要的话快点 就这些货了",
    "这个价格只有这批 卖完就涨",
    "This price only for this batch.",
    # A slot lost unless paid today; goods not held unless decided.
    "明天还不付就排不上了",
    "不定的话我就不给您留了",
    # A deadline within the day, and a straight answer demanded.
    "这个价要全款 晚上之前付",
    "今天6点前给个准话",
    "Special price only until Sunday.",
    "You need to pay the deposit today.",
]

NO_PRESSURE = [
    # The shop's own holiday schedule.
    "年前最后一天发货是腊月二十六 之后的单年后发",
    "节前最后一批是20号发出 您自己安排",
    "其他客户反馈这款质量不错",
    "不急 您慢慢考虑 这批货一直有",
]


@pytest.mark.parametrize("text", PRESSURE)
def test_pressure_raised(text: str) -> None:
    assert "pressure" in codes(text)


@pytest.mark.parametrize("text", NO_PRESSURE)
def test_pressure_safe(text: str) -> None:
    assert "pressure" not in codes(text)


@pytest.mark.parametrize(
    ("text", "asked", "code", "present"),
    [
        # The listed price tiers answer the price; nothing about photos is refused.
        ("批发价看链接里的阶梯价就行 拿得越多越便宜", (), "no_real_photos", False),
        ("批发价看链接里的阶梯价就行 拿得越多越便宜", ("price",), "vague", False),
        ("实拍没有 您看主图就行", (), "no_real_photos", True),
        # "量大可以再谈" bargains over a price already given.
        ("开瓶器三块五一个 量大可以再谈", ("price", "moq"), "vague", False),
        ("量大可以再谈", ("price",), "vague", True),
        # Agreeing to a figure is no hedge.
        ("ok ok 6.5 for you", ("price",), "vague", False),
        ("price ok for you 7.2", ("price",), "vague", False),
        ("price is very good", ("price",), "vague", True),
    ],
)
def test_code_table(text: str, asked: tuple[str, ...], code: str, present: bool) -> None:
    assert (code in codes(text, asked)) is present


@pytest.mark.parametrize(
    ("text", "asked", "code", "present"),
    [
        # An inspection report is the inspection's, not a licence.
        ("验货报告我们这边没有", (), "no_inspection", True),
        ("验货报告我们这边没有", (), "no_license", False),
        ("验货报告每批都有 可以发您", (), "no_inspection", False),
        ("检测报告我们没有", (), "no_license", True),
        # A live video on the spot is an inspection, not photos of the goods.
        ("现场开视频不方便", (), "no_inspection", True),
        ("现场开视频不方便", (), "no_real_photos", False),
        # Papers being renewed or reviewed are not there yet.
        ("营业执照正在换新 暂时发不了", (), "no_license", True),
        ("证书在审核中 给不了", (), "no_license", True),
        ("营业执照可以发您看", (), "no_license", False),
    ],
)
def test_refusal_code_table(text: str, asked: tuple[str, ...], code: str, present: bool) -> None:
    assert (code in codes(text, asked)) is present


@pytest.mark.parametrize(
    ("text", "asked", "present"),
    [
        ("您先下单 单价后面再算", ("price",), True),
        ("交期我们不敢给您打包票", ("lead_time",), True),
        ("price we can not say now, it changes every day", ("price",), True),
        ("交期二十天 我们不敢给您打包票说更快", ("lead_time",), False),
    ],
)
def test_vague_table(text: str, asked: tuple[str, ...], present: bool) -> None:
    assert ("vague" in codes(text, asked)) is present
