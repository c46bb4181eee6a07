"""Round-eight fact extraction: surcharges, product names that hold a fee word, 批发 as a price
word, MOQs named for a custom job, minutes, deposits in 成, terms for later orders, samples
sent free to look at.

Rows are paraphrases written for these tests, not eval lines. Negative rows: a surcharge per
order, a logo's extra cost, a courier fee, minutes to wait, later-order terms, a product sold
as a sample size, a sample refused for free.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # 加 in a product's name is no surcharge.
    ("加湿器三十五一台 起订20台", ("price",), "unit_price", 35),
    ("加厚款的 48一件", ("price",), "unit_price", 48),
    # 批发 alone labels the price.
    ("卫衣 加绒 批发45 五件起", ("price",), "unit_price", 45),
    # A price per kilogram.
    ("按重量卖 一公斤十二块 两百公斤起", ("price",), "unit_price", 12),
    # A difference's 多 is not 差不多.
    ("这款差不多6块一个", ("price",), "unit_price", 6),
    # An MOQ named for a custom job.
    ("MOQ for printed box is 1000pcs.", (), "moq", 1000),
    ("Our MOQ for OEM color are 300 pcs", (), "moq", 300),
    ("500pcs min, price 3 RMB.", (), "moq", 500),
    # A deposit share with 个 before it.
    ("定金付个三成 尾款发货前付清", (), "deposit_percent", 30),
    # Only the first order is paid in full; later orders' split is no deposit.
    ("新客户首单全款 以后可以4:6", ("payment_terms",), "deposit_percent", 100),
    # A piece sent free to look at.
    ("可以先寄两双给你看做工 免费的", ("samples",), "sample_cost", 0),
    ("地垫可以寄小样给您摸摸 免费", ("samples",), "sample_cost", 0),
    ("Sample ok, free, you pay the courier.", ("samples",), "sample_cost", 0),
    ("Samples no problem, it's free.", ("samples",), "sample_cost", 0),
    # A quantity after a labelled price does not cancel it.
    ("收纳盒套装6个 单价22 50套起订", ("price",), "unit_price", 22),
    # A pack's content after a spec is no per-pack price ("12V 3528 一卷10米").
    ("灯条 24V 3528 一卷10米 十五块一卷", ("price",), "unit_price", 15),
    # Two bare figures that vary are a price range, not a size.
    ("儿童外套 110到150码 58到76不等 五件起", ("price",), "unit_price", [58, 76]),
    # A sample at the same figure as the goods: 也是.
    ("样品可以拍一个 样品也是25", ("samples",), "sample_cost", 25),
    # A free sample denied, then its fee.
    ("We don't give sample free, sample cost 80 RMB.", ("samples",), "sample_cost", 80),
    # The MOQ labelled after a per-style or per-piece "one".
    ("发夹2到6块不等 一款起批二十个", ("moq",), "moq", 20),
    ("钥匙扣1块5一个 MOQ 300 可以定制", ("moq",), "moq", 300),
    # A duration counted in English words.
    ("Price 3 RMB/pc, lead time three weeks.", ("lead_time",), "lead_time_days", 21),
    ("Production needs about ten days after deposit.", (), "lead_time_days", 10),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # A surcharge per order or per piece is no unit price.
    ("要发顺丰的话每单多12块", ("shipping",), "unit_price"),
    ("Logo printing add 1.5 RMB per pc.", (), "unit_price"),
    ("Sample is free, you pay the courier fee about 30 RMB.", ("samples",), "unit_price"),
    # Minutes to wait are no MOQ.
    ("Video I send you, wait 15 min.", (), "moq"),
    ("Give me 5 min please", (), "moq"),
    # A product sold in sample size is no sample offer.
    ("这款口红小样 八块钱一支 有现货", ("price",), "sample_cost"),
    # Free shipping after a sample is no free sample.
    ("Sample yes, free shipping over 100 pcs.", ("samples",), "sample_cost"),
    # A size range that varies is no price.
    ("尺码35到40不等", ("price",), "unit_price"),
    # A denied free sample is not free.
    ("Sorry we cannot send sample free.", ("samples",), "sample_cost"),
    # English counts that are no lead time: experience, a warranty, time to reply.
    ("We have ten years experience in bags.", ("lead_time",), "lead_time_days"),
    ("Warranty two years for the motor.", ("lead_time",), "lead_time_days"),
    ("I will reply you in two hours.", (), "lead_time_days"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


def test_one_piece_moq_without_a_label_after() -> None:
    # Nothing labelled follows "一件起批": the MOQ is one.
    assert facts("一件起批 混批可以")["moq"] == 1


def test_later_term_only_near_its_figure() -> None:
    # "以后可以" not followed by the split keeps the stated deposit.
    assert facts("定金30% 生产以后可以发视频给您")["deposit_percent"] == 30
