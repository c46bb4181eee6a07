import pytest

from bot.domain.direction import han_ratio, is_han, is_supplier_text


@pytest.mark.parametrize(
    ("text", "ratio", "supplier"),
    [
        ("", 0.0, False),
        ("   \n ", 0.0, False),
        ("500", 0.0, False),
        ("12.5 × 500 = 6250", 0.0, False),
        ("👍👍🙏", 0.0, False),
        ("亲，您好", 1.0, True),
        ("起订量500件，单价12.5元", 1.0, True),
        ("hello", 0.0, False),
        ("Привет", 0.0, False),
        # Two Han letters against two Latin ones: exactly half is the supplier.
        ("OK 好的", 0.5, True),
        ("MOQ 500件", 0.25, False),
        ("好 abc", 0.25, False),
        ("亲 MOQ是500 pcs", 0.25, False),
        ("亲，MOQ是500件，可以混批", 7 / 10, True),
        ("https://detail.1688.com/offer/123.html 这个有现货吗", 1.0, True),
        ("see www.example.com/abc 好", 0.25, False),
        ("Hi 👋 我们的工厂在义乌", 0.8, True),
        ("こんにちは", 0.0, False),
    ],
)
def test_han_ratio_and_direction(text: str, ratio: float, supplier: bool) -> None:
    assert han_ratio(text) == pytest.approx(ratio)
    assert is_supplier_text(text) is supplier


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("中", True),
        ("㐀", True),
        ("𠀀", True),
        ("a", False),
        ("。", False),
        ("ア", False),
        ("5", False),
    ],
)
def test_is_han(char: str, expected: bool) -> None:
    assert is_han(char) is expected
