"""The learned reply model: scoring, windows, malformed data, and how it votes with the rules."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from bot.analysis import analyser
from bot.domain.analysis import Analyser
from bot.domain.analysis.model import WINDOW, ModelError, ReplyModel, prepare
from bot.resources import load_json, load_toml

ROOT = Path(__file__).resolve().parent.parent
CODES = ["off_platform_payment", "full_prepayment", "pressure", "vague"]


def _model(
    terms: dict[str, list[float]],
    *,
    intercepts: list[float] | None = None,
    add_at: float = 0.7,
    veto: dict[str, float] | None = None,
) -> dict[str, Any]:
    return {
        "codes": CODES,
        "ngram_range": [1, 3],
        "intercepts": intercepts or [-4.0] * len(CODES),
        "add_at": {c: add_at for c in CODES},
        "veto_below": veto or {},
        "terms": terms,
    }


def _sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def _rules(model: dict[str, Any] | None) -> Analyser:
    data: dict[str, Any] = {
        "redflags": load_toml("redflags.toml"),
        "facts": load_toml("analysis_facts.toml"),
    }
    if model is not None:
        data["model"] = model
    return Analyser(data)


# A made-up trigger no rule knows: "zq" strongly means pressure, "qz" full prepayment.
TRIGGERS = _model(
    {
        "zq": [1.0, 0.0, 0.0, 9.0, 0.0],
        "qz": [1.0, 0.0, 9.0, 0.0, 0.0],
        "私人": [1.0, 9.0, 0.0, 0.0, 0.0],
        "情况": [1.0, 0.0, 0.0, 0.0, -9.0],
    }
)


def test_probability_is_the_normalised_tfidf_dot_product() -> None:
    model = ReplyModel(
        _model({"a": [2.0, 1.5, 0, 0, 0], "b": [1.0, -1.0, 0, 0, 0]}, intercepts=[0.5, 0, 0, 0])
    )
    # "aab": a counted twice (sublinear tf 1 + ln 2), b once; "aa", "ab", "aab" are unknown.
    a, b = (1 + math.log(2)) * 2.0, 1.0
    expected = _sigmoid(0.5 + (a * 1.5 + b * -1.0) / math.hypot(a, b))
    assert ReplyModel(_model({})).probabilities("")["off_platform_payment"] == pytest.approx(
        _sigmoid(-4.0)
    )
    assert model.probability("aab", "off_platform_payment") == pytest.approx(expected)


def test_figures_are_shape_not_value() -> None:
    assert prepare("单价12.5元  起订 300") == "单价0元 起订 0"


def test_asked_keys_are_terms() -> None:
    model = ReplyModel(_model({"ask:price": [1.0, 0, 0, 0, 9.0], "x": [1.0, 0, 0, 0, 0]}))
    assert model.probability("x", "vague", ["price"]) > 0.5 > model.probability("x", "vague")


def test_a_long_paste_is_scored_in_windows() -> None:
    model = ReplyModel(TRIGGERS)
    alone = model.probability("zq", "pressure")
    buried = "你好" * (3 * WINDOW) + "zq" + "谢谢" * (3 * WINDOW)
    assert alone > 0.9
    assert model.probability(buried, "pressure") == pytest.approx(alone, abs=0.05)


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {**TRIGGERS, "intercepts": [0.0]},
        {**TRIGGERS, "ngram_range": [3, 1]},
        {**TRIGGERS, "terms": {"zq": ["not a number"]}},
        {**TRIGGERS, "add_at": {"no_such_code": 0.5}},
    ],
)
def test_malformed_model_data_is_refused(broken: dict[str, Any]) -> None:
    with pytest.raises(ModelError):
        ReplyModel(broken)


def test_the_model_adds_a_flag_the_rules_do_not_know_with_its_clause_as_evidence() -> None:
    text = "亲 这款卖得很好 zq了哦"
    assert "pressure" not in _rules(None).analyse(text).codes
    result = _rules(TRIGGERS).analyse(text)
    flag = next(f for f in result.flags if f.code == "pressure")
    assert flag.evidence == "zq了哦"
    assert flag.advice and flag.severity


def test_full_prepayment_from_the_model_still_sets_the_deposit() -> None:
    result = _rules(TRIGGERS).analyse("大货qz 然后安排生产")
    assert "full_prepayment" in result.codes
    assert result.facts.get("deposit_percent") == 100


def test_the_model_adds_nothing_the_rules_cleared() -> None:
    # The rules read this as a refusal of private transfers: the model's "私人" cannot
    # overrule that.
    text = "我们只走平台担保 不接受私人转账"
    assert ReplyModel(TRIGGERS).probability(text, "off_platform_payment") > 0.9
    assert "off_platform_payment" not in _rules(TRIGGERS).analyse(text).codes


def test_a_veto_drops_only_codes_that_have_one() -> None:
    vague_text, asked = "交期看情况", ["lead_time"]
    assert "vague" in _rules(None).analyse(vague_text, asked).codes
    vetoed = _model(TRIGGERS["terms"], veto={"vague": 0.3})
    assert "vague" not in _rules(vetoed).analyse(vague_text, asked).codes
    # No veto entry for the payment codes: a rule hit stays whatever the model thinks.
    paying = "可以走平台 也可以微信转我便宜点"
    negative = _model({"微信": [1.0, -20.0, 0, 0, 0]}, veto={"vague": 0.3})
    assert "off_platform_payment" in _rules(negative).analyse(paying).codes


def test_the_shipped_model_fits_the_shipped_rules() -> None:
    data = load_json("reply_model.json")
    model = ReplyModel(data)
    rule_codes = set(load_toml("redflags.toml")["codes"])
    assert set(model.codes) <= rule_codes
    assert all(0 < v < 1 for v in [*model.add_at.values(), *model.veto_below.values()])
    assert not {"off_platform_payment", "full_prepayment"} & set(model.veto_below)
    for name in data["trained_on"]:
        assert (ROOT / "eval" / name).exists() or name == "replies_dev.jsonl", name


def test_rule_cases_file_lines_are_one_code_cases() -> None:
    codes = set(load_toml("redflags.toml")["codes"])
    lines = (ROOT / "eval" / "rule_cases.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) > 100
    for line in lines:
        row = json.loads(line)
        assert row["code"] in codes and isinstance(row["present"], bool) and row["text"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # Wordings the rules miss (checked below), written for this test, in no labelled file.
        ("现在不拍 过两天就是别人的了", "pressure"),
        ("样衣我们是不往外寄的 直接下大货吧", "no_samples"),
        ("实物跟图一样的 拍啥呀", "no_real_photos"),
    ],
)
def test_the_shipped_analyser_catches_what_the_rules_miss(text: str, code: str) -> None:
    assert code not in _rules(None).analyse(text).codes
    assert code in analyser().analyse(text).codes


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("付款走平台就行 钱款由平台监管", "off_platform_payment"),
        ("亲 在1688上拍下付款 走担保交易", "off_platform_payment"),
    ],
)
def test_a_reply_that_names_the_safe_way_itself_clears_the_code(text: str, code: str) -> None:
    eager = _model({"付款": [1.0, 9.0, 0.0, 0.0, 0.0]}, add_at=0.5)
    assert ReplyModel(eager).probability(text, code) > 0.5
    assert code not in _rules(eager).analyse(text).codes


def test_a_denied_safe_way_clears_nothing() -> None:
    eager = _model({"zq": [1.0, 9.0, 0.0, 0.0, 0.0]}, add_at=0.5)
    assert "off_platform_payment" in _rules(eager).analyse("这单不走平台了 zq").codes
