"""The jinja2 environment: every text a user reads is rendered here.

Autoescape is on (replies are Telegram HTML) and undefined names raise, so a template that
references a missing value fails loudly in tests instead of printing an empty string.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup

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


def render(name: str, /, **values: Any) -> Markup:
    """Render ``templates/<name>`` with ``values``; surrounding whitespace is stripped.

    Returns ``Markup`` so a rendered part can be put into another template as it is.
    """
    return Markup(environment().get_template(name).render(**values).strip())


@cache
def _plain_environment() -> jinja2.Environment:
    # An overlay shares nothing with later overlays: build it once so its template cache lives.
    return environment().overlay(autoescape=False)


def render_plain(name: str, /, **values: Any) -> str:
    """Render a template meant for plain text (CLI output, copy blocks): no HTML escaping."""
    return _plain_environment().get_template(name).render(**values).strip()


@cache
def _phrase_template(file: str, key: str, plain: bool) -> jinja2.Template:
    from bot.resources import load_toml

    node: Any = load_toml(file)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"phrases/{file} has no {key!r}")
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"phrases/{file}: {key!r} is not a string")
    return (_plain_environment() if plain else environment()).from_string(node)


def phrase(file: str, key: str, /, **values: Any) -> Markup:
    """Render the short text ``key`` (dotted) of ``phrases/<file>`` as Telegram HTML.

    The result is ``Markup``: its values were escaped once, so putting it into a template does
    not escape its tags a second time.
    """
    return Markup(_phrase_template(file, key, False).render(**values).strip())


def phrase_plain(file: str, key: str, /, **values: Any) -> str:
    """Render ``key`` of ``phrases/<file>`` as plain text (stored notes, CLI output)."""
    return _phrase_template(file, key, True).render(**values).strip()


def ui(key: str, /, **values: Any) -> Markup:
    """The one-line interface text ``key`` (e.g. ``"access.refused"``) of phrases/ui.toml."""
    return phrase("ui.toml", key, **values)
