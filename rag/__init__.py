"""报告问答: ask questions of Chinese government reports, get short cited answers.

Importing this package is cheap: no torch, no model, no file access. The heavy parts load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rag.errors import (
    CleaningError,
    IndexBusyError,
    IndexCorruptError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelUnavailableError,
    QuestionError,
    RagError,
    SettingsError,
)
from rag.settings import Settings
from rag.types import Answer, Chunk, Citation, CleanDoc, DocMeta, Hit

if TYPE_CHECKING:
    from rag.api import ask, build_index, load_index

__version__ = "0.1.0"

__all__ = [
    "Answer",
    "Chunk",
    "Citation",
    "CleanDoc",
    "CleaningError",
    "DocMeta",
    "Hit",
    "IndexBusyError",
    "IndexCorruptError",
    "IndexMismatchError",
    "IndexNotFoundError",
    "ModelUnavailableError",
    "QuestionError",
    "RagError",
    "Settings",
    "SettingsError",
    "ask",
    "build_index",
    "indicators",
    "load_index",
]


def __getattr__(name: str) -> Any:
    if name in {"ask", "build_index", "load_index"}:
        from rag import api

        return getattr(api, name)
    if name == "indicators":  # callable: rag.indicators(city=…, year=…) -> rows
        import rag.indicators as module

        return module
    raise AttributeError(f"module 'rag' has no attribute {name!r}")
