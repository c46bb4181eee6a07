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
]

# (code, text, asked): hedges with the buyer's asked keys.
VAGUE_RAISED = [
    ("vague", "price maybe change, not sure", ("price",)),
    # A "maybe" about the date itself, with no reply promised, still hedges.
    ("vague", "delivery maybe tomorrow maybe next week", ("lead_time",)),
]
VAGUE_SAFE = [
    ("vague", "price I must ask the boss, maybe tomorrow I tell you", ("price",)),
    ("vague", "need check with factory, maybe in 2 hours reply you", ("price",)),
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
