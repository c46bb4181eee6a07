"""The one place that loads the reply-analysis rules from ``phrases/``."""

from __future__ import annotations

import functools

from bot.domain.analysis import Analyser
from bot.resources import load_toml


@functools.cache
def analyser() -> Analyser:
    """The shared analyser, built from ``redflags.toml`` and ``analysis_facts.toml`` once."""
    return Analyser(
        {"redflags": load_toml("redflags.toml"), "facts": load_toml("analysis_facts.toml")}
    )
