"""Round-five fact extraction: number forms and phrasings missed on unseen replies.

Rows are paraphrases written for these tests, not eval lines: the typo 起定量, a floor on the
deposit (至少两成), a sample called dear before its per-piece figure, 最低价 / 底价 as a price
label; negative rows keep 成新 (condition), a goods price next to a sample and unrelated
numbers from forming a fact. Number forms: neighbouring digits as an approximate range
(两三天, 一两百个), 打 as a dozen, a labelled price range in bare numerals (十一到十三), two
durations joined as the fast and slow case, one pack named with its content (起订一箱60个), and
a bare quantity answering an asked MOQ.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser
from bot.domain.analysis.numbers import parse_approx


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
    # Neighbouring digits are an approximate range.
    ("出货一般三四天", (), "lead_time_days", [3, 4]),
    ("交期大概一两个月", (), "lead_time_days", [30, 60]),
    ("起订两三千个 看款式", (), "moq", [2000, 3000]),
    # 打 is a dozen.
    ("三打起批 单价八块", (), "moq", 36),
    ("moq 5 dozen", (), "moq", 60),
    # A labelled price in bare numerals with its upper bound.
    ("单价在二十到二十五之间 看数量", ("price",), "unit_price", [20, 25]),
    ("价格8到9 量大再谈", ("price",), "unit_price", [8, 9]),
    # The slow case bounds the estimate.
    ("出货 快的话五天 慢的话十天", ("lead_time",), "lead_time_days", [5, 10]),
    ("发货可能三天 也可能一周", ("lead_time",), "lead_time_days", [3, 7]),
    ("生产一周左右 最多半个月", ("lead_time",), "lead_time_days", [7, 15]),
    # One pack and its content: the MOQ is that many pieces.
    ("起批一箱48双 现货", ("moq",), "moq", 48),
    ("起订1袋100个", (), "moq", 100),
    ("起订1箱 一箱12个", (), "moq", 12),
    ("一盒24支 起批", ("moq",), "moq", 24),
    # 三毛二 is 0.32: a trailing digit after 毛 is fen.
    ("单价四毛五 五千个起", (), "unit_price", 0.45),
    # A full prepayment the flags catch is a deposit of 100%.
    ("钱得先付到位 我们再安排生产", (), "deposit_percent", 100),
    # Asked for the MOQ, a clause that is only a hedged quantity answers it.
    ("少量也接 差不多三五百件吧 再细聊", ("moq",), "moq", [300, 500]),
    ("都可以做 至少80个", ("moq",), "moq", 80),
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
    # A lone 一个 starts a price, it is no quantity.
    ("一个 3块", "moq"),
    # Stock left is not an MOQ.
    ("现在只剩二十来件了", "moq"),
]


@pytest.mark.parametrize(("text", "key"), ABSENT)
def test_round5_no_fact(text: str, key: str) -> None:
    assert key not in facts(text, ("price", "moq"))


# The fact is found, but unrelated words beside it do not change it.
NOT_EXACTLY = [
    # Two unrelated numbers form no range: a date, a quantity far above the price.
    ("单价12 到30号发货", ("price",), "unit_price", 12),
    ("单价6 到100个以上再便宜", ("price",), "unit_price", 6),
    # 打样 / 打包 are verbs, not dozens.
    ("起订500 打样另收费", ("moq",), "moq", 500),
    ("起批200 打包发货", ("moq",), "moq", 200),
    # Production then transit are two stages, not a fast and a slow case.
    ("生产10天 运输5天", ("lead_time",), "lead_time_days", 10),
    ("大货20天 样品的话3天", ("lead_time",), "lead_time_days", 20),
    # 十五 is a number, not the neighbouring digits of an approximation.
    ("交期十五天", ("lead_time",), "lead_time_days", 15),
    ("发货二十五天", ("lead_time",), "lead_time_days", 25),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), NOT_EXACTLY)
def test_round5_no_false_range(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("两三", (2, 3)),
        ("七八十", (70, 80)),
        ("一两百", (100, 200)),
        ("三五千", (3000, 5000)),
        ("二五", None),
        ("一三", None),
        ("十五", None),
        ("两百", None),
    ],
)
def test_round5_parse_approx(text: str, bounds: tuple[int, int] | None) -> None:
    assert parse_approx(text) == bounds
