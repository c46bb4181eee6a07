"""Round-seven causes of misses on unseen replies, fixed at the concept level.

Rows are fresh paraphrases written for these tests, not eval lines. Off-platform: the checkout
said to be broken with the money sent straight elsewhere, bank details handed over, an account in
a relative's name, the platform's cut blamed, money paid to the speaker, an offline deal, English
"pay to our company/finance account"; a platform that is down and waited for, and "if someone
asks you to pay a personal account it is not us" are safe. Refusals: English "can not send the
licence" with an article or modifier between, papers out of reach (拿不到), fussing over photos
waved away, photos pointless to take, only a whole carton as a sample, a video of the factory
that cannot be done; a paid sample, a licence photo, a photo of the production line, a trader's
own licence and a third-party inspector welcomed are no refusal of that kind. Pressure: a price
that changes tomorrow, a promotion that ends, "confirm order today", "pay quickly before my boss
changes his mind" (a negation does not reach past "and"), a buyer who will get the stock;
"you can pay now", first come first served and the shop's own shipping promise urge nobody.
Vague: a price that floats, moves with how much the buyer takes, or waits for the buyer to ask
again; an MOQ that depends on the style.
"""

from __future__ import annotations

import pytest

from bot.domain.analysis import RulesError
from bot.domain.analysis.rules import expand_concepts
from tests.analysis_helpers import codes

OFF_PLATFORM = [
    # The checkout said to be broken, the money sent straight elsewhere.
    "系统这两天在维护 拍不了 您直接转到我们财务支付宝就行",
    "链接出问题了 下不了单 货款您先汇到这个账户",
    "Alibaba checkout has some problem now, please pay directly to our account.",
    # Bank details handed over for the payment.
    "开户行建设银行 户名王芳 打过来截图给我",
    "Beneficiary name and account number below, please transfer today.",
    # An account in a relative's or a colleague's name.
    "收款人是我老公 直接转就行",
    # The platform's cut blamed, money paid to the speaker, an offline deal.
    "阿里抽成太高了 货款转我这边 给您便宜点",
    "您直接汇钱给我 省得麻烦",
    "平台上贵 线下拿货能少两块",
    # English: a company or finance account outside the checkout.
    "Please remit the payment to our factory bank account.",
]

ON_PLATFORM = [
    # The platform is down and the buyer is asked to wait.
    "平台在升级 付不了款的话 您等半小时再试",
    "The 1688 system has a problem today, please wait and pay tomorrow on the order.",
    # A disclaimer about fraud.
    "Only trade assurance. If anyone asks you to pay a personal card, that is not us.",
    "有人让您转私人卡 那都不是我们 只走平台",
    # A refund, and bank details refused.
    "退款已经按您给的户名和卡号原路打回去了",
    "请在平台下单付款 不要问卡号户名",
    # A warning against leaving the platform.
    "请不要走平台以外的渠道付款",
]


@pytest.mark.parametrize("text", OFF_PLATFORM)
def test_off_platform_raised(text: str) -> None:
    assert "off_platform_payment" in codes(text)


@pytest.mark.parametrize("text", ON_PLATFORM)
def test_on_platform_safe(text: str) -> None:
    assert "off_platform_payment" not in codes(text)


REFUSED = [
    # English with an article or modifier between the refusal and the topic.
    ("We can't share the company licence, sorry.", "no_license"),
    ("We cannot allow third party inspection in our factory.", "no_inspection"),
    ("Sorry, we can not provide single sample, only carton.", "no_samples"),
    ("The pictures of actual goods we cannot send now.", "no_real_photos"),
    # Papers out of reach.
    ("执照原件在会计手里 她请假了 拿不到", "no_license"),
    # Photos waved away or called pointless.
    ("您不用纠结实物图 跟图片一样的", "no_real_photos"),
    ("不用重新拍了 拍出来也是一样", "no_real_photos"),
    # Only a whole carton as a sample.
    ("样品的话要拿一整箱 一百个", "no_samples"),
    # A video of the factory that cannot be done.
    ("我们是贸易商 视频看厂做不到", "no_inspection"),
]

