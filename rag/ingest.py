"""Files -> index: clean, deduplicate, chunk, embed only what is new, and commit a new build.

All folder work (lock, validation, atomic swap, clean-up) is `rag.store`'s: this module decides what
goes into the next build. The write lock is held from reading the current index to the swap, so two
writers never lose each other's documents; a damaged index is refused, never silently replaced.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, replace
from itertools import accumulate
from pathlib import Path
from typing import Any

import numpy as np

from rag import readers, releases, resume, store
from rag.chunking import chunk_document, index_text
from rag.cleaning import clean_file
from rag.errors import CleaningError, IndexMismatchError, RagError
from rag.index import default_embedder, settings_signature
from rag.settings import Settings
from rag.types import Chunk, CleanDoc

SUFFIXES = readers.SUFFIXES  # .txt .md .text .html .htm .pdf .docx (rag/readers)
Notify = Callable[[str], None]


@dataclass(frozen=True)
class FileResult:
    path: str  # readable (a name that is not UTF-8 is decoded as GB18030 or shown with \x escapes)
    status: str  # "indexed" | "unchanged" | "duplicate" | "skipped"
    detail: str = ""
    doc_id: str | None = None
    chunks: int = 0

    @property
    def format(self) -> str:
        """The file's format by its extension ("txt", "html", "pdf", "docx"), or its unsupported extension."""
        return readers.format_of(self.path) or (Path(self.path).suffix.lower() or "-")


@dataclass(frozen=True)
class IngestReport:
    files: tuple[FileResult, ...]
    index_dir: Path
    chunks: int  # chunks in the index after this run
    changed: bool  # False when nothing was written (a no-op run)
    removed_builds: int = 0  # unfinished builds of writers that died, removed by this run


@dataclass
class _State:
    """What the current index holds (or an empty one)."""

    docs: list[CleanDoc]
    chunks: list[Chunk]
    vectors: np.ndarray
    records: list[dict[str, Any]]  # manifest "documents", duplicates included

    @classmethod
    def empty(cls, dim: int) -> _State:
        return cls([], [], np.zeros((0, dim), dtype=np.float32), [])


class LocalStages:
    """Cleaning and chunking in this process; `rag.ray_ingest.RayStages` runs the same on Ray Data."""

    def clean(self, files: list[Path], max_bytes: int) -> Iterator[CleanDoc | CleaningError]:
        """Each file cleaned, or the error that skips it, in the order of `files`."""
        for path in files:
            try:
                yield clean_file(path, max_bytes)
            except CleaningError as exc:
                yield exc

    def chunk(self, docs: list[CleanDoc], size: int, overlap: int) -> list[Chunk]:
        """The chunks of the documents, document by document."""
        return [c for doc in docs for c in chunk_document(doc, size=size, overlap=overlap)]


# ---------------------------------------------------------------- paths
def readable(path: Path | str) -> str:
    """A path as a user can read it: names that are not UTF-8 (Windows zips) decoded as GB18030."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(text)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", "backslashreplace")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest (folders expanded, sorted) and results for what cannot be ingested at all."""
    files: list[Path] = []
    skipped: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            found, refused = _walk(path)
            files.extend(found)
            skipped.extend(refused)
        elif path.is_file():
            files.append(path)
        elif path.is_symlink():
            skipped.append(FileResult(readable(path), "skipped", "broken or looping link"))
        else:
            skipped.append(FileResult(readable(path), "skipped", "no such file or folder"))
    return files, skipped


def _walk(folder: Path) -> tuple[list[Path], list[FileResult]]:
    """Report files in a folder; hidden entries are ignored, links that leave the folder not followed."""
    root = os.path.realpath(folder)
    files: list[Path] = []
    skipped: list[FileResult] = []
    for p in sorted(folder.rglob("*")):
        if any(part.startswith(".") for part in p.relative_to(folder).parts):
            continue
        if p.is_symlink():
            if not _inside(os.path.realpath(p), root):
                skipped.append(FileResult(readable(p), "skipped", f"link leads outside {readable(folder)}"))
                continue
            if not p.exists():
                skipped.append(FileResult(readable(p), "skipped", "broken or looping link"))
                continue
        if not p.is_file():
            continue
        if p.suffix.lower() in SUFFIXES:
            files.append(p)
        else:
            skipped.append(FileResult(readable(p), "skipped", readers.unsupported(p.name)))
    return files, skipped


