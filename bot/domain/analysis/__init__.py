"""Supplier-reply analysis: red flags with evidence and advice, facts, unanswered questions.

Pure: the rule data comes in as the parsed TOML (see ``rules.compile_rules``).
"""

from .analyser import Analyser, Analysis, Flag
from .rules import RulesError

__all__ = ["Analyser", "Analysis", "Flag", "RulesError"]
