"""Glossary: loading, lookup in both directions, annotation of supplier replies."""

from __future__ import annotations

from typing import Any

import pytest

from bot.domain.glossary import Glossary
from bot.questions import glossary, to_pinyin
from bot.resources import load_toml

REQUIRED_TERMS = (
    *("价格", "批发价", "起订量", "起批", "拿货价", "含税", "开票", "包邮", "运费", "到付"),
    *("现货", "定制", "打样", "样品", "大货", "交期", "排产", "货期", "开模", "来图定制", "贴牌"),
    *("定金", "尾款", "全款", "担保交易", "对公", "对私"),
    *("诚信通", "实力商家", "源头工厂", "深度验厂"),
    *("发货", "物流", "快递", "专线", "集运", "代发", "一件代发"),
    *("待付款", "待发货", "已发货", "运输中", "已签收", "交易完成"),
)


def test_loads_at_least_60_terms_with_every_field() -> None:
    g = glossary()
    assert len(g) >= 60
    for term in g.terms():
        assert term.zh and term.pinyin and term.meaning, term
        assert g.topic(term.topic) is not None


@pytest.mark.parametrize("zh", REQUIRED_TERMS)
def test_issue_terms_present(zh: str) -> None:
    assert [t.zh for t in glossary().lookup(zh)][:1] == [zh]


def test_every_topic_has_a_title_and_terms() -> None:
    topics = glossary().topics()
    assert len(topics) >= 6
    for topic in topics:
        assert topic.title and topic.terms, topic.key


@pytest.mark.parametrize("term", glossary().terms(), ids=lambda t: t.zh)
def test_pinyin_matches_the_checked_reader(term: Any) -> None:
    """Hand-written pinyin and the reader must agree; where they differed, a fix was added."""
    assert to_pinyin(term.zh) == term.pinyin


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("MOQ", "起订量"),
        ("moq", "起订量"),
        ("minimum order", "起订量"),
        ("  Minimum   Order ", "起订量"),
        ("deposit", "定金"),
        ("bulk order", "大货"),
        ("escrow", "担保交易"),
        ("OEM", "贴牌"),
        ("oem", "贴牌"),
        ("dropshipping", "一件代发"),
        ("大货", "大货"),
        ("起订", "起订量"),
        ("qidingliang", "起订量"),
        ("qi ding liang", "起订量"),
        ("dàhuò", "大货"),
        ("ＭＯＱ", "起订量"),
    ],
)
def test_lookup_exact_both_directions(query: str, expected: str) -> None:
    assert glossary().lookup(query)[0].zh == expected


def test_same_sound_terms_both_found_by_pinyin() -> None:
    assert {t.zh for t in glossary().lookup("dingjin")} == {"定金", "订金"}


@pytest.mark.parametrize(
    ("query", "expected_member"),
    [("代发", "一件代发"), ("sample", "样品费"), ("inspection", "第三方验货")],
)
def test_lookup_partial(query: str, expected_member: str) -> None:
    assert expected_member in {t.zh for t in glossary().lookup(query)}


@pytest.mark.parametrize("query", ["", "   ", "xyz123nothing", "ab", "鳄鱼"])
def test_lookup_nothing(query: str) -> None:
    assert glossary().lookup(query) == []


def test_big_goods_note_explains_the_mistranslation() -> None:
    term = glossary().lookup("大货")[0]
    assert term.note and "big goods" in term.note


def test_annotates_sample_reply() -> None:
    found = [t.zh for t in glossary().annotate("亲 这款现货 起批50件 大货交期15天 定金30%")]
    assert found == ["亲", "现货", "起批", "大货", "交期", "定金"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("支持一件代发", ["一件代发"]),  # not 代发 as well
        ("已发货了，待发货的明天发", ["已发货", "待发货"]),
        ("不含税价，含税加3个点", ["不含税", "含税"]),
        ("可以做OEM贴牌", ["贴牌"]),  # OEM and 贴牌 are one term, listed once
        ("PHOEMIX", []),  # OEM inside a Latin word is not OEM
        ("大货大货大货", ["大货"]),
        ("今天天气不错", []),
    ],
)
def test_annotate_longest_first_without_overlap(text: str, expected: list[str]) -> None:
    assert [t.zh for t in glossary().annotate(text)] == expected


def _data(*terms: dict[str, Any]) -> dict[str, Any]:
    return {"topics": {"t": {"title": "T"}}, "terms": list(terms)}


def test_from_dict_is_pure_data() -> None:
    g = Glossary.from_dict(
        _data({"zh": "大货", "pinyin": "dà huò", "meaning": "bulk", "topic": "t"})
    )
    assert [t.zh for t in g.lookup("dahuo")] == ["大货"]
    assert g.topics()[0].title == "T"


@pytest.mark.parametrize(
    "data",
    [
        _data({"zh": "大货", "pinyin": "dà huò", "topic": "t"}),
        _data({"zh": "大货", "pinyin": "dà huò", "meaning": "m", "topic": "nope"}),
        _data(
            {"zh": "大货", "pinyin": "dà huò", "meaning": "m", "topic": "t"},
            {"zh": "大货", "pinyin": "dà huò", "meaning": "m2", "topic": "t"},
        ),
    ],
)
def test_from_dict_rejects_bad_data(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        Glossary.from_dict(data)


def test_shipped_file_is_the_one_loaded() -> None:
    assert len(glossary()) == len(load_toml("glossary.toml")["terms"])
