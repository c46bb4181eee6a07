"""Red-flag detection: patterns with negation scope, refusals attached to topics, hedges.

Every function returns at most one ``Hit`` per code: the first match that survives its checks,
so the evidence is the earliest words in the reply that say it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .rules import CodeRule, Combo, Negation, Rules
from .text import Segments


@dataclass(frozen=True, slots=True)
class Hit:
    code: str
    start: int
    end: int


def _is_cjk(ch: str) -> bool:
    return not ch.isascii()


def negated(norm: str, m: re.Match[str], seg: Segments, neg: Negation) -> bool:
    """True when a cue such as 不接受 / never governs the match, before or after it."""
    return negated_span(norm, m.start(), m.end(), seg, neg)


def negated_span(
    norm: str, start: int, end: int, seg: Segments, neg: Negation, *, after: bool = True
) -> bool:
    """``negated`` for a span; ``after=False`` looks for cues before it only."""
    cs, ce = seg.clause(start)
    window = neg.window_cjk if _is_cjk(norm[start]) else neg.window_latin
    lo = max(cs, start - window)
    last = None
    for cue in neg.before.finditer(norm, lo, start):
        last = cue
    if last is not None and not _broken(norm, last.end(), start, neg):
        return True
    if neg.near is not None:
        gap = start - neg.window_near
        cues = neg.near.finditer(norm, max(cs, gap - 8), start)
        if any(c.end() >= gap for c in cues):
            return True
    if not after:
        return False
    _, ce = seg.clause(max(start, end - 1))
    return bool(neg.after.search(norm, end, min(ce, end + neg.window_after)))


def _broken(norm: str, lo: int, start: int, neg: Negation) -> bool:
    """A breaker between a cue and the match at ``start``; it may look ahead into the match
    ("don't tell others and pay quickly": "and" + a hurried act ends the cue's reach)."""
    b = neg.breakers.search(norm, lo, min(len(norm), start + _BREAKER_LOOKAHEAD))
    return b is not None and b.start() < start


#: How far a breaker's look-ahead may read into the match.
_BREAKER_LOOKAHEAD = 32


#: Context (safe words, warnings, hedge topics) is looked for this far from a match.
_RADIUS = 80


#: Anchors of one combo tried per reply: a hostile paste full of anchor words stays linear.
_MAX_ANCHORS = 64


#: Words that could void a safe context tried per match (a hostile paste stays linear).
_MAX_UNLESS = 8


def _safe(
    norm: str, m: re.Match[str] | tuple[int, int], rule: CodeRule, seg: Segments, neg: Negation
) -> bool:
    if rule.safe is None:
        return False
    start, end = (m.start(), m.end()) if isinstance(m, re.Match) else m
    lo, hi = seg.around(start, end, _RADIUS, rule.safe_scope)
    if not rule.safe.search(norm, lo, hi):
        return False
    if rule.safe_unless and _voids_safety(norm, rule.safe_unless, lo, hi, seg, neg):
        return False
    if rule.safe_alternative and rule.safe_alternative.search(norm, lo, hi):
        return bool(rule.safe_all and rule.safe_all.search(norm, lo, hi))
    return True


def _voids_safety(
    norm: str, unless: re.Pattern[str], lo: int, hi: int, seg: Segments, neg: Negation
) -> bool:
    """An ``unless`` word voids a safe context unless it is itself denied: "不是转给私人"
    reassures that the platform's checkout is no personal account."""
    for i, u in enumerate(unless.finditer(norm, lo, hi)):
        if i >= _MAX_UNLESS or not negated_span(norm, u.start(), u.end(), seg, neg, after=False):
            return True
    return False


def _warning(norm: str, start: int, end: int, neg: Negation) -> bool:
    """The span warns about fraud ("谨防骗子"), unless every warning word is denied."""
    for w in neg.warning.finditer(norm, start, end):
        denied = neg.warning_denied
        if denied is None or not denied.search(norm, max(start, w.start() - 6), w.start()):
            return True
    return False


def pattern_hit(
    norm: str, rule: CodeRule, rules: Rules, seg: Segments, cleared: set[str] | None = None
) -> Hit | None:
    """The first match of ``rule`` that is not negated, a warning or in a safe context.

    A match turned down that way adds the code to ``cleared``: the reply spoke of the matter
    and said it is safe, which the learned model must not overrule.
    """
    assert rule.pattern is not None
    turned_down = cleared if cleared is not None else set()
    neg = rules.negation
    last_negated = -1
    for m in rule.pattern.finditer(norm):
        if m.end() == m.start():
            continue
        # "we never ask you to pay by Western Union or personal account": the cue reaches
        # every item of the list.
        listed = last_negated >= 0 and bool(neg.coordination.search(norm[last_negated : m.start()]))
        if listed or negated(norm, m, seg, neg):
            last_negated = m.end()
            turned_down.add(rule.code)
            continue
        ss, se = seg.around(m.start(), m.end(), _RADIUS, "sentence")
        if _warning(norm, ss, se, neg) or _safe(norm, m, rule, seg, neg):
            turned_down.add(rule.code)
            continue
        return Hit(rule.code, m.start(), m.end())
    for combo in rule.combos:
        hit = _combo_hit(norm, rule, combo, rules, seg, turned_down)
        if hit is not None:
            return hit
    if _affirmed(norm, rule, seg, neg):
        # "付款走平台就行": the reply names the safe way itself, with nothing to undo it.
        turned_down.add(rule.code)
    return None


def _affirmed(norm: str, rule: CodeRule, seg: Segments, neg: Negation) -> bool:
    """A safe-context phrase of ``rule`` stated for itself: not negated, not undone."""
    if rule.safe is None:
        return False
    for i, m in enumerate(rule.safe.finditer(norm)):
        if i >= _MAX_UNLESS:
            break
        if (
            m.end() > m.start()
            and not negated_span(norm, m.start(), m.end(), seg, neg, after=False)
            and _safe(norm, m, rule, seg, neg)
        ):
            return True
    return False


def _combo_scope(seg: Segments, pos: int, scope: str) -> tuple[int, int]:
    ci = seg.clause_index(pos)
    lo, hi = seg.clauses[ci]
    if scope == "sentence":
        lo, hi = seg.sentence(pos)
    elif scope == "adjacent":
        ss, se = seg.sentence(pos)
        if ci > 0 and seg.clauses[ci - 1][0] >= ss:
            lo = seg.clauses[ci - 1][0]
        if ci + 1 < len(seg.clauses) and seg.clauses[ci + 1][1] <= se:
            hi = seg.clauses[ci + 1][1]
    return max(lo, pos - _RADIUS), min(hi, pos + _RADIUS)


def _combo_hit(
    norm: str, rule: CodeRule, combo: Combo, rules: Rules, seg: Segments, cleared: set[str]
) -> Hit | None:
    """Every concept of ``combo`` near one anchor, none of them negated, no ``unless`` word.

    Each part takes its occurrence nearest the anchor that does not overlap the parts
    already placed ("钱付齐了才能安排": 付齐 is the full amount, 才 the condition).
    """
    neg = rules.negation
    anchor, others = combo.parts[0], combo.parts[1:]
    tried = 0
    for m in anchor.finditer(norm):
        if m.end() == m.start():
            continue
        tried += 1
        if tried > _MAX_ANCHORS:
            break
        lo, hi = _combo_scope(seg, m.start(), combo.scope)
        if combo.unless is not None and combo.unless.search(norm, lo, hi):
            continue
        spans = [(m.start(), m.end())]
        for part in others:
            found = _nearest(norm, part, lo, hi, spans, m.start())
            if found is None:
                break
            spans.append(found)
        else:
            start, end = min(s for s, _ in spans), max(e for _, e in spans)
            if any(
                negated_span(norm, s, e, seg, neg, after=e == end)
                for i, (s, e) in enumerate(spans)
                if i in combo.negatable
            ):
                cleared.add(rule.code)
                continue
            ss, se = seg.around(start, end, _RADIUS, "sentence")
            if _warning(norm, ss, se, neg) or _safe(norm, (start, end), rule, seg, neg):
                cleared.add(rule.code)
                continue
            return Hit(rule.code, start, end)
    return None


def _nearest(
    norm: str,
    part: re.Pattern[str],
    lo: int,
    hi: int,
    taken: list[tuple[int, int]],
    anchor: int,
) -> tuple[int, int] | None:
    best: tuple[int, int] | None = None
    for o in part.finditer(norm, lo, hi):
        if o.end() == o.start() or any(o.start() < e and s < o.end() for s, e in taken):
            continue
        if best is None or abs(o.start() - anchor) < abs(best[0] - anchor):
            best = (o.start(), o.end())
    return best


@dataclass(frozen=True, slots=True)
class _Span:
    code: str
    start: int
    end: int


def refusal_hits(
    norm: str,
    refusal_rules: list[CodeRule],
    rules: Rules,
    seg: Segments,
    cleared: set[str] | None = None,
) -> list[Hit]:
    """Attach each refusal word to the nearest topic; a topic of any code can win it.

    Overlapping topics resolve to the longest ("质检照片" is inspection, not photos). A clause
    with a refusal but no topic inherits the last topic of the two clauses before it
    ("实物图要等大货出来 现在给不了").
    """
    topics: list[_Span] = []
    for rule in refusal_rules:
        assert rule.topic is not None
        topics.extend(
            _Span(rule.code, m.start(), m.end())
            for m in rule.topic.finditer(norm)
            if not _heads_noun(norm, m.end(), rules)
        )
    topics.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[_Span] = []
    by_code = {rule.code: rule for rule in refusal_rules}
    for t in topics:
        if kept and t.start < kept[-1].end:
            continue
        kept.append(_yielded(norm, t, kept, by_code, seg))
    _yield_forward(norm, kept, by_code, seg)
    by_clause: dict[int, list[_Span]] = {}
    for t in kept:
        by_clause.setdefault(seg.clause_index(t.start), []).append(t)

    span = rules.refusal_span
    neg = rules.negation
    # A topic relabelled by yielding ("不方便视频也不方便参观") is no longer this code's.
    owner = {t.end: t.code for t in kept}
    hits: dict[str, Hit] = {}
    for rule in refusal_rules:
        if rule.prefixed is not None:
            for m in rule.prefixed.finditer(norm):
                if (
                    _refuses_prefixed(norm, m, rules)
                    and not _denied(norm, m.start(), seg, neg)
                    and owner.get(m.end(), rule.code) == rule.code
                ):
                    hits[rule.code] = Hit(rule.code, m.start(), m.end())
                    break
        if rule.phrases is None or rule.code in hits:
            continue
        for m in rule.phrases.finditer(norm):
            if _denied(norm, m.start(), seg, neg):
                continue
            # "车间不让拍" refuses a factory visit: a nearer topic of another code owns it, and
            # so does the last topic of the clause before when this clause has none
            # ("公司资料不对外提供 您看店铺就行" is about the licence).
            ci = seg.clause_index(m.start())
            rival = any(
                t.code != rule.code and t.end <= m.start() and m.start() - t.end <= span
                for t in by_clause.get(ci, [])
            )
            # "不给看厂 也不给视频": the phrase's own topic was relabelled to another code.
            inside = [t.code for t in by_clause.get(ci, []) if m.start() <= t.start < m.end()]
            rival = rival or bool(inside and rule.code not in inside)
            same_sentence = ci > 0 and seg.clauses[ci - 1][0] >= seg.sentence(m.start())[0]
            if not by_clause.get(ci) and same_sentence:
                previous = by_clause.get(ci - 1, [])
                rival = rival or bool(previous and previous[-1].code != rule.code)
            if not rival:
                hits[rule.code] = Hit(rule.code, m.start(), m.end())
                break
    starts = [t.start for t in kept]
    wanted = {rule.code for rule in refusal_rules}
    for r in rules.refusal.finditer(norm):
        if wanted <= hits.keys():
            break
        if not _refuses(norm, r, rules, seg) or _denied(norm, r.start(), seg, neg):
            continue
        ci = seg.clause_index(r.start())
        found = _nearest_topic(kept, starts, r, span, seg, ci)
        if found is not None:
            t = found
            start, end = min(t.start, r.start()), max(t.end, r.end())
        elif not by_clause.get(ci):
            inherited = next(
                (by_clause[i][-1] for i in (ci - 1, ci - 2) if i >= 0 and by_clause.get(i)),
                None,
            )
            if inherited is None:
                continue
            t = inherited
            if r.end() - t.start <= 48:
                start, end = t.start, r.end()
            else:
                start, end = seg.around(r.start(), r.end(), 0)
                start = max(start, r.start() - 24)
        else:
            continue
        if t.code not in hits or start < hits[t.code].start:
            hits[t.code] = Hit(t.code, start, end)
    offered = {rule.code for rule in refusal_rules if _offered(norm, rule, rules, seg)}
    off_topic = {code for code, hit in hits.items() if _off_topic(norm, hit, by_code[code], seg)}
    if cleared is not None:
        cleared.update(offered | off_topic)
    return [hit for code, hit in hits.items() if code not in offered | off_topic]


def _denied(norm: str, start: int, seg: Segments, neg: Negation) -> bool:
    """ "我们不是不给看厂" denies the refusal: a near cue (不是) right before it."""
    if neg.near is None:
        return False
    cs, _ = seg.clause(start)
    gap = start - neg.window_near
    return any(c.end() >= gap for c in neg.near.finditer(norm, max(cs, gap - 8), start))


def _off_topic(norm: str, hit: Hit, rule: CodeRule, seg: Segments) -> bool:
    """The clause, up to the hit, names what the refusal is really about (a listing)."""
    if rule.off_topic is None:
        return False
    cs, _ = seg.clause(hit.start)
    return any(
        not (hit.start <= o.start() and o.end() <= hit.end)
        for o in rule.off_topic.finditer(norm, cs, hit.end)
    )


def _yield_forward(
    norm: str, kept: list[_Span], by_code: dict[str, CodeRule], seg: Segments
) -> None:
    """A yielding topic joined to the next topic it yields to takes that code:
    "不方便视频也不方便参观" is a video of the factory.

    The next topic must follow closely (``_JOIN_GAP``) in the same sentence, with a joining
    word (也, and) between them.
    """
    for i, t in enumerate(kept[:-1]):
        rule = by_code[t.code]
        pattern, join = rule.yield_topics, rule.yield_join
        nxt = kept[i + 1]
        if (
            pattern is not None
            and join is not None
            and nxt.code in rule.yield_to
            and nxt.start - t.end <= _JOIN_GAP
            and nxt.start < seg.sentence(t.start)[1]
            and join.search(norm, t.end, nxt.start)
            and pattern.fullmatch(norm, t.start, t.end)
        ):
            kept[i] = _Span(nxt.code, t.start, t.end)


#: Characters allowed between a yielding topic and the topic it joins.
_JOIN_GAP = 10


def _offered(norm: str, rule: CodeRule, rules: Rules, seg: Segments) -> bool:
    """The reply offers the thing another way, and that offer is not itself denied."""
    if rule.offered is None:
        return False
    for i, m in enumerate(rule.offered.finditer(norm)):
        if i >= _MAX_UNLESS:
            break
        if not negated_span(norm, m.start(), m.end(), seg, rules.negation, after=False):
            return True
    return False


def _yielded(
    norm: str, t: _Span, kept: list[_Span], by_code: dict[str, CodeRule], seg: Segments
) -> _Span:
    """``t`` relabelled to the code of the topic before it in its sentence, if it yields to it."""
    rule = by_code[t.code]
    pattern = rule.yield_topics
    if pattern is None or not kept or not pattern.fullmatch(norm, t.start, t.end):
        return t
    prev = kept[-1]
    if prev.code in rule.yield_to and prev.start >= seg.sentence(t.start)[0]:
        return _Span(prev.code, t.start, t.end)
    return t


def _heads_noun(norm: str, end: int, rules: Rules) -> bool:
    """ "样品费" is a fee, not samples: a topic heading a longer noun is no topic."""
    tail = rules.refusal_topic_not_after
    return tail is not None and bool(tail.match(norm, end, end + 8))


def _refuses_prefixed(norm: str, m: re.Match[str], rules: Rules) -> bool:
    """ "没有样品费" denies a fee, not samples."""
    return not _heads_noun(norm, m.end(), rules)


def _refuses(norm: str, r: re.Match[str], rules: Rules, seg: Segments) -> bool:
    """False when the refusal word is about something else or only defers to a set time.

    "实拍图 没有修图" denies retouching, not photos; "实拍要等我下午去仓库" promises them.
    """
    if rules.refusal_not_after and rules.refusal_not_after.match(norm, r.end(), r.end() + 8):
        return False
    if rules.refusal_deferral and rules.refusal_deferral.fullmatch(r.group()):
        _, sentence_end = seg.sentence(r.start())
        promise = rules.refusal_promise
        if promise and promise.search(norm, r.end(), min(sentence_end, r.end() + 24)):
            return False
    return True


def _nearest_topic(
    kept: list[_Span], starts: list[int], r: re.Match[str], span: int, seg: Segments, ci: int
) -> _Span | None:
    """The topic closest to refusal ``r`` in its clause, at most ``span`` characters away.

    ``kept`` is sorted and non-overlapping, so only the neighbours around ``r`` can win.
    """
    i = bisect.bisect_right(starts, r.end())
    best: tuple[int, _Span] | None = None
    for t in kept[max(0, i - 3) : i + 2]:
        if seg.clause_index(t.start) != ci:
            continue
        gap = max(r.start() - t.end if t.end <= r.start() else t.start - r.end(), 0)
        if gap <= span and (best is None or gap < best[0]):
            best = (gap, t)
    return best[1] if best else None


def hedge_hit(
    norm: str,
    rule: CodeRule,
    seg: Segments,
    asked: Collection[str],
    resolved: Callable[[str, int, int, tuple[int, int]], bool],
    cleared: set[str] | None = None,
) -> Hit | None:
    """A hedge about a topic whose figure the reply never gives.

    A hedge that the reply answers anyway, or reassurance nobody asked for, adds the code to
    ``cleared`` (see ``pattern_hit``).

    The topic is named before the hedge in its clause or in the clause before ("交期看情况",
    "质量嘛 还行吧"); words after the hedge are its condition, not its topic ("depends on
    quantity"). Failing that, the hedge answers what the buyer asked.
    """
    assert rule.hedges is not None

    def open_topic(key: str, cs: int, ce: int, hedge: tuple[int, int]) -> bool:
        answered = rule.answers.get(key)
        if answered is not None and answered.search(norm):
            return False
        return not resolved(key, cs, ce, hedge)

    for m in rule.hedges.finditer(norm):
        ci = seg.clause_index(m.start())
        cs, ce = seg.clauses[ci]
        # The topic may head the sentence two clauses back ("价格嘛 您先下单 到时候再说").
        first = max(ci - 1, 0)
        if ci > 1 and seg.clauses[ci - 2][0] >= seg.sentence(m.start())[0]:
            first = ci - 2
        lo = max(seg.clauses[first][0], m.start() - _RADIUS // 2)
        named = [key for key, p in rule.topics.items() if p.search(norm, lo, m.start())]
        keys = named or [key for key in rule.topics if key in asked]
        if any(open_topic(key, cs, ce, (m.start(), m.end())) for key in keys):
            return Hit(rule.code, m.start(), m.end())
        if keys and cleared is not None:
            cleared.add(rule.code)
    # Reassurance in place of an answer ("很快的", "质量绝对没问题") evades only a question
    # the buyer asked; in ordinary chatter it is just politeness.
    for key, pattern in rule.asked_hedges.items():
        for m in pattern.finditer(norm):
            cs, ce = seg.clause(m.start())
            if key in asked and open_topic(key, cs, ce, (m.start(), m.end())):
                return Hit(rule.code, m.start(), m.end())
            if cleared is not None:
                cleared.add(rule.code)
            break
    return None
