"""The loaded, read-only index and its searches. The folder itself belongs to `rag.store`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from rag import vectorstore
from rag.errors import IndexCorruptError, IndexMismatchError, ModelUnavailableError
from rag.lexicon import VERSION as LEXICON_VERSION
from rag.places import VERSION as PLACES_VERSION
from rag.settings import DEFAULT_MODEL, FAKE_MODEL, Settings
from rag.store import (
    HNSW_MIN_CHUNKS,
    SCHEMA_VERSION,
    build_faiss,
    current_build,
    live_build,
    read,
    read_manifest,
)
from rag.tokenize import TOKENIZER_NAME, tokenize
from rag.types import Chunk, CleanDoc

__all__ = [
    "HNSW_MIN_CHUNKS",
    "Index",
    "build_faiss",
    "default_embedder",
    "load_index",
    "resolve_backend",
    "settings_signature",
]


# ---------------------------------------------------------------- the loaded index
class Index:
    """A loaded, read-only index. Searches return (chunk position, score) best first."""

    def __init__(
        self,
        path: Path,
        manifest: dict[str, Any],
        docs: dict[str, CleanDoc],
        chunks: list[Chunk],
        vectors: np.ndarray | None,
        faiss_index: Any,
        bm25: Any,
        embedder: Any,
    ) -> None:
        self.path = path
        self.manifest = manifest
        self.docs = docs
        self.chunks = chunks
        self.vectors = vectors  # None with Milvus: the vectors stay in the collection
        self._faiss = faiss_index
        self._bm25 = bm25
        self.embedder = embedder

    vector_store: Any = None  # rag.vectorstore: Milvus when RAG_VECTOR_STORE=milvus, else FAISS (made on use)

    def search_dense(
        self, qvec: np.ndarray, k: int, ids: list[int] | None = None, filters: dict[str, Any] | None = None
    ) -> list[tuple[int, float]]:
        if not self.chunks:
            return []
        if self.vector_store is None:
            from rag.vectorstore import FaissStore

            assert self.vectors is not None  # only a Milvus index (which has its store) loads none

            self.vector_store = FaissStore(self._faiss, self.vectors, self.chunks)
        return list(self.vector_store.search(qvec, k, filters=filters, ids=ids))

    def search_keyword(self, text: str, k: int, ids: list[int] | None = None) -> list[tuple[int, float]]:
        tokens = [t for t in tokenize(text) if t in self._bm25.vocab_dict]
        if not tokens or not self.chunks:
            return []
        scores = self._bm25.get_scores(tokens)
        candidates = np.arange(len(scores)) if ids is None else np.asarray(ids, dtype=np.int64)
        sub = scores[candidates]
        order = np.argsort(-sub)[:k]
        return [(int(candidates[i]), float(sub[i])) for i in order if sub[i] > 0]

    def holds_word(self, word: str) -> bool:
        """Whether the keyword index has the word (as `tokenize` writes it)."""
        return word.lower() in self._bm25.vocab_dict

    def info(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "model": m["model"]["name"],
            "backend": m["model"].get("backend", "torch"),
            "chunks": m["chunk_count"],
            "documents": m["documents"],
            "dimension": m["model"]["dimension"],
            "faiss": m["faiss"],
            "tokenizer": m["tokenizer"],
            "built_at": m["built_at"],
            "fingerprint": m["fingerprint"],
            "size_bytes": sum(f.stat().st_size for f in self.path.rglob("*") if f.is_file()),
            "path": str(self.path),
        }


# ---------------------------------------------------------------- loading
def settings_signature(settings: Settings, embedder: Any) -> dict[str, Any]:
    """What an index must agree with to be used with these settings. The model entry names the embedding
    backend unless it is torch (manifests as before), so vectors of two backends never mix in one index."""
    model = {
        "name": embedder.name,
        "dimension": int(embedder.dim),
        "query_prompt": embedder.query_prompt,
        "passage_prompt": embedder.passage_prompt,
    }
    # an embedder that does not say (Ray's wrapper, the test fake) is what the settings load
    backend = getattr(embedder, "backend", None) or resolve_backend(settings).embed_backend
    if backend != "torch":
        model["backend"] = backend
    return {
        "schema": SCHEMA_VERSION,
        "model": model,
        "tokenizer": TOKENIZER_NAME,
        "chunking": {"size": settings.chunk_size, "overlap": settings.chunk_overlap},
        "gazetteer": PLACES_VERSION,  # the division table that read each document's city (recorded, not checked)
        "lexicon": LEXICON_VERSION,  # the vocabulary the cleaner and the answerer read with (recorded, not checked)
        **vectorstore.signature(settings),  # Milvus: {"vector_store": …}; FAISS: nothing
    }


def resolve_backend(settings: Settings, *, fresh: bool = False) -> Settings:
    """`settings` with RAG_EMBED_BACKEND=auto made concrete; other values are kept as they are.

    An index that is there already decides: auto runs the backend its manifest records (none recorded:
    torch), so an index built before auto existed keeps answering and taking additions. A new index (or
    `fresh`: a rebuild) gets onnx-int8 when the model runs on the CPU from a local folder (the default
    model is one), torch otherwise: a hub name, a GPU, the test fake."""
    if settings.embed_backend != "auto":
        return settings
    backend = None if fresh else _recorded_backend(settings)
    if backend is None:
        local = settings.embed_model == DEFAULT_MODEL or Path(settings.embed_model).expanduser().is_dir()
        backend = "onnx-int8" if settings.device == "cpu" and local else "torch"
    elif backend != "torch" and settings.device != "cpu":
        raise IndexMismatchError(
            f"the index was built with the {backend} embedding backend, which runs on the CPU, and "
            f"RAG_DEVICE={settings.device}: set RAG_DEVICE=cpu, or rebuild it for the GPU "
            "(rag ingest --rebuild)"
        )
    return replace(settings, embed_backend=backend)


def _recorded_backend(settings: Settings) -> str | None:
    """The backend the live index was built with; None when there is none (or it cannot be read: the
    read that follows says what is wrong)."""
    try:
        path = current_build(settings.index_dir)
        model = read_manifest(path)["model"] if path is not None else None
    except IndexCorruptError:
        return None
    return str(model.get("backend", "torch")) if isinstance(model, dict) else None


def default_embedder(settings: Settings) -> Any:
    """The embedder the settings name (loaded once per process); auto runs what `resolve_backend` says."""
    from embeddings import get_embedder

    _check_device(settings.device)
    settings = resolve_backend(settings)
    if settings.embed_model == FAKE_MODEL:  # tests only: subprocesses without the real model
        from embeddings.fake import HashingEmbedder

        return HashingEmbedder()
    return get_embedder(
        settings.embed_model,
        models_dir=settings.models_dir,
        device=settings.device,
        batch_size=settings.batch_size,
        backend=settings.embed_backend,
    )


def _check_device(device: str) -> None:
    if device == "cpu":
        return
    import torch

    available = torch.cuda.is_available() if device.startswith("cuda") else torch.backends.mps.is_available()
    if not available:
        raise ModelUnavailableError(
            f"RAG_DEVICE={device}, but no such device is available here: set RAG_DEVICE=cpu"
        )


def load_index(settings: Settings, *, embedder: Any = None) -> Index:
    """Load the live index; raises IndexNotFoundError, IndexMismatchError, IndexCorruptError."""
    settings = resolve_backend(settings)
    live_build(settings.index_dir)  # no index: said before a model loads
    embedder = embedder or default_embedder(settings)
    c = read(settings.index_dir, settings_signature(settings, embedder), query=True)
    docs = {d.doc_id: d for d in c.docs}
    index = Index(c.path, c.manifest, docs, c.chunks, c.vectors, c.faiss, c.bm25, embedder)
    from rag.vectorstore import open_store

    index.vector_store = open_store(c.path, c.manifest, settings)  # None: FAISS
    return index
