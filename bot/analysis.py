"""The one place that loads the reply-analysis rules from ``phrases/``."""

from __future__ import annotations

import functools

from bot.domain.analysis import Analyser
from bot.resources import load_json, load_toml


@functools.cache
def analyser() -> Analyser:
    """The shared analyser, built once from ``redflags.toml``, ``analysis_facts.toml`` and the
    learned ``reply_model.json``."""
    return Analyser(
        {
            "redflags": load_toml("redflags.toml"),
            "facts": load_toml("analysis_facts.toml"),
            "model": load_json("reply_model.json"),
        }
    )
