"""``pifa check``: readable report, --json, --jsonl with invalid lines."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest

from bot.cli import main
from bot.cli_check import check_line


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: bytes = b"",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_of_text_argument(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    code, out, _ = run(
        monkeypatch,
        capsys,
        [
            "check",
            "--json",
            "--asked",
            "moq,price,lead_time",
            "亲 起订量500件 单价12.5元 加我微信转账便宜点",
        ],
    )
    assert code == 0
    result = json.loads(out)
    assert set(result) == {"flags", "facts", "unanswered"}
    assert [f["code"] for f in result["flags"]] == ["off_platform_payment", "unanswered"]
    assert result["facts"] == {"moq": 500, "unit_price": 12.5}
    assert result["unanswered"] == ["lead_time"]


def test_text_from_stdin_and_market_price(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["check", "--json", "--market-price", "25"],
        "太阳能灯 6块5一个".encode(),
    )
    assert code == 0
    flags = json.loads(out)["flags"]
    assert flags == [{"code": "price_too_low", "severity": "high", "evidence": "6块5"}]


def test_readable_report(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["check", "--asked", "moq,price,lead_time", "亲 起订量500件 单价12.5元 加我微信转账便宜点"],
    )
    assert code == 0
    assert "off_platform_payment" in out and "微信转账" in out
    assert "Alipay" in out  # the advice text
    assert "500" in out and "12.5" in out
    assert "Not answered: lead time" in out


def test_readable_report_when_nothing_found(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    code, out, _ = run(monkeypatch, capsys, ["check", "有货的哈亲👌"])
    assert code == 0
    assert "No red flags" in out and "No facts" in out and "Not answered" not in out


def test_jsonl_keeps_order_and_reports_bad_lines(
    monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    lines = [
        json.dumps({"text": "先付全款 其他的好说", "asked": ["price"], "market_price": None}),
        "not json",
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": 5}),
        json.dumps({"text": "x", "asked": ["colour"]}),
        json.dumps({"text": "x", "asked": "moq"}),
        json.dumps({"text": "x", "market_price": -1}),
        json.dumps({"text": "x", "market_price": True}),
        json.dumps({"text": "亲 现货 今天拍明天发", "asked": ["lead_time"]}),
    ]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xff\xfe broken\n"
    code, out, _ = run(monkeypatch, capsys, ["check", "--jsonl"], stdin)
    assert code == 0
    rows = [json.loads(x) for x in out.splitlines()]
    assert len(rows) == len(lines) + 1
    assert rows[0]["facts"] == {"deposit_percent": 100}
    assert [f["code"] for f in rows[0]["flags"]] == ["full_prepayment", "unanswered", "vague"]
    for row in rows[1:9] + rows[10:]:
        assert set(row) == {"error"} and row["error"]
    assert rows[9] == {"flags": [], "facts": {"lead_time_days": 1}, "unanswered": []}


def test_check_line_accepts_missing_optional_fields() -> None:
    assert check_line('{"text": "单价8块"}') == {
        "flags": [],
        "facts": {"unit_price": 8},
        "unanswered": [],
    }


def test_bad_arguments(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        run(monkeypatch, capsys, ["check", "--asked", "colour", "hi"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit):
        run(monkeypatch, capsys, ["check", "--json", "--jsonl"])
    code, _, err = run(monkeypatch, capsys, ["check", "--jsonl", "text too"])
    assert code == 1 and "pifa:" in err


def test_python_m_bot_check_jsonl() -> None:
    import subprocess
    import sys

    lines = '{"text": "定金三成 麻烦转我微信", "asked": ["payment_terms"]}\n{"oops"\n'
    proc = subprocess.run(
        [sys.executable, "-m", "bot", "check", "--jsonl"],
        input=lines.encode(),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    first, second = (json.loads(x) for x in proc.stdout.decode("utf-8").splitlines())
    assert first["flags"][0]["code"] == "off_platform_payment"
    assert first["facts"] == {"deposit_percent": 30}
    assert set(second) == {"error"}
