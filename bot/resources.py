"""Locate the data folders (``templates/`` and ``phrases/``).

In a wheel they are force-included as ``bot/templates`` and ``bot/phrases``; in a source checkout
they stay at the top of the repository. ``importlib.resources`` finds the packaged copy first.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

_REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir(name: str) -> Traversable:
    """Return the folder ``name`` (``"templates"`` or ``"phrases"``) wherever it is installed."""
    packaged = files("bot").joinpath(name)
    if packaged.is_dir():
        return packaged
    return _REPO_ROOT / name


def templates_dir() -> Traversable:
    return data_dir("templates")


def phrases_dir() -> Traversable:
    return data_dir("phrases")


@cache
def load_toml(name: str) -> dict[str, Any]:
    """Load ``phrases/<name>`` (e.g. ``"glossary.toml"``) once; the result must not be mutated."""
    return tomllib.loads(phrases_dir().joinpath(name).read_text(encoding="utf-8"))


@cache
def load_json(name: str) -> Any:
    """Load ``phrases/<name>`` (data written by a script, e.g. the reply model) once."""
    return json.loads(phrases_dir().joinpath(name).read_text(encoding="utf-8"))
