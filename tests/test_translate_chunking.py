import itertools

import pytest

from bot.domain.direction import is_han
from bot.translate.base import Limits
from bot.translate.chain import ChainTranslator
from bot.translate.chunking import split_text
from bot.translate.fake import FunctionProvider
from bot.translate.providers import SPECS
from tests.fake_translators import fake_translation

_SENTENCES = (
    "亲，您好！",
    "这款吸管起订量是五百件，可以混批。",
    "大货生产周期大约十五天，节假日顺延。",
    "定金百分之三十，尾款发货前付清。",
    "样品免费，运费需要您自己承担哦。",
    "如果数量更大，价格还可以再商量。",
    "我们是源头工厂，支持验厂和第三方质检。",
)


def chinese_text(total: int) -> str:
    """Supplier-style Chinese of exactly ``total`` characters: short and long lines, one huge
    line without any sentence end (it must be hard-split), blank lines in between."""
    parts: list[str] = []
    size = 0
    sentences = itertools.cycle(_SENTENCES)
    for line_no in itertools.count():
        if line_no == 3:
            line = "批发价格表" * 500  # 2500 characters, no punctuation at all
        else:
            line = "".join(next(sentences) for _ in range(1 + line_no % 40))
        separator = "\n\n" if line_no % 5 == 4 else "\n"
        parts.append(line + separator)
        size += len(line) + len(separator)
        if size >= total:
            break
    return "".join(parts)[:total]


@pytest.mark.parametrize(
    ("text", "limits"),
    [
        ("", Limits(10)),
        ("   \n  ", Limits(10)),
        ("Hello.", Limits(10)),
        ("  Hello. World!  How are you?\n\nFine, 12.5 ok.  ", Limits(12)),
        ("亲，您好！起订量500件。单价12.5元“好的。”\n谢谢", Limits(12, 20)),
        ("a" * 25, Limits(12)),
        ("word " * 10, Limits(12)),
        ("see https://detail.1688.com/offer/123.html?x=1. ok", Limits(30)),
        ("line one\r\nline two\n\n\n   line three", Limits(9)),
        ("第一句。第二句！第三句？“第四句。”第五句；" * 3, Limits(10, 18)),
    ],
)
def test_split_keeps_everything_and_respects_limits(text: str, limits: Limits) -> None:
    split = split_text(text, limits)
    assert split.join(split.texts) == text
    for chunk in split.chunks:
        assert chunk.text and chunk.text == chunk.text.strip()
        assert limits.fits(chunk.text)
        assert chunk.sep.strip() == ""


@pytest.mark.parametrize(
    ("text", "limits", "pieces"),
    [
        ("Hello. World.", Limits(100), ["Hello. World."]),
        ("Hello. World.", Limits(8), ["Hello.", "World."]),
        ("Pay 12.5 now.", Limits(9), ["Pay 12.5", "now."]),
        ("第一句。第二句。", Limits(4), ["第一句。", "第二句。"]),
        ("“好的。”然后", Limits(5), ["“好的。”", "然后"]),
        ("one\ntwo\nthree", Limits(8), ["one\ntwo", "three"]),
        ("abcdefghij", Limits(4), ["abcd", "efgh", "ij"]),
        ("甲乙丙丁戊", Limits(100, 6), ["甲乙", "丙丁", "戊"]),
        ("一二三，四五六七", Limits(6), ["一二三，", "四五六七"]),
    ],
)
def test_split_points(text: str, limits: Limits, pieces: list[str]) -> None:
    assert split_text(text, limits).texts == pieces


def test_join_needs_one_translation_per_chunk() -> None:
    with pytest.raises(ValueError, match="one translation per chunk"):
        split_text("a. b.", Limits(2)).join(["x"])


def test_12000_character_chinese_text_for_google() -> None:
    text = chinese_text(12_000)
    assert len(text) == 12_000
    limits = SPECS["google"].limits
    split = split_text(text, limits)
    assert split.join(split.texts) == text
    for piece in split.texts:
        assert limits.fits(piece)
        assert sum(1 for char in piece if is_han(char)) <= 1500
    # A cut inside a line falls after a sentence end, except in the line that has none.
    cut_mid_line = [c.text for c in split.chunks[:-1] if "\n" not in c.sep]
    assert cut_mid_line
    for piece in cut_mid_line:
        assert piece.endswith(("。", "！")) or set(piece[-5:]) <= set("批发价格表")
    assert 8 <= len(split.chunks) <= 12


async def test_chain_rejoins_translated_pieces_in_order() -> None:
    text = chinese_text(12_000)
    provider = FunctionProvider("google-like", fake_translation, limits=SPECS["google"].limits)
    translator = ChainTranslator([provider], timeout=5)

    result = await translator.translate(text, source="zh", target="en")

    split = split_text(text, provider.limits)
    assert [call[0] for call in sorted(provider.calls, key=lambda c: text.index(c[0]))] == (
        split.texts
    )
    assert result.text == split.join([fake_translation(p, "zh", "en") for p in split.texts])
    assert result.text.count("\n") == text.count("\n")
    assert result.text.split("\n")[1] == fake_translation(text.split("\n")[1], "zh", "en")
