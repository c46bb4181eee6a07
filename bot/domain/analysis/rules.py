"""Compile the rule data (``redflags.toml`` and ``analysis_facts.toml``) into regexes, once.

The analyser receives the parsed TOML as plain dicts::

    {"redflags": <redflags.toml>, "facts": <analysis_facts.toml>}

and never reads files. A malformed rule raises ``RulesError`` when the analyser is built, not
when a reply is analysed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.errors import PifaError

from .numbers import CN_CHARS, EN_NUM, NUM, RANGE_SEP, money_pattern
from .prefilter import prefiltered

KINDS = ("pattern", "refusal", "hedge", "computed")
SEVERITIES = ("high", "medium", "low")


class RulesError(PifaError):
    """The rule data is malformed; the message names the entry."""


def alternation(items: Iterable[str], what: str) -> str:
    parts = [str(i) for i in items if str(i)]
    if not parts:
        raise RulesError(f"{what}: empty list")
    return "(?:" + "|".join(parts) + ")"


def _compile(source: str, flags: int = re.ASCII) -> re.Pattern[str]:
    """Every rule pattern is compiled here: see ``prefilter`` for why the look-ahead."""
    return prefiltered(re.compile(source, flags))


def compile_list(items: Iterable[str], what: str) -> re.Pattern[str]:
    try:
        return _compile(alternation(items, what))
    except re.error as exc:
        raise RulesError(f"{what}: {exc}") from exc


def _maybe(items: Iterable[str] | None, what: str) -> re.Pattern[str] | None:
    items = list(items or [])
    return compile_list(items, what) if items else None


@dataclass(frozen=True, slots=True)
class CodeRule:
    code: str
    kind: str
    severity: str
    advice: str
    pattern: re.Pattern[str] | None = None
    safe: re.Pattern[str] | None = None
    safe_unless: re.Pattern[str] | None = None
    #: An alternative offered beside the safe way ("也可以") undoes it, unless the reply says
    #: every way is the safe one ("都是在平台订单里付的").
    safe_alternative: re.Pattern[str] | None = None
    safe_all: re.Pattern[str] | None = None
    safe_scope: str = "sentence"
    topic: re.Pattern[str] | None = None
    phrases: re.Pattern[str] | None = None
    hedges: re.Pattern[str] | None = None
    topics: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    #: Hedges that only evade a question the buyer asked ("很快的" for lead time).
    asked_hedges: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    #: Words anywhere in the reply that answer a topic without a figure (qc: 全检, 质检报告).
    answers: Mapping[str, re.Pattern[str]] = field(default_factory=dict)
    #: Concept combinations that raise the code when found together (pattern kind).
    combos: tuple[Combo, ...] = ()
    #: A refusal word right before one of the code's topics ("no factory visit", "不提供样品").
    prefixed: re.Pattern[str] | None = None
    #: The thing offered another way anywhere in the reply (a sample from stock) cancels a
    #: refusal of one form of it ("不打样").
    offered: re.Pattern[str] | None = None
    #: Topics that belong to the code of the topic before them in the sentence when that code
    #: is one of ``yield_to``: "不让进车间 视频也不行" is a video of the factory.
    yield_topics: re.Pattern[str] | None = None
    yield_to: frozenset[str] = frozenset()
    #: Words earlier in the clause that show a refusal is about something else: "这个价1688上
    #: 拍不了" cannot buy the listing, it does not refuse photos.
    off_topic: re.Pattern[str] | None = None
    #: Words that join a yielding topic to the next topic, which it then yields to.
    yield_join: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Combo:
    """Concepts that together say a code: every part within ``reach`` of the first part.

    ``scope`` is ``clause`` (the first part's clause), ``adjacent`` (that clause and its
    neighbours in the same sentence) or ``sentence`` (its sentence; for a list of short
    items split by spaces, "银行卡 微信 支付宝都行"). ``unless`` anywhere in that scope
    cancels the combo; a negation cue is checked before each part named in ``negatable``.
    """

    parts: tuple[re.Pattern[str], ...]
    names: tuple[str, ...]
    scope: str
    unless: re.Pattern[str] | None
    negatable: frozenset[int]


@dataclass(frozen=True, slots=True)
class Negation:
    before: re.Pattern[str]
    after: re.Pattern[str]
    breakers: re.Pattern[str]
    warning: re.Pattern[str]
    #: Just before a warning word, these deny it: "不是骗子" reassures, it does not warn.
    warning_denied: re.Pattern[str] | None
    #: Cues that negate only what follows them closely: "不是限量款", not "不是现货 要全款".
    near: re.Pattern[str] | None
    window_near: int
    coordination: re.Pattern[str]
    window_cjk: int
    window_latin: int
    window_after: int


@dataclass(frozen=True, slots=True)
class FactRules:
    money: re.Pattern[str]
    price_range_tail: re.Pattern[str]
    bare_range: re.Pattern[str]
    currency_forms: re.Pattern[str]
    keyword_price: re.Pattern[str]
    slash_price: re.Pattern[str]
    per_unit_price: re.Pattern[str]
    tier_price: re.Pattern[str]
    foreign_before: re.Pattern[str]
    foreign_after: re.Pattern[str]
    foreign_price: re.Pattern[str]
    price_skip_before: re.Pattern[str]
    price_skip_clause: re.Pattern[str]
    price_skip_after: re.Pattern[str]
    price_skip_previous: re.Pattern[str]
    moq: re.Pattern[str]
    moq_one: re.Pattern[str]
    moq_none: re.Pattern[str]
    moq_pack: re.Pattern[str]
    pack_content: re.Pattern[str]
    pack_equals: re.Pattern[str]
    bare_price: re.Pattern[str]
    duration: re.Pattern[str]
    lead_context: re.Pattern[str]
    lead_skip: re.Pattern[str]
    lead_sample: re.Pattern[str]
    lead_bulk: re.Pattern[str]
    lead_transit: re.Pattern[str]
    lead_sample_reach: int
    same_day: re.Pattern[str]
    next_day: re.Pattern[str]
    day_after: re.Pattern[str]
    deposit: re.Pattern[str]
    deposit_ratio: re.Pattern[str]
    ratio_context: re.Pattern[str]
    deposit_half: re.Pattern[str]
    deposit_balance: re.Pattern[str]
    sample_keyword: re.Pattern[str]
    sample_free: re.Pattern[str]
    sample_stop: re.Pattern[str]
    sample_window: int
    sample_paid: re.Pattern[str]
    sample_charge: re.Pattern[str]
    price_range_high: re.Pattern[str]
    free_shipping_price: re.Pattern[str]
    not_even: re.Pattern[str]
    pay_act: re.Pattern[str]
    item_price: re.Pattern[str]
    item_attribute: re.Pattern[str]
    bare_quantity: re.Pattern[str]
    dozen: re.Pattern[str]
    range_join: re.Pattern[str]
    repeat_only: re.Pattern[str]
    not_price: re.Pattern[str]
    list_price: re.Pattern[str]
    lead_not_goods: re.Pattern[str]
    lead_hedge_after: re.Pattern[str]
    sample_bulk_price: re.Pattern[str]
    sample_free_denied: re.Pattern[str]
    varies_range: re.Pattern[str]
    tier_above: re.Pattern[str]
    tier_below: re.Pattern[str]
    lead_total: re.Pattern[str]
    lead_date: re.Pattern[str]
    offer_price: re.Pattern[str]
    moq_asked_only: re.Pattern[str]
    moq_size_run: re.Pattern[str]
    full_payment: re.Pattern[str]
    on_payment: re.Pattern[str]
    full_not_bulk: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class Rules:
    codes: Mapping[str, CodeRule]
    negation: Negation
    refusal: re.Pattern[str]
    refusal_span: int
    #: After a refusal word, these make it refuse something else ("实拍图 没有修图").
    refusal_not_after: re.Pattern[str] | None
    #: Refusal words that only defer ("要等"), and the definite times that make them a promise.
    refusal_deferral: re.Pattern[str] | None
    refusal_promise: re.Pattern[str] | None
    #: After a topic, these make it part of another noun ("样品费", "photo fee").
    refusal_topic_not_after: re.Pattern[str] | None
    facts: FactRules


def _table(data: Mapping[str, Any] | None, what: str) -> dict[str, re.Pattern[str]]:
    return {key: compile_list(words, f"{what}.{key}") for key, words in dict(data or {}).items()}


def expand_concepts(data: Any, concepts: Mapping[str, list[str]]) -> Any:
    """Replace every ``"@name"`` entry of a list with the vocabulary of concept ``name``.

    Concepts are the shared vocabularies of ``[concepts]`` in redflags.toml (one refusal
    vocabulary, one payment-act vocabulary ...), so a new synonym helps every code using it.
    A concept may itself refer to other concepts.
    """
    if isinstance(data, Mapping):
        return {k: expand_concepts(v, concepts) for k, v in data.items()}
    if isinstance(data, list):
        out: list[Any] = []
        for item in data:
            if isinstance(item, str) and item.startswith("@"):
                name = item[1:]
                if name not in concepts:
                    raise RulesError(f"unknown concept {item!r}")
                out.extend(_concept(name, concepts, ()))
            else:
                out.append(expand_concepts(item, concepts))
        return out
    if isinstance(data, str):
        return _inline(data, concepts, ())
    return data


#: "(?:@relative)" inside a pattern stands for the alternation of concept "relative".
_INLINE = re.compile(r"\(\?:@(\w+)\)")


def _inline(item: str, concepts: Mapping[str, list[str]], seen: tuple[str, ...]) -> str:
    def sub(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in concepts:
            raise RulesError(f"unknown concept @{name} in {item!r}")
        return "(?:" + "|".join(_concept(name, concepts, seen)) + ")"

    return _INLINE.sub(sub, item)


def _concept(name: str, concepts: Mapping[str, list[str]], seen: tuple[str, ...]) -> list[str]:
    if name in seen:
        raise RulesError(f"concept {name!r} refers to itself")
    words: list[str] = []
    for item in concepts[name]:
        if item.startswith("@"):
            if item[1:] not in concepts:
                raise RulesError(f"concept {name!r}: unknown concept {item!r}")
            words.extend(_concept(item[1:], concepts, (*seen, name)))
        else:
            words.append(_inline(item, concepts, (*seen, name)))
    return words


def _combo(code: str, data: Mapping[str, Any], concepts: Mapping[str, list[str]]) -> Combo:
    names = tuple(str(n) for n in data.get("all", []))
    if len(names) < 2:
        raise RulesError(f"{code}.combos: a combo needs at least two concepts")
    for n in names:
        if n not in concepts:
            raise RulesError(f"{code}.combos: unknown concept {n!r}")
    scope = str(data.get("scope", "clause"))
    if scope not in ("clause", "adjacent", "sentence"):
        raise RulesError(f"{code}.combos: scope must be clause, adjacent or sentence")
    unless = [w for n in data.get("unless", []) for w in _concept(str(n), concepts, ())]
    negatable = data.get("negatable", list(names))
    return Combo(
        parts=tuple(compile_list(_concept(n, concepts, ()), f"concepts.{n}") for n in names),
        names=names,
        scope=scope,
        unless=compile_list(unless, f"{code}.combos.unless") if unless else None,
        negatable=frozenset(i for i, n in enumerate(names) if n in negatable),
    )


def _prefixed(code: str, data: Mapping[str, Any], prefix: list[str]) -> re.Pattern[str] | None:
    """Refusal words right before a topic, with an optional modifier in between."""
    topics = list(data.get("topics", []))
    if not prefix or not topics:
        return None
    modifiers = list(data.get("prefix_modifiers", [])) or ["(?!)"]
    source = (
        rf"{alternation(prefix, 'refusal.prefix')}\s?"
        rf"(?:{alternation(modifiers, f'{code}.prefix_modifiers')}\s?)?"
        rf"{alternation(topics, f'{code}.topics')}"
    )
    try:
        return _compile(source)
    except re.error as exc:
        raise RulesError(f"{code}.prefix: {exc}") from exc


def _code_rule(
    code: str,
    data: Mapping[str, Any],
    concepts: Mapping[str, list[str]] | None = None,
    prefix: list[str] | None = None,
) -> CodeRule:
    kind = data.get("kind")
    severity = data.get("severity")
    advice = data.get("advice")
    if kind not in KINDS:
        raise RulesError(f"{code}: kind must be one of {KINDS}")
    if severity not in SEVERITIES:
        raise RulesError(f"{code}: severity must be one of {SEVERITIES}")
    if not isinstance(advice, str) or not advice.strip():
        raise RulesError(f"{code}: advice text is missing")
    common: dict[str, Any] = {"code": code, "kind": kind, "severity": severity, "advice": advice}
    if kind == "pattern":
        return CodeRule(
            **common,
            pattern=compile_list(data.get("patterns", []), f"{code}.patterns"),
            safe=_maybe(data.get("safe"), f"{code}.safe"),
            safe_unless=_maybe(data.get("safe_unless"), f"{code}.safe_unless"),
            safe_alternative=_maybe(data.get("safe_alternative"), f"{code}.safe_alternative"),
            safe_all=_maybe(data.get("safe_all"), f"{code}.safe_all"),
            safe_scope=str(data.get("safe_scope", "sentence")),
            combos=tuple(_combo(code, c, concepts or {}) for c in data.get("combos", [])),
        )
    if kind == "refusal":
        return CodeRule(
            **common,
            topic=compile_list(data.get("topics", []), f"{code}.topics"),
            phrases=_maybe(data.get("phrases"), f"{code}.phrases"),
            prefixed=_prefixed(code, data, prefix or []),
            offered=_maybe(data.get("offered"), f"{code}.offered"),
            yield_topics=_maybe(data.get("yield_topics"), f"{code}.yield_topics"),
            yield_to=frozenset(str(c) for c in data.get("yield_to", [])),
            off_topic=_maybe(data.get("off_topic"), f"{code}.off_topic"),
            yield_join=_maybe(data.get("yield_join"), f"{code}.yield_join"),
        )
    if kind == "hedge":
        topics = _table(data.get("topics"), f"{code}.topics")
        return CodeRule(
            **common,
            hedges=compile_list(data.get("hedges", []), f"{code}.hedges"),
            topics=topics,
            asked_hedges=_table(data.get("asked_hedges"), f"{code}.asked_hedges"),
            answers=_table(data.get("answers"), f"{code}.answers"),
        )
    return CodeRule(**common)


def _rename(pattern: str, prefix: str) -> str:
    """The percentage grammar again, with its groups renamed (a name may occur only once)."""
    for name in ("n", "c", "t", "h"):
        pattern = pattern.replace(f"?P<p{name}>", f"?P<{prefix}{name}>")
    return pattern


def _word_list(table: Mapping[str, Any], name: str) -> list[str]:
    """The list ``name`` ("section.key") of ``table``: non-empty strings, each a valid regex."""
    key = name.rpartition(".")[2]
    if key not in table:
        raise RulesError(f"analysis facts: missing {name}")
    items = table[key]
    if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items):
        raise RulesError(f"analysis facts: {name} must be a list of non-empty strings")
    try:
        re.compile(alternation(items, name), re.ASCII)
    except re.error as exc:
        raise RulesError(f"analysis facts: {name}: {exc}") from exc
    return items


def _keyword_price(keywords: str, joiners: str, cls: str) -> str:
    """A bare number after a price word: "单价42", "价格150一套", "原价25"."""
    return (
        rf"{keywords}\s?"
        rf"(?:{joiners}\s?){{0,2}}[¥￥]?"
        rf"(?P<n>{NUM})(?![{CN_CHARS}])"
        rf"(?!\s?(?:(?!包邮){cls}|%|天|年|周|个|小时|w|v|a|mm|cm|m\b|g\b|ml)|\d)"
    )


def _fact_rules(data: Mapping[str, Any]) -> FactRules:
    try:
        words, moq, price = data["words"], data["moq"], data["unit_price"]
        lead, deposit, sample = data["lead_time"], data["deposit"], data["sample_cost"]
    except KeyError as exc:
        raise RulesError(f"analysis facts: missing table {exc}") from exc
    tables = {
        "words": words,
        "moq": moq,
        "unit_price": price,
        "lead_time": lead,
        "deposit": deposit,
        "sample_cost": sample,
    }

    def alt(name: str) -> str:
        """The validated word list ``name`` ("section.key") as one regex alternation."""
        return alternation(_word_list(tables[name.partition(".")[0]], name), name)

    classifiers = _word_list(words, "words.classifiers")
    cls = alternation(classifiers, "words.classifiers")
    cls_chars = "".join(c for c in classifiers if len(c) == 1 and not c.isascii())
    money = money_pattern(cls_chars)
    sep = RANGE_SEP
    money_plain = re.sub(r"\(\?P<\w+>", "(?:", money)
    foreign = alt("words.foreign_currency")
    pct = (
        rf"(?:(?P<pn>{NUM})\s?%|百分之(?P<pc>{NUM})|(?P<pt>{NUM})\s?成(?![本品交色功立新])"
        r"|(?P<ph>百分百))"
    )
    # Named groups appear once per pattern; the number grammar is repeated without names.
    unit = (
        r"(?P<u>个工作日|工作日|个自然日|自然日|(?:个多?)?星期|个?礼拜|周|个半月|个多月|个月|小时|天"
        r"|working days?|business days?|days?|weeks?|months?|hours?|hrs?|h\b)"
    )
    plain_unit = unit.replace("(?P<u>", "(?:")
    # Weekdays (周五, 星期三) and ordinals (第二天就开工) are no durations.
    not_day = "(?<!周)(?<!星期)(?<!礼拜)(?<!第)"
    packs = alt("moq.packs")
    joiners = alt("unit_price.keyword_joiners")
    tail = alt("unit_price.amount_tail")
    pat = {
        "money": money,
        "price_range_tail": rf"{sep}(?:{money_plain})",
        "bare_range": rf"(?P<lo>{NUM}){sep}(?P<hi>{money_plain})",
        "currency_forms": (
            rf"(?P<a>{NUM})\s?(?:rmb|yuan|cny|人民币)\b|(?:rmb|cny|¥|￥)\s?(?P<b>{NUM})"
        ),
        "keyword_price": _keyword_price(alt("unit_price.keywords"), joiners, cls),
        "list_price": _keyword_price(alt("unit_price.list_price"), joiners, cls),
        "not_price": alt("unit_price.not_price"),
        "slash_price": rf"(?P<n>{NUM})\s?/\s?(?:{cls})",
        "per_unit_price": (
            # "幅宽2米5 一米十二块": the 5 ends a length, it prices nothing.
            # "9W 一块二": 块 before a digit ends an amount (1.2), it counts no pieces.
            rf"(?<![*×])(?<![0-9]米)(?P<n>{NUM})\s?(?:一|每)(?:{cls}|块(?![钱儿发寄走做装送0-9二三四五六七八九]))(?!装)"
            # "100W 一套158": a figure right after the measure word is the price.
            rf"(?!{NUM}\s?(?:{cls})|\d)"
            rf"|(?:一(?!米[一二三四五六七八九](?![十百千零〇一二两三四五六七八九]))|每)(?:{cls})\s?(?P<m>{NUM})(?![{CN_CHARS}])(?!\s?(?:{cls}|%|\d|起|[.]\d|v\b|w\b|mm|cm|ml))"
        ),
        "tier_price": (
            rf"{NUM}\s?(?:(?:{cls})?(?:以内|以下|以上)"
            # "100个28 500个25.5": a tier list without 以上, another tier must follow.
            rf"|(?:{cls})(?=\s?{NUM}(?![{CN_CHARS}])\s\d{{1,6}}\s?(?:{cls})(?:以上|以下|以内)?\s?\d))"
            # The next tier may follow after a space ("28 500个"), but no decimal is cut.
            rf"\s?(?P<n>{NUM})(?![{CN_CHARS}])(?!\s?(?:{cls}|%|起)|\d|[.]\d)"
        ),
        "foreign_before": rf"{foreign}\s?$",
        "foreign_after": rf"^\s?{foreign}",
        "foreign_price": rf"{foreign}\s?{NUM}|{NUM}\s?{foreign}",
        "price_skip_before": alt("unit_price.skip_before"),
        "price_skip_clause": alt("unit_price.skip_clause"),
        "price_skip_after": "^\\s?" + alt("unit_price.skip_after"),
        "price_skip_previous": alt("unit_price.skip_previous"),
        "moq": (
            rf"{alt('moq.prefixes')}\s?(?:是|为|:|：|is|of)?\s?"
            rf"(?P<a>{NUM})"
            rf"|(?!一起)(?P<b>{NUM})(?:\s?(?:{cls}))?(?:以上)?"
            rf"(?:{alt('moq.suffixes')})"
        ),
        "moq_one": alt("moq.one_piece"),
        "moq_asked_only": alt("moq.asked_only"),
        "moq_size_run": rf"\s?{alt('moq.size_run')}",
        "moq_none": alt("moq.no_minimum"),
        "moq_pack": rf"\s?{packs}",
        "pack_content": (
            rf"(?:一|每|1|\bone\b|\bper\b|\beach\b)\s?{packs}\s?(?:是|有|装|=|:|：)?\s?"
            rf"(?P<n>{NUM})\s?(?:{cls})"
            # "100只一盒", "50张/包"; a spaced 一 starts the next item ("一双 一箱60双").
            rf"|(?P<m>{NUM})\s?(?:{cls})(?:\s?(?:/|per|每)|一)\s?{packs}"
        ),
        "pack_equals": rf"\s?{packs}\s?(?:=|是|装|有|:|：|of|is)\s?(?P<n>{NUM})\s?(?:{cls})",
        # A clause that is nothing but an amount: "一百二", "35左右".
        "bare_price": rf"(?P<n>{NUM}){tail}?",
        # A clause naming an item and its amount: "被套45", "大号的三十五".
        "item_price": rf"(?P<w>[^\x00-\x7f]{{1,6}}?)(?P<n>{NUM})(?:块|元)?{tail}?",
        "item_attribute": alt("unit_price.item_attribute"),
        # The upper figure of a labelled price's range must end the figure.
        "price_range_high": (
            rf"{sep}(?P<hi>{NUM})(?={alt('unit_price.range_end')}|$|[\s，。！？,!?;])"
        ),
        "free_shipping_price": rf"(?P<n>{NUM})\s?(?={alt('unit_price.free_shipping')})",
        "pay_act": alt("unit_price.pay_act"),
        "offer_price": rf"(?P<n>{NUM})\s?(?={alt('unit_price.offer_after')})",
        # A clause that is only a quantity, maybe hedged; the measure word is checked against
        # the classifiers separately.
        "bare_quantity": (
            rf"{alt('moq.approx_before')}?\s?(?P<n>{NUM})\s?(?P<c>[a-z]{{1,8}}|[^\x00-\x7f]{{1,2}}?)"
            rf"\s?{alt('moq.approx_after')}{{0,2}}"
        ),
        "dozen": rf"\s?{alt('moq.dozen')}",
        # Only the gap between two durations is matched, so it stays short.
        "range_join": (
            rf"{alt('lead_time.range_join_after')}?[\s，,]?{alt('lead_time.range_join')}\s?"
        ),
        "repeat_only": alt("deposit.repeat_only"),
        "full_payment": alt("deposit.full_payment"),
        "full_not_bulk": alt("deposit.full_not_bulk"),
        "lead_not_goods": alt("lead_time.not_goods"),
        "lead_hedge_after": alt("lead_time.hedge_after"),
        "sample_bulk_price": alt("sample_cost.bulk_price"),
        "sample_free_denied": alt("sample_cost.free_denied"),
        "tier_above": alt("unit_price.tier_above"),
        "tier_below": alt("unit_price.tier_below"),
        "lead_total": alt("lead_time.total"),
        "lead_date": alt("lead_time.date_answers"),
        # Two bare figures whose range varies: "35到49不等".
        "varies_range": (
            rf"(?P<lo>{NUM}){sep}(?P<hi>{NUM})\s?(?={alt('unit_price.range_varies')})"
        ),
        "duration": (
            rf"{not_day}(?P<a>{NUM})\s?(?P<ua>{plain_unit})?"
            rf"{sep}(?P<b>{NUM})\s?{unit}"
            rf"|{not_day}(?P<ra>{NUM})\s?(?P<rau>{plain_unit}){sep}半个?月"
            rf"|{not_day}(?P<n>{NUM}|{EN_NUM})(?:来|多|余)?\s?"
            rf"(?P<u1>{plain_unit})"
            r"|(?P<half>半个?月|\bhalf (?:a )?month)"
        ),
        "lead_context": alt("lead_time.context"),
        "lead_skip": alt("lead_time.skip"),
        "lead_sample": alt("lead_time.sample_words"),
        "lead_bulk": alt("lead_time.bulk_words"),
        "lead_transit": alt("lead_time.transit"),
        "same_day": alt("lead_time.same_day"),
        "next_day": alt("lead_time.next_day"),
        "day_after": alt("lead_time.day_after"),
        "on_payment": alt("lead_time.on_payment"),
        "deposit": (
            rf"{alt('deposit.keywords')}\s?"
            rf"{alt('deposit.joiners')}?\s?{pct}"
            rf"|{_rename(pct, 's')}"
            rf"\s?的?{alt('deposit.keywords')}"
            rf"|{alt('deposit.pay_first')}\s?"
            rf"{_rename(pct, 'f')}"
        ),
        "deposit_ratio": (
            r"(?P<ra>[1-9])\s?[:：比]\s?(?P<rb>[1-9])(?![0-9.])"
            # "货款可以三七": a pair of digits ending its clause is a split, too.
            r"|(?<![一二两三四五六七八九十百千万0-9])(?P<ca>[一二两三四五六七八九])"
            r"(?P<cb>[一二两三四五六七八九])(?:开|(?=$|[\s，。！？,!?;]))"
        ),
        "ratio_context": alt("deposit.ratio_context"),
        "deposit_half": alt("deposit.half"),
        "deposit_balance": alt("deposit.balance"),
        "sample_keyword": alt("sample_cost.keywords"),
        "sample_free": alt("sample_cost.free"),
        "sample_stop": alt("sample_cost.stop"),
        "sample_charge": alt("sample_cost.charge"),
        "sample_paid": (
            rf"(?:费|收|cost|fee|price|charge|也?是|:)?\s?(?P<n>{NUM})(?!\s?(?:{cls}|%|\d|{plain_unit}))"
            r"(?!\s?(?:-|~|到|至)\s?[0-9一二三四五六七八九十]{1,3}\s?(?:天|个?工作日|days?))"
        ),
    }
    # "一毛钱 都不": its \s must be the clause splitter's (text.py), which knows every space.
    unicode_pat = {"not_even": alt("unit_price.not_even")}
    compiled: dict[str, Any] = {}
    for name, source in [*pat.items(), *unicode_pat.items()]:
        try:
            compiled[name] = _compile(source, 0 if name in unicode_pat else re.ASCII)
        except re.error as exc:
            raise RulesError(f"analysis facts: {name}: {exc}") from exc
    compiled["sample_window"] = int(sample.get("window", 14))
    compiled["lead_sample_reach"] = int(lead.get("sample_reach", 14))
    return FactRules(**compiled)


def compile_rules(data: Mapping[str, Any]) -> Rules:
    """Build the compiled ``Rules`` from ``{"redflags": {...}, "facts": {...}}``."""
    try:
        flags, facts = data["redflags"], data["facts"]
    except KeyError as exc:
        raise RulesError(f"rules: missing {exc}") from exc
    raw_concepts = dict(flags.get("concepts", {}))
    concepts = {str(k): [str(w) for w in v] for k, v in raw_concepts.items()}
    for name in concepts:
        _concept(name, concepts, ())  # an unknown or circular reference fails at build
    flags = expand_concepts({k: v for k, v in flags.items() if k != "concepts"}, concepts)
    prefix = list(flags.get("refusal", {}).get("prefix", []))
    codes = {
        code: _code_rule(code, body, concepts, prefix)
        for code, body in dict(flags.get("codes", {})).items()
    }
    neg = flags.get("negation", {})
    negation = Negation(
        before=compile_list(neg.get("before", []), "negation.before"),
        after=compile_list(neg.get("after", []), "negation.after"),
        breakers=compile_list(neg.get("breakers", []), "negation.breakers"),
        warning=compile_list(neg.get("warning", []), "negation.warning"),
        warning_denied=_maybe(neg.get("warning_denied"), "negation.warning_denied"),
        near=_maybe(neg.get("near"), "negation.near"),
        window_near=int(neg.get("window_near", 4)),
        coordination=compile_list([neg.get("coordination", "(?!)")], "negation.coordination"),
        window_cjk=int(neg.get("window_cjk", 12)),
        window_latin=int(neg.get("window_latin", 40)),
        window_after=int(neg.get("window_after", 10)),
    )
    refusal = flags.get("refusal", {})
    return Rules(
        codes=codes,
        negation=negation,
        refusal=compile_list(refusal.get("words", []), "refusal.words"),
        refusal_span=int(refusal.get("span", 16)),
        refusal_not_after=_maybe(refusal.get("not_after"), "refusal.not_after"),
        refusal_deferral=_maybe(refusal.get("deferral"), "refusal.deferral"),
        refusal_promise=_maybe(refusal.get("promise"), "refusal.promise"),
        refusal_topic_not_after=_maybe(refusal.get("topic_not_after"), "refusal.topic_not_after"),
        facts=_fact_rules(facts),
    )
