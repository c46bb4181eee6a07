"""Shared helpers for the rule tests: the shipped rules alone, without the learned model."""

from __future__ import annotations

import functools

from bot.domain.analysis import Analyser
from bot.resources import load_toml


@functools.cache
def rules_only() -> Analyser:
    """The shipped rules without any learned model: rule tests pin the rules themselves."""
    return Analyser(
        {"redflags": load_toml("redflags.toml"), "facts": load_toml("analysis_facts.toml")}
    )


def codes(text: str, asked: tuple[str, ...] = ()) -> set[str]:
    """The flag codes the rules alone raise for ``text``."""
    return set(rules_only().analyse(text, asked).codes)
