"""Write the rule tests' table rows as one-code training cases for the reply model.

Usage: python scripts/dump_rule_cases.py eval/rule_cases.jsonl

The analysis tests hold a few hundred hand-written sentences, each saying that one code is
raised or stays quiet ("我们只走平台担保，不接受私人转账" raises no off_platform_payment). They
are the rule authors' knowledge of negations and safe wordings; the model learns them too, so
that it neither adds a flag the rules know to be safe nor drops one the rules know to be real.
The rows are read from pytest's own collection (``callspec.params``), not parsed from source.
Each line: ``{"text", "asked", "code", "present", "src"}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.domain.analysis.model import learnable_codes
from bot.resources import load_toml

ROOT = Path(__file__).resolve().parent.parent
MODEL_CODES = set(learnable_codes(load_toml("redflags.toml")))
#: Test-function name parts that say whether a row's code must be raised or stay quiet
#: (quiet words are checked first: "not_raised" contains "raised").
QUIET_NAMES = ("quiet", "not_raised", "not_refused", "safe", "calm", "answered", "no_pressure")
RAISED_NAMES = ("raise", "refused", "is_inspection")
#: For tables without a ``code`` column, the code named by the test function.
CODE_NAMES = (
    ("off_platform", "off_platform_payment"),
    ("on_platform", "off_platform_payment"),
    ("full_prepayment", "full_prepayment"),
    ("pressure", "pressure"),
    ("calm", "pressure"),
    ("no_license", "no_license"),
    ("no_photos", "no_real_photos"),
    ("pictures", "no_real_photos"),
    ("inspection", "no_inspection"),
    ("no_samples", "no_samples"),
    ("vague", "vague"),
)


def case(name: str, params: dict[str, Any]) -> dict[str, Any] | None:
    text = params.get("text")
    if not isinstance(text, str):
        return None
    asked = list(params.get("asked") or ())
    code = params.get("code")
    if code is None:
        code = next((c for part, c in CODE_NAMES if part in name), None)
    if code not in MODEL_CODES:
        return None
    present = params.get("vague", params.get("want")) if code == "vague" else None
    if not isinstance(present, bool):
        quiet = any(part in name for part in QUIET_NAMES)
        raised = not quiet and any(part in name for part in RAISED_NAMES)
        if quiet == raised:
            return None
        present = raised
    return {"text": text, "asked": asked, "code": code, "present": present}


class Collector:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        seen: set[tuple[str, str]] = set()
        for item in items:
            callspec = getattr(item, "callspec", None)
            if callspec is None:
                continue
            row = case(getattr(item, "originalname", item.name), callspec.params)
            if row is None or (row["text"], row["code"]) in seen:
                continue
            seen.add((row["text"], row["code"]))
            row["src"] = item.nodeid.split("[")[0]
            self.rows.append(row)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    out = Path(sys.argv[1])
    collector = Collector()
    tests = sorted(str(p) for p in (ROOT / "tests").glob("test_analysis_*.py"))
    code = pytest.main(["--collect-only", "-q", "-p", "no:cacheprovider", *tests], [collector])
    if code != 0:
        return int(code)
    lines = [json.dumps(row, ensure_ascii=False) + "\n" for row in collector.rows]
    out.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} cases written to {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