def _sha256(path: Path, max_bytes: int) -> str | None:
    try:
        if path.stat().st_size > max_bytes:
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


# ---------------------------------------------------------------- ingest
def ingest(
    paths: list[Path],
    settings: Settings,
    *,
    rebuild: bool = False,
    embedder: Any = None,
    progress: bool = True,
    notify: Notify | None = None,
    stages: Any = None,
) -> IngestReport:
    """Add files and folders to the index (or rebuild it from them) under the write lock.

    `notify` receives one-line messages: waiting for another writer, and each file as it is cleaned.
    `stages` cleans and chunks (`LocalStages` by default; `rag.ray_ingest.RayStages` on Ray); what must
    see all documents (duplicates, the write lock, the commit) stays here, in the same order either way."""
    stages = stages or LocalStages()
    with store.writer(settings, notify) as w:
        embedder = embedder or default_embedder(settings)
        state = _State.empty(embedder.dim) if rebuild else _read_state(w, settings, embedder)
        removed = w.clean_up()
        files, results = expand_paths([Path(p) for p in paths])
        new_docs = _clean_new(files, state, settings, stages, results, progress, notify)
        sorted_out = releases.plan(new_docs, state.docs)
        for doc, kept in sorted_out.duplicates:
            results.append(FileResult(doc.meta.source_file, "duplicate", f"duplicate of {kept}", doc.doc_id))
            state.records.append(_record(replace(doc, meta=replace(doc.meta, duplicate_of=kept)), 0))
        replaces = {new.doc_id: _drop_replaced(state, old, new) for old, new in sorted_out.replaced.items()}
        changed = bool(sorted_out.added or sorted_out.duplicates or rebuild)
        if changed:
            signature = settings_signature(settings, embedder)
            checkpoint = resume.Checkpoint(settings.home, signature, embedder.dim)  # under the write lock
            new_chunks = _embed_into(
                state, sorted_out.added, settings, embedder, stages, checkpoint, progress, notify
            )
            per_doc = Counter(c.doc_id for c in new_chunks)  # not a scan of all chunks per document
            for doc in sorted_out.added:
                n = per_doc[doc.doc_id]
                detail = doc.meta.title + (
                    f"; replaces {replaces[doc.doc_id]}" if doc.doc_id in replaces else ""
                )
                results.append(FileResult(doc.meta.source_file, "indexed", detail, doc.doc_id, n))
            if notify:
                notify(f"writing the index ({len(state.chunks):,} chunks)")
            _commit(w, state, settings, embedder)
            unused = checkpoint.finish()
            if unused and notify:
                notify(f"kept {unused:,} embedded chunks of an unfinished ingest of other files")
    return IngestReport(tuple(results), settings.index_dir, len(state.chunks), changed, removed)


def _read_state(w: store.Writer, settings: Settings, embedder: Any) -> _State:
    try:
        contents = w.read(settings_signature(settings, embedder))
    except IndexMismatchError as exc:
        raise IndexMismatchError(f"cannot add to the existing index: {exc}") from None
    if contents is None:
        return _State.empty(embedder.dim)
    records = list(contents.manifest["documents"])
    assert contents.vectors is not None  # a writer's read loads them, Milvus builds too
    return _State(contents.docs, contents.chunks, contents.vectors, records)


def _clean_new(
    files: list[Path],
    state: _State,
    settings: Settings,
    stages: Any,
    results: list[FileResult],
    progress: bool,
    notify: Notify | None,
) -> list[CleanDoc]:
    from tqdm import tqdm

    known = {r["sha256"]: r for r in state.records if r.get("sha256")}
    shas = [_sha256(path, settings.max_bytes) for path in files]
    todo = [path for path, sha in zip(files, shas, strict=True) if sha not in known]
    cleaned = iter(stages.clean(todo, settings.max_bytes))  # local: lazily, one file per step of the loop
    docs: list[CleanDoc] = []
    seen: set[str] = set()  # sha256 of the files cleaned in this run
    steps = tqdm(
        zip(files, shas, strict=True), total=len(files), desc="cleaning", unit="file", disable=not progress
    )
    for n, (path, sha) in enumerate(steps, start=1):
        name = readable(path)
        if notify:
            notify(f"cleaning {n}/{len(files)}: {Path(name).name}")
        if sha in known:
            record = known[sha]
            what = (
                f"duplicate of {record['duplicate_of']}" if record.get("duplicate_of") else "already indexed"
            )
            results.append(FileResult(name, "unchanged", what, record["doc_id"]))
            continue
        doc = next(cleaned)
        if isinstance(doc, CleaningError):
            results.append(FileResult(name, "skipped", str(doc).replace(str(path), name)))
            continue
        if doc.sha256 in seen:
            results.append(FileResult(name, "unchanged", "same content as another file in this run"))
            continue
        seen.add(doc.sha256)
        docs.append(replace(doc, meta=replace(doc.meta, source_file=Path(name).name)))
    return docs


