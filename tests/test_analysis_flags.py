"""Red flags: each code, its negations and safe contexts, and the contract invariants."""

from __future__ import annotations

import pytest

from bot.analysis import analyser
from bot.domain.analysis import Analyser, RulesError
from bot.resources import load_toml

ALL = ("real_photos", "moq", "price", "lead_time", "payment_terms", "samples", "qc")


def codes(text: str, asked: tuple[str, ...] = (), market: float | None = None) -> set[str]:
    return set(analyser().analyse(text, asked, market).codes)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("可以走平台，也可以微信转我便宜点", "off_platform_payment"),
        ("可以走平台 也可以微信转账", "off_platform_payment"),
        ("亲 付款直接打我卡上就行 农业银行", "off_platform_payment"),
        ("付款这块走我个人的支付宝就好啦", "off_platform_payment"),
        ("平台手续费太高 咱们私下交易吧", "off_platform_payment"),
        ("pay by western union is best", "off_platform_payment"),
        ("泰达币付款也行 到账快", "off_platform_payment"),
        ("we accept USDT payment, faster than alibaba", "off_platform_payment"),
        # English words touching Chinese: word boundaries are ASCII ones.
        ("USDT也可以收 到账快", "off_platform_payment"),
        ("支付用paypal转我就好", "off_platform_payment"),
        ("货款您转到我老公的卡上", "off_platform_payment"),
        ("定做的东西都要先付全款才开工", "full_prepayment"),
        ("100% payment before production", "full_prepayment"),
        ("款到才安排生产 我们不走担保", "full_prepayment"),
        ("活动价今晚12点结束 过了就恢复原价", "pressure"),
        ("名额有限 先到先得", "pressure"),
        ("Please hurry, price valid only 48 hours", "pressure"),
        ("实拍图没有哦 您看主图就行", "no_real_photos"),
        ("cant take photo now, i am not in company", "no_real_photos"),
        ("不方便拍 要看的话建议您先买一个", "no_real_photos"),
        ("小本生意 样品恕不提供", "no_samples"),
        ("sample not available for this item", "no_samples"),
        ("我们厂不接受验货", "no_inspection"),
        ("third party inspection is not allowed", "no_inspection"),
        ("营业执照暂时给不了", "no_license"),
        ("we don't have CE certificate", "no_license"),
        # refusal families: not done at all, rhetorical, no address, cannot or did not shoot
        ("检测报告还没做过 您要的话自己送检", "no_license"),
        ("小作坊 营业执照没办下来", "no_license"),
        ("看厂？谁有空陪你看啊", "no_inspection"),
        ("厂址不方便告诉您 有事旺旺联系", "no_inspection"),
        ("仓库没网 视频拍不了", "no_real_photos"),
        ("这款我们自己没拍过 主图是厂家给的", "no_real_photos"),
        ("照片是从同行那里拿的 实物一样", "no_real_photos"),
        ("图都是厂家给的 我们自己没拍", "no_real_photos"),
        ("不好意思 工厂不对外 有问题旺旺说", "no_inspection"),
        ("Our factory does not allow visits, sorry", "no_inspection"),
        ("Photo is from internet, same product", "no_real_photos"),
        # a near negation reaches only the next words; a denied warning is no warning
        ("这不是现货需要先付全款才生产", "full_prepayment"),
        ("我们不是骗子 放心转我微信", "off_platform_payment"),
        ("we are not a scam, pay to my personal account", "off_platform_payment"),
        ("we have samples but no send abroad", "no_samples"),
        # payment to a named bank, production after full payment, price threats
        ("货款汇到我们建设银行就行", "off_platform_payment"),
        ("全部付清之后再安排生产", "full_prepayment"),
        ("款到即发货 不接受货到付款", "full_prepayment"),
        ("下个月原材料涨价 现在定还是这个价", "pressure"),
        ("错过这一批就要等两个月", "pressure"),
        ("犹豫的话这个优惠就保不住了", "pressure"),
        ("材料马上要上调了 早点定", "pressure"),
    ],
)
def test_code_raised(text: str, code: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("我们只走平台担保，不接受私人转账", "off_platform_payment"),
        ("温馨提示：近期有骗子冒充客服让您加微信转账，请认准店铺旺旺", "off_platform_payment"),
        ("请勿私下转账给任何自称我司业务员的人", "off_platform_payment"),
        ("支付宝转账到个人账户是不行的哈 您在平台下单就可以", "off_platform_payment"),
        ("we never ask you to pay by Western Union or personal account", "off_platform_payment"),
        ("加我微信 发你报价单", "off_platform_payment"),
        ("支付宝付款和信用卡都支持的 在平台下单就行", "off_platform_payment"),
        ("拍下付款48小时发货", "full_prepayment"),
        ("现货 拍下付款后24小时内发货 平台交易有保障", "full_prepayment"),
        ("定金30% 生产完再付尾款", "full_prepayment"),
        ("我们不搞限时限量那一套", "pressure"),
        ("No rush, take your time", "pressure"),
        ("亲 会尽快安排发货的哦", "pressure"),
        ("好的亲 马上给您拍几张实物图", "no_real_photos"),
        ("实拍可以 样品不行", "no_real_photos"),
        ("样品不免费哦 一个8块", "no_samples"),
        ("欢迎来厂参观 也可以安排第三方验货", "no_inspection"),
        ("视频看厂不方便 车间不让拍", "no_real_photos"),
        ("营业执照和质检报告都可以发您", "no_license"),
        # a refusal word that denies something else, a deferral to a set time
        ("实拍照片哦 没有任何美颜", "no_real_photos"),
        ("视频看厂没问题的 您约时间", "no_inspection"),
        ("实拍视频要等晚上8点仓库下班了拍给您", "no_real_photos"),
        ("实物图要等明天上午到货再拍", "no_real_photos"),
        ("我们没拍错吧 您再核对下", "no_real_photos"),
        # balance before dispatch is normal; "不是" negates; every way named is the checkout
        ("定金三成 尾款付清再发货", "full_prepayment"),
        ("现货 款到发货 平台有保障", "full_prepayment"),
        ("不是活动价 不是限时的 一直这个价", "pressure"),
        ("价格不会涨的 放心", "pressure"),
        ("并不是限时活动 随时可以拍", "pressure"),
        ("谨防骗子 不要私下转账", "off_platform_payment"),
        ("可以用支付宝 也可以用银行卡 都是平台下单付的", "off_platform_payment"),
    ],
)
def test_code_not_raised(text: str, code: str) -> None:
    assert code not in codes(text, ALL)


