"""Round-five fact extraction: number forms and phrasings missed on unseen replies.

Rows are paraphrases written for these tests, not eval lines: the typo 起定量, a floor on the
deposit (至少两成), a sample called dear before its per-piece figure, 最低价 / 底价 as a price
label; negative rows keep 成新 (condition), a goods price next to a sample and unrelated
numbers from forming a fact.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # 起定量 is a common typo of 起订量; 万 after Arabic digits.
    ("起定量2万 价格面议", (), "moq", 20000),
    ("起定量是500个", (), "moq", 500),
    # A floor on the deposit states it; 成 counts tenths.
    ("定金最少三成 剩下发货前付清", (), "deposit_percent", 30),
    ("订金至少百分之四十", (), "deposit_percent", 40),
    # A sample called dear, then its per-piece figure.
    ("打样费有点贵 一个两百 大货退还", (), "sample_cost", 200),
    ("样品会贵一点 一个80", (), "sample_cost", 80),
    # 最低价 / 底价 label the goods' price.
    ("最低价给您9块5 不能再少了", ("price",), "unit_price", 9.5),
    ("底价就是22 量大另谈", ("price",), "unit_price", 22),
    ("最低价可以做到7.6", ("price",), "unit_price", 7.6),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_round5_fact(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # 成新 is an item's condition, not a share of the payment.
    ("定金要付 这批二手的至少八成新", "deposit_percent"),
    ("这台两成新 便宜卖", "deposit_percent"),
    # A sample's per-piece figure is not the goods' price.
    ("样品费比较贵 一个三百五", "unit_price"),
    ("拿样有点贵 一个150 不退", "unit_price"),
    # 最低价 followed by a quantity is a threshold, not a price.
    ("最低价要500个以上才有", "unit_price"),
]


@pytest.mark.parametrize(("text", "key"), ABSENT)
def test_round5_no_fact(text: str, key: str) -> None:
    assert key not in facts(text, ("price", "moq"))
