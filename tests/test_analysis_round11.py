"""Round-eleven causes of errors on unseen replies (blind sets r and s), fixed at the concept level.

Precision first: a sample paid at full price, a 100 % test, a month-long validity, time said to
be enough, a sample sold as one piece, a joke taken back. Rows are fresh paraphrases written for
these tests, not eval lines. The rules alone are pinned: the analyser is built without the
learned model.
"""

from __future__ import annotations

import pytest

from tests.analysis_helpers import codes

# (code, text): each row must raise its code.
RAISED = [
    # The whole sum first, even beside a QC promise or a sample line.
    ("full_prepayment", "We test 100% before shipping, and payment 100% before production."),
    ("full_prepayment", "Sample free, but bulk order you pay full amount first then we produce."),
    # A short deadline stays pressure; a month-end deadline with a threat stays pressure.
    ("pressure", "price valid until friday, after that new price"),
    ("pressure", "这批月底前下单 不然就涨价了"),
    # A piece refused as well, no sample at all.
    ("no_samples", "样品不寄的 单件也不能拍一件"),
    # Dialect "no": 木有 / 莫得.
    ("no_samples", "亲 样品莫得哦 只做大货"),
    ("no_samples", "样品木有的 亲"),
    ("no_license", "检测报告？我们木有做过这个"),
    # A video of the factory refused is about the factory, not the sample offered before it.
    ("no_inspection", "Sample we can send, but video of our workshop is not possible."),
    # A denied joke is no joke.
    ("off_platform_payment", "不开玩笑 微信转我 便宜点"),
    # Named marks the goods lack.
    ("no_license", "出口美国要的ASTM报告 我们这边没有"),
    ("no_license", "充电器都没有3C的 亲"),
    ("no_license", "we have no EN71, only sell in china"),
    # Papers held, but shown only after an order.
    ("no_license", "证书我们都有的 不过得您先下单才能发"),
    ("no_license", "FCC CE我们都有 但是要先付定金才给看"),
    # Another product's papers.
    ("no_license", "Test report we have, but it is from another model, similar material."),
    ("no_license", "认证是别的款的 这款一样用"),
    # Told not to want the papers.
    ("no_license", "检测报告就别要了 浪费钱"),
    # Paid by a chat app written in Chinese inside English; money to an account handed over.
    ("off_platform_payment", "payment via vx is fine, cheaper for you"),
    ("off_platform_payment", "Please transfer the deposit to this bank account: ICBC, Li Wei."),
    # A code to scan and pay; a payment to the speaker where WeChat will do.
    ("off_platform_payment", "我把收款码发你 扫一下付就行"),
    ("off_platform_payment", "样品费打给我 vx就行"),
    # A private-account payment offered beside the platform.
    ("off_platform_payment", "平台也行 也可以对私 能省点税"),
    # A visit put off to no date; a visit welcomed, then put off for works.
    ("no_inspection", "Factory visit: not now, maybe after we move."),
    ("no_inspection", "来看厂没问题 不过厂里在搬迁 以后再说"),
    # A sample only by the pack, like any order.
    ("no_samples", "样品也得按一整包拿 不拆"),
    # Photos promised, but only against a deposit first.
    ("no_real_photos", "实拍可以的 但是得你先交定金 我再去仓库拍"),
    # First paid, first served; the first few orders only; tonight or the price moves.
    ("pressure", "stock almost gone, first pay first get"),
    ("pressure", "这个价只限前10单 已经走了8单"),
    ("pressure", "得今晚定 明天材料一涨就不是这个数了"),
    # Told to buy one and look for yourself instead of photos.
    ("no_real_photos", "实拍？都一样的 想看就买一个回去"),
]

