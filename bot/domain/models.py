"""Plain records passed between the store, the handlers and the templates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class User:
    user_id: int
    first_name: str
    language: str
    timezone: str | None
    active_supplier_id: int | None


@dataclass(frozen=True, slots=True)
class Supplier:
    id: int
    user_id: int
    name: str
    shop_url: str | None = None
    product: str | None = None
    tier: str | None = None
    member_years: float | None = None
    archived: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    id: int
    user_id: int
    supplier_id: int | None
    direction: str
    kind: str
    text: str
    created_at: str
    translation: str | None = None
    asked: tuple[str, ...] = ()
    flags: tuple[dict[str, Any], ...] = ()
    facts: dict[str, Any] = field(default_factory=dict)
    file_id: str | None = None
    update_id: int | None = None
