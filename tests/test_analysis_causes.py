"""Causes of misses found on unseen replies, each fixed at the concept level.

Rows are fresh paraphrases written for these tests (not eval lines): staged-only pictures,
photos against money, borrowed or missing company papers, a channel's limit that is no refusal,
payment sold as faster than the platform, several channels offered, denied personal accounts
next to the checkout, approval-limited prices, hesitation threats and shipping cut-offs.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def codes(text: str, asked: tuple[str, ...] = ()) -> set[str]:
    return set(analyser().analyse(text, asked).codes)


RAISED = [
    ("我们店只提供渲染图哈 真实的没拍", "no_real_photos"),
    ("详情里全是棚拍的 实物就不单独拍了", "no_real_photos"),
    ("想要实拍视频也行 需要先付五十押金", "no_real_photos"),
    ("we only have catalog pictures, sorry", "no_real_photos"),
    ("工厂没注册过 是家庭作坊", "no_license"),
    ("证书是借用合作厂家的", "no_license"),
    ("执照是人家的 我们挂靠的", "no_license"),
    ("MSDS我们没有 您自己去做", "no_license"),
    ("检测报告一时找不着了", "no_license"),
    ("QC report? no, sorry", "no_inspection"),
    ("来验厂 真没那个必要", "no_inspection"),
    ("钱转过来我当天给您发 比平台划算多了", "off_platform_payment"),
    ("付款方式随便您 银行卡微信都行", "off_platform_payment"),
    ("pay 100% by TT to our company, no need alibaba order", "off_platform_payment"),
    ("这个价领导只批到周五 过期不候", "pressure"),
    ("再犹豫一下就被别家抢了", "pressure"),
    ("半个小时内付款才有这个价", "pressure"),
    ("全部货款预付 收到后排产", "full_prepayment"),
    ("交期的话 轮到您的单就做", "vague"),
]


@pytest.mark.parametrize(("text", "code"), RAISED)
def test_cause_raises(text: str, code: str) -> None:
    assert code in codes(text, ("lead_time",) if code == "vague" else ())


QUIET = [
    ("实拍视频我晚上拍好发您 这里传不了大文件", "no_real_photos"),
    ("执照照片一会儿发您", "no_real_photos"),
    ("验货照片出货前会发您", "no_real_photos"),
    ("拍下付款后在收银台用支付宝付就行 不是转给私人的", "off_platform_payment"),
    ("可以加微信看细节 付款还是拍店里的链接", "off_platform_payment"),
    ("we have many order now, production 25 days", "pressure"),
    ("下午三点前的单子当天都能走", "pressure"),
    ("这款很多人在问 质量很稳定", "pressure"),
    ("预付30% 余款发货前付清", "full_prepayment"),
]


@pytest.mark.parametrize(("text", "code"), QUIET)
def test_cause_quiet(text: str, code: str) -> None:
    assert code not in codes(text)


@pytest.mark.parametrize(
    ("text", "vague"),
    [
        ("这个您不用担心 我们做了十几年了 不会有问题的", True),
        ("这个您不用担心 出货前全检 有质检报告", False),
    ],
)
def test_reassurance_stands_in_for_a_quality_answer(text: str, vague: bool) -> None:
    assert ("vague" in codes(text, ("qc",))) is vague
