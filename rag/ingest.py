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
from rag.cleaning.dedup import signature
from rag.errors import CleaningError, IndexMismatchError, RagError
from rag.index import default_embedder, resolve_backend, settings_signature
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
        """The file's format by its extension ("txt", "md", "html", "pdf", "docx"), or its unsupported extension."""
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
    retokenize: bool = False  # its keyword index was built with another tokenizer: made again from its chunks

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
BATCH_DOCS = 256  # documents chunked (texts and chunks held) at once; vectors go to the build as made


def ingest(
    paths: list[Path],
    settings: Settings,
    *,
    rebuild: bool = False,
    embedder: Any = None,
    progress: bool = True,
    notify: Notify | None = None,
    stages: Any = None,
    batch_docs: int = BATCH_DOCS,
) -> IngestReport:
    """Add files and folders to the index (or rebuild it from them) under the write lock.

    `notify` receives one-line messages: waiting for another writer, each file as it is cleaned, the
    embedding progress. `stages` cleans and chunks (`LocalStages` by default; `rag.ray_ingest.RayStages`
    on Ray); what must see all documents (duplicates, the write lock, the commit) stays here, in the same
    order either way.

    Memory: the new build is written as the run goes (`rag.store.Build`). Cleaned texts wait on disk
    while duplicates are decided from signatures and metadata; then `batch_docs` documents at a time are
    chunked and written, and their chunks embedded a batch at a time, vectors appended to the build. The
    index that is there already is read whole, as a query reads it."""
    stages = stages or LocalStages()
    with store.writer(settings, notify) as w:
        settings = resolve_backend(settings, fresh=rebuild)  # auto: the index's backend, read under the lock
        embedder = embedder or default_embedder(settings)
        state = _State.empty(embedder.dim) if rebuild else _read_state(w, settings, embedder, notify)
        removed = w.clean_up()
        files, results = expand_paths([Path(p) for p in paths])
        chunks = len(state.chunks)
        with w.build(embedder.dim) as build:
            new_docs = _clean_new(files, state, settings, stages, results, build, progress, notify)
            sorted_out = releases.plan(new_docs, state.docs)
            for doc, kept in sorted_out.duplicates:
                results.append(
                    FileResult(doc.meta.source_file, "duplicate", f"duplicate of {kept}", doc.doc_id)
                )
                state.records.append(_record(doc, 0, duplicate_of=kept))
            replaces = {
                new.doc_id: _drop_replaced(state, old, new) for old, new in sorted_out.replaced.items()
            }
            changed = bool(sorted_out.added or sorted_out.duplicates or rebuild or state.retokenize)
            if changed:
                signature = settings_signature(settings, embedder)
                checkpoint = resume.Checkpoint(settings.home, signature, embedder.dim)  # under the write lock
                build.add(state.docs, state.chunks, state.vectors)  # what stays of the index, first
                state.docs, state.chunks = [], []
                state.vectors = state.vectors[:0]
                per_doc = _add_new(
                    build,
                    sorted_out.added,
                    settings,
                    embedder,
                    stages,
                    checkpoint,
                    batch_docs,
                    progress,
                    notify,
                )
                for doc in sorted_out.added:
                    detail = doc.meta.title + (
                        f"; replaces {replaces[doc.doc_id]}" if doc.doc_id in replaces else ""
                    )
                    state.records.append(_record(doc, per_doc[doc.doc_id]))
                    results.append(
                        FileResult(doc.meta.source_file, "indexed", detail, doc.doc_id, per_doc[doc.doc_id])
                    )
                if notify:
                    notify(f"writing the index ({build.chunks:,} chunks)")
                _commit(w, build, state.records, settings, embedder)
                chunks = build.chunks
                unused = checkpoint.finish()
                if unused and notify:
                    notify(f"kept {unused:,} embedded chunks of an unfinished ingest of other files")
    return IngestReport(tuple(results), settings.index_dir, chunks, changed, removed)


def _read_state(w: store.Writer, settings: Settings, embedder: Any, notify: Notify | None = None) -> _State:
    """The live index as the writer reads it. One built with another tokenizer only is read too: its stored
    chunks are tokenized again into the new build's keyword index (no text is embedded again)."""
    expected = settings_signature(settings, embedder)
    retokenize = False
    try:
        contents = w.read(expected)
    except IndexMismatchError as exc:
        older = _other_tokenizer(settings, expected)
        if older is None:
            raise IndexMismatchError(f"cannot add to the existing index: {exc}") from None
        contents, retokenize = w.read({**expected, "tokenizer": older}), True
        if notify:
            notify(f"the keyword index was built with tokenizer {older}: made again from the stored chunks")
    if contents is None:
        return _State.empty(embedder.dim)
    records = list(contents.manifest["documents"])
    assert contents.vectors is not None  # a writer's read loads them, Milvus builds too
    return _State(contents.docs, contents.chunks, contents.vectors, records, retokenize)