def _drop_replaced(state: _State, old: str, new: CleanDoc) -> str:
    """Take the copy a re-release replaces out of the index (its record stays, as a duplicate of the new
    one); returns how the report names it."""
    record = next(r for r in state.records if r["doc_id"] == old)
    keep = [i for i, c in enumerate(state.chunks) if c.doc_id != old]
    state.chunks = [state.chunks[i] for i in keep]
    state.vectors = state.vectors[keep]
    state.docs = [d for d in state.docs if d.doc_id != old]
    releases.relink(state.records, old, new.doc_id)
    return f"{old} ({record['source_file']}, an older or less clean copy)"


def _embed_into(
    state: _State,
    added: list[CleanDoc],
    settings: Settings,
    embedder: Any,
    stages: Any,
    checkpoint: resume.Checkpoint,
    progress: bool,
    notify: Notify | None,
) -> list[Chunk]:
    """Chunk and embed the added documents into `state` (vectors in `checkpoint` are not made again);
    returns their chunks."""
    chunks = stages.chunk(added, settings.chunk_size, settings.chunk_overlap)
    if notify and chunks:
        notify(f"embedding {len(chunks)} chunks of {len(added)} documents")
    per_doc = Counter(c.doc_id for c in chunks)
    ends = list(accumulate(per_doc[doc.doc_id] for doc in added))
    texts = [index_text(c) for c in chunks]
    vectors = resume.embed(texts, embedder, checkpoint, doc_ends=ends, progress=progress, notify=notify)
    for doc in added:
        state.records.append(_record(doc, per_doc[doc.doc_id]))
    state.docs += added
    state.chunks += chunks
    if chunks:
        state.vectors = np.vstack([state.vectors, vectors])
    return chunks


def _record(doc: CleanDoc, chunks: int) -> dict[str, Any]:
    return {
        "doc_id": doc.doc_id,
        "source_file": doc.meta.source_file,
        "sha256": doc.sha256,
        "meta": asdict(doc.meta),
        "duplicate_of": doc.meta.duplicate_of,
        "chunks": chunks,
        "cleaning": dict(doc.report.counts, placeholders=doc.report.placeholders),
    }


def _commit(w: store.Writer, state: _State, settings: Settings, embedder: Any) -> None:
    from rag import __version__

    fingerprint = hashlib.sha256("".join(sorted(c.chunk_id for c in state.chunks)).encode()).hexdigest()[:16]
    manifest = {
        **settings_signature(settings, embedder),
        "package_version": __version__,
        "documents": state.records,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "fingerprint": fingerprint,
    }
    w.commit(manifest, state.docs, state.chunks, state.vectors)


# ---------------------------------------------------------------- remove
def remove_document(
    settings: Settings, doc_id: str, *, embedder: Any = None, notify: Notify | None = None
) -> None:
    """Write a new build without one document and without any record that points at it."""
    with store.writer(settings, notify) as w:
        embedder = embedder or default_embedder(settings)
        state = _read_state(w, settings, embedder)
        w.clean_up()
        if not any(r["doc_id"] == doc_id for r in state.records):
            raise RagError(f"no document {doc_id} in the index (see `rag info`)")
        keep = [i for i, c in enumerate(state.chunks) if c.doc_id != doc_id]
        state.chunks = [state.chunks[i] for i in keep]
        state.vectors = state.vectors[keep]
        state.docs = [d for d in state.docs if d.doc_id != doc_id]
        state.records = releases.without(state.records, doc_id)
        _commit(w, state, settings, embedder)
