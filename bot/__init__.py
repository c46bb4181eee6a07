"""Pifa (批发): a Telegram assistant for buyers talking to Chinese 1688 suppliers."""

__version__ = "0.1.0"
