"""The first-character look-ahead changes how fast a pattern scans, never what it finds."""

from __future__ import annotations

import random
import re

import pytest

from bot.domain.analysis.prefilter import prefiltered

_RNG = random.Random(7)
_ALPHABET = "不没有样品实拍图片微信转账付款定金全款 abcpayt0123456789，。!?"
TEXTS = ["", " " * 50, *("".join(_RNG.choice(_ALPHABET) for _ in range(300)) for _ in range(40))]


@pytest.mark.parametrize(
    ("pattern", "bounded"),
    [
        ("微信|支付宝|vx", True),
        ("(?:微信|v信)[^，]{0,4}转", True),
        (r"\bpay(?:ment)?\b|\btransfer", True),
        ("(?<![退返])转我|打款", True),
        ("[0-9]+块|样品", True),
        ("(?:不)?样品|实拍", True),
        ("(?:亲)*付款", True),
        ("(?P<n>[一二三])成", True),
        ("不(?=发)|没有(?!问题)", True),
        # Cannot bound the first character: left as it is.
        (".付", False),
        ("[^好]付", False),
        (r"\s付", False),
        ("(?:亲)?", False),
        ("a*", False),
    ],
)
def test_same_matches_and_bounded_only_when_safe(pattern: str, bounded: bool) -> None:
    original = re.compile(pattern, re.ASCII)
    faster = prefiltered(original)
    assert (faster is not original) is bounded
    for text in TEXTS:
        assert [m.span() for m in faster.finditer(text)] == [
            m.span() for m in original.finditer(text)
        ]
        assert [m.groupdict() for m in faster.finditer(text)] == [
            m.groupdict() for m in original.finditer(text)
        ]


def test_case_insensitive_patterns_are_left_alone() -> None:
    pattern = re.compile("pay", re.IGNORECASE)
    assert prefiltered(pattern) is pattern


def test_group_numbers_are_kept() -> None:
    faster = prefiltered(re.compile("(微信|支付宝)(转|付)"))
    m = faster.search("请用支付宝付")
    assert m is not None and m.group(1) == "支付宝" and m.group(2) == "付"
