"""Round-eight causes of misses on unseen replies (blind sets k, l, m), fixed at the concept level.

Rows are fresh paraphrases written for these tests, not eval lines. Off-platform: chat slang
right after Chinese (付款走vx, zfb转我, 尾款V我, 加V转我), the supplier's card number handed over,
a finished transfer next to bank details, English deposits sent to a finance account; declining
the way round (不私下收款, 微信转账就不用了, 不用转账), paying "inside" the 1688 order and the
platform's own company-transfer channel are safe. Full prepayment: "payment must full before",
the whole sum for pre-sale goods that are not in stock; the whole sum paid once the buyer is
satisfied is no prepayment.
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
