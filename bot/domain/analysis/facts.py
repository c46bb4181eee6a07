"""Facts a reply states: MOQ, unit price, lead time, deposit and sample cost.

Each extractor takes the earliest mention that survives its context checks; a fact the text
does not state is left out (the contract forbids nulls and guesses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .numbers import CN_CHARS, money_value, parse_approx, parse_number, tidy
from .rules import FactRules
from .text import Segments

Number = float | int

#: How far (in characters, within the clause) context words are looked for around a number.
_RADIUS = 40
#: How far back a word may turn an amount into a fee: English spends more characters on it
#: ("freight about 180 rmb" against "运费5块").
_SKIP_BACK = 6
_SKIP_BACK_LATIN = 16
Value = Number | list[Number]
#: After 周, these make it a weekday (周一, 周末), not a week.
_WEEKDAY_CHARS = frozenset("一二三四五六日天末")

_UNIT_DAYS = (
    ("个工作日", 1.0),
    ("工作日", 1.0),
    ("自然日", 1.0),
    ("星期", 7.0),
    ("礼拜", 7.0),
    ("周", 7.0),
    ("个月", 30.0),
    ("多月", 30.0),
    ("小时", 1 / 24),
    ("天", 1.0),
    ("working day", 1.0),
    ("business day", 1.0),
    ("day", 1.0),
    ("week", 7.0),
    ("month", 30.0),
    ("hour", 1 / 24),
    ("hr", 1 / 24),
    # "ship in 24h": checked last, so "month" is no hour.
    ("h", 1 / 24),
)


class _Candidate(NamedTuple):
    start: int
    end: int
    low: float
    high: float | None
    labelled: bool


@dataclass(slots=True)
class Facts:
    """What was found, plus what the unanswered check and price_too_low need."""

    values: dict[str, Value] = field(default_factory=dict)
    price_span: tuple[int, int] | None = None
    price_mentioned: bool = False
    moq_answered: bool = False
    #: A dispatch date ("八号之前能发") answers the lead-time question without a day count.
    lead_answered: bool = False


def _unit_days(unit: str) -> float:
    for name, days in _UNIT_DAYS:
        if name in unit:
            return days
    return 1.0


def _value(low: float, high: float | None = None) -> Value:
    if high is None or high == low:
        return tidy(low)
    if high < low:
        low, high = high, low
    return [tidy(low), tidy(high)]


class FactExtractor:
    def __init__(self, rules: FactRules) -> None:
        self.r = rules

    def extract(
        self,
        norm: str,
        seg: Segments,
        *,
        lead_asked: bool,
        full_prepay: bool,
        moq_asked: bool = False,
        price_asked: bool = False,
    ) -> Facts:
        facts = Facts()
        sample = self._sample_cost(norm, seg)
        consumed: tuple[int, int] | None = None
        if sample is not None:
            facts.values["sample_cost"], consumed = sample[0], sample[1]
        self._unit_price(norm, seg, facts, consumed)
        if price_asked and not facts.price_mentioned:
            self._bare_price(norm, seg, facts)
        if sample is None and "unit_price" in facts.values and self._sample_at_bulk(norm, seg):
            facts.values["sample_cost"] = facts.values["unit_price"]
        moq = self._moq(norm, seg, facts, moq_asked)
        if moq is None and moq_asked:
            moq = self._pack_moq(norm, facts)
        if moq is None and moq_asked:
            moq = self._bare_moq(norm, seg, facts)
        if moq is not None:
            facts.values["moq"] = moq
        lead = self._lead_time(norm, seg, lead_asked)
        if lead is not None:
            facts.values["lead_time_days"] = lead
        facts.lead_answered = lead is not None or bool(self.r.lead_date.search(norm))
        deposit = self._deposit(norm, seg)
        if deposit is None and full_prepay and not self._full_elsewhere(norm):
            deposit = 100
        if deposit is not None:
            facts.values["deposit_percent"] = deposit
        order = ("moq", "unit_price", "lead_time_days", "deposit_percent", "sample_cost")
        facts.values = {k: facts.values[k] for k in order if k in facts.values}
        return facts

    # -- unit price -------------------------------------------------------------------------

    def _foreign(self, norm: str, start: int, end: int) -> bool:
        return bool(
            self.r.foreign_before.search(norm[max(0, start - 6) : start])
            or self.r.foreign_after.search(norm[end : end + 8])
        )

    def _price_candidates(self, norm: str) -> list[_Candidate]:
        """Every price-shaped mention, in no particular order.

        ``labelled`` says the words themselves make it the goods' price ("单价", "一个"),
        so context from a neighbouring clause cannot turn it into a fee.
        """
        r = self.r
        found: list[_Candidate] = []
        for m in r.money.finditer(norm):
            low = money_value(m.groupdict())
            if low is None:
                continue
            end, high = m.end(), None
            tail = r.price_range_tail.match(norm, end)
            if tail:
                # The whole text stays visible: "两块到三块一个" must see the 个 after 一.
                hm = r.money.search(norm, tail.start())
                if hm is not None and hm.start() > tail.end():
                    hm = None
                high_value = money_value(hm.groupdict()) if hm else None
                if high_value is not None and hm is not None:
                    end, high = hm.end(), high_value
            else:
                # "从8块到35不等": the upper figure may drop the unit.
                end, high = _price_range_high(r, norm, end, low)
            found.append(_Candidate(m.start(), end, low, high, False))
        for m in r.bare_range.finditer(norm):
            low = parse_number(m.group("lo"))
            hm = r.money.match(norm, m.start("hi"))
            high = money_value(hm.groupdict()) if hm else None
            if low is not None and high is not None and low < high:
                found.append(_Candidate(m.start(), m.end(), low, high, False))
        for m in r.currency_forms.finditer(norm):
            value = parse_number(m.group("a") or m.group("b") or "")
            if value is not None:
                found.append(_Candidate(m.start(), m.end(), value, None, False))
        for m in r.varies_range.finditer(norm):
            low, high = parse_number(m.group("lo")), parse_number(m.group("hi"))
            # "尺码35到40不等" is a size range: an attribute word touches the figure.
            touching = m.start() > 0 and not norm[m.start() - 1].isspace()
            attribute = touching and r.item_attribute.search(norm, max(0, m.start() - 2), m.start())
            if low is not None and high is not None and low < high < low * 10 and not attribute:
                found.append(_Candidate(m.start(), m.end("hi"), low, high, False))
        for m in r.keyword_price.finditer(norm):
            value = parse_number(m.group("n"))
            if value is not None:
                end, high = _price_range_high(r, norm, m.end("n"), value)
                found.append(_Candidate(m.start("n"), end, value, high, True))
        for pattern in (r.free_shipping_price, r.offer_price):
            for m in pattern.finditer(norm):
                value = parse_number(m.group("n"))
                if value is not None:
                    found.append(_Candidate(m.start("n"), m.end("n"), value, None, False))
        for pattern in (r.slash_price, r.tier_price):
            for m in pattern.finditer(norm):
                value = parse_number(m.group("n"))
                if value is not None:
                    found.append(_Candidate(m.start("n"), m.end("n"), value, None, True))
        for m in r.per_unit_price.finditer(norm):
            group = "n" if m.group("n") else "m"
            value = parse_number(m.group(group))
            if value is not None:
                found.append(_Candidate(m.start(group), m.end(group), value, None, True))
        return found

    def _unit_price(
        self, norm: str, seg: Segments, facts: Facts, consumed: tuple[int, int] | None
    ) -> None:
        r = self.r
        best: tuple[int, int, float, float | None] | None = None
        # A price offered only off the platform is still the price the supplier names, when
        # no platform price is given ("平台上拍要加6个点 线下付就按7块8算").
        off_platform: tuple[int, int, float, float | None] | None = None
        candidates = self._price_candidates(norm)
        # "江浙沪5块一个" is found both as an amount and as a per-piece price.
        labelled_at = {c.start for c in candidates if c.labelled}
        accepted: list[tuple[int, int, float, float | None]] = []
        for start, end, low, high, labelled in candidates:
            if consumed and start < consumed[1] and consumed[0] < end:
                continue
            if low <= 0 or r.not_even.match(norm, start) or r.not_price.match(norm, start):
                continue
            # "几块到几十块都有": a figure after 几 is a guess at a magnitude, no amount.
            if norm[start - 1 : start] == "几":
                continue
            if self._foreign(norm, start, end):
                facts.price_mentioned = True
                continue
            cs, ce = seg.around(start, end, _RADIUS)
            back = _SKIP_BACK_LATIN if norm[max(0, start - 2) : start].isascii() else _SKIP_BACK
            if r.price_skip_before.search(norm, max(cs, start - back), start):
                continue
            if r.price_skip_after.search(norm[end : end + 6]):
                continue
            if not (labelled or start in labelled_at) and self._fee_clause_before(norm, seg, start):
                continue
            if r.price_skip_clause.search(norm, cs, ce):
                # "您付一块钱 余款微信转我": an amount paid is the trick's placeholder.
                paid = r.pay_act.search(norm, max(cs, start - 2), start)
                if not paid and (off_platform is None or start < off_platform[0]):
                    off_platform = (start, end, low, high)
                continue
            accepted.append((start, end, low, high))
            key = (start, -(end - start))
            if best is None or key < (best[0], -(best[1] - best[0])):
                best = (start, end, low, high)
        if best is not None:
            best = self._smallest_tier(norm, seg, best, accepted)
        if r.foreign_price.search(norm):
            # "unit price USD 0.9" answers the price question, though not in CNY.
            facts.price_mentioned = True
        best = best or off_platform or self._list_price(norm, consumed)
        if best is not None:
            facts.values["unit_price"] = _value(best[2], best[3])
            facts.price_span = (best[0], best[1])
            facts.price_mentioned = True

    def _smallest_tier(
        self,
        norm: str,
        seg: Segments,
        best: tuple[int, int, float, float | None],
        accepted: list[tuple[int, int, float, float | None]],
    ) -> tuple[int, int, float, float | None]:
        """The price of the smaller quantity when the first one named is for the larger:
        "一千个以上1块9 一千个以下2块2" is 2.2, "大于500个3块 500个以内3块5" is 3.5."""
        r = self.r
        cs, _ = seg.clause(best[0])
        if not r.tier_above.search(norm, cs, best[0]):
            return best
        # At one start the longest reading wins ("2块2", not "2").
        for cand in sorted(accepted, key=lambda c: (c[0], c[0] - c[1])):
            if cand[0] <= best[0]:
                continue
            # The tiers may share a clause when figures are spaced ("超过300件45 300件以内48").
            ccs, _ = seg.clause(cand[0])
            if r.tier_below.search(norm, max(ccs, best[1]), cand[0]):
                return cand
        return best

    def _list_price(
        self, norm: str, consumed: tuple[int, int] | None
    ) -> tuple[int, int, float, float | None] | None:
        """The list price ("原价25"), the price when the reply names no other."""
        for m in self.r.list_price.finditer(norm):
            value = parse_number(m.group("n"))
            if consumed and m.start("n") < consumed[1] and consumed[0] < m.end("n"):
                continue
            if value is not None and value > 0:
                return m.start("n"), m.end("n"), value, None
        return None

    def _fee_clause_before(self, norm: str, seg: Segments, start: int) -> bool:
        """The clause before, in the same sentence, is about the delivery fee."""
        ci = seg.clause_index(start)
        if ci == 0:
            return False
        ps, pe = seg.clauses[ci - 1]
        if ps < seg.sentence(start)[0]:
            return False
        reach = _RADIUS * (2 if norm[ps:pe].isascii() else 1)
        return bool(self.r.price_skip_previous.search(norm, max(ps, pe - reach), pe))

    # -- MOQ --------------------------------------------------------------------------------

    def _moq(self, norm: str, seg: Segments, facts: Facts, asked: bool) -> Value | None:
        r = self.r
        best: tuple[int, Value] | None = None
        # "一手起": a count of packs whose content is never given answers without a figure.
        packs_only = False
        for m in r.moq.finditer(norm):
            # "您直接下五百个吧": unasked, bulk pushed instead of a sample is no stated minimum.
            if not asked and r.moq_asked_only.match(norm, m.start()):
                continue
            group = "a" if m.group("a") else "b"
            if group == "b":
                inner = _inner_prefix(r, norm, m)
                # "一手起批 三天发": the label's figure after it counts days, not pieces.
                if not (inner.group("a") and _counts_days(r, norm, inner.start("a"))):
                    m = inner
                group = "a" if m.group("a") else "b"
            raw = m.group(group) or ""
            # "手数起批 3-5天发货": a label's figure that starts a duration counts days.
            if group == "a" and _counts_days(r, norm, m.start("a")):
                continue
            value = parse_number(raw)
            if value is not None and value >= 1 and value == int(value):
                if r.dozen.match(norm, m.end(group)):
                    best = (m.start(), tidy(value * 12))
                    break
                priced = _per_pack_price(self.r, norm, facts)
                per = self._per_pack(norm, m.start(), m.start(group), m.end(group), priced)
                if per is None:
                    packs_only = True
                    continue
                if not asked and self._sample_minimum(norm, seg, m.start(), value * per):
                    continue
                best = (m.start(), tidy(value * per))
                break
            approx = parse_approx(raw) if value is None else None
            if approx is not None:
                # "起订一两百个": an approximate MOQ is a range.
                best = (m.start(), _value(*approx))
                break
        one = self._moq_one(norm)
        if one is not None and (best is None or one < best[0]):
            best = (one, 1)
        if best is not None:
            facts.moq_answered = True
            return best[1]
        if packs_only or r.moq_none.search(norm):
            facts.moq_answered = True
        return None

    def _sample_minimum(self, norm: str, seg: Segments, pos: int, value: Value) -> bool:
        """Unasked, a minimum that counts samples, not bulk: the sample word shares its clause
        ("样品要拍10件起"), or it is one pack of unstated content after a refused sample
        ("样品不单独卖的 最少一箱": no figure, no MOQ)."""
        r = self.r
        cs, _ = seg.clause(pos)
        if r.lead_sample.search(norm, cs, pos) and not r.lead_bulk.search(norm, cs, pos):
            return True
        if value != 1:
            return False
        ss, _ = seg.sentence(pos)
        return r.lead_sample.search(norm, max(ss, pos - r.lead_sample_reach), pos) is not None

    def _moq_one(self, norm: str) -> int | None:
        """Where an MOQ of one is stated, unless the one piece is a sample ("sample 1 pc ok")."""
        r = self.r
        for one in r.moq_one.finditer(norm):
            start = one.start()
            before = [s for s in r.lead_sample.finditer(norm, max(0, start - 12), start)]
            if before and start - before[-1].end() <= 2:
                continue
            return start
        return None

    def _pack_moq(self, norm: str, facts: Facts) -> Value | None:
        """Asked for the MOQ, the supplier names the pack sold: "one box 200pcs"."""
        m = self.r.pack_content.search(norm)
        if m is None:
            return None
        value = parse_number(m.group("n") or m.group("m") or "")
        if value is None or value < 1 or value != int(value):
            return None
        facts.moq_answered = True
        return tidy(value)

    def _bare_moq(self, norm: str, seg: Segments, facts: Facts) -> Value | None:
        """Asked for the MOQ, a clause that is only a quantity ("大概一两百个吧") answers it."""
        for cs, ce in seg.clauses[:8]:
            m = self.r.bare_quantity.fullmatch(norm, cs, ce)
            if m is None or not self._is_classifier(m.group("c")):
                continue
            value = parse_number(m.group("n"))
            approx = parse_approx(m.group("n")) if value is None else None
            # A lone "一个" is how a price begins, not a quantity the buyer must reach.
            if value is not None and value >= 2 and value == int(value):
                moq: Value = tidy(value)
            elif approx is not None:
                moq = _value(*approx)
            else:
                continue
            facts.moq_answered = True
            return moq
        return None

    def _is_classifier(self, word: str) -> bool:
        # The classifier list is data compiled into the slash price ("12元/件"); asking that
        # pattern keeps one copy of the list.
        return self.r.slash_price.fullmatch(f"1/{word}") is not None

    def _bare_price(self, norm: str, seg: Segments, facts: Facts) -> None:
        """Asked for the price, a clause that is only an amount ("一百二") is the price."""
        for cs, ce in seg.clauses[:8]:
            m = self.r.bare_price.fullmatch(norm, cs, ce)
            if m is None:
                continue
            value = parse_number(m.group("n"))
            if value is not None and value > 0:
                facts.values["unit_price"] = tidy(value)
                facts.price_span = (cs, ce)
                facts.price_mentioned = True
            return
        self._item_price(norm, seg, facts)

    def _item_price(self, norm: str, seg: Segments, facts: Facts) -> None:
        """Asked for the price, "被套45 床单29" names items and their prices: the first counts."""
        r = self.r
        for cs, ce in seg.clauses[:8]:
            m = r.item_price.fullmatch(norm, cs, ce)
            if m is None:
                continue
            word = m.group("w")
            if (
                r.item_attribute.search(word)
                or r.lead_context.search(word)
                or r.price_skip_before.search(word)
                or r.price_skip_clause.search(word)
                or any(c in CN_CHARS for c in word)
            ):
                continue
            value = parse_number(m.group("n"))
            if value is not None and value > 0:
                facts.values["unit_price"] = tidy(value)
                facts.price_span = (m.start("n"), m.end("n"))
                facts.price_mentioned = True
                return

    def _per_pack(
        self, norm: str, start: int, num_start: int, end: int, pack_priced: bool
    ) -> float | None:
        """Pieces in the pack an MOQ is counted in: "起订两箱 一箱五十个" is 100 pieces.

        The pack's content may also come just before the MOQ ("一箱200件 一箱起批"), unless the
        price is per pack ("一盒12支 一盒八块 五十盒起批" is 50 boxes). None: the pack's
        content is never given ("一手起"), so the count of pieces is unknown.
        """
        r = self.r
        if not r.moq_pack.match(norm, end):
            return 1
        equals = r.pack_equals.match(norm, end)
        if equals is not None:
            value = parse_number(equals.group("n"))
            if value is not None and value >= 1 and value == int(value):
                return value
        # "起订一箱60个": the one pack and its content are a single phrase; the MOQ is one pack.
        # ("起订1箱 一箱12个" reads the second phrase: its 一箱 is no content of one piece.)
        content = r.pack_content.match(norm, num_start)
        if content is not None and content.group("n"):
            value = parse_number(content.group("n"))
            if value is not None and value > 1 and value == int(value):
                return value
        content = r.pack_content.search(norm, end, end + 32)
        if content is None and not pack_priced:
            content = r.pack_content.search(norm, max(0, start - 32), start)
        if content is None:
            # Boxes are a unit of sale ("五十盒起"); a size run of unknown sizes is not, nor is
            # one pack of unstated content ("minimum 1 carton"), unless priced per pack.
            if pack_priced:
                return 1
            one = parse_number(norm[num_start:end]) == 1
            return None if one or r.moq_size_run.match(norm, end) else 1
        value = parse_number(content.group("n") or content.group("m") or "")
        return value if value is not None and value >= 1 and value == int(value) else 1

    # -- lead time --------------------------------------------------------------------------

    def _lead_time(self, norm: str, seg: Segments, asked: bool) -> Value | None:
        r = self.r
        candidates: list[tuple[int, Value]] = []
        for m in r.duration.finditer(norm):
            cs, ce = seg.around(m.start(), m.end(), _RADIUS)
            if r.lead_skip.search(norm, cs, ce):
                continue
            if self._transit(norm, seg, m.start(), cs, ce):
                continue
            if not r.lead_context.search(norm, cs, ce) and not asked:
                continue
            ci = seg.clause_index(m.start())
            prev_start = seg.clauses[ci - 1][0] if ci > 0 else seg.clauses[ci][0]
            reach = max(prev_start, m.start() - r.lead_sample_reach)
            sample = r.lead_sample.search(norm, reach, m.start())
            if (
                sample is not None
                and not r.lead_bulk.search(norm, cs, ce)
                and not self._sample_priced(norm, seg, sample.start(), ci)
            ):
                continue
            value = self._duration_value(m)
            if value is not None:
                candidates.append((m.start(), self._duration_range(norm, seg, m, value)))
                break
        total = self._total_duration(norm, seg, candidates)
        if total is not None:
            return total
        dispatch = [(r.same_day, 0), (r.next_day, 1), (r.day_after, 2)]
        if asked:
            # "拍下就发": asked, dispatch on payment is a lead time of none; unasked it only
            # describes the checkout.
            dispatch.append((r.on_payment, 0))
        for pattern, days in dispatch:
            for hit in pattern.finditer(norm):
                if not self._other_dispatch(norm, seg, hit, asked):
                    candidates.append((hit.start(), days))
                    break
        return min(candidates, key=lambda c: c[0])[1] if candidates else None

    def _sample_priced(self, norm: str, seg: Segments, pos: int, ci: int) -> bool:
        """The sample's own earlier clause settles its price ("样品按单价算 一周发货"), so the
        duration after it is the order's."""
        si = seg.clause_index(pos)
        if si >= ci:
            return False
        return self.r.sample_stop.search(norm, pos, seg.clauses[si][1]) is not None

    def _total_duration(
        self, norm: str, seg: Segments, candidates: list[tuple[int, Value]]
    ) -> Value | None:
        """After a first stage, a later duration labelled as the total is the lead time."""
        if not candidates:
            return None
        _, sentence_end = seg.sentence(candidates[0][0])
        for hit in self.r.lead_total.finditer(norm, candidates[0][0], sentence_end):
            m = self.r.duration.search(norm, hit.end(), min(sentence_end, hit.end() + 16))
            value = self._duration_value(m) if m is not None else None
            if value is not None:
                return value
        return None

    def _other_dispatch(
        self, norm: str, seg: Segments, hit: re.Match[str], asked: bool = True
    ) -> bool:
        """Whether "马上发" sends no goods: photos ("实拍视频马上发"), or only stock on hand
        ("有的话马上发 没有的话要等"); unasked, a dispatch that rewards paying off the platform
        ("款打我卡上 今天就能发") is the trick's bait, not a lead time."""
        r = self.r
        cs, _ = seg.around(hit.start(), hit.end(), _RADIUS)
        if r.lead_not_goods.search(norm, cs, hit.start()):
            return True
        if not asked:
            # The bait may lead the sentence ("直接打款到我卡上 6222开头那个 到账马上发货").
            ss, _ = seg.sentence(hit.start())
            if r.price_skip_clause.search(norm, max(ss, hit.start() - _RADIUS), hit.start()):
                return True
            # Unasked, the sample is what goes out today ("样品免费的 地址发我 今天就能寄"),
            # unless the sentence speaks of the bulk order.
            _, se = seg.sentence(hit.start())
            if r.lead_sample.search(norm, ss, hit.start()) and not r.lead_bulk.search(norm, ss, se):
                return True
        _, sentence_end = seg.sentence(hit.start())
        return (
            r.lead_hedge_after.search(norm, hit.end(), min(sentence_end, hit.end() + 12))
            is not None
        )

    def _transit(self, norm: str, seg: Segments, pos: int, cs: int, ce: int) -> bool:
        """A transit time: its clause, or the clause before it, speaks of carriage."""
        r = self.r
        if r.lead_bulk.search(norm, cs, ce):
            return False
        if r.lead_transit.search(norm, cs, ce):
            return True
        ci = seg.clause_index(pos)
        if ci == 0:
            return False
        ps, pe = seg.clauses[ci - 1]
        return bool(r.lead_transit.search(norm, max(ps, pe - _RADIUS), pe))

    def _duration_range(self, norm: str, seg: Segments, m: re.Match[str], value: Value) -> Value:
        """A later duration joined as the slow case bounds the estimate.

        "快的话十天 慢的话半个月" is 10-15 days; "生产10天 运输5天" are two stages, no range.
        """
        if isinstance(value, list):
            return value
        _, sentence_end = seg.sentence(m.start())
        nxt = self.r.duration.search(norm, m.end(), min(sentence_end, m.end() + 24))
        if nxt is None or not self.r.range_join.fullmatch(norm, m.end(), nxt.start()):
            return value
        high = self._duration_value(nxt)
        # The fast case may come second: "十二天左右能出货 最快十天" is 10-12 days.
        if isinstance(high, list) or high is None or high == value:
            return value
        return _value(value, high)

    @staticmethod
    def _duration_value(m: re.Match[str]) -> Value | None:
        if m.group("half"):
            return 15
        if m.group("ra"):
            low = parse_number(m.group("ra"))
            if low is None:
                return None
            return _value(round(low * _unit_days(m.group("rau")), 1), 15)
        if m.group("n"):
            n = parse_number(m.group("n"))
            unit = m.group("u1") or ""
            if n is None:
                # "两三天", "一两个月": an approximate figure is a range.
                approx = parse_approx(m.group("n"))
                if approx is None:
                    return None
                days = _unit_days(unit)
                return _value(round(approx[0] * days, 1), round(approx[1] * days, 1))
            if "半月" in unit:
                return tidy(n * 30 + 15)
            return tidy(round(n * _unit_days(unit), 1))
        a, b = parse_number(m.group("a") or ""), parse_number(m.group("b") or "")
        if a is None or b is None:
            return None
        unit = m.group("u") or ""
        days = _unit_days(unit)
        low_days = _unit_days(m.group("ua")) if m.group("ua") else days
        return _value(round(a * low_days, 1), round(b * days, 1))

    # -- deposit ----------------------------------------------------------------------------

    def _deposit(self, norm: str, seg: Segments) -> Value | None:
        r = self.r
        found: list[tuple[int, Value]] = []
        for m in r.deposit.finditer(norm):
            hit = _percent(m)
            if hit is None:
                continue
            value, pos = hit
            # "尾款70%", "70%尾款": a balance share next to the number, not the deposit.
            if r.deposit_balance.search(norm, max(0, pos - 4), pos) or (
                m.start() == pos and r.deposit_balance.match(norm, m.end(), m.end() + 3)
            ):
                continue
            if 0 < value <= 100 and not self._others_only(norm, seg, m.start()):
                found.append((m.start(), tidy(value)))
                break
        for m in r.deposit_ratio.finditer(norm):
            cs, ce = seg.around(m.start(), m.end(), _RADIUS)
            if not r.ratio_context.search(norm, cs, ce):
                continue
            if m.group("ra"):
                a, b = int(m.group("ra")), int(m.group("rb"))
            else:
                a = int(parse_number(m.group("ca")) or 0)
                b = int(parse_number(m.group("cb")) or 0)
            if a + b == 10 and not self._others_only(norm, seg, m.start()):
                found.append((m.start(), a * 10))
                break
        half = r.deposit_half.search(norm)
        if half and not self._others_only(norm, seg, half.start()):
            found.append((half.start(), 50))
        return min(found, key=lambda f: f[0])[1] if found else None

    def _full_elsewhere(self, norm: str) -> bool:
        """Every full payment named is for the sample ("样品要付全款") or one option beside a
        deposit ("全款的话这个价 付定金的话贵五毛"): the bulk order needs no 100% up front."""
        r = self.r
        spans = [(m.start(), m.end()) for m in r.full_not_bulk.finditer(norm)]
        hits = list(r.full_payment.finditer(norm))
        return bool(hits) and all(
            any(s <= h.start() and h.end() <= e for s, e in spans) for h in hits
        )

    def _others_only(self, norm: str, seg: Segments, pos: int) -> bool:
        """The term is kept for repeat customers: "老客户才能三七开" is not the buyer's deposit."""
        cs, ce = seg.around(pos, pos + 1, _RADIUS)
        return self.r.repeat_only.search(norm, cs, ce) is not None

    # -- sample cost ------------------------------------------------------------------------

    def _sample_cost(self, norm: str, seg: Segments) -> tuple[Value, tuple[int, int]] | None:
        r = self.r
        free = next((f for f in r.sample_free.finditer(norm) if not self._denied(seg, f)), None)
        for k in r.sample_keyword.finditer(norm):
            if free and free.start() <= k.end():
                return 0, (free.start(), free.end())
            _, sentence_end = seg.sentence(k.start())
            # English spends more characters on the same words ("sample not free, 50 RMB").
            window = r.sample_window * (2 if norm[k.start()].isascii() else 1)
            limit = _number_end(norm, min(k.end() + window, sentence_end), sentence_end)
            stop = r.sample_stop.search(norm, k.end(), limit)
            if stop:
                limit = stop.start()
            for m in r.money.finditer(norm, k.end(), limit):
                value = money_value(m.groupdict())
                if value is not None and not _foreign_near(self, norm, m.start(), m.end()):
                    return tidy(value), (m.start(), m.end())
            for m in r.currency_forms.finditer(norm, k.end(), limit):
                value = parse_number(m.group("a") or m.group("b") or "")
                if value is not None:
                    return tidy(value), (m.start(), m.end())
            paid = r.sample_paid.match(norm, k.end(), limit)
            if paid:
                value = parse_number(paid.group("n"))
                if value is not None and not _foreign_near(
                    self, norm, paid.start("n"), paid.end("n")
                ):
                    return tidy(value), (paid.start("n"), paid.end("n"))
            charges = list(r.sample_charge.finditer(norm, k.end(), limit))
            charge = charges[0] if charges else None
            # "样品可以寄 收费30": a bare figure right after the charge word ("贵一倍" is no fee);
            # a later charge word may name it ("样品不免费哦 一套收您50").
            for each in charges:
                if each.group().endswith("贵"):
                    continue
                at = each.end()
                at += norm[at : at + 1].isspace()
                # "收费20 包邮": the fee, delivery included.
                paid = r.sample_paid.match(norm, at, limit) or r.free_shipping_price.match(
                    norm, at, limit
                )
                value = parse_number(paid.group("n")) if paid else None
                if paid and value and not _foreign_near(self, norm, paid.start("n"), paid.end("n")):
                    return tidy(value), (paid.start("n"), paid.end("n"))
            # "样品要收费 一个20", "样品一个15": a per-piece figure after a charge word, or
            # right after the sample word, is the sample's.
            per = r.per_unit_price.search(norm, charge.end() if charge else k.end(), limit)
            if per is not None and (charge or per.start() - k.end() <= 2):
                group = "n" if per.group("n") else "m"
                value = parse_number(per.group(group))
                if value is not None:
                    return tidy(value), (per.start(group), per.end(group))
            # "样品您自己在店里拍一个就行 跟大货价一样 27一个": the phrase may come later.
            reach = min(k.end() + 2 * window, sentence_end)
            bulk = self._bulk_priced_sample(norm, k.end(), reach, sentence_end)
            if bulk is not None:
                return bulk
            before = r.money.search(norm, max(0, k.start() - 8), k.start())
            if before and before.end() == k.start():
                value = money_value(before.groupdict())
                if value is not None:
                    return tidy(value), (before.start(), before.end())
        if free:
            return 0, (free.start(), free.end())
        return None

    def _denied(self, seg: Segments, free: re.Match[str]) -> bool:
        """A free sample denied earlier in its clause: "we not provide sample free"."""
        cs, _ = seg.clauses[seg.clause_index(free.start())]
        start = max(cs, free.start() - _SKIP_BACK_LATIN)
        return self.r.sample_free_denied.search(free.string, start, free.start()) is not None

    def _bulk_priced_sample(
        self, norm: str, start: int, limit: int, sentence_end: int
    ) -> tuple[Value, tuple[int, int]] | None:
        """The sample sells at the bulk price, named just after: "跟大货价一样 27一个"."""
        r = self.r
        bulk = r.sample_bulk_price.search(norm, start, limit)
        if bulk is None:
            return None
        end = min(bulk.end() + 10, sentence_end)
        per = r.per_unit_price.search(norm, bulk.end(), end)
        if per is not None:
            group = "n" if per.group("n") else "m"
            value = parse_number(per.group(group))
            if value is not None and value > 0:
                return tidy(value), (per.start(group), per.end(group))
        return None

    def _sample_at_bulk(self, norm: str, seg: Segments) -> bool:
        """A sample word, then "same price": the sample costs the unit price."""
        r = self.r
        for k in r.sample_keyword.finditer(norm):
            _, sentence_end = seg.sentence(k.start())
            window = r.sample_window * (2 if norm[k.start()].isascii() else 1)
            if r.sample_bulk_price.search(norm, k.end(), min(k.end() + window, sentence_end)):
                return True
        return False


