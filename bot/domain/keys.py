"""Question keys shared by /ask, the reply analyser and the `check` contract."""

from typing import Final

QUESTION_KEYS: Final[tuple[str, ...]] = (
    "real_photos",
    "moq",
    "price",
    "lead_time",
    "payment_terms",
    "samples",
    "customization",
    "qc",
    "shipping",
)

#: The asked keys whose answers the analyser checks against the extracted facts.
CHECKED_KEYS: Final[tuple[str, ...]] = ("moq", "price", "lead_time")
