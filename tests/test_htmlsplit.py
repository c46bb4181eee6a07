import re

import pytest

from bot.domain.htmlsplit import split_html, visible_length


def balanced(html: str) -> bool:
    stack: list[str] = []
    for m in re.finditer(r"<(/?)([a-z-]+)[^>]*>", html):
        if m.group(1):
            if not stack or stack.pop() != m.group(2):
                return False
        else:
            stack.append(m.group(2))
    return not stack


@pytest.mark.parametrize(
    ("text", "expected"),
    [("plain", 5), ("<b>bold</b>", 4), ("a &amp; b", 5), ("😀", 2), ("<a href='x'>链接</a>", 2)],
)
def test_visible_length(text: str, expected: int) -> None:
    assert visible_length(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "<b>Head</b>\n" + "\n".join(f"<i>line {i}</i> &amp; more text" for i in range(900)),
        "<code>" + "x" * 10_000 + "</code>",
        "中文句子。" * 3000,
        "<pre>" + "😀" * 5000 + "</pre>",
        "<b><i>" + "word " * 3000 + "</i></b>",
    ],
)
def test_split_parts_fit_and_stay_balanced(text: str) -> None:
    parts = split_html(text)
    assert len(parts) > 1
    for part in parts:
        assert 0 < visible_length(part) <= 4096
        assert balanced(part)
    stripped = re.sub(r"<[^>]+>", "", "".join(parts))
    assert (
        len(stripped.replace("\n", ""))
        >= len(re.sub(r"<[^>]+>", "", text).replace("\n", "")) - len(parts) * 2
    )


def test_short_text_is_one_part() -> None:
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]


def test_markup_input_is_split_as_plain_html() -> None:
    from markupsafe import Markup

    parts = split_html(Markup("<b>x</b> " + "a&amp;b <i>q</i> " * 2000))
    assert all(visible_length(p) <= 4096 and type(p) is str for p in parts)