def _number_end(norm: str, limit: int, bound: int) -> int:
    """``limit`` moved past a number it would cut ("一套280" is not "一套28")."""
    while limit < bound and limit > 0 and _in_number(norm[limit - 1]) and _in_number(norm[limit]):
        limit += 1
    return limit


def _in_number(ch: str) -> bool:
    return ch.isdigit() or ch == "." or ch in CN_CHARS


def _percent(m: re.Match[str]) -> tuple[float, int] | None:
    """The percentage of a deposit match and where its number starts ("三成" is 30)."""
    for prefix in ("p", "s", "f"):
        if m.group(f"{prefix}h"):
            return 100, m.start(f"{prefix}h")
        number, chinese, tenths = f"{prefix}n", f"{prefix}c", f"{prefix}t"
        for name in (number, chinese, tenths):
            raw = m.group(name)
            if raw is None:
                continue
            value = parse_number(raw)
            if value is None:
                return None
            return (value * 10 if name == tenths else value), m.start(name)
    return None


def _price_range_high(r: FactRules, norm: str, end: int, low: float) -> tuple[int, float | None]:
    """Where a labelled price ends, and its upper bound when a range follows ("十一到十三")."""
    m = r.price_range_high.match(norm, end)
    if m is None:
        return end, None
    high = parse_number(m.group("hi"))
    # Two figures an order of magnitude apart are no price range ("单价8 到100个以上").
    if high is None or not low < high < low * 10:
        return end, None
    return m.end("hi"), high


