"""Round-nine fact extraction: fees charged on top (另外收费, charge, 模具费, 开版费), durations
that are no lead time (a price that changes daily, a time to decide, a sample coming out, the
late case after a cut-off), a sample's duration is no sample fee, a minimum that counts samples,
a free sample size named in English, quantity tiers without a measure word.

Rows are paraphrases written for these tests, not eval lines. Each group has negative rows.
"""

from __future__ import annotations

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, object]:
    return dict(analyser().analyse(text, asked).facts)


FOUND = [
    # A tier without a measure word labels its price.
    ("报价如下 数量两百以上56 一千以上50", ("price",), "unit_price", 56),
    ("数量500以下4块5 500以上4块", ("price",), "unit_price", 4.5),
    # A free sample size named in English after the sample word.
    ("Sample of this fabric 1 yard free, bigger cut charge 20 RMB", ("samples",), "sample_cost", 0),
    # A duration after a sample word does not hide the sample's fee.
    ("打样收80 打样五天", ("samples",), "sample_cost", 80),
    # Still a lead time: dispatch tomorrow with no cut-off, a bulk lead time beside a fee.
    ("好的 明天发货", (), "lead_time_days", 1),
    ("开版费300 大货25天", ("lead_time",), "lead_time_days", 25),
    # Still a price: a per-piece figure after an extra fee named elsewhere.
    ("单价12 另外包装收费2块", ("price",), "unit_price", 12),
    # A minimum stated for bulk after a refused sample is the MOQ.
    ("样品不单独卖 要拿货最少拿80个", ("samples",), "moq", 80),
    ("样品不单发 最少一箱 一箱40个", ("samples",), "moq", 40),
    # Asked for the MOQ, one carton is the MOQ.
    ("样品不单独卖 一箱起拍", ("moq",), "moq", 1),
]


@pytest.mark.parametrize(("text", "asked", "key", "value"), FOUND)
def test_found(text: str, asked: tuple[str, ...], key: str, value: object) -> None:
    assert facts(text, asked).get(key) == value


ABSENT = [
    # A fee charged on top is no unit price.
    ("冬天发货建议加保温袋 另外收费8元", ("shipping",), "unit_price"),
    ("Swatch 1 meter free, 3 meters charge 25 RMB", ("samples",), "unit_price"),
    ("模具费两千 订单满一万个退", ("price",), "unit_price"),
    ("开版费800 可以退", ("price",), "unit_price"),
    # A price that changes daily, a time to decide, a sample coming out: no lead time.
    ("交期不确定 最近铜价一天一个价", ("lead_time",), "lead_time_days"),
    ("您最好三天内就定 不然要涨", ("lead_time",), "lead_time_days"),
    ("一般一到两周出样", ("lead_time",), "lead_time_days"),
    # The late case after a cut-off is no dispatch promise.
    ("四点截单 过了就明天发", (), "lead_time_days"),
    # A sample's duration is no sample fee.
    ("打样一周 大货20天", ("samples",), "sample_cost"),
    ("Sample two weeks, bulk 30 days", ("samples",), "sample_cost"),
    # A minimum that counts samples, or one pack of unstated content: no MOQ.
    ("样品要拍5件起 不单件发", ("samples",), "moq"),
    ("我们不做样品 都是大货 最少一箱", ("samples",), "moq"),
]


@pytest.mark.parametrize(("text", "asked", "key"), ABSENT)
def test_absent(text: str, asked: tuple[str, ...], key: str) -> None:
    assert key not in facts(text, asked)


@pytest.mark.parametrize(
    "text",
    [
        "Sample of this model is not free, 60 RMB",
        "Sample we can not provide free for custom color",
        "Samples of big size never free",
    ],
)
def test_denied_english_sample_is_not_free(text: str) -> None:
    assert facts(text, ("samples",)).get("sample_cost") != 0
