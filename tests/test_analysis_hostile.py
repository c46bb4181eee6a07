"""Hostile input finishes fast and without exceptions (no regex backtracking blow-ups)."""

from __future__ import annotations

import os
import random

import pytest

from bot.analysis import analyser

_RNG = random.Random(1688)

HOSTILE = {
    "empty": "",
    "random bytes": os.urandom(100_000).decode("utf-8", "replace"),
    "random code points": "".join(chr(_RNG.randrange(0x20, 0x2FFFF)) for _ in range(100_000)),
    "numerals and units": "".join(
        _RNG.choice("一二两三四五六七八九十百千万块毛元天周个件起订0123456789.-到 ")
        for _ in range(100_000)
    ),
    "negations and topics": ("不" * 20 + "样品没有实拍") * 3800,
    "digits": "9" * 100_000,
    "spaces": " " * 100_000,
    "letters": "a" * 100_000,
    "surrogates and controls": "\ud800\x00\x1b[31m" * 20_000,
    "a long realistic paste": "亲 单价12元 起订100个 十天发货 私下交易便宜点 " * 3_000,
}


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_input(name: str) -> None:
    text = HOSTILE[name]
    # How fast is for scripts/bench_analysis.py to print; here: it finishes, it does not raise.
    result = analyser().analyse(text, ["moq", "price", "lead_time"], 10.0)
    for flag in result.flags:
        assert flag.evidence in text
    assert None not in result.facts.values()
