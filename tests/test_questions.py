"""Supplier questions: every template renders, with and without optional values."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from bot.domain.keys import QUESTION_KEYS
from bot.domain.pinyin import is_han
from bot.domain.questions import (
    ALL_KEY,
    PARAMS,
    QuestionSpec,
    clean_value,
    keys,
    needs_translation,
    prompt_template,
    spec,
    specs,
    valid_qty,
)
from bot.errors import InputError
from bot.questions import Rendering, label, prompt, render_question
from bot.render import render_plain
from bot.resources import templates_dir

VALUES: dict[str, Any] = {
    "qty": 750,
    "product": "硅胶折叠水杯",
    "address": "浙江省义乌市稠州北路188号",
    "detail": "杯身印我们的logo",
}


def _spec(key: str) -> QuestionSpec:
    s = spec(key)
    assert s is not None
    return s


def _cases() -> list[tuple[str, bool, tuple[str, ...]]]:
    """Every key x follow-up x every subset of its parameters that satisfies `required`."""
    cases = []
    for s in specs():
        for followup in (False, True) if s.has_followup else (False,):
            for n in range(len(s.params) + 1):
                for given in itertools.combinations(s.params, n):
                    if set(s.required_for(followup=followup)) <= set(given):
                        cases.append((s.key, followup, given))
    return cases


def test_specs_cover_every_question_key_then_all() -> None:
    assert keys() == (*QUESTION_KEYS, ALL_KEY)
    assert all(set(s.params) <= set(PARAMS) for s in specs())
    assert all(set(s.required) <= set(s.params) for s in specs())


def test_every_template_file_exists() -> None:
    root = templates_dir()
    for s in specs():
        for language in ("zh", "en"):
            for followup in (False, True) if s.has_followup else (False,):
                node = root
                for part in s.template(language, followup=followup).split("/"):
                    node = node.joinpath(part)
                assert node.is_file(), node


@pytest.mark.parametrize(("key", "followup", "given"), _cases())
def test_renders_under_strict_undefined(key: str, followup: bool, given: tuple[str, ...]) -> None:
    values = {p: VALUES[p] for p in given}
    r = render_question(key, followup=followup, **values)
    assert r.key == key
    assert r.zh and r.pinyin and r.en
    assert sum(is_han(c) for c in r.zh) >= 10
    assert not any(
        is_han(c)
        for c in r.en.replace(str(VALUES["product"]), "")
        .replace(str(VALUES["address"]), "")
        .replace(str(VALUES["detail"]), "")
    )
    for text in (r.zh, r.en):
        assert "None" not in text and "  " not in text and "{" not in text
    for p in given:
        if p in ("qty", "detail", "product", "address") and (key, p) not in _DROPPED:
            assert str(VALUES[p]) in r.zh, (p, r.zh)
            assert str(VALUES[p]) in r.en, (p, r.en)
    # this product / 这款 without a product name reads as a full sentence
    assert "这款的的" not in r.zh


# Follow-ups may leave a value out where the short re-ask does not need it.
_DROPPED = {("qc", "product"), ("payment_terms", "product")}


@pytest.mark.parametrize("key", QUESTION_KEYS)
def test_followup_is_short_and_differs(key: str) -> None:
    values = {p: VALUES[p] for p in _spec(key).params}
    first = render_question(key, **values)
    again = render_question(key, followup=True, **values)
    assert again.zh != first.zh
    assert len(again.zh) < len(first.zh)
    assert again.zh.startswith("您好")


def test_all_asks_every_question_in_one_message() -> None:
    r = render_question(ALL_KEY, **VALUES)
    numbered = [line for line in r.zh.splitlines() if line[:1].isdigit()]
    assert len(numbered) == len(QUESTION_KEYS)
    assert len(r.zh.splitlines()) == len(r.pinyin.splitlines()) == len(r.en.splitlines())
    markers = ("采购商", "实拍图", "起订量", "单价", "现货", "样品", "定制", "质检", "担保")
    assert all(m in r.zh for m in markers)


@pytest.mark.parametrize(
    ("key", "given", "absent", "present"),
    [
        ("price", {"qty": 200}, "阶梯价", "200件"),
        ("price", {"qty": 200}, "这款的", "准确的报价"),
        ("moq", {}, "件", "少拿一点"),
        ("moq", {"qty": 30}, "少拿一点", "拿30件"),
        ("shipping", {}, "这个地址", "货代仓库"),
        ("customization", {"detail": "换成黑色"}, "比如印logo", "换成黑色"),
        ("qc", {}, "这款", "您这边"),
        ("all", {}, "None", "阶梯价"),
    ],
)
def test_missing_optional_value_reads_naturally(
    key: str, given: dict[str, Any], absent: str, present: str
) -> None:
    zh = render_question(key, **given).zh
    assert absent not in zh
    assert present in zh


def test_machine_translated_values_are_marked_in_the_english_only() -> None:
    r = render_question(
        "customization", detail="盖子印logo", product="金属吸管", machine_translated=["金属吸管"]
    )
    assert r.machine_translated == ("金属吸管",)
    assert "“金属吸管” (machine-translated" in r.en
    assert "“盖子印logo”" in r.en and "“盖子印logo” (machine" not in r.en
    assert "machine" not in r.zh


def test_values_are_cleaned_and_left_unescaped() -> None:
    r = render_question("customization", detail="  印 <Pifa> & Co。 ")
    assert "印 <Pifa> & Co。请问" in r.zh  # plain text: the Telegram handler escapes
    assert "&lt;" not in r.en


@pytest.mark.parametrize(
    ("key", "kwargs", "needle"),
    [
        ("nope", {}, "no question"),
        ("all", {"followup": True}, "no follow-up"),
        ("price", {}, "quantity"),
        ("price", {"qty": 0}, "whole number"),
        ("price", {"qty": -5}, "whole number"),
        ("price", {"qty": True}, "whole number"),
        ("price", {"qty": 2.5}, "whole number"),
        ("customization", {"detail": "   "}, "customisation detail"),
        ("qc", {"qty": 5}, "takes no qty"),
        ("payment_terms", {"product": "杯子"}, "takes no product"),
    ],
)
def test_input_errors(key: str, kwargs: dict[str, Any], needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        render_question(key, **kwargs)


def test_marking_a_value_that_was_not_passed_is_a_caller_bug() -> None:
    with pytest.raises(ValueError):
        render_question("samples", product="杯子", machine_translated=["碗"])


def test_rendering_is_frozen() -> None:
    r = render_question("moq")
    assert isinstance(r, Rendering)
    with pytest.raises(AttributeError):
        r.zh = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("metal straws", True),
        ("Logo rot", True),
        ("Металлические трубочки", True),
        ("金属吸管", False),
        ("304不锈钢", False),
        ("印logo", False),
        ("500", False),
        ("", False),
        ("1.5L", True),
    ],
)
def test_needs_translation(value: str, expected: bool) -> None:
    assert needs_translation(value) is expected


@pytest.mark.parametrize(
    ("qty", "ok"), [(1, True), (10_000, True), (0, False), (-1, False), (True, False), ("5", False)]
)
def test_valid_qty(qty: object, ok: bool) -> None:
    assert valid_qty(qty) is ok


@pytest.mark.parametrize(
    ("raw", "clean"), [(" 印logo。", "印logo"), ("black!", "black"), ("1.5", "1.5"), ("  ", "")]
)
def test_clean_value(raw: str, clean: str) -> None:
    assert clean_value(raw) == clean


def test_missing_lists_only_required_and_not_for_followups() -> None:
    price = _spec("price")
    assert price.missing({}) == ("qty",)
    assert price.missing({"qty": 5}) == ()
    assert price.missing({}, followup=True) == ()
    assert price.prompts == {"qty": prompt_template("qty"), "product": prompt_template("product")}


@pytest.mark.parametrize("param", PARAMS)
def test_every_param_has_a_prompt(param: str) -> None:
    assert prompt_template(param).endswith(".en.j2")
    assert len(prompt(param)) > 20


def test_labels_and_prompt_errors() -> None:
    assert {label(k) for k in keys()} >= {"MOQ", "All questions"}
    with pytest.raises(InputError):
        label("nope")
    with pytest.raises(ValueError):
        prompt_template("colour")
    with pytest.raises(ValueError):
        _spec("moq").template("fr")


def test_error_template_renders_every_code() -> None:
    for code, values in {
        "unknown_key": {"key": "x", "known": ["a"]},
        "no_followup": {"key": "all", "known": ["a"]},
        "bad_qty": {"value": 0},
        "missing": {"key": "price", "params": ["qty"]},
        "unused": {"key": "qc", "params": ["qty"], "accepted": ["product"]},
    }.items():
        assert render_plain("questions/error.en.j2", code=code, **values)
