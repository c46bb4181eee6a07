"""Choose the reply model's thresholds on replies neither the rules nor the model had seen.

Usage (needs scikit-learn, ``pip install -e ".[train]"``, and a git checkout)::

    python scripts/calibrate_reply_model.py g=168eae2 h=168eae2 i=dea6a9c j=dea6a9c \
        k=439078c l=439078c m=439078c

Each ``SET=COMMIT`` names a blind set (``eval/blind_SET.jsonl`` + ``eval/blind_chatter_SET.txt``)
and the commit at which it was first measured, before anyone tuned the rules on it. For every set
the script runs the rules of that commit (in a temporary git worktree) and a model trained on
everything except that set (and except the rule-test rows written after it, whose wordings came
from it), then prints precision and recall of the learned codes, pooled over the sets, for a grid
of add / veto thresholds. The shipped defaults of ``train_reply_model.py`` come from this table.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain.analysis.model import ReplyModel
from bot.domain.analysis.text import normalise
from scripts.train_reply_model import CODES, Example, load, load_cases, train

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
#: Rule-test files written to fix a blind set's misses, by the first set they were written for.
ROUND_OF_SET = {"e": 5, "f": 5, "g": 6, "h": 6, "i": 7, "j": 7, "k": 8, "l": 8, "m": 8}
SOFT = ("pressure", "vague", "no_real_photos", "no_inspection", "no_samples")

#: Run inside the worktree: the rules alone, and the codes the rules did not clear.
_SNAPSHOT = """
import copy, json, sys
sys.path.insert(0, sys.argv[1])
from bot.domain.analysis import Analyser
from bot.resources import load_json, load_toml
data = {"redflags": load_toml("redflags.toml"), "facts": load_toml("analysis_facts.toml")}
rules = Analyser(data)
model = copy.deepcopy(load_json("reply_model.json"))
model["add_at"] = {c: 0.0 for c in model["codes"]}
model["veto_below"] = {}
eager = Analyser({**data, "model": model})
for line in sys.stdin:
    r = json.loads(line)
    got = set(rules.analyse(r["text"], r["asked"], r["market_price"]).codes)
    free = set(eager.analyse(r["text"], r["asked"], r["market_price"]).codes) - got
    print(json.dumps({"rules": sorted(got), "addable": sorted(free)}))
"""


def rows_of(name: str) -> list[dict[str, Any]]:
    rows = [json.loads(x) for x in (EVAL / f"blind_{name}.jsonl").read_text("utf-8").splitlines()]
    chatter = (EVAL / f"blind_chatter_{name}.txt").read_text("utf-8").splitlines()
    rows += [
        {"text": t, "asked": [], "market_price": None, "flags": [], "chatter": True}
        for t in chatter
        if t
    ]
    return rows


def snapshot(commit: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(["git", "worktree", "add", "-q", "--detach", str(tree), commit], check=True)
        try:
            stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
            done = subprocess.run(
                [sys.executable, "-c", _SNAPSHOT, str(tree)],
                input=stdin,
                capture_output=True,
                text=True,
                check=True,
            )
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], check=True)
    return [json.loads(x) for x in done.stdout.splitlines()]


def model_without(name: str) -> ReplyModel:
    others = sorted(p for p in EVAL.glob("blind_?.jsonl") if p.stem != f"blind_{name}")
    chatter = sorted(p for p in EVAL.glob("blind_chatter_?.txt") if p.stem[-1] != name)
    labelled = [ROOT.parent / "shared/eval/replies_dev.jsonl", EVAL / "heldout.jsonl", *others]
    texts, labels = load(labelled, [EVAL / "chatter.txt", *chatter])
    cutoff = ROUND_OF_SET.get(name, 99)
    cases = [
        c
        for c, src in zip(load_cases([EVAL / "rule_cases.jsonl"]), _case_sources(), strict=True)
        if _round(src) < cutoff
    ]
    data = train(texts, labels, 16.0, cases)
    data["add_at"], data["veto_below"] = {}, {}
    return ReplyModel(data)


def _case_sources() -> list[str]:
    lines = (EVAL / "rule_cases.jsonl").read_text("utf-8").splitlines()
    return [json.loads(x).get("src", "") for x in lines]


def _round(src: str) -> int:
    digits = (
        "".join(ch for ch in src.split("round")[-1][:2] if ch.isdigit()) if "round" in src else ""
    )
    return int(digits) if digits else 0


def score(pool: list[dict[str, Any]], add: float, strict: float, veto: float) -> str:
    tp = fp = fn = chatter = 0
    for r in pool:
        got = set(r["rules"])
        for code in CODES:
            p = r["p"][code]
            if code in got and code in SOFT and p < veto:
                got.discard(code)
            limit = strict if code in ("no_real_photos", "no_inspection") else add
            if code not in got and code in r["addable"] and p >= limit:
                got.add(code)
        want = set(r["flags"]) & set(CODES)
        got &= set(CODES)
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        chatter += bool(got) and r.get("chatter", False)
    p, rec = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    return f"P {p:.3f} R {rec:.3f} F {2 * p * rec / max(p + rec, 1e-9):.3f} chatter {chatter}"


def main() -> int:
    pairs = [arg.split("=", 1) for arg in sys.argv[1:]]
    if not pairs or any(len(p) != 2 for p in pairs):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    pool: list[dict[str, Any]] = []
    for name, commit in pairs:
        rows = rows_of(name)
        snaps = snapshot(commit, rows)
        model = model_without(name)
        for row, snap in zip(rows, snaps, strict=True):
            example: Example = (row["text"], tuple(row["asked"]))
            probs = model.probabilities(normalise(example[0]), example[1])
            pool.append({**row, **snap, "p": probs})
        print(f"{name}: {len(rows)} lines at {commit}", file=sys.stderr)
    print(f"rules alone: {score(pool, 2.0, 2.0, 0.0)}")
    for add in (0.6, 0.7, 0.8, 0.9):
        for veto in (0.0, 0.1, 0.2, 0.3):
            print(f"add {add} (photos, inspection 0.9) veto {veto}: {score(pool, add, 0.9, veto)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
