"""Time the reply analyser: median µs per reply, scaling with length, hostile input.

Usage: python scripts/bench_analysis.py [LABELLED.jsonl]   (prints figures; asserts nothing)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.analysis import analyser

ROOT = Path(__file__).resolve().parent.parent


def _time(fn: object, *args: object, repeat: int = 1) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - t0)
    return best


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "eval" / "heldout.jsonl"
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    a = analyser()
    t0 = time.perf_counter()
    a.analyse("warm up 单价12元 起订100个")
    print(
        f"first call (rules already compiled at build): {(time.perf_counter() - t0) * 1e3:.2f} ms"
    )

    timings = []
    for _ in range(5):
        for row in rows:
            t = time.perf_counter()
            a.analyse(row["text"], row.get("asked", []), row.get("market_price"))
            timings.append(time.perf_counter() - t)
    timings.sort()
    print(
        f"{len(rows)} replies x5: median {statistics.median(timings) * 1e6:.0f} µs, "
        f"p95 {timings[int(len(timings) * 0.95)] * 1e6:.0f} µs, max {timings[-1] * 1e6:.0f} µs"
    )

    base = " ".join(r["text"] for r in rows)
    print("scaling with length (realistic text repeated):")
    for size in (1_000, 10_000, 100_000):
        text = (base * (size // len(base) + 1))[:size]
        secs = _time(a.analyse, text, ["moq", "price", "lead_time"], 10.0, repeat=3)
        print(f"  {size:>7} chars: {secs * 1e3:8.1f} ms  ({secs / size * 1e9:.0f} ns/char)")

    rng = random.Random(1688)
    hostile = {
        "100k random bytes (utf-8, replace)": os.urandom(100_000).decode("utf-8", "replace"),
        "100k random code points": "".join(
            chr(rng.randrange(0x20, 0x2FFFF)) for _ in range(100_000)
        ),
        "100k CJK numerals and units": "".join(
            rng.choice("一二两三四五六七八九十百千万块毛元天周个件起订0123456789.-到 ")
            for _ in range(100_000)
        ),
        "100k '不' + topic words": ("不" * 20 + "样品没有实拍") * 3800,
        "100k digits": "9" * 100_000,
        "100k spaces": " " * 100_000,
        "100k one clause of letters": "a" * 100_000,
        "empty": "",
    }
    print("hostile input:")
    for name, text in hostile.items():
        secs = _time(a.analyse, text, ["moq", "price", "lead_time"], 10.0)
        print(f"  {name:<36} {secs * 1e3:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
