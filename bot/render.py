"""The jinja2 environment: every text a user reads is rendered here.

Autoescape is on (replies are Telegram HTML) and undefined names raise, so a template that
references a missing value fails loudly in tests instead of printing an empty string.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2

from bot.resources import templates_dir


class _TraversableLoader(jinja2.BaseLoader):
    """Load templates through importlib.resources, so an installed wheel works from any cwd."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Any]:
        node = templates_dir()
        for part in template.split("/"):
            node = node.joinpath(part)
        if not node.is_file():
            raise jinja2.TemplateNotFound(template)
        return node.read_text(encoding="utf-8"), None, lambda: True


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=_TraversableLoader(),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    return env


def render(name: str, /, **values: Any) -> str:
    """Render ``templates/<name>`` with ``values``; surrounding whitespace is stripped."""
    return environment().get_template(name).render(**values).strip()


@cache
def _plain_environment() -> jinja2.Environment:
    # An overlay shares nothing with later overlays: build it once so its template cache lives.
    return environment().overlay(autoescape=False)


def render_plain(name: str, /, **values: Any) -> str:
    """Render a template meant for plain text (CLI output, copy blocks): no HTML escaping."""
    return _plain_environment().get_template(name).render(**values).strip()


@cache
def _ui_template(key: str) -> jinja2.Template:
    from bot.resources import load_toml

    table = load_toml("ui.toml")
    node: Any = table
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"phrases/ui.toml has no {key!r}")
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"phrases/ui.toml: {key!r} is not a string")
    return environment().from_string(node)


def ui(key: str, /, **values: Any) -> str:
    """Render the one-line text ``key`` (dotted, e.g. ``"access.refused"``) of phrases/ui.toml."""
    return _ui_template(key).render(**values).strip()