@pytest.mark.parametrize(
    ("text", "asked", "vague"),
    [
        ("交期看情况", ("lead_time",), True),
        ("大概15天", ("lead_time",), False),
        ("差不多一周吧", ("lead_time",), False),
        ("单价不太好讲呢 得看您具体要求", ("price",), True),
        ("单价12 量大价格好商量", ("price",), False),
        ("数量和时间都好商量 到时候再说嘛", ("moq", "lead_time"), True),
        ("about 20 days, depends on quantity", ("lead_time",), False),
        ("moq not sure, we discuss", ("moq",), True),
        ("颜色和图片上差不多的", (), False),
        ("我们不会催您下单的 样品满意了再说", (), False),
        # the price hangs on a quantity never named
        ("价格要看您的数量", ("price",), True),
        ("单价3块 量大从优", ("price",), False),
        ("运费到时再说", ("shipping",), True),
        # reassurance instead of an answer evades only a question that was asked
        ("放心好了 很快就好", ("lead_time",), True),
        ("放心好了 很快就好", (), False),
        ("亲 会尽快安排发货的哦", (), False),
        ("20天左右 很快的", ("lead_time",), False),
        ("品质绝对没问题 放心拿货", ("qc",), True),
        ("品质绝对没问题 每件出厂前全检", ("qc",), False),
        # a deferral without a hedge is unanswered, not vague; "过几天" is a time, not a topic
        ("这个我问下工厂 明天回复您", ("lead_time",), False),
        ("手机坏了拍不了 过几天再说吧", ("real_photos",), False),
    ],
)
def test_vague(text: str, asked: tuple[str, ...], vague: bool) -> None:
    assert ("vague" in codes(text, asked)) is vague


