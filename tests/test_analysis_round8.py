"""Round-eight causes of misses on unseen replies (blind sets k, l, m), fixed at the concept level.

Rows are fresh paraphrases written for these tests, not eval lines. Off-platform: chat slang
right after Chinese (付款走vx, zfb转我, 尾款V我, 加V转我), the supplier's card number handed over,
a finished transfer next to bank details, English deposits sent to a finance account; declining
the way round (不私下收款, 微信转账就不用了, 不用转账), paying "inside" the 1688 order and the
platform's own company-transfer channel are safe. Full prepayment: "payment must full before",
the whole sum for pre-sale goods that are not in stock; the whole sum paid once the buyer is
satisfied is no prepayment. Then pressure, licences, photos, inspection, samples and vague
answers, each table with its own comment.
"""

from __future__ import annotations

import pytest

from tests.analysis_helpers import codes

OFF_PLATFORM = [
    # Chat-app slang straight after Chinese, where \b does not hold.
    "货款走wx就行 我这边确认了马上发",
    "链接先不用拍 zfb转我 我这边给您发货",
    "首付在平台付 余款V我",
    "别在平台付了 加V转我 便宜五块",
    # The supplier's own card number handed over for the money.
    "我私信发您卡号 款打过来就发货",
    "卡号给你了 转完账发个截图",
    # English: the deposit to a finance account, with bank details.
    "Shop page is upgrading, pls send the deposit to our finance account, bank details below.",
]

ON_PLATFORM = [
    # The way round declined.
    "我们只在平台收款 不私下交易",
    "支付宝转账就不用了 您在订单里付款就行",
    "直接在1688订单里用支付宝付款 不用转账",
    "All payment inside the 1688 order please, never to a personal card.",
    # The platform's own company-transfer channel.
    "对公转账也行 走平台的对公支付通道",
]


@pytest.mark.parametrize("text", OFF_PLATFORM)
def test_off_platform_raised(text: str) -> None:
    assert "off_platform_payment" in codes(text)


@pytest.mark.parametrize("text", ON_PLATFORM)
def test_off_platform_safe(text: str) -> None:
    assert "off_platform_payment" not in codes(text)


FULL_PREPAYMENT = [
    "For custom printing, payment should be full before production.",
    "这款是预售 没有现货 要先付全款排单",
]

NO_FULL_PREPAYMENT = [
    # The whole sum after the goods are approved.
    "我们先做 做好您验货 满意了再付全款",
    "货做完您看了满意才付全款",
    # Stock paid at the checkout.
    "现货 拍下付全款当天发",
]


@pytest.mark.parametrize("text", FULL_PREPAYMENT)
def test_full_prepayment_raised(text: str) -> None:
    assert "full_prepayment" in codes(text)


@pytest.mark.parametrize("text", NO_FULL_PREPAYMENT)
def test_full_prepayment_safe(text: str) -> None:
    assert "full_prepayment" not in codes(text)


# Pressure: others about to take the goods, several buyers asking, only this batch, a price that
# rises or returns after a date, today's price gone tomorrow, a decision required today, "if
# you wait it really is gone", "otherwise the copper price rises". A heads-up with "maybe", the
# shop's own schedule, its promise of a firm quote and the old price kept after the date are safe.
PRESSURE = [
    "库存就这点 后天别家就要拿走了",
    "好几个老板在问 已经有两家在谈了 您今天能定我就留给您",
    "这价格就这几天",
    "下周一开始提价 今天拍还是原价",
    "月底后一律用新价格 您抓紧",
    "今天给您按9块 明天可不行了",
    "这个价您今天务必定下来",
    "您最好今天就下单",
    "就这一批货了 不要就没了",
    "先把货款付了 不然月底纸价涨了就亏了",
    "现货就剩三箱 晚了可就没了",
    "刚刚也有位客户想要 您不拿我就给他了",
    "这个价只要您今天付款",
    "活动价到周五 周六就恢复到原价",
]

NO_PRESSURE = [
    # A heads-up with "maybe", no deadline on the buyer.
    "最近原料涨得厉害 下个月估计会调价 您看需要",
    # The shop's own schedule and quote.
    "款式定下来我们马上给您核价",
    "下午四点前下单的后天拼版 之后的顺延一版",
    "工厂下周三恢复生产 节后的单子按顺序排",
    # The old price kept anyway.
    "这周是活动价 下周恢复原价 不过老客户下周下单也可以按这个价",
]


