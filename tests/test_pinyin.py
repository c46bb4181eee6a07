"""Pinyin: dictionary tones, the reviewed heteronym fixes, and punctuation handling."""

from __future__ import annotations

import pytest

from bot.domain.pinyin import syllables, to_pinyin, validate_fixes
from bot.domain.questions import keys, spec
from bot.questions import _fixes, render_question
from bot.questions import to_pinyin as fixed_pinyin


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the issue's own examples
        ("多长", "duō cháng"),
        ("多长时间", "duō cháng shí jiān"),
        ("一行字", "yī háng zì"),
        ("量一下", "liáng yī xià"),
        ("测量一下", "cè liáng yī xià"),
        # 一 and 不 keep their dictionary tone (no sandhi), even where pypinyin's phrases have it
        ("一下", "yī xià"),
        ("一个", "yī gè"),
        ("一件代发", "yī jiàn dài fā"),
        ("不是", "bù shì"),
        ("不要", "bù yào"),
        ("会不会", "huì bù huì"),
        ("含不含税", "hán bù hán shuì"),
        # 长
        ("长时间", "cháng shí jiān"),
        ("长度", "cháng dù"),
        ("厂长", "chǎng zhǎng"),
        # 行
        ("银行", "yín háng"),
        ("行业", "háng yè"),
        ("不行", "bù xíng"),
        ("还行", "hái xíng"),
        # 重
        ("重量", "zhòng liàng"),
        ("重新", "chóng xīn"),
        # 还
        ("还想确认一下", "hái xiǎng què rèn yī xià"),
        ("还价", "huán jià"),
        ("还款", "huán kuǎn"),
        ("还得等", "hái děi děng"),
        # 得
        ("得看您的要求", "děi kàn nín de yāo qiú"),
        ("就得全款", "jiù děi quán kuǎn"),
        ("就得到了", "jiù dé dào le"),
        ("觉得", "jué de"),
        # 数
        ("数量", "shù liàng"),
        ("数一下", "shǔ yī xià"),
        # 发
        ("发货", "fā huò"),
        ("头发", "tóu fà"),
        # 了
        ("了解", "liǎo jiě"),
        ("好了", "hǎo le"),
        ("排不了", "pái bù liǎo"),
        # 调
        ("调色", "tiáo sè"),
        ("调货", "diào huò"),
        # 便
        ("便宜", "pián yi"),
        ("方便", "fāng biàn"),
        # 量, 差, 模, 片
        ("起订量", "qǐ dìng liàng"),
        ("色差", "sè chā"),
        ("差不多", "chà bù duō"),
        ("开模", "kāi mú"),
        ("模具费", "mú jù fèi"),
        ("照片", "zhào piàn"),
        # dictionary neutral tones
        ("谢谢", "xiè xie"),
        ("什么时候", "shén me shí hou"),
        ("麻烦您", "má fan nín"),
        ("看看", "kàn kan"),
    ],
)
def test_tricky_words(text: str, expected: str) -> None:
    assert fixed_pinyin(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("您好，请问？", "nín hǎo, qǐng wèn?"),
        ("拿500件", "ná 500 jiàn"),
        ("单价12.5元，定金30%。", "dān jià 12.5 yuán, dìng jīn 30%."),
        ("印logo可以吗", "yìn logo kě yǐ ma"),
        ("（详情页）好", "(xiáng qíng yè) hǎo"),
        ("1. 好\n2. 行", "1. hǎo\n2. xíng"),
        ("1,000件", "1,000 jiàn"),
        ("“大货”", '"dà huò"'),
        ("", ""),
    ],
)
def test_punctuation_numbers_and_lines(text: str, expected: str) -> None:
    assert to_pinyin(text) == expected


def test_fixes_are_an_argument_not_global_state() -> None:
    assert to_pinyin("多长", {"多长": "duō cháng"}) == "duō cháng"
    assert to_pinyin("多长") == "duō zhǎng"  # pypinyin's own reading, untouched by the call above


def test_longest_fix_wins() -> None:
    fixes = validate_fixes({"就得": "jiù děi", "就得到": "jiù dé dào"})
    assert syllables("就得到", fixes) == ["jiù", "dé", "dào"]
    assert syllables("就得付", fixes)[:2] == ["jiù", "děi"]


@pytest.mark.parametrize(
    "fixes",
    [{"多长": "duō"}, {"多长": "duō cháng zi"}, {"logo": "lóu gòu"}, {"": ""}],
)
def test_malformed_fix_is_rejected(fixes: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        validate_fixes(fixes)


def test_shipped_fixes_are_well_formed() -> None:
    assert len(validate_fixes(_fixes())) >= 3


def _all_renderings() -> list[str]:
    values = {"qty": 500, "product": "不锈钢吸管", "address": "广州市白云区", "detail": "印logo"}
    texts = []
    for key in keys():
        s = spec(key)
        assert s is not None
        given = {p: v for p, v in values.items() if p in s.params}
        for followup in (False, True) if s.has_followup else (False,):
            texts.append(render_question(key, followup=followup, **given).pinyin)
    return texts


@pytest.mark.parametrize(
    "wrong",
    ["zhǎng", "xíng", "yí ", "bú ", "liàng yī xià", "dé kàn", "zhào piān", "hái kuǎn"],
)
def test_no_known_wrong_reading_in_any_template(wrong: str) -> None:
    assert not [t for t in _all_renderings() if wrong in t]