NOT_REFUSED = [
    # A paid sample is no refusal.
    ("We not send sample free, sample cost 30 RMB.", "no_samples"),
    ("样品是可以寄的 不过运费您出 价格这边不方便说", "no_samples"),
    # A licence photo is the licence's; a production-line photo is the factory's.
    ("No licence photo for you, it is confidential.", "no_real_photos"),
    ("Factory does not allow photos of the production line.", "no_real_photos"),
    # A trader's own licence offered while the factory's is withheld.
    ("执照是我们自己公司的 可以发您 工厂那边的不方便给", "no_license"),
    ("Factory licence we can not give, but our own licence is on the shop page.", "no_license"),
    # A third-party inspector welcomed.
    (
        "We cannot arrange a factory visit, but third party can check goods at our warehouse.",
        "no_inspection",
    ),
    # Out of reach only until a set time.
    ("样品今天拿不到 明天上午寄您", "no_samples"),
]


@pytest.mark.parametrize(("text", "code"), REFUSED)
def test_refusal_raised(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("text", "code"), NOT_REFUSED)
def test_refusal_not_raised(text: str, code: str) -> None:
    assert code not in codes(text)


PRESSURE = [
    # The price changes tomorrow, the promotion ends.
    "今天拍是这个价 下周起调到九块",
    "后天优惠就结束了",
    "这个折扣只有这两天有",
    "Tomorrow our price list will change, the price will go up.",
    # Decide today.
    "You must pay the order today.",
    # "don't ... and pay quickly": the negation stays with its own verb.
    "Please don't tell anyone and pay quickly.",
    "Pay soon before our boss changes his mind.",
    "趁老板还没改主意 赶紧定下来",
    # Another buyer will get the stock.
    "Another customer wants all stock, if you not pay today I give it to him.",
]

CALM = [
    # Only allowed, not urged.
    "I changed the price in the order, you can pay now.",
    # First come, first served is no full prepayment of the buyer's order; the shop's own promise.
    "After you pay we ship within 24 hours.",
    # A promotion stated calmly.
    "月底前下单包邮 之后就不包了 您看着安排",
]


@pytest.mark.parametrize("text", PRESSURE)
def test_pressure_raised(text: str) -> None:
    assert "pressure" in codes(text)


@pytest.mark.parametrize("text", CALM)
def test_calm(text: str) -> None:
    assert "pressure" not in codes(text)


def test_first_come_is_no_prepayment() -> None:
    assert "full_prepayment" not in codes("名额不多 先付款的先安排生产")


VAGUE = [
    ("价格看您拿多少 拿得越多越便宜", ("price",)),
    ("价格最近有些浮动 等您要的时候再问我", ("price",)),
    ("价钱不会让您失望的", ("price",)),
    ("起订量看款 有的多有的少", ("moq",)),
]

ANSWERED = [
    ("单价8块 价格会有浮动 大概一周一调", ("price",)),
    ("起订量看款式 一般50个起批", ("moq",)),
]


@pytest.mark.parametrize(("text", "asked"), VAGUE)
def test_vague_raised(text: str, asked: tuple[str, ...]) -> None:
    assert "vague" in codes(text, asked)


@pytest.mark.parametrize(("text", "asked"), ANSWERED)
def test_vague_answered(text: str, asked: tuple[str, ...]) -> None:
    assert "vague" not in codes(text, asked)


def test_inline_concept_reference() -> None:
    concepts = {"kin": ["妈妈", "爸爸"]}
    assert expand_concepts({"p": ["户名是(?:@kin)"]}, concepts) == {"p": ["户名是(?:妈妈|爸爸)"]}
    with pytest.raises(RulesError):
        expand_concepts({"p": ["(?:@nobody)的卡"]}, concepts)
