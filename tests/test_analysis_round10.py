"""Round-ten causes of errors on unseen replies (blind sets p and q), fixed at the concept level.

Precision first: offers and conditions that read like refusals. Rows are fresh paraphrases
written for these tests, not eval lines. The rules alone are pinned: the analyser is built
without the learned model.
"""

from __future__ import annotations

import pytest

from tests.analysis_helpers import codes

# The factory shutting people out owns the video refused after it.
INSPECTION_NOT_PHOTOS = [
    "车间不给视频 怕同行看到我们的机器",
    "厂里现在不让外人进来 视频也拍不了",
    "工厂最近在装修 暂时不方便接待 视频也不行",
    "这家厂家不对外开放 我们只是代理 拍不了工厂",
    "Cannot take video in workshop, sorry, it is company rule.",
]

# A factory shut for works, with no visit.
INSPECTION_RAISED = [
    "工厂是我们自己开的 不过正在装修 这个月都没法来看",
    "厂里在搬迁 下个月之前不能参观",
]

# A visit welcomed (by appointment), QC described, a photo rule in the workshop: no refusal.
INSPECTION_SAFE = [
    "来工厂看可以的 提前两天约一下 车间里不能拍照",
    "验厂可以 但是需要提前预约",
    "我们有自己的QC 每批抽检 不合格的不出厂",
]


@pytest.mark.parametrize("text", INSPECTION_NOT_PHOTOS)
def test_no_inspection_raised_not_photos(text: str) -> None:
    found = codes(text)
    assert "no_inspection" in found
    assert "no_real_photos" not in found


@pytest.mark.parametrize("text", INSPECTION_RAISED)
def test_no_inspection_raised(text: str) -> None:
    assert "no_inspection" in codes(text)


@pytest.mark.parametrize("text", INSPECTION_SAFE)
def test_no_inspection_safe(text: str) -> None:
    found = codes(text)
    assert "no_inspection" not in found
    assert "no_real_photos" not in found


# A visit offered only in part, or only for a deposit, is no offer.
INSPECTION_PARTIAL = [
    "视频看厂可以 但是只能看仓库 车间不让拍",
    "看厂可以 要先交定金 不然工厂不让进",
]


@pytest.mark.parametrize("text", INSPECTION_PARTIAL)
def test_no_inspection_raised_partial_offer(text: str) -> None:
    assert "no_inspection" in codes(text)


# Photos of the goods refused even when the factory is named: the older labels.
PHOTOS_RAISED = [
    "工厂那边不给图 我们只是拿货的",
    "厂家不让拍 您要看实物只能先拿货",
    "厂里在装修 暂时拍不了 等过几天吧",
]

# The speaker sends them elsewhere; the platform chat's limit is no refusal.
PHOTOS_SAFE = [
    "加我微信 我给您发实拍图 旺旺这边传不了大图",
    "我们马上发你实物视频 阿里旺旺发不了太大的文件",
]


@pytest.mark.parametrize("text", PHOTOS_RAISED)
def test_no_real_photos_raised(text: str) -> None:
    assert "no_real_photos" in codes(text)


@pytest.mark.parametrize("text", PHOTOS_SAFE)
def test_no_real_photos_safe(text: str) -> None:
    assert "no_real_photos" not in codes(text)


# Offers and conditions that read like refusals or demands (code, text).
SAFE = [
    # Papers held and sent; a product that needs no mark.
    ("no_license", "CE这个产品用不到 质检报告有的 可以发您"),
    ("no_license", "We have export license and all certificates, can send you."),
    # A deposit offered as the other way; a sample paid in full is the sample's fee.
    ("full_prepayment", "全款的话单价十二 付定金的话每个加三毛"),
    ("full_prepayment", "样品可以寄 样品需要付全款 八十块不退"),
    ("full_prepayment", "Sample must be paid in full, 30 usd, refund after bulk order."),
    # A past rise explains a corrected price.
    ("pressure", "Sorry, last quote was wrong, now 6.8 because raw material price up."),
    # A later price unknown, today's stated.
    ("vague", "本月下单都是九块 下个月不确定 您不急慢慢看"),
    # One piece bought as the sample.
    ("no_samples", "样品不单独寄 您直接拍一个试试 一件也能发"),
    ("no_samples", "样品可以寄 运费您先别管"),
    # A price awaiting the buyer's own design.
    ("vague", "可以定制 价格要等您的图纸出来才能报"),
    # The listed price answers the price.
    ("vague", "价格详情页上都有标 拿得多更优惠"),
]

RAISED = [
    # Papers kept back or waved away.
    ("no_license", "证书我们有 就是不在手边 改天再说"),
    ("no_license", "亲 证书都是形式 我们东西比有证的还好"),
    ("no_license", "品牌授权书有的 但是不能发给你"),
    # The price rises tomorrow, the last time, today or lost.
    ("pressure", "今天拍按老价 明天起每件涨一块"),
    ("pressure", "这是最后一次按这个价给你了"),
    ("pressure", "If you not confirm today, we give this batch to another customer."),
    ("pressure", "诚心要就今天下单 明天就不好说了"),
    ("pressure", "档期紧 这两天就得把定金付了"),
    ("pressure", "优惠还剩两天就结束"),
    # No figure: can be negotiated, someone else knows, a price a day.
    ("vague", "price can negotiate"),
    ("vague", "价格得等老板出差回来才知道"),
    ("vague", "交期我跟车间确认下再回您"),
    ("vague", "价格没法报 一天一个价"),
    # A bulk order first instead of a sample.
    ("no_samples", "样品的话 您先拍两百个吧"),
    # A deposit to a chat app; a company account outside the platform.
    ("off_platform_payment", "您先付一百押金到我微信 样品到了退你"),
    ("off_platform_payment", "转对公帐户的话可以开票 平台也行"),
]


@pytest.mark.parametrize(("code", "text"), RAISED)
def test_code_raised(code: str, text: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("code", "text"), SAFE)
def test_code_safe(code: str, text: str) -> None:
    assert code not in codes(text)


# A video call and the line shown answer a quality question (asked), not a hedge.
def test_vague_safe_video_call_answers_quality() -> None:
    text = "No problem, we can do video call, show you the production line."
    assert "vague" not in codes(text, ("qc",))
    assert "vague" in codes("No problem, good quality.", ("qc",))