@pytest.mark.parametrize("text", PRESSURE)
def test_pressure_raised(text: str) -> None:
    assert "pressure" in codes(text)


@pytest.mark.parametrize("text", NO_PRESSURE)
def test_pressure_safe(text: str) -> None:
    assert "pressure" not in codes(text)


# Licences: a named mark missing (没有CE, no RoHS), papers that are another factory's or used
# from someone else, a permit still being applied for, proof withheld as a secret, "not really
# any test report", "证也不给看". Papers in hand, a declined discount after a list of papers and
# an older report offered while the new one is pending are safe.
NO_LICENSE = [
    "这款没有FCC",
    "We have CE, no RoHS for this model.",
    "认证用的是我们合作厂家的 东西一样",
    "质检报告有 只是是朋友公司的",
    "许可证还在申请 先用别人家的执照发货",
    "环保的证明有 但是不外传",
    "我们小作坊 也没啥检测报告",
    "看厂可以 证就不给看了",
]

LICENSE_OK = [
    "CE和RoHS都有的 可以发您",
    "执照 报告都有 工厂也能来 就是价钱没法再低了",
    "新的检测报告还没出来 先发您去年的",
    "证书是我们自己公司的 不是别人的",
]


@pytest.mark.parametrize("text", NO_LICENSE)
def test_no_license_raised(text: str) -> None:
    assert "no_license" in codes(text)


@pytest.mark.parametrize("text", LICENSE_OK)
def test_no_license_safe(text: str) -> None:
    assert "no_license" not in codes(text)


# Photos: English "no" after the thing, an English video of the goods, only the seller's own
# show, only the packaging, the goods praised instead, the buyer sent to the website; photos
# offered anywhere (a refused video beside them, more shots on request, through a chat app)
# and a video call or a video on the spot (the factory's) are no refusal of photos.
NO_PHOTOS = [
    "photos no, only catalogue pictures",
    "Sorry dear, video no.",
    "实拍的话我们只有卖家秀",
    "只能拍包装 里面的货不拆",
    "东西比图片还好看 您不必拍了",
    "pictures on our website is real, same goods",
    "照片就是网站上那几张",
]

PHOTOS_OK = [
    "实物照片可以发 视频就不拍了",
    "主图您先看着 要更多图我再拍给您",
    "加我微信发实拍 这边发图会压缩",
    "Product photos is ok, video of the factory we cannot.",
    "工厂不方便视频连线 货的视频可以拍",
]


@pytest.mark.parametrize("text", NO_PHOTOS)
def test_no_photos_raised(text: str) -> None:
    assert "no_real_photos" in codes(text)


@pytest.mark.parametrize("text", PHOTOS_OK)
def test_no_photos_safe(text: str) -> None:
    assert "no_real_photos" not in codes(text)


# A video refused right after a refused visit is the factory's, also for a phrase whose topic
# was relabelled ("不让看厂 也不发视频").
@pytest.mark.parametrize(
    "text",
    [
        "不让看厂 也不发视频",
        "工厂那边不接待客人 也没法视频",
        "Our factory not accept visitors, also video no.",
        "厂里的视频不方便拍 实物图可以发",
    ],
)
def test_factory_video_is_inspection(text: str) -> None:
    got = codes(text)
    assert "no_inspection" in got and "no_real_photos" not in got


# Inspection: a third party not arranged, inspectors kept out, QC waved away, factory photos
# refused; an inspector welcomed and our own QC reports are safe.
NO_INSPECTION = [
    "第三方验货我们这边不安排",
    "验货的人进不来 我们自己检",
    "QC not necessary, our goods always good",
    "Factory pictures we cannot share, sorry.",
]

INSPECTION_OK = [
    "第三方可以来仓库验货",
    "QC we do ourselves and send you the report",
    "Our factory cannot take photos of the mould, but you can visit.",
]


@pytest.mark.parametrize("text", NO_INSPECTION)
def test_no_inspection_raised(text: str) -> None:
    assert "no_inspection" in codes(text)


