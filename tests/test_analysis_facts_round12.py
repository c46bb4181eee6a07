"""Round-twelve fact extraction: unasked, dispatch on receipt after an off-platform payment
named earlier in the sentence is no lead time; "1 pc is 45 rmb" prices a piece and states no
minimum; a sample bought at full price is no 100% deposit; a free sample refused after the
word (样品免费寄不了) is no free sample; a minimum order value touching its amount (一百块起混)
is no unit price; one pack of unstated content (minimum 1 carton) gives no MOQ figure.

Rows are paraphrases written for these tests, not eval lines. Each group has negative rows.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # Still a dispatch, when no off-platform bait comes before it.
    ("现货 款到账马上发货", ("lead_time",), "lead_time_days", 0),
    ("都是现货 马上发货", (), "lead_time_days", 0),
    # Still an MOQ of one piece, or of a pack whose content is given or priced per pack.
    ("1 pc is ok, price 12 rmb", ("moq",), "moq", 1),
    ("MOQ 1 carton = 80 pcs, 3 rmb each", ("moq",), "moq", 80),
    ("纸巾一箱九十 一箱起拍", ("moq",), "moq", 1),
    ("五十盒起 一盒八块", ("moq",), "moq", 50),
    # A price followed by a spaced MOQ is still the price.
    ("保温杯 二十三块 起批十个", ("price",), "unit_price", 23),
    ("批发价65 起批十条", ("price",), "unit_price", 65),
    # A free sample not refused.
    ("样品免费寄 运费您出", ("samples",), "sample_cost", 0),
    # Only the delivery paid, in English: the sample is free.
    ("Sample can send, you only pay shipping cost.", ("samples",), "sample_cost", 0),
    ("samples ok, just pay the courier", ("samples",), "sample_cost", 0),
    # A named fee wins over the delivery phrase.
    ("sample 50 rmb, you only pay shipping", ("samples",), "sample_cost", 50),
    # A later charge word names the fee after a first one without a figure.
    ("样品不免费哦 一套收您40 下大货退", ("samples",), "sample_cost", 40),
    ("样品要收费的 一个收你十五", ("samples",), "sample_cost", 15),
    # Full payment for the bulk order is still 100%.
    ("大货必须全款 样品免费", ("payment_terms",), "deposit_percent", 100),
    # A minimum counted in bottles, pairs or other measure words.
    ("面霜定制 最低五百瓶", ("moq",), "moq", 500),
    ("最少200对 三天发", ("moq",), "moq", 200),
    # One pair may be bought.
    ("袜子一双四块 一对也可以拍", ("moq",), "moq", 1),
    # A count before a weekday is pieces: 周一 is Monday, not a week.
    ("台灯三十八一个 起批30 周三发", ("moq",), "moq", 30),
    # Jiao and fen as two digits after 块.
    ("单价2块45 五百个起", ("price",), "unit_price", 2.45),
    # A price range followed by what it depends on.
    ("单价8-10看印刷颜色数", ("price",), "unit_price", [8, 10]),
    ("单价20到25根据数量定", ("price",), "unit_price", [20, 25]),
    # A figure not after 几 is still a price.
    ("看款式 八块到十二块的都有", ("price",), "unit_price", [8, 12]),
    ("批发价1块35", ("price",), "unit_price", 1.35),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # Unasked, dispatch rewarding an off-platform payment named earlier in the sentence.
    ("钱转我支付宝 账号发你了 到账马上发货", ("payment_terms",), "lead_time_days"),
    ("直接打款到我银行卡 尾号8888 收到马上发货", ("payment_terms",), "lead_time_days"),
    # One piece priced is no minimum.
    ("sample ok, 1 pc is 30 rmb", ("samples",), "moq"),
    ("1 piece is 12 usd", (), "moq"),
    # A sample bought at full price is no 100% deposit.
    ("sample you must pay full price, 1 pc 60 rmb", ("samples",), "deposit_percent"),
    # A free sample refused after the word.
    ("样品免费寄不了 可以按批发价拍一个", ("samples",), "sample_cost"),
    ("样品免费给不了哦", ("samples",), "sample_cost"),
    # A minimum order value is no unit price.
    ("现货都有 两百块起混 三天发", ("moq",), "unit_price"),
    ("支持混批 50元起批", ("price",), "unit_price"),
    # One pack of unstated content gives no figure.
    ("sorry no sample, minimum order 1 carton", ("samples", "moq"), "moq"),
    ("这个最少一箱起", ("moq",), "moq"),
    # Paying the delivery of the goods, no sample named, is no sample cost.
    ("you only pay shipping cost, price 5 rmb", ("price",), "sample_cost"),
    # A charge word with no figure after it names no fee.
    ("样品不免费哦 要收费的", ("samples",), "sample_cost"),
    # A duration in weeks after a label is no count of pieces.
    ("起批 3周交货", ("moq",), "moq"),
    # A figure after 几 guesses a magnitude: no price.
    ("看款式 几块到几十块的都有", ("price",), "unit_price"),
    ("几百块一个吧", ("price",), "unit_price"),
    # 最低 before a price is no minimum.
    ("最低三块 不能再少了", ("moq",), "moq"),
]


WHOLE = [
    # A price and a count after it are no range ("单价12 看数量", "单价8 到100个以上").
    ("单价12 看数量", ("price",), {"unit_price": 12}),
    ("单价8 到100个以上便宜", ("price",), {"unit_price": 8}),
    # Two digits after 块 that run on into a count are no fen: "5块50个起" is 5 yuan, 50 pieces.
    ("5块50个起", ("price", "moq"), {"unit_price": 5, "moq": 50}),
    ("3块5一对", ("price",), {"unit_price": 3.5}),
]


@pytest.mark.parametrize(("text", "asked", "want"), WHOLE)
def test_whole(text: str, asked: tuple[str, ...], want: dict[str, object]) -> None:
    got = facts(text, asked)
    assert {k: got.get(k) for k in want} == want


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("minimum order 1 carton", ("moq",)),
        ("这个最少一箱起", ("moq",)),
    ],
)
def test_one_pack_answers_moq(text: str, asked: tuple[str, ...]) -> None:
    assert "moq" not in analyser().analyse(text, asked).unanswered
