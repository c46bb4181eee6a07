"""Concept-level red flags: shared vocabularies combined within a clause, unseen wording.

Each code is said by a combination of concepts (a payment act and an off-platform channel, a
full amount and a before-work condition ...). The rows are paraphrases written for these tests,
with negated and warning variants that must stay quiet.
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.analysis import analyser
from bot.domain.analysis import Analyser, RulesError
from bot.resources import load_toml


def codes(text: str, asked: tuple[str, ...] = ()) -> set[str]:
    return set(analyser().analyse(text, asked).codes)


def _rules() -> dict[str, Any]:
    return {"redflags": dict(load_toml("redflags.toml")), "facts": load_toml("analysis_facts.toml")}


RAISED = [
    # off_platform_payment: a payment act + a channel or recipient off the platform
    ("尾款直接打到我表弟的工商银行卡", "off_platform_payment"),
    ("这单您用QQ转账给我吧 方便些", "off_platform_payment"),
    ("店铺在升级 付款先走私户", "off_platform_payment"),
    ("订单拍一分钱的 其他货款您另外转我", "off_platform_payment"),
    ("定金发我微信就行 剩下的到时候再说", "off_platform_payment"),
    ("please transfer the payment to my brother's account", "off_platform_payment"),
    ("we accept Wise or PayPal, faster", "off_platform_payment"),
    ("pay to me directly, no need use 1688", "off_platform_payment"),
    # full_prepayment: the whole sum + a before-work condition
    ("先把钱一次性付清 我们才开始备料", "full_prepayment"),
    ("钱凑齐了打过来 然后给您排产", "full_prepayment"),
    ("定做的 款全部到账才能开工", "full_prepayment"),
    ("we need full payment first, then arrange production", "full_prepayment"),
    ("pay 100 percent in advance please", "full_prepayment"),
    # pressure: a deadline on price or payment, or hurry words on a decision
    ("这个价格只留到后天 过了就不是这个价", "pressure"),
    ("周三之前付款才有这个优惠", "pressure"),
    ("price can hold only 2 days for you", "pressure"),
    ("please confirm the order fast, many buyers ask", "pressure"),
    # refusal families on a topic
    ("实拍图我们一般不发的", "no_real_photos"),
    ("photos we not share, same like the shop pictures", "no_real_photos"),
    ("打样不接 只接大货", "no_samples"),
    ("no samples for this model, sorry", "no_samples"),
    ("厂址是保密的 不对外说", "no_inspection"),
    ("no third party inspection, we check ourselves", "no_inspection"),
    ("验厂就没必要了吧", "no_inspection"),
    ("营业执照在办理中 还没拿到", "no_license"),
    ("认证有什么用 卖得好就行", "no_license"),
    ("license is private, not share", "no_license"),
    ("no CE certificate for this one", "no_license"),
]


@pytest.mark.parametrize(("text", "code"), RAISED)
def test_concept_raises(text: str, code: str) -> None:
    assert code in codes(text)


QUIET = [
    # negated, warned about, or inside the platform's checkout
    ("钱不要转到私人账户 在平台下单就行", "off_platform_payment"),
    ("私人转账一概不收 只认平台订单", "off_platform_payment"),
    ("有人冒充我们让您打款到个人卡上 请注意", "off_platform_payment"),
    ("we never ask payment to personal account, only alibaba", "off_platform_payment"),
    ("支付宝付款就行 在订单页面付", "off_platform_payment"),
    ("退款已经转到您的银行卡了", "off_platform_payment"),
    # a share first, the balance after, full payment offered as an option
    ("不需要一次性付清 先付三成定金", "full_prepayment"),
    ("尾款发货前付清就可以", "full_prepayment"),
    ("收货验完没问题再付清", "full_prepayment"),
    ("全款定金都行 平台上付", "full_prepayment"),
    ("样品费下单后全额退还", "full_prepayment"),
    ("100%纯棉 不起球", "full_prepayment"),
    # the shop's own service times, no hurry
    ("下午四点之前付款的订单当天发出", "pressure"),
    ("请在24小时内付款 超时订单自动关闭", "pressure"),
    ("尾款收货后七天内付清就行", "pressure"),
    ("不着急 您考虑好再下单", "pressure"),
    ("we ship fast after payment", "pressure"),
    # refusal words about something else, and offers
    ("实拍不修图 没有任何美颜", "no_real_photos"),
    ("样品费没有 免费寄", "no_samples"),
    ("no problem, sample can send tomorrow", "no_samples"),
    ("偏远地区不发货 样品可以寄", "no_samples"),
    ("随时欢迎验厂 提前约一下", "no_inspection"),
    ("体验一下就知道了 质量很好", "no_inspection"),
    ("营业执照店铺首页就有 随时看", "no_license"),
]


@pytest.mark.parametrize(("text", "code"), QUIET)
def test_concept_quiet(text: str, code: str) -> None:
    assert code not in codes(text)


@pytest.mark.parametrize(
    ("text", "asked", "vague"),
    [
        # hedge families: uncertain, deferred, plain, negotiated, reassured
        ("交期这个真说不清 看厂里忙不忙", ("lead_time",), True),
        ("出货时间有时快有时慢的", (), True),
        ("面料就是普通的那种", (), True),
        ("质量嘛 马马虎虎吧", (), True),
        ("价格的话见面再谈", (), True),
        ("价钱方面 肯定不会让您吃亏", (), True),
        ("定制不一定能做 要看工艺", (), True),
        ("delivery time hard to say, maybe fast maybe slow", (), True),
        # a figure answers the hedge; the 一 of 不一定 is none
        ("交期说不准 一般十天左右", ("lead_time",), False),
        ("价格面议 单价大概15", ("price",), False),
        ("质量还可以的 很多老客户回购", (), False),
        ("颜色一般都按图片来", (), False),
    ],
)
def test_hedge_families(text: str, asked: tuple[str, ...], vague: bool) -> None:
    assert ("vague" in codes(text, asked)) is vague


def test_combo_evidence_spans_its_concepts() -> None:
    text = "亲 剩下的货款麻烦另外转我 谢谢"
    flag = next(f for f in analyser().analyse(text).flags if f.code == "off_platform_payment")
    assert flag.evidence in text
    assert flag.evidence.startswith("货款") and "转" in flag.evidence


def test_a_synonym_added_to_a_concept_helps_every_code_using_it() -> None:
    text = "货款转到我的云闪付"
    data = _rules()
    assert "off_platform_payment" not in Analyser(data).analyse(text).codes
    concepts = dict(data["redflags"]["concepts"])
    concepts["off_channel"] = [*concepts["off_channel"], "云闪付"]
    data["redflags"] = {**data["redflags"], "concepts": concepts}
    assert "off_platform_payment" in Analyser(data).analyse(text).codes


def test_a_refusal_family_reaches_every_topic_code() -> None:
    data = _rules()
    concepts = dict(data["redflags"]["concepts"])
    concepts["dismissal"] = [*concepts["dismissal"], "多此一举"]
    data["redflags"] = {**data["redflags"], "concepts": concepts}
    a = Analyser(data)
    assert "no_license" in a.analyse("证书这东西多此一举").codes
    assert "no_inspection" in a.analyse("验厂多此一举").codes


@pytest.mark.parametrize(
    ("mutate", "match"),
    [
        (lambda r: r["codes"]["pressure"].update(combos=[{"all": ["deadline", "nope"]}]), "nope"),
        (lambda r: r["codes"]["pressure"].update(combos=[{"all": ["deadline"]}]), "two"),
        (lambda r: r["refusal"].update(words=["@missing"]), "missing"),
        (lambda r: r["concepts"].update(loop=["@loop"]), "itself"),
        (lambda r: r["concepts"].update(a=["@b"], b=["@a"]), "itself"),
    ],
)
def test_malformed_concepts_fail_at_build(mutate: Any, match: str) -> None:
    data = _rules()
    red = {k: (dict(v) if isinstance(v, dict) else v) for k, v in data["redflags"].items()}
    red["codes"] = {k: dict(v) for k, v in red["codes"].items()}
    mutate(red)
    data["redflags"] = red
    with pytest.raises(RulesError, match=match):
        Analyser(data)


@pytest.mark.parametrize(
    ("text", "asked", "key", "value"),
    [
        ("one carton 60 pcs, 3.2 rmb each", ("moq", "price"), "moq", 60),
        ("起订是2箱 每箱=24个", ("moq",), "moq", 48),
        ("MOQ 2 cartons = 50 pcs each", ("moq",), "moq", 100),
        ("一支六毛五 五百支起", ("price",), "unit_price", 0.65),
        ("打样五天 大货二十天", ("lead_time",), "lead_time_days", 20),
        ("三十五左右", ("price",), "unit_price", 35),
    ],
)
def test_fact_forms(text: str, asked: tuple[str, ...], key: str, value: float) -> None:
    assert analyser().analyse(text, asked).facts.get(key) == value


@pytest.mark.parametrize(
    ("text", "asked", "key"),
    [
        ("外面五十个一箱 箱规发您", ("shipping",), "moq"),  # packing, not an asked MOQ
        ("价格只到星期五 周六恢复", (), "lead_time_days"),  # weekdays are no durations
        ("定金五成 余款到货后十天内付", (), "lead_time_days"),  # a payment term
        ("三十五左右", (), "unit_price"),  # a bare amount answers only an asked price
        ("五毛一个 两百个起", ("price",), "none"),
    ],
)
def test_fact_not_invented(text: str, asked: tuple[str, ...], key: str) -> None:
    facts = analyser().analyse(text, asked).facts
    if key == "none":
        assert facts.get("unit_price") == 0.5
    else:
        assert key not in facts