# (code, text): each row must NOT raise its code.
SAFE = [
    # A sample at full price is a sample fee, not a prepayment of the order.
    ("full_prepayment", "Sample need pay full price 30 rmb, refund after bulk order."),
    ("full_prepayment", "样品按原价拿 下大货退样品费"),
    # A 100 % quality test is no payment term.
    ("full_prepayment", "MOQ 10 pcs, we check 100% before shipping."),
    ("full_prepayment", "every piece tested 100% before delivery, 3 days ship"),
    # A month-long validity, or a "no hurry", is no pressure.
    ("pressure", "Price valid until end of this month, you can compare first."),
    ("pressure", "Take your time, no hurry. Quote valid until the end of the month."),
    # The buyer's own date said to be within reach.
    ("pressure", "交期二十天左右 您赶国庆的话 月底前下单时间是够的"),
    # One piece sold at the wholesale price instead of a free sample.
    ("no_samples", "免费样品给不了哦 不过可以拍一件 按批发价算"),
    ("no_samples", "样品不免费 可以先买两个看看质量"),
    # The sample offered, the factory video refused.
    ("no_samples", "Sample can send, but video of factory is not possible."),
    # A channel named in jest and taken back.
    ("off_platform_payment", "比特币我们也收哈哈 开个玩笑 只走平台的"),
    ("off_platform_payment", "western union ok haha just kidding, only pay on alibaba"),
    # Papers held and sent; a product category named 3C; a report sent after the order.
    ("no_license", "资质证书都有的 可以直接发您"),
    ("no_license", "我们是做3C数码配件的 现货很多"),
    ("no_license", "EN71我们有 下单后随货寄一份"),
    ("no_license", "We have CE certificate for this model, can send you now."),
    # The company account refused; a QR code to add a contact; the platform's order page.
    ("off_platform_payment", "我们不对私的 只走平台"),
    ("off_platform_payment", "扫这个二维码加我好友 发您实拍图"),
    ("off_platform_payment", "Please pay to this order link on alibaba, trade assurance."),
    # Photos not now but tomorrow; a photo refused while the works go on is about photos.
    ("no_real_photos", "real photos not now, tomorrow I send you"),
    ("no_inspection", "厂里在装修 暂时拍不了 过段时间再说"),
    # Photos sent tonight; the first orders shipped by courier; a sample by the piece.
    ("no_real_photos", "实物图可以发 今晚发你"),
    ("pressure", "前20单发顺丰 后面的发中通"),
    ("no_samples", "样品可以单个拿 按零售价算"),
    # Photos sent, and a piece offered besides.
    ("no_real_photos", "实拍图马上发您 想看实物的话也可以拍一个回去"),
]

# (text, asked): the hedge leaves the asked figure open, so each row is vague.
VAGUE_RAISED = [
    ("具体多少钱得问下老板 交期一周左右", ("price",)),
    ("起订量太少了 做不了 我回头问问厂里", ("moq",)),
    ("面霜代工 价格看配方 便宜的贵的都有", ("price",)),
    ("lead time is according to factory schedule, now can't confirm", ("lead_time",)),
    ("我们家价格全网最低 放心拍", ("price",)),
]

# (text, asked): a reply promised at a time, or the buyer's own design awaited: no hedge.
VAGUE_SAFE = [
    ("价格要问老板 老板今天不在 明天上午回复您", ("price",)),
    ("定做要先看您的设计图 两天内回复您报价", ("customization", "price")),
    ("单价12块 具体多少件起我得问下老板 不过一般50件", ("price", "moq")),
]


@pytest.mark.parametrize(("text", "asked"), VAGUE_RAISED)
def test_vague_raised(text: str, asked: tuple[str, ...]) -> None:
    assert "vague" in codes(text, asked)


@pytest.mark.parametrize(("text", "asked"), VAGUE_SAFE)
def test_vague_safe(text: str, asked: tuple[str, ...]) -> None:
    assert "vague" not in codes(text, asked)


@pytest.mark.parametrize(("code", "text"), RAISED)
def test_round11_raised(code: str, text: str) -> None:
    assert code in codes(text)


@pytest.mark.parametrize(("code", "text"), SAFE)
def test_round11_safe(code: str, text: str) -> None:
    assert code not in codes(text)
