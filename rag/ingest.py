"""Files -> index: clean, deduplicate, chunk, embed only what is new, and swap the new build in atomically.

Every build is written to `$RAG_HOME/builds/<id>/` and then `$RAG_HOME/index` (a symlink) is replaced
in one `os.replace`: a crash or Ctrl-C mid-build leaves the previous index in place and loadable.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import chunk_document, index_text
from rag.cleaning import clean_file, duplicate_of, find_duplicates
from rag.errors import CleaningError, IndexMismatchError, RagError
from rag.index import (
    _read_jsonl,
    check_manifest,
    default_embedder,
    doc_from_dict,
    read_manifest,
    settings_signature,
    write_index_files,
)
from rag.settings import Settings
from rag.types import Chunk, CleanDoc

SUFFIXES = {".txt", ".md", ".text"}


@dataclass(frozen=True)
class FileResult:
    path: str
    status: str  # "indexed" | "unchanged" | "duplicate" | "skipped"
    detail: str = ""
    doc_id: str | None = None
    chunks: int = 0


@dataclass(frozen=True)
class IngestReport:
    files: tuple[FileResult, ...]
    index_dir: Path
    chunks: int  # chunks in the index after this run
    changed: bool  # False when nothing was written (a no-op run)


@dataclass
class _State:
    """What the current index holds, loaded without the embedder."""

    docs: list[CleanDoc]
    chunks: list[Chunk]
    vectors: np.ndarray
    records: list[dict[str, Any]]  # manifest "documents", duplicates included


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest (folders expanded, sorted) and results for what cannot be ingested at all."""
    files: list[Path] = []
    skipped: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            files.extend(p for p in found if p.suffix.lower() in SUFFIXES)
            skipped.extend(
                FileResult(str(p), "skipped", f"not a text report ({p.suffix or 'no extension'})")
                for p in found
                if p.suffix.lower() not in SUFFIXES
            )
        elif path.is_file():
            files.append(path)
        else:
            skipped.append(FileResult(str(path), "skipped", "no such file or folder"))
    return files, skipped


def _sha256(path: Path, max_bytes: int) -> str | None:
    try:
        if path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def load_state(settings: Settings, embedder: Any) -> _State:
    path = settings.index_dir
    if not (path / "manifest.json").exists():
        return _State([], [], np.zeros((0, embedder.dim), dtype=np.float32), [])
    manifest = read_manifest(path)
    try:
        check_manifest(manifest, settings_signature(settings, embedder))
    except IndexMismatchError as exc:
        raise IndexMismatchError(f"cannot add to the existing index: {exc}") from None
    docs = [doc_from_dict(d) for d in _read_jsonl(path / "docs.jsonl")]
    by_id = {d.doc_id: d for d in docs}
    chunks = [Chunk(**row, meta=by_id[row["doc_id"]].meta) for row in _read_jsonl(path / "chunks.jsonl")]
    return _State(docs, chunks, np.load(path / "vectors.npy"), list(manifest["documents"]))


def ingest(
    paths: list[Path],
    settings: Settings,
    *,
    rebuild: bool = False,
    embedder: Any = None,
    progress: bool = True,
) -> IngestReport:
    embedder = embedder or default_embedder(settings)
    state = (
        _State([], [], np.zeros((0, embedder.dim), np.float32), [])
        if rebuild
        else load_state(settings, embedder)
    )
    files, results = expand_paths([Path(p) for p in paths])
    new_docs = _clean_new(files, state, settings, results, progress)
    added, duplicates = _deduplicate(new_docs, state.docs)
    for doc, kept in duplicates:
        results.append(FileResult(doc.meta.source_file, "duplicate", f"duplicate of {kept}", doc.doc_id))
        state.records.append(_record(replace(doc, meta=replace(doc.meta, duplicate_of=kept)), 0))
    new_chunks = [
        c
        for doc in added
        for c in chunk_document(doc, size=settings.chunk_size, overlap=settings.chunk_overlap)
    ]
    changed = bool(added or duplicates or rebuild)
    if changed:
        vectors = embedder.embed_documents([index_text(c) for c in new_chunks], show_progress=progress)
        for doc in added:
            n = sum(1 for c in new_chunks if c.doc_id == doc.doc_id)
            results.append(FileResult(doc.meta.source_file, "indexed", doc.meta.title, doc.doc_id, n))
            state.records.append(_record(doc, n))
        state.docs += added
        state.chunks += new_chunks
        state.vectors = np.vstack([state.vectors, vectors]) if len(new_chunks) else state.vectors
        write_build(settings, state, embedder)
    return IngestReport(tuple(results), settings.index_dir, len(state.chunks), changed)