@pytest.mark.parametrize(
    ("text", "market", "low"),
    [
        ("太阳能庭院灯 6块5一个", 25, True),
        ("磁吸手机壳 十四块 十个起", 20, False),  # 14 >= 12: near the line
        ("感应夜灯 8到12块", 12, False),  # a range is judged by its low end
        ("感应夜灯 8到12块", 14, True),
        ("太阳能庭院灯 6块5一个", None, False),
    ],
)
def test_price_too_low(text: str, market: float | None, low: bool) -> None:
    assert ("price_too_low" in codes(text, ("price",), market)) is low


def test_price_too_low_ratio_is_configurable() -> None:
    a = analyser()
    assert "price_too_low" not in a.analyse("单价14", (), 20).codes
    assert "price_too_low" in a.analyse("单价14", (), 20, too_low_ratio=0.8).codes


def test_price_too_low_evidence_is_the_quoted_price() -> None:
    flag = next(f for f in analyser().analyse("童装九块九包邮", (), 45).flags)
    assert (flag.code, flag.evidence) == ("price_too_low", "九块九")


@pytest.mark.parametrize(
    ("text", "asked", "unanswered"),
    [
        ("亲 起订量500件 单价12.5元", ("moq", "price", "lead_time"), ("lead_time",)),
        ("一件起批 单价8块", ("moq", "price"), ()),
        ("我们不限起订量 多少都发", ("moq",), ()),
        ("Price: USD 1.85/pc", ("price",), ()),
        (
            "我们是源头工厂 做这行十五年了",
            ("moq", "price", "lead_time"),
            ("moq", "price", "lead_time"),
        ),
        ("样品不寄", ("samples",), ()),  # only moq, price and lead_time are checked
    ],
)
def test_unanswered(text: str, asked: tuple[str, ...], unanswered: tuple[str, ...]) -> None:
    result = analyser().analyse(text, asked)
    assert result.unanswered == unanswered
    assert ("unanswered" in result.codes) == bool(unanswered)


def test_design_example_contract() -> None:
    result = analyser().analyse(
        "亲 起订量500件 单价12.5元 加我微信转账便宜点", ["moq", "price", "lead_time"], None
    )
    out = result.to_contract()
    assert [f["code"] for f in out["flags"]] == ["off_platform_payment", "unanswered"]
    assert out["flags"][0]["severity"] == "high"
    assert out["flags"][0]["evidence"] in "亲 起订量500件 单价12.5元 加我微信转账便宜点"
    assert out["flags"][1] == {"code": "unanswered", "severity": "low", "evidence": ""}
    assert out["facts"] == {"moq": 500, "unit_price": 12.5}
    assert out["unanswered"] == ["lead_time"]


@pytest.mark.parametrize(
    "text",
    [
        "要这个价就得全款 而且名额就剩这一单 您考虑好了马上付 私下交易还能便宜",
        "不寄样品 不看厂 不拍照 执照也没有 交期看情况",
        "ＭＯＱ　５００　ＰＣＳ，全款 ＷＥＳＴＥＲＮ ＵＮＩＯＮ",
    ],
)
def test_flags_are_sorted_unique_with_verbatim_evidence(text: str) -> None:
    result = analyser().analyse(text, ALL, 100)
    found = [f.code for f in result.flags]
    assert found == sorted(set(found))
    assert len(found) >= 3
    for f in result.flags:
        assert f.severity in ("high", "medium", "low")
        assert f.advice
        assert f.evidence in text
        assert f.evidence or f.code == "unanswered"


def test_unknown_question_key_is_rejected() -> None:
    from bot.errors import InputError

    with pytest.raises(InputError):
        analyser().analyse("hi", ["colour"])
    with pytest.raises(InputError):
        analyser().analyse("hi", (), -3)


def test_malformed_rules_fail_at_build() -> None:
    data = {"redflags": dict(load_toml("redflags.toml")), "facts": load_toml("analysis_facts.toml")}
    codes_table = dict(data["redflags"]["codes"])
    codes_table["pressure"] = {**codes_table["pressure"], "patterns": ["(unclosed"]}
    data["redflags"]["codes"] = codes_table
    with pytest.raises(RulesError, match="pressure"):
        Analyser(data)
