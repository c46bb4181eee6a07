"""The translation adapter: the only package that imports deep_translator."""

from bot.translate.base import Translation, Translator
from bot.translate.cache import MemoryTranslationCache, TranslationCache
from bot.translate.factory import build_translator
from bot.translate.fake import FakeTranslator

__all__ = [
    "FakeTranslator",
    "MemoryTranslationCache",
    "Translation",
    "TranslationCache",
    "Translator",
    "build_translator",
]
