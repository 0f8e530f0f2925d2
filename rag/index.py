"""The index folder: chunk store, vectors, FAISS, BM25 and a manifest that records what built it.

Layout of `$RAG_HOME/index` (a symlink swapped atomically to the latest build under `builds/`):
    manifest.json  schema, model, dimension, prompts, tokenizer, chunking, documents, fingerprint
    docs.jsonl     clean documents (text, metadata, cleaning report, headings)
    chunks.jsonl   chunks (doc_id, offsets, section, text)
    vectors.npy    float32 (n, d) passage embeddings, kept so adds never re-embed old chunks
    faiss.index    exact inner product (IndexFlatIP), HNSW above HNSW_MIN_CHUNKS
    bm25/          bm25s index over `rag.tokenize` tokens of title + section + chunk text
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import index_text
from rag.errors import IndexCorruptError, IndexMismatchError, IndexNotFoundError
from rag.settings import Settings
from rag.tokenize import TOKENIZER_NAME, tokenize
from rag.types import Chunk, CleanDoc, CleaningReport, DocMeta, Heading, ReportItem

SCHEMA_VERSION = 1
HNSW_MIN_CHUNKS = (
    300_000  # exact search of 100,000 chunks takes ~8 ms here (`python -m eval.bench`): stay exact
)
FILES = ("manifest.json", "docs.jsonl", "chunks.jsonl", "vectors.npy", "faiss.index")


# ---------------------------------------------------------------- (de)serialisation of stage types
def doc_to_dict(doc: CleanDoc) -> dict[str, Any]:
    return asdict(doc)


def doc_from_dict(data: dict[str, Any]) -> CleanDoc:
    report = data["report"]
    return CleanDoc(
        doc_id=data["doc_id"],
        text=data["text"],
        meta=DocMeta(**data["meta"]),
        report=CleaningReport(
            encoding=report["encoding"],
            items=tuple(ReportItem(**item) for item in report["items"]),
            counts=dict(report["counts"]),
            placeholders=report["placeholders"],
        ),
        headings=tuple(Heading(**h) for h in data["headings"]),
        sha256=data.get("sha256", ""),
    )


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    return {k: v for k, v in asdict(chunk).items() if k != "meta"}


# ---------------------------------------------------------------- the loaded index
class Index:
    """A loaded, read-only index. Searches return (chunk position, score) best first."""

    def __init__(
        self,
        path: Path,
        manifest: dict[str, Any],
        docs: dict[str, CleanDoc],
        chunks: list[Chunk],
        vectors: np.ndarray,
        faiss_index: Any,
        bm25: Any,
        embedder: Any,
    ) -> None:
        self.path = path
        self.manifest = manifest
        self.docs = docs
        self.chunks = chunks
        self.vectors = vectors
        self._faiss = faiss_index
        self._bm25 = bm25
        self.embedder = embedder

    def search_dense(self, qvec: np.ndarray, k: int, ids: list[int] | None = None) -> list[tuple[int, float]]:
        if not self.chunks:
            return []
        q = np.asarray(qvec, dtype=np.float32).reshape(1, -1)
        if ids is not None:  # exact scores on the subset
            subset = np.asarray(ids, dtype=np.int64)
            scores = self.vectors[subset] @ q[0]
            order = np.argsort(-scores)[:k]
            return [(int(subset[i]), float(scores[i])) for i in order]
        scores, positions = self._faiss.search(q, min(k, len(self.chunks)))
        return [(int(p), float(s)) for p, s in zip(positions[0], scores[0], strict=True) if p >= 0]

    def search_keyword(self, text: str, k: int, ids: list[int] | None = None) -> list[tuple[int, float]]:
        tokens = [t for t in tokenize(text) if t in self._bm25.vocab_dict]
        if not tokens or not self.chunks:
            return []
        scores = self._bm25.get_scores(tokens)
        candidates = np.arange(len(scores)) if ids is None else np.asarray(ids, dtype=np.int64)
        sub = scores[candidates]
        order = np.argsort(-sub)[:k]
        return [(int(candidates[i]), float(sub[i])) for i in order if sub[i] > 0]

    def info(self) -> dict[str, Any]:
        m = self.manifest
        return {
            "model": m["model"]["name"],
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
    """What an index must agree with to be used with these settings."""
    return {
        "schema": SCHEMA_VERSION,
        "model": {
            "name": embedder.name,
            "dimension": int(embedder.dim),
            "query_prompt": embedder.query_prompt,
            "passage_prompt": embedder.passage_prompt,
        },
        "tokenizer": TOKENIZER_NAME,
        "chunking": {"size": settings.chunk_size, "overlap": settings.chunk_overlap},
    }


def default_embedder(settings: Settings) -> Any:
    """The embedder the settings name (loaded once per process)."""
    from embeddings import get_embedder

    return get_embedder(
        settings.embed_model,
        models_dir=settings.models_dir,
        device=settings.device,
        batch_size=settings.batch_size,
    )


def check_manifest(manifest: dict[str, Any], expected: dict[str, Any]) -> None:
    fix = "run `rag ingest --rebuild data/` (or point RAG_HOME at an index built with these settings)"
    if manifest.get("schema") != expected["schema"]:
        raise IndexMismatchError(
            f"index format version {manifest.get('schema')} is not the supported {expected['schema']}: {fix}"
        )
    for key in ("model", "tokenizer", "chunking"):
        if manifest.get(key) != expected[key]:
            raise IndexMismatchError(
                f"index was built with {key} {manifest.get(key)}, settings ask for {expected[key]}: {fix}"
            )


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads((path / "manifest.json").read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(
            f"{path}/manifest.json is unreadable ({exc}): run `rag ingest --rebuild data/`"
        ) from None


def load_index(settings: Settings, *, embedder: Any = None) -> Index:
    path = settings.index_dir
    if not (path / "manifest.json").exists():
        raise IndexNotFoundError(f"no index at {path} yet: run `rag ingest data/` (or your own folder) first")
    manifest = read_manifest(path)
    embedder = embedder or default_embedder(settings)
    check_manifest(manifest, settings_signature(settings, embedder))
    return _read_files(path, manifest, embedder)


def _read_files(path: Path, manifest: dict[str, Any], embedder: Any) -> Index:
    import bm25s
    import faiss

    fix = "run `rag ingest --rebuild data/`"
    try:
        docs = {d.doc_id: d for d in map(doc_from_dict, _read_jsonl(path / "docs.jsonl"))}
        chunks = [Chunk(**row, meta=docs[row["doc_id"]].meta) for row in _read_jsonl(path / "chunks.jsonl")]
        vectors = np.load(path / "vectors.npy")
        faiss_index = faiss.read_index(str(path / "faiss.index"))
        bm25 = bm25s.BM25.load(str(path / "bm25"))
    except (OSError, ValueError, KeyError, TypeError, RuntimeError) as exc:
        raise IndexCorruptError(
            f"index at {path} is damaged ({type(exc).__name__}: {str(exc)[:120]}): {fix}"
        ) from None
    n = manifest["chunk_count"]
    if not (len(chunks) == n == vectors.shape[0] == faiss_index.ntotal):
        raise IndexCorruptError(
            f"index at {path} is inconsistent ({len(chunks)} chunks, {vectors.shape[0]} vectors, "
            f"{faiss_index.ntotal} in FAISS, manifest says {n}): {fix}"
        )
    return Index(path, manifest, docs, chunks, vectors, faiss_index, bm25, embedder)


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------- writing
def build_faiss(vectors: np.ndarray) -> tuple[Any, str]:
    import faiss

    dim = vectors.shape[1]
    index: Any
    if len(vectors) >= HNSW_MIN_CHUNKS:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efSearch = 128
        kind = "IndexHNSWFlat(M=32,efSearch=128)"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "IndexFlatIP"
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index, kind


def build_bm25(chunks: list[Chunk]) -> Any:
    import bm25s

    bm25 = bm25s.BM25()
    corpus = [tokenize(index_text(c)) or [""] for c in chunks]
    bm25.index(corpus, show_progress=False)
    return bm25


def write_index_files(
    folder: Path, manifest: dict[str, Any], docs: list[CleanDoc], chunks: list[Chunk], vectors: np.ndarray
) -> None:
    """Write a complete index into an empty folder (the caller swaps it into place)."""
    import faiss

    folder.mkdir(parents=True)
    _write_jsonl(folder / "docs.jsonl", [doc_to_dict(d) for d in docs])
    _write_jsonl(folder / "chunks.jsonl", [chunk_to_dict(c) for c in chunks])
    np.save(folder / "vectors.npy", vectors.astype(np.float32))
    faiss_index, kind = build_faiss(vectors)
    faiss.write_index(faiss_index, str(folder / "faiss.index"))
    build_bm25(chunks).save(str(folder / "bm25"))
    manifest = {**manifest, "faiss": kind, "chunk_count": len(chunks)}
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def remove_document(settings: Settings, doc_id: str) -> None:
    """Remove one document (and any record of duplicates of it) from the index."""
    from rag.ingest import rewrite_without

    rewrite_without(settings, doc_id)