def _clean_new(
    files: list[Path], state: _State, settings: Settings, results: list[FileResult], progress: bool
) -> list[CleanDoc]:
    from tqdm import tqdm

    max_bytes = settings.max_file_mb * 1024 * 1024
    known = {r["sha256"]: r for r in state.records}
    docs: list[CleanDoc] = []
    for path in tqdm(files, desc="cleaning", unit="file", disable=not progress):
        sha = _sha256(path, max_bytes)
        if sha in known:
            record = known[sha]
            what = (
                f"duplicate of {record['duplicate_of']}" if record.get("duplicate_of") else "already indexed"
            )
            results.append(FileResult(str(path), "unchanged", what, record["doc_id"]))
            continue
        try:
            doc = clean_file(path, max_bytes)
        except CleaningError as exc:
            results.append(FileResult(str(path), "skipped", str(exc)))
            continue
        if any(d.sha256 == doc.sha256 for d in docs):
            results.append(FileResult(str(path), "unchanged", "same content as another file in this run"))
            continue
        docs.append(replace(doc, meta=replace(doc.meta, source_file=path.name)))
    return docs


def _deduplicate(
    new: list[CleanDoc], existing: list[CleanDoc]
) -> tuple[list[CleanDoc], list[tuple[CleanDoc, str]]]:
    """New docs to index, and (duplicate, kept doc_id) pairs: within this run, then against the index."""
    within = find_duplicates(new)
    added: list[CleanDoc] = []
    duplicates: list[tuple[CleanDoc, str]] = []
    for doc in new:
        kept = within.get(doc.doc_id) or duplicate_of(doc, existing)
        if kept:
            duplicates.append((doc, kept))
        else:
            added.append(doc)
    return added, duplicates


def _record(doc: CleanDoc, chunks: int) -> dict[str, Any]:
    from dataclasses import asdict

    return {
        "doc_id": doc.doc_id,
        "source_file": doc.meta.source_file,
        "sha256": doc.sha256,
        "meta": asdict(doc.meta),
        "duplicate_of": doc.meta.duplicate_of,
        "chunks": chunks,
        "cleaning": dict(doc.report.counts, placeholders=doc.report.placeholders),
    }


def write_build(settings: Settings, state: _State, embedder: Any) -> None:
    builds = settings.home / "builds"
    builds.mkdir(parents=True, exist_ok=True)
    folder = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**6}"
    fingerprint = hashlib.sha256("".join(sorted(c.chunk_id for c in state.chunks)).encode()).hexdigest()[:16]
    from rag import __version__

    manifest = {
        **settings_signature(settings, embedder),
        "package_version": __version__,
        "documents": state.records,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "fingerprint": fingerprint,
    }
    write_index_files(folder, manifest, state.docs, state.chunks, state.vectors)
    _swap_in(settings.index_dir, folder)


def _swap_in(link: Path, folder: Path) -> None:
    """Point `link` at `folder` in one atomic rename; keep the previous build for readers still loading it."""
    if link.exists() and not link.is_symlink():  # an index folder from before symlinked builds
        shutil.move(str(link), str(folder.parent / f"legacy-{time.time_ns()}"))
    tmp = link.with_name(f".{link.name}-{os.getpid()}.swap")
    if tmp.is_symlink():
        tmp.unlink()
    previous = link.resolve() if link.is_symlink() else None
    os.symlink(os.path.relpath(folder, link.parent), tmp)
    os.replace(tmp, link)
    for old in folder.parent.iterdir():
        if old not in (folder, previous):
            shutil.rmtree(old, ignore_errors=True)


def rewrite_without(settings: Settings, doc_id: str) -> None:
    """Write a new build without one document (and without records of its duplicates)."""
    embedder = default_embedder(settings)
    state = load_state(settings, embedder)
    if not any(r["doc_id"] == doc_id for r in state.records):
        raise RagError(f"no document {doc_id} in the index (see `rag info`)")
    keep = [i for i, c in enumerate(state.chunks) if c.doc_id != doc_id]
    state.chunks = [state.chunks[i] for i in keep]
    state.vectors = state.vectors[keep]
    state.docs = [d for d in state.docs if d.doc_id != doc_id]
    state.records = [r for r in state.records if doc_id not in (r["doc_id"], r.get("duplicate_of"))]
    write_build(settings, state, embedder)