def _other_tokenizer(settings: Settings, expected: dict[str, Any]) -> str | None:
    """The live index's tokenizer when it differs from `expected`'s and nothing else that is checked does."""
    path = store.current_build(settings.index_dir)
    if path is None:
        return None
    try:
        manifest = store.read_manifest(path)
    except RagError:
        return None
    same = {**manifest, "tokenizer": expected["tokenizer"]}
    try:
        store.check_manifest(same, expected)
    except IndexMismatchError:
        return None
    older = manifest.get("tokenizer")
    return older if isinstance(older, str) and older != expected["tokenizer"] else None


def _clean_new(
    files: list[Path],
    state: _State,
    settings: Settings,
    stages: Any,
    results: list[FileResult],
    build: store.Build,
    progress: bool,
    notify: Notify | None,
) -> list[CleanDoc]:
    """The documents of the files not indexed yet, cleaned one at a time; their texts wait in the build
    (`Build.keep`), their signatures for duplicate detection are made while the text is at hand."""
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
    start = time.monotonic()
    for n, (path, sha) in enumerate(steps, start=1):
        name = readable(path)
        if notify:
            notify(cleaning_note(n, len(files), Path(name).name, time.monotonic() - start))
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
        signature(doc)  # kept by doc_id: duplicate detection never needs the text again
        docs.append(build.keep(replace(doc, meta=replace(doc.meta, source_file=Path(name).name))))
    return docs


def cleaning_note(n: int, total: int, name: str, seconds: float) -> str:
    """'cleaning 4/10: 报告.pdf, 2.5 files/s, 0:03 left' before file n is cleaned (the rate from the
    n - 1 files done; none before the first)."""
    done = n - 1
    if not done or seconds <= 0:
        return f"cleaning {n}/{total}: {name}"
    rate = done / seconds
    return f"cleaning {n}/{total}: {name}, {rate:.1f} files/s, {resume.clock((total - done) / rate)} left"


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


def _add_new(
    build: store.Build,
    added: list[CleanDoc],
    settings: Settings,
    embedder: Any,
    stages: Any,
    checkpoint: resume.Checkpoint,
    batch: int,
    progress: bool,
    notify: Notify | None,
) -> Counter[str]:
    """Chunk the added documents into the build `batch` documents at a time, then embed their chunks as
    they read back from it (vectors in `checkpoint` are not made again); returns chunks per document."""
    from tqdm import tqdm

    first = build.chunks
    per_doc: Counter[str] = Counter()
    reused = 0
    with tqdm(total=len(added), desc="chunking", unit="doc", disable=not progress) as bar:
        for lo in range(0, len(added), batch):
            docs = [d.load() if isinstance(d, store.StoredDoc) else d for d in added[lo : lo + batch]]
            chunks = stages.chunk(docs, settings.chunk_size, settings.chunk_overlap)
            build.add_docs(docs)
            build.add_chunks(chunks)
            per_doc.update(c.doc_id for c in chunks)
            reused += sum(checkpoint.has(resume.text_hash(index_text(c))) for c in chunks)
            bar.update(len(docs))
    total = build.chunks - first
    if notify and total:
        notify(f"embedding {total} chunks of {len(added)} documents")
    ends = list(accumulate(per_doc[doc.doc_id] for doc in added))
    meter = resume.Progress(ends, reused=reused, progress=progress, notify=notify)
    texts = (index_text(c) for c in build.read_chunks(first))
    try:
        for vectors in resume.embed(texts, embedder, checkpoint, meter):
            build.add_vectors(vectors)
    finally:
        meter.close()
    return per_doc


def _record(doc: CleanDoc, chunks: int, duplicate_of: str | None = None) -> dict[str, Any]:
    meta = asdict(doc.meta)
    if duplicate_of:
        meta["duplicate_of"] = duplicate_of
    return {
        "doc_id": doc.doc_id,
        "source_file": doc.meta.source_file,
        "sha256": doc.sha256,
        "meta": meta,
        "duplicate_of": meta["duplicate_of"],
        "chunks": chunks,
        "cleaning": dict(doc.report.counts, placeholders=doc.report.placeholders),
    }


def _commit(
    w: store.Writer, build: store.Build, records: list[dict[str, Any]], settings: Settings, embedder: Any
) -> None:
    from rag import __version__

    manifest = {
        **settings_signature(settings, embedder),
        "package_version": __version__,
        "documents": records,
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "fingerprint": build.fingerprint(),
    }
    w.commit(build, manifest)


# ---------------------------------------------------------------- remove
def remove_document(
    settings: Settings, doc_id: str, *, embedder: Any = None, notify: Notify | None = None
) -> None:
    """Write a new build without one document and without any record that points at it."""
    with store.writer(settings, notify) as w:
        settings = resolve_backend(settings)
        embedder = embedder or default_embedder(settings)
        state = _read_state(w, settings, embedder)
        w.clean_up()
        if not any(r["doc_id"] == doc_id for r in state.records):
            raise RagError(f"no document {doc_id} in the index (see `rag info`)")
        keep = [i for i, c in enumerate(state.chunks) if c.doc_id != doc_id]
        with w.build(embedder.dim) as build:
            build.add(
                [d for d in state.docs if d.doc_id != doc_id],
                [state.chunks[i] for i in keep],
                state.vectors[keep],
            )
            _commit(w, build, releases.without(state.records, doc_id), settings, embedder)