def _inner_prefix(r: FactRules, norm: str, m: re.Match[str]) -> re.Match[str]:
    """The labelled MOQ inside a quantity's match: in "一款起批十对" and "3块2一个 MOQ 100"
    the suffix starts "起批十对" / "MOQ 100", and the one before it is per style or per piece."""
    if parse_number(m.group("b") or "") != 1:
        return m
    inner = r.moq.search(norm, m.end("b"))
    if inner is not None and inner.group("a") and inner.start() < m.end():
        return inner
    return m


def _foreign_near(extractor: FactExtractor, norm: str, start: int, end: int) -> bool:
    return extractor._foreign(norm, start, end)


def _per_pack_price(r: FactRules, norm: str, facts: Facts) -> bool:
    """The unit price is quoted per pack: "一盒八块", "十二块一盒", "8元/盒"."""
    if facts.price_span is None:
        return False
    ps, pe = facts.price_span
    after = pe + 1 if norm[pe : pe + 1] in ("一", "每", "/") else pe
    if r.moq_pack.match(norm, after):
        return True
    return any(r.moq_pack.fullmatch(norm, k, ps) for k in range(max(0, ps - 2), ps))


def _counts_days(r: FactRules, norm: str, pos: int) -> bool:
    """A duration starts at ``pos``; "起批20 周一发" is 20 pieces, then a weekday."""
    m = r.duration.match(norm, pos)
    if m is None:
        return False
    return not (m.group().endswith("周") and norm[m.end() : m.end() + 1] in _WEEKDAY_CHARS)
