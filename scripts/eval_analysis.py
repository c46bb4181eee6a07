"""Evaluate the reply analyser on a labelled JSONL file (and optionally on chatter).

Usage: python scripts/eval_analysis.py LABELLED.jsonl [--chatter FILE] [--errors]
       [--model FILE|none]

Prints per-code precision/recall, overall flag P/R, per-fact exact accuracy, invented facts
(a fact reported that the label does not have) and the chatter false-alarm rate (any flag on a
line of ordinary customer-service chatter).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.analysis import analyser
from bot.domain.analysis import Analyser
from bot.resources import load_toml

_ANALYSER: Analyser | None = None


def _analyser() -> Analyser:
    return _ANALYSER or analyser()


def _with_model(model: str) -> Analyser:
    """The shipped rules with another model file, or with none (``--model none``)."""
    data = {"redflags": load_toml("redflags.toml"), "facts": load_toml("analysis_facts.toml")}
    if model != "none":
        data["model"] = json.loads(Path(model).read_text(encoding="utf-8"))
    return Analyser(data)


FACT_KEYS = ("moq", "unit_price", "lead_time_days", "deposit_percent", "sample_cost")


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return (
            isinstance(a, list)
            and isinstance(b, list)
            and len(a) == len(b)
            and all(abs(float(x) - float(y)) < 1e-6 for x, y in zip(a, b, strict=True))
        )
    return abs(float(a) - float(b)) < 1e-6


def evaluate(path: Path, show_errors: bool) -> None:
    a = _analyser()
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    fact_total: Counter[str] = Counter()
    fact_ok: Counter[str] = Counter()
    invented = 0
    n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        n += 1
        result = a.analyse(row["text"], row.get("asked", []), row.get("market_price"))
        got = set(result.codes)
        want = set(row["flags"])
        for code in got & want:
            tp[code] += 1
        for code in got - want:
            fp[code] += 1
        for code in want - got:
            fn[code] += 1
        wrong_facts = []
        for key in FACT_KEYS:
            if key in row["facts"]:
                fact_total[key] += 1
                if key in result.facts and _same(result.facts[key], row["facts"][key]):
                    fact_ok[key] += 1
                else:
                    wrong_facts.append(
                        f"{key}: want {row['facts'][key]} got {result.facts.get(key)}"
                    )
            elif key in result.facts:
                invented += 1
                wrong_facts.append(f"{key}: invented {result.facts[key]}")
        if show_errors and (got != want or wrong_facts):
            print(f"- {row['id']} {row['text']!r}")
            if got != want:
                print(f"    flags want {sorted(want)} got {sorted(got)}")
            for w in wrong_facts:
                print(f"    {w}")
    codes = sorted(set(tp) | set(fp) | set(fn))
    print(f"{path.name}: {n} replies")
    print(f"{'code':<22}{'P':>7}{'R':>7}{'tp':>5}{'fp':>5}{'fn':>5}")
    for code in codes:
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else 1.0
        r = tp[code] / (tp[code] + fn[code]) if tp[code] + fn[code] else 1.0
        print(f"{code:<22}{p:7.3f}{r:7.3f}{tp[code]:5d}{fp[code]:5d}{fn[code]:5d}")
    t, f, m = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(f"{'OVERALL':<22}{t / max(t + f, 1):7.3f}{t / max(t + m, 1):7.3f}{t:5d}{f:5d}{m:5d}")
    total = sum(fact_total.values())
    ok = sum(fact_ok.values())
    for key in FACT_KEYS:
        if fact_total[key]:
            ok_k, total_k = fact_ok[key], fact_total[key]
            print(f"fact {key:<18}{ok_k / total_k:7.3f}  ({ok_k}/{total_k})")
    print(
        f"facts exact {ok / max(total, 1):.3f} ({ok}/{total}); invented {invented} in {n} replies"
    )


def chatter(path: Path, show_errors: bool) -> None:
    a = _analyser()
    lines = [x for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    alarms = 0
    for line in lines:
        result = a.analyse(line)
        if result.flags:
            alarms += 1
            if show_errors:
                print(f"- chatter {line!r}: {[(f.code, f.evidence) for f in result.flags]}")
    print(f"{path.name}: false alarms {alarms}/{len(lines)} = {alarms / max(len(lines), 1):.3%}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("labelled", type=Path)
    parser.add_argument("--chatter", type=Path)
    parser.add_argument("--errors", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--model",
        help="a reply-model JSON file instead of the shipped one, or 'none' for rules only",
    )
    args = parser.parse_args()
    if args.model:
        global _ANALYSER
        _ANALYSER = _with_model(args.model)
    evaluate(args.labelled, args.errors)
    if args.chatter:
        chatter(args.chatter, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
