"""Round-twelve causes of false alarms on unseen replies (blind sets t and u), fixed by concept.

Precision first: a sample sold at a price is no refused sample, a sample priced like the bulk
is no full prepayment, a month-long validity hurries nobody, a loss off the platform disowned
is a warning, and "maybe tomorrow I tell you" promises a reply rather than hedging a figure.
Rows are fresh paraphrases written for these tests, not eval lines. The rules alone are pinned.
"""

from __future__ import annotations

import pytest

from tests.analysis_helpers import codes

# (code, text): each row must raise its code.
RAISED = [
    # A refusal with no price named stays a refusal.
    ("no_samples", "样品不能寄哦 只做大货"),
    ("no_samples", "sample only for old customer, sorry"),
    # A full payment for the bulk stays a prepayment when the sample is not priced like it.
    ("full_prepayment", "样品免费 大货要付全款才生产"),
    # A validity of hours or a couple of days still hurries.
    ("pressure", "price valid for 2 days only, please decide"),
    ("pressure", "this price valid 24 hours"),
    # Off the platform with no disowned loss is still off the platform.
    ("off_platform_payment", "线下转账的话可以便宜点 加我微信"),
    # A bonus for acting today, not now gone, the next lot dearer, the goods handed to a rival.
    ("pressure", "今天拍的话我可以再让五毛"),
    ("pressure", "今晚定的话我帮您申请送运费"),
    ("pressure", "10% discount if you order today"),
    ("pressure", "库存不多了 现在不定就没了"),
    ("pressure", "原料在涨 下一批就要贵三块"),
    ("pressure", "有个客户也在问 您考虑太久的话我就先卖给他了"),
    ("pressure", "If you do not pay today, we cannot keep the stock."),
    ("pressure", "please be quick, another buyer wants to take all"),
    # The account swapped or a second one named, money to the speaker's chat app.
    ("off_platform_payment", "我们收款账号更换了 货款打新的这个"),
    ("off_platform_payment", "尾款请打到我们公司另一个账户 平台的不方便"),
    ("off_platform_payment", "运费先转五十到我微信"),
    ("off_platform_payment", "这个折扣只能私下走哦"),
    ("off_platform_payment", "加我vx 转账的话便宜二十"),
    ("off_platform_payment", "contact me on whatsapp, the payment we do there"),
    # A whole carton for the sample, or no sample before the bulk deposit.
    ("no_samples", "样品的话 只能拍一整箱"),
    ("no_samples", "样品能发 不过先交大货定金 不交定金不发样"),
]

# (code, text): none of these may raise the code.
SAFE = [
    # A sample sold for money is a sample offered.
    ("no_samples", "样品不能免费的 要收费 一个八块 下单可退"),
    ("no_samples", "free sample only for big customer, new customer pay 20 rmb, refund later"),
    ("no_samples", "we not send sample abroad, use your china agent, sample 12 RMB"),
    # The sample itself is paid at the bulk price.
    ("full_prepayment", "样品能寄 要付全款的 样品费就按大货价算"),
    # A month-long validity.
    ("pressure", "Quote valid for 30 days, then we check the material price again"),
    ("pressure", "offer valid for 15 days"),
    # A warning against paying off the platform.
    ("off_platform_payment", "我们只走平台的 私下转账出了问题我们概不负责"),
    ("off_platform_payment", "只做平台交易 线下付款出了事我们没法负责的"),
    # Service, not a bonus: ordered today, shipped tomorrow; the next lot simply later.
    ("pressure", "今天拍的话明天就发货"),
    ("pressure", "下一批货大概月底到"),
    # The account details asked for the platform checkout, a chat app for photos only.
    ("off_platform_payment", "付款直接平台拍下就行 不用另外转"),
    ("off_platform_payment", "add my whatsapp, I send you more photos"),
    ("off_platform_payment", "私下走动走动也欢迎来厂里看看"),
    # A carton ordered as the bulk, and a sample sent while the bulk deposit is only named.
    ("no_samples", "大货一整箱起拍 样品单独寄"),
    ("no_samples", "样品可以寄 大货定金三成"),
]

# (code, text, asked): hedges with the buyer's asked keys.
VAGUE_RAISED = [
    ("vague", "price maybe change, not sure", ("price",)),
    # A "maybe" about the date itself, with no reply promised, still hedges.
    ("vague", "delivery maybe tomorrow maybe next week", ("lead_time",)),
    # Not knowing, and quantities differing with no quote promised, still hedge.
    ("vague", "价格现在不好说 看行情", ("price",)),
    ("vague", "数量不同价格不一样的", ("price",)),
]
VAGUE_SAFE = [
    ("vague", "price I must ask the boss, maybe tomorrow I tell you", ("price",)),
    ("vague", "need check with factory, maybe in 2 hours reply you", ("price",)),
    # An exact quote promised; a figure that cannot be named here (the channel, not uncertainty).
    ("vague", "数量不同价格不同 您报个数 我给您做个详细报价", ("price",)),
    ("vague", "价格这里不好说 您私聊我", ("price",)),
]


@pytest.mark.parametrize(("code", "text"), RAISED)
def test_round12_raised(code: str, text: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("code", "text"), SAFE)
def test_round12_safe(code: str, text: str) -> None:
    assert code not in codes(text)


@pytest.mark.parametrize(("code", "text", "asked"), VAGUE_RAISED)
def test_vague_raised(code: str, text: str, asked: tuple[str, ...]) -> None:
    assert code in codes(text, asked)


@pytest.mark.parametrize(("code", "text", "asked"), VAGUE_SAFE)
def test_vague_safe(code: str, text: str, asked: tuple[str, ...]) -> None:
    assert code not in codes(text, asked)