@pytest.mark.parametrize("text", INSPECTION_OK)
def test_no_inspection_safe(text: str) -> None:
    assert "no_inspection" not in codes(text)


# Samples: fabric samples refused, "don't ask about samples", printing proofs waved away, samples
# only for big customers or only once the bulk order is paid; a sample offered, with the price
# declined beside it, and a proof that is free are safe.
NO_SAMPLES = [
    "样衣我们不寄",
    "样品就别问了 直接下大货",
    "proof not necessary, we print directly",
    "Sample only for old customers, sorry.",
    "样品要订了大货以后才寄",
    "样品能发 不过得先付全款下大货才发",
]

SAMPLES_OK = [
    "样品可以寄的 不过价格这里不方便说",
    "proof is free, we send you tomorrow",
    "样品可以发 要等下周现货到",
]


@pytest.mark.parametrize("text", NO_SAMPLES)
def test_no_samples_raised(text: str) -> None:
    assert "no_samples" in codes(text)


@pytest.mark.parametrize("text", SAMPLES_OK)
def test_no_samples_safe(text: str) -> None:
    assert "no_samples" not in codes(text)


def vague(text: str, asked: tuple[str, ...]) -> bool:
    return "vague" in codes(text, asked)


# Vague: the question waved away (先别问了), deferred until someone is back, "we talk later",
# "can discuss" in English, a lead time that waits on a machine being free, an MOQ that follows
# the design's complexity, a price that follows the market, a flexible MOQ, colour that cannot
# be promised, the boss to ask who is away. Figures given, "busy now, talk later", a boss to ask
# who is there, and a factory visit welcomed in place of a quality answer are no hedge.
@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("价格您先别问了 先下单", ("price",)),
        ("打样的师傅出差了 等他回来再看", ("samples",)),
        ("MOQ 300, price we discuss later", ("price", "moq")),
        ("Lead time can be discussed, pls order first", ("lead_time",)),
        ("交货要看印刷机排不排得开", ("lead_time",)),
        ("起订量看图案复杂不复杂", ("moq",)),
        ("单价随行就市", ("price",)),
        ("起订量很灵活的", ("moq",)),
        ("价格可以再谈 链接上的只是参考", ("price",)),
        ("套色这个不好保证", ("qc",)),
        ("能不能做得问厂里 他们这周休假", ("customization",)),
    ],
)
def test_vague_raised(text: str, asked: tuple[str, ...]) -> None:
    assert vague(text, asked)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("单价12 起订量500 交期15天", ("price", "moq", "lead_time")),
        ("Sorry busy now, talk later", ("price",)),
        ("价格要问老板 我也做不了主", ("price",)),
        ("质量放心 工厂随时欢迎来看", ("qc",)),
        ("付款方式不灵活 只走平台", ("price",)),
        # The listed price answers the price; a bigger order is talked over on top of it.
        ("亲 单价按链接上的为准 量大的话可以再谈", ("price",)),
    ],
)
def test_vague_safe(text: str, asked: tuple[str, ...]) -> None:
    assert not vague(text, asked)


# Older sets, same concepts: 图片 is a photo topic ("图片不发的"); a video offered as the
# alternative or sent through a chat app is no refusal; "price maybe adjusted next month" is a
# notice; "多少钱您先别管" waves the question away.
@pytest.mark.parametrize("text", ["想看实物就来店里 图片我们不发", "图片没有 只有主图"])
def test_pictures_refused(text: str) -> None:
    assert "no_real_photos" in codes(text)


@pytest.mark.parametrize(
    "text",
    [
        "欢迎来仓库看货 来不了的话视频也可以",
        "加微信发你实拍 这边发不了大文件",
        "证书图片没有 执照有",
    ],
)
def test_pictures_not_refused(text: str) -> None:
    assert "no_real_photos" not in codes(text)


def test_possible_price_change_is_a_notice() -> None:
    assert "pressure" not in codes("原料在涨 下月价格或许会调整 本月下单照旧")
    assert "pressure" in codes("原料在涨 下月价格会调整 您抓紧")


def test_price_question_waved_away() -> None:
    assert vague("单价您先别管 拍一个试试", ("price",))
    assert not vague("单价8块 您先别管包装", ("price",))
