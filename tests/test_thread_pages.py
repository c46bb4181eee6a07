"""Pagination of threads, open questions, and the quote comparison (pure logic)."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.comparison import SupplierQuote, compare, latest_facts
from bot.domain.models import Message
from bot.domain.thread_pages import page_index, paginate, shorten
from bot.domain.threads import AnswerRule, ThreadEntry, answer_rules, open_questions
from bot.threads_ui import rules


@pytest.mark.parametrize(
    ("sizes", "limit", "max_items", "expected"),
    [
        ([], 100, 5, []),
        ([10], 100, 5, [[0]]),
        ([40, 40, 40], 100, 5, [[0, 1], [2]]),  # 40 + 2 + 40 = 82; + 2 + 40 > 100
        ([49, 49], 100, 5, [[0, 1]]),  # exactly 100 with the gap
        ([49, 50], 100, 5, [[0], [1]]),
        ([1] * 7, 100, 3, [[0, 1, 2], [3, 4, 5], [6]]),
        ([150, 10, 10], 100, 5, [[0], [1, 2]]),  # an oversize item stands alone
        ([10, 150, 10], 100, 5, [[0], [1], [2]]),
    ],
)
def test_paginate(sizes: list[int], limit: int, max_items: int, expected: list[list[int]]) -> None:
    pages = paginate(sizes, limit=limit, max_items=max_items)
    assert [list(p) for p in pages] == expected


@pytest.mark.parametrize(
    ("sizes", "expected"),
    [
        ([], []),
        ([40, 40, 40], [[0], [1, 2]]),  # the newest page is the full one
        ([1] * 7, [[0], [1, 2, 3], [4, 5, 6]]),
        ([10, 150, 10], [[0], [1], [2]]),
    ],
)
def test_paginate_aligned_to_the_end(sizes: list[int], expected: list[list[int]]) -> None:
    pages = paginate(sizes, limit=100, max_items=3, align_end=True)
    assert [list(p) for p in pages] == expected


@pytest.mark.parametrize("seed", range(20))
def test_pages_cover_every_item_once_in_order_and_respect_the_limit(seed: int) -> None:
    import random

    rng = random.Random(seed)
    sizes = [rng.randint(0, 60) for _ in range(rng.randint(0, 40))]
    for align_end in (False, True):
        pages = paginate(sizes, limit=100, max_items=6, gap=2, align_end=align_end)
        assert [i for p in pages for i in p] == list(range(len(sizes)))
        for p in pages:
            assert 1 <= len(p) <= 6
            assert sum(sizes[i] for i in p) + 2 * (len(p) - 1) <= 100


@pytest.mark.parametrize(
    ("requested", "count", "expected"),
    [(None, 3, 2), (0, 3, 0), (2, 3, 2), (3, 3, 2), (-1, 3, 2), (None, 0, 0), (5, 0, 0)],
)
def test_page_index(requested: int | None, count: int, expected: int) -> None:
    assert page_index(requested, count) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected", "cut"),
    [
        ("short", 10, "short", False),
        ("0123456789", 10, "0123456789", False),
        ("0123456789abc", 10, "012345678…", True),
        ("word    tail", 6, "word…", True),
    ],
)
def test_shorten(text: str, limit: int, expected: str, cut: bool) -> None:
    assert shorten(text, limit) == (expected, cut)


# -- open questions -----------------------------------------------------------------------------


def msg(
    i: int,
    direction: str,
    text: str = "",
    *,
    asked: tuple[str, ...] = (),
    facts: dict[str, Any] | None = None,
    flags: tuple[str, ...] = (),
    kind: str = "text",
) -> Message:
    return Message(
        id=i,
        user_id=1,
        supplier_id=1,
        direction=direction,
        kind=kind,
        text=text,
        created_at="2026-01-01T00:00:00Z",
        asked=asked,
        flags=tuple({"code": c, "severity": "high", "evidence": ""} for c in flags),
        facts=facts or {},
    )


def entries(*messages: Message, real: tuple[int, ...] = ()) -> list[ThreadEntry]:
    return [ThreadEntry(n, m, m.id in real) for n, m in enumerate(messages, start=1)]


ALL = ("real_photos", "moq", "price", "lead_time", "payment_terms", "samples", "qc")


@pytest.mark.parametrize(
    ("thread", "expected"),
    [
        (entries(msg(1, "buyer", asked=("moq", "price"))), ["moq", "price"]),
        (
            entries(
                msg(1, "buyer", asked=("moq", "price")),
                msg(2, "supplier", "亲 500件起", facts={"moq": 500}),
            ),
            ["price"],
        ),
        # A fact stated before the question does not answer it.
        (
            entries(
                msg(1, "supplier", "单价5元", facts={"unit_price": 5}),
                msg(2, "buyer", asked=("price",)),
            ),
            ["price"],
        ),
        # A refusal answers: the flag is the answer.
        (
            entries(
                msg(1, "buyer", asked=("samples",)),
                msg(2, "supplier", "不提供样品", flags=("no_samples",)),
            ),
            [],
        ),
        # Questions without a fact are answered by their topic's words.
        (
            entries(
                msg(1, "buyer", asked=("qc", "shipping", "customization")),
                msg(2, "supplier", "可以第三方验货 运费到付"),
            ),
            ["customization"],
        ),
        (entries(msg(1, "buyer", asked=("samples",)), msg(2, "supplier", "可以的亲")), ["samples"]),
        # ...but not a caption-less photo, nor the buyer's own words.
        (
            entries(
                msg(1, "buyer", asked=("qc",)),
                msg(2, "supplier", kind="photo"),
                msg(3, "buyer", "验货 ok?"),
            ),
            ["qc"],
        ),
        # real_photos needs a photo marked real, wherever it is.
        (
            entries(msg(1, "buyer", asked=("real_photos",)), msg(2, "supplier", "有的亲")),
            ["real_photos"],
        ),
        (
            entries(
                msg(1, "supplier", kind="photo"), msg(2, "buyer", asked=("real_photos",)), real=(1,)
            ),
            [],
        ),
        (
            entries(
                msg(1, "buyer", asked=ALL),
                msg(
                    2,
                    "supplier",
                    "500件 单价5元 交期15天",
                    facts={"moq": 500, "unit_price": 5, "lead_time_days": 15},
                ),
            ),
            ["real_photos", "payment_terms", "samples", "qc"],
        ),
    ],
)
def test_open_questions(thread: list[ThreadEntry], expected: list[str]) -> None:
    assert open_questions(thread, rules()) == expected


def test_answer_rules_cover_every_question_key() -> None:
    assert set(rules()) == {
        "real_photos",
        "moq",
        "price",
        "lead_time",
        "payment_terms",
        "samples",
        "customization",
        "qc",
        "shipping",
    }
    with pytest.raises(ValueError):
        answer_rules({"moq": {"facts": ["moq"]}})
    with pytest.raises(ValueError):
        AnswerRule.from_mapping({"fact": ["moq"]})


# -- quote comparison ---------------------------------------------------------------------------


def quote(i: int, price: Any = None, **facts: Any) -> SupplierQuote:
    if price is not None:
        facts["unit_price"] = price
    return SupplierQuote(i, f"S{i}", facts=facts)


@pytest.mark.parametrize(
    ("prices", "too_good", "median"),
    [
        ([12.5, 13, 5], {3}, 12.5),  # 5 < 0.6 × median(12.5, 13) = 7.65
        ([12.5, 13, 7.7], set(), 12.5),  # 7.7 is not below 7.65
        ([10, 5], set(), 7.5),  # one other quote is not enough to judge
        ([10, 11, 12, 3, 2.5], {4, 5}, 10),
        ([[4, 6], 12, 13], {1}, 12),  # a range counts by its low end
        ([None, 12, 13], set(), 12.5),
        ([None, None], set(), None),
    ],
)
def test_compare(prices: list[Any], too_good: set[int], median: float | None) -> None:
    result = compare([quote(i, p) for i, p in enumerate(prices, start=1)])
    assert {r.quote.supplier_id for r in result.rows if r.too_good} == too_good
    assert result.median == median
    priced = [r.price for r in result.rows if r.price is not None]
    assert priced == sorted(priced)
    assert all(r.price is not None for r in result.rows[: len(priced)])


def test_latest_facts_keep_the_last_statement_of_each() -> None:
    merged = latest_facts([{"moq": 500, "unit_price": 12}, {"unit_price": 11.5}, {}])
    assert merged == {"moq": 500, "unit_price": 11.5}
