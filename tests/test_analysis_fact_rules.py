"""The fact word lists in analysis_facts.toml: validated at build, and the ones facts.py uses.

A missing or malformed list must fail when the rules are compiled, naming its key, never
when a reply is analysed.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from bot.domain.analysis import Analyser
from bot.domain.analysis.rules import RulesError, compile_rules
from bot.resources import load_json, load_toml

#: The word lists that were regexes in facts.py / numbers.py.
MOVED = [
    "unit_price.range_end",
    "unit_price.free_shipping",
    "unit_price.not_even",
    "unit_price.pay_act",
    "unit_price.amount_tail",
    "unit_price.item_attribute",
    "moq.dozen",
    "moq.approx_before",
    "moq.approx_after",
    "lead_time.range_join",
    "lead_time.range_join_after",
    "deposit.repeat_only",
]


def _data() -> dict[str, Any]:
    return {
        "redflags": copy.deepcopy(dict(load_toml("redflags.toml"))),
        "facts": copy.deepcopy(dict(load_toml("analysis_facts.toml"))),
    }


def _set(data: dict[str, Any], name: str, value: object) -> None:
    table, _, key = name.partition(".")
    if value is None:
        del data["facts"][table][key]
    else:
        data["facts"][table][key] = value


def test_the_shipped_rules_compile() -> None:
    compile_rules(_data())


@pytest.mark.parametrize("name", MOVED)
@pytest.mark.parametrize(
    ("value", "why"),
    [
        (None, "missing"),
        (["(unclosed"], "regex"),
        ([], "empty"),
        ("包邮", "not a list"),
        (["ok", ""], "empty entry"),
        ([3], "not a string"),
    ],
)
def test_broken_word_list_fails_at_build_naming_its_key(name: str, value: object, why: str) -> None:
    data = _data()
    _set(data, name, value)
    with pytest.raises(RulesError, match=name.replace(".", r"\.")):
        compile_rules(data)


@pytest.mark.parametrize("name", ["unit_price.keywords", "moq.packs", "sample_cost.free"])
def test_existing_lists_report_a_missing_key_by_name(name: str) -> None:
    data = _data()
    _set(data, name, None)
    with pytest.raises(RulesError, match=name.replace(".", r"\.")):
        compile_rules(data)


def _facts(data: dict[str, Any], text: str, asked: tuple[str, ...]) -> dict[str, Any]:
    data["model"] = load_json("reply_model.json")
    return dict(Analyser(data).analyse(text, asked).facts)


@pytest.mark.parametrize(
    ("name", "replacement", "text", "asked", "key", "shipped", "changed"),
    [
        # The lists are read from the data: changing one changes the fact.
        ("moq.dozen", ["(?!)"], "两打起订", ("moq",), "moq", 24, 2),
        ("deposit.repeat_only", ["(?!)"], "老客户才能三七开", (), "deposit_percent", None, 30),
        ("unit_price.free_shipping", ["(?!)"], "19.9包邮", ("price",), "unit_price", 19.9, None),
    ],
)
def test_facts_follow_the_data(
    name: str,
    replacement: list[str],
    text: str,
    asked: tuple[str, ...],
    key: str,
    shipped: object,
    changed: object,
) -> None:
    assert _facts(_data(), text, asked).get(key) == shipped
    data = _data()
    _set(data, name, replacement)
    assert _facts(data, text, asked).get(key) == changed
