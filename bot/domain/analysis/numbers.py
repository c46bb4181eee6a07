"""The number grammar of supplier replies: Arabic, Chinese numerals, 万, 3块5, 八毛.

Regex fragments here are grammar, not rules: the words that turn a number into a fact live in
``phrases/analysis_facts.toml``. Chinese numerals are converted with cn2an.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from typing import Final

import cn2an

#: Characters of a Chinese numeral run ("两千五百", "一万二").
CN_CHARS: Final = "零〇一二两三四五六七八九十百千万"
_CN_DIGIT: Final = "0-9零〇一二两三四五六七八九"

#: Characters that make a numeral part of a word: 一直, 一样, 一般, 十分, 一口价, 第三方.
_CN_WORD_TAIL: Final = "直样般些点共致律切次向旦再会边分早流线模方"
#: 口 counts pots ("二十口起批") except in 一口价 / 一口气 / 两口子 / 三口之家.
_CN_WORD_KOU: Final = "价气咬子之"
#: 手 counts packs ("最少一手", "两手起") only where the word ends: 一手货源, 二手 are words.
_CN_HAND_END: Final = rf"0-9{CN_CHARS}\s，。！？,!?;起"

#: A number: Arabic (thousand separators, decimals, 万/千/w suffix) or a Chinese numeral run.
#: The look-behinds keep "iso9001" from yielding a tail number and make a long run of digits
#: or numerals a single attempt (no quadratic rescans); the bounds cap absurd values. A
#: Chinese run must be whole and not the head of a word ("价格一直有效" states no price).
NUM: Final = (
    rf"(?:(?<![a-z0-9.])(?:\d{{1,3}}(?:,\d{{3}}){{1,4}}|\d{{1,9}})(?![0-9])(?:\.\d{{1,4}})?"
    rf"(?:万|千|w(?![a-z]))?"
    rf"|(?<![{CN_CHARS}])[{CN_CHARS}]{{1,12}}(?![{_CN_WORD_TAIL}]|口[{_CN_WORD_KOU}]|手(?![{_CN_HAND_END}]|$)))"
)

#: A count spelt in English, for durations only ("lead time two weeks").
_EN_NUMBERS: Final = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
} | {"fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "sixty": 60}
EN_NUM: Final = (
    r"\b(?:"
    + "|".join(sorted((w for w in _EN_NUMBERS if w != "zero"), key=len, reverse=True))
    + r")\b"
)

#: Between the two figures of a range: "十一到十三", "3-5".
RANGE_SEP: Final = r"\s?(?:到|至|-|~|—|－|to)\s?"

#: Two neighbouring digits say "about": "两三" is 2-3, "一两百" 100-200, "三五千" 3000-5000.
_APPROX: Final = re.compile(r"([一二两三四五六七八九])([二两三四五六七八九])([十百千万]?)")
_APPROX_UNIT: Final = {"": 1, "十": 10, "百": 100, "千": 1000, "万": 10000}


def money_pattern(classifier_chars: str) -> str:
    """A CNY amount in chat form: "12.5元", "3块5", "十二块五", "一块一毛五", "八毛", "五毛钱".

    Groups: ``y`` yuan, ``j``/``j2`` jiao digit, ``f`` fen digit, ``jy`` jiao-only amount,
    ``jf`` its fen. A trailing digit counts as jiao only when no measure word follows it, so
    "两块一个" is 2, not 2.1, and "八毛五" is 0.85 while "五毛一个" is 0.5; "珠三角", "三角形"
    and "五角星" are no amounts.
    """
    d = f"[{_CN_DIGIT}]"
    # "九块九包邮" is 9.9: a measure word followed by 邮 is 包邮 (free shipping), not "per bag".
    # "50块一次" is 50 a time: 次 counts times, like a measure word.
    no_cls = f"(?![{re.escape(classifier_chars)}次0-9十百千万.](?!邮))" if classifier_chars else ""
    return (
        rf"(?P<y>{NUM})\s?(?:块|元)(?:钱|(?P<j>{d})(?:毛|角)(?:(?P<f>{d})分?{no_cls})?"
        # "1块35": jiao and fen digits, the amount's last figures before a break.
        rf"|(?P<j2>{d})(?:(?P<f2>[0-9])(?=$|[\s，。！？,!?;]))?{no_cls}(?![毛角块元]))?"
        rf"|(?<![珠金])(?P<jy>{NUM})\s?(?:毛|角(?![形星架尺铁钢巾洲区]))钱?"
        rf"(?:(?P<jf>{d})(?:分|{no_cls}(?![毛角块元])))?"
        # "两分钱一个": fen alone, always with 钱 (十分 / 三分之一 are no amounts); 一分钱 is
        # the placeholder of an off-platform trick ("拍一分钱"), never a price.
        rf"|(?<![{CN_CHARS}0-9.])(?P<fy>[2-9二两三四五六七八九])\s?分钱"
    )


_CN_DIGIT_VALUE: Final = {c: i for i, c in enumerate("零一二三四五六七八九")} | {
    "〇": 0,
    "两": 2,
    **{str(i): i for i in range(10)},
}


def tidy(value: float) -> float | int:
    """An int when the value is whole (500, not 500.0), else rounded to 4 places."""
    rounded = round(value, 4)
    return int(rounded) if rounded == int(rounded) else rounded


@lru_cache(maxsize=4096)
def parse_number(text: str) -> float | None:
    """The value of a NUM match, or None when it is not a number ("万" alone, "一两")."""
    s = text.replace(",", "").replace(" ", "")
    if not s:
        return None
    if s in _EN_NUMBERS:
        return float(_EN_NUMBERS[s])
    factor = 1.0
    if s[0].isascii() and s[-1] in "万千w" and len(s) > 1:
        factor = 1000.0 if s[-1] == "千" else 10000.0
        s = s[:-1]
    if not s.isascii() and len(s) > 1 and not any(c in "十百千万零〇" for c in s):
        # "一两天", "三四个": an approximation, not the number 12 or 34.
        return None
    if s.isascii():
        try:
            value = float(s) * factor
        except ValueError:
            return None
        return value if math.isfinite(value) else None
    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError, TypeError, AttributeError):
        return None
    result = float(value) * factor
    return result if math.isfinite(result) else None


def digit_value(ch: str | None) -> int:
    """A single jiao/fen digit ("5", "五", "两"); 0 when absent."""
    if not ch:
        return 0
    return _CN_DIGIT_VALUE.get(ch, 0)


def money_value(groups: dict[str, str | None]) -> float | None:
    """The yuan value of a ``money_pattern`` match's groups."""
    if groups.get("y"):
        yuan = parse_number(groups["y"] or "")
        if yuan is None:
            return None
        jiao = digit_value(groups.get("j") or groups.get("j2"))
        fen = digit_value(groups.get("f") or groups.get("f2"))
        return yuan + jiao / 10 + fen / 100
    if groups.get("jy"):
        jiao_amount = parse_number(groups["jy"] or "")
        if jiao_amount is None:
            return None
        return jiao_amount / 10 + digit_value(groups.get("jf")) / 100
    if groups.get("fy"):
        return digit_value(groups.get("fy")) / 100
    return None


def parse_approx(text: str) -> tuple[float, float] | None:
    """The bounds of an approximate figure ("两三", "一两百", "三五千"), else None.

    Only neighbouring digits ("七八") and the idiom 三五 count; "二五" or "一三" are no ranges.
    """
    m = _APPROX.fullmatch(text)
    if m is None:
        return None
    low, high = digit_value(m.group(1)), digit_value(m.group(2))
    if high != low + 1 and (low, high) != (3, 5):
        return None
    unit = _APPROX_UNIT[m.group(3)]
    return float(low * unit), float(high * unit)
