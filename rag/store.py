"""The index folder's one owner: lock, read and validate, write a build, swap it in, clean up.

Layout of `$RAG_HOME`:
    index -> builds/<id>     the live index: a symlink replaced in one `os.replace` (readers never block)
    index.previous -> ...    the build it replaced, kept for readers still loading it
    builds/<id>/             one complete index each (files below); anything else under builds/ is an
                             unfinished build of a writer that died, removed by the next writer
                             (an ingest writes its build as it goes: documents, chunks and vectors are
                             appended batch by batch, `Build`; the manifest comes last)
    write.lock               one writer at a time (`filelock`), held from reading the index to the swap
    write.lock.json          who holds it (pid, start time), for the message a waiting writer prints
    checkpoint/              vectors of an unfinished ingest, reused by the next one (`rag.resume`);
                             not a build: clean-up leaves it alone

A build folder:
    manifest.json  schema, model, dimension, prompts, tokenizer, chunking, documents, fingerprint (written last)
    docs.jsonl     clean documents (text, metadata, cleaning report, headings)
    chunks.jsonl   chunks (doc_id, offsets, section, text, table_head)
    vectors.npy    float32 (n, d) passage embeddings, kept so adds never re-embed old chunks
    faiss.index    exact inner product (IndexFlatIP), IVF above ANN_MIN_CHUNKS (rag.vectorstore);
                   not in a Milvus build, whose queries search Milvus and never load vectors.npy
    milvus.db      RAG_VECTOR_STORE=milvus with Milvus Lite: the same vectors with their metadata
    bm25/          bm25s index over `rag.tokenize` tokens of title + section + chunk text
    indicators.sqlite  every figure of every document as a row (`rag.indicators.db`)
    minhash.npz    MinHash signatures of the documents, so adds never re-shingle them (`rag.cleaning.dedup`)
    (while it is written also .texts, the run's cleaned texts, and .vectors.f32, raw vector rows; both go
    before the manifest is written)
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import time
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, fields
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np

from rag.cleaning.dedup import remember_build, write_signatures
from rag.errors import IndexBusyError, IndexCorruptError, IndexMismatchError, IndexNotFoundError, RagError
from rag.settings import Settings
from rag.types import Chunk, CleanDoc, CleaningReport, DocMeta, Heading, ReportItem
from rag.vectorstore import ANN_MIN_CHUNKS, check_store, store_kind, write_store

SCHEMA_VERSION = 1
HNSW_MIN_CHUNKS = ANN_MIN_CHUNKS  # old name (eval/bench.py): from here on an IVF index, not exact search
MANIFEST_KEYS = ("schema", "model", "tokenizer", "chunking", "documents", "chunk_count")
REBUILD = "rebuild it from your reports with `rag ingest --rebuild DATA…`"
Notify = Callable[[str], None]


@dataclass
class Contents:
    """What one build folder holds, read and checked for consistency."""

    path: Path  # the build folder itself (not the `index` symlink)
    manifest: dict[str, Any]
    docs: list[CleanDoc]
    chunks: list[Chunk]
    vectors: np.ndarray | None  # None: a query of a Milvus build (the vectors stay in Milvus)
    faiss: Any  # None in a Milvus build
    bm25: Any


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


# ---------------------------------------------------------------- reading and validating
def check_manifest(manifest: dict[str, Any], expected: dict[str, Any]) -> None:
    """Raise IndexMismatchError when the index was built with other settings than `expected`."""
    fix = "run `rag ingest --rebuild DATA…` (or point RAG_HOME at an index built with these settings)"
    if manifest.get("schema") != expected["schema"]:
        raise IndexMismatchError(
            f"index format version {manifest.get('schema')} is not the supported {expected['schema']}: {fix}"
        )
    wrong = [key for key in ("model", "tokenizer", "chunking") if manifest.get(key) != expected[key]]
    if wrong:
        key = wrong[0]
        # another tokenizer only: an ingest tokenizes the stored chunks again (`rag.ingest._read_state`)
        again = "run `rag ingest DATA…` (no text is embedded again)" if wrong == ["tokenizer"] else fix
        raise IndexMismatchError(
            f"index was built with {key} {manifest.get(key)}, settings ask for {expected[key]}: {again}"
        )


def current_build(index_dir: Path) -> Path | None:
    """The folder the live index is (None when there is no index yet); a dangling link is damage."""
    if index_dir.is_symlink():
        target = Path(os.path.realpath(index_dir))
        if not target.is_dir():
            raise IndexCorruptError(f"{index_dir} points at {target}, which is missing: {REBUILD}")
        return target
    if index_dir.is_dir():  # an index folder from before symlinked builds
        return index_dir
    if index_dir.exists():
        raise IndexCorruptError(f"{index_dir} is not a folder: {REBUILD}")
    return None


def live_build(index_dir: Path) -> Path:
    """`current_build`, or IndexNotFoundError when there is no index yet."""
    path = current_build(index_dir)
    if path is None:
        raise IndexNotFoundError(
            f"no index at {index_dir} yet: run `rag ingest data/` (or your own folder) first"
        )
    return path


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexCorruptError(f"{path}/manifest.json is missing: {REBUILD}") from None
    except (OSError, ValueError) as exc:
        raise IndexCorruptError(f"{path}/manifest.json is unreadable ({exc}): {REBUILD}") from None
    missing = [k for k in MANIFEST_KEYS if not isinstance(manifest, dict) or k not in manifest]
    if missing:
        raise IndexCorruptError(f"{path}/manifest.json lacks {', '.join(missing)}: {REBUILD}")
    return dict(manifest)


def read(index_dir: Path, expected: dict[str, Any], *, query: bool = False) -> Contents:
    """Read and validate the live index; raises IndexNotFoundError, IndexMismatchError, IndexCorruptError.

    `query`: for searching, so the build's vector store must be the one `expected` names, and a Milvus
    build's vectors are not loaded (a writer always loads them, to carry them into the next build).
    A build swapped out (and cleaned up) while it is being read is read again from the new target."""
    for attempt in range(3):
        path = live_build(index_dir)
        try:
            return read_build(path, expected, query=query)
        except IndexCorruptError:
            if attempt == 2 or current_build(index_dir) == path:
                raise
    raise AssertionError("unreachable")


def read_build(path: Path, expected: dict[str, Any], *, query: bool = False) -> Contents:
    import bm25s
    import faiss

    manifest = read_manifest(path)
    check_manifest(manifest, expected)
    if query:
        check_store(path, manifest, expected)
    milvus = store_kind(manifest) == "milvus"
    try:
        docs = [doc_from_dict(d) for d in _read_jsonl(path / "docs.jsonl")]
        by_id = {d.doc_id: d for d in docs}
        chunks = [Chunk(**row, meta=by_id[row["doc_id"]].meta) for row in _read_jsonl(path / "chunks.jsonl")]
        vectors = None if milvus and query else np.load(path / "vectors.npy")
        faiss_index = None if milvus else faiss.read_index(str(path / "faiss.index"))
        bm25 = bm25s.BM25.load(str(path / "bm25"))
        _check_consistent(path, manifest, docs, chunks, vectors, faiss_index)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RuntimeError) as exc:
        raise IndexCorruptError(
            f"index at {path} is damaged ({type(exc).__name__}: {str(exc)[:120]}): {REBUILD}"
        ) from None
    remember_build(path)  # its minhash.npz is read when ingest first needs a signature
    return Contents(path, manifest, docs, chunks, vectors, faiss_index, bm25)


def _check_consistent(
    path: Path, manifest: dict[str, Any], docs: list[CleanDoc], chunks: list[Chunk], vectors: Any, faiss: Any
) -> None:
    """Counts of what was read (a Milvus collection's count is checked when it is opened)."""
    n = manifest["chunk_count"]
    dim = manifest["model"]["dimension"]
    indexed = {r["doc_id"] for r in manifest["documents"] if not r.get("duplicate_of")}
    problems = []
    counts = {"chunks": len(chunks)}
    if vectors is not None:
        counts["vectors"] = vectors.shape[0]
    if faiss is not None:
        counts["in FAISS"] = faiss.ntotal
    if set(counts.values()) != {n}:
        problems.append(", ".join(f"{v} {k}" for k, v in counts.items()) + f", manifest says {n}")
    if vectors is not None and (vectors.ndim != 2 or vectors.shape[1] != dim):
        problems.append(f"vectors of shape {vectors.shape}, manifest says dimension {dim}")
    if {d.doc_id for d in docs} != indexed:
        problems.append(f"{len(docs)} documents, manifest lists {len(indexed)}")
    if problems:
        raise IndexCorruptError(f"index at {path} is inconsistent ({'; '.join(problems)}): {REBUILD}")


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# ---------------------------------------------------------------- writing a build
class StoredDoc(CleanDoc):
    """A clean document whose text stays in a file of the build being written: read back each time it is
    asked for, never kept. Its metadata, cleaning report and headings are in memory as usual; `load` gives
    the plain CleanDoc. So a run keeps what it must see of every document (duplicate decisions, records)
    without holding every text."""

    def __init__(self, doc: CleanDoc, read_text: Callable[[], str]) -> None:
        for f in fields(CleanDoc):
            if f.name != "text":
                object.__setattr__(self, f.name, getattr(doc, f.name))
        object.__setattr__(self, "_read_text", read_text)

    @property  # type: ignore[override]
    def text(self) -> str:
        return self._read_text()  # type: ignore[attr-defined, no-any-return]

    def load(self) -> CleanDoc:
        return CleanDoc(self.doc_id, self.text, self.meta, self.report, self.headings, self.sha256)


class Keywords:
    """The keyword (BM25) corpus of a build as token ids, 4 bytes a token (a list of token strings per
    chunk takes ~20x that): the vocabulary and the ids grow chunk by chunk as chunks are written."""

    def __init__(self) -> None:
        self.vocab: dict[str, int] = {}
        self.ids: list[array[int]] = []

    def add(self, chunks: list[Chunk]) -> None:
        from rag.chunking import index_text
        from rag.tokenize import tokenize

        vocab = self.vocab
        for chunk in chunks:
            tokens = tokenize(index_text(chunk)) or [""]
            self.ids.append(array("i", [vocab.setdefault(t, len(vocab)) for t in tokens]))


def build_bm25(keywords: Keywords) -> Any:
    """The bm25s index over `rag.tokenize` tokens of title + section + chunk text."""
    import bm25s

    bm25 = bm25s.BM25()
    if keywords.ids:
        bm25.index((keywords.ids, keywords.vocab), show_progress=False)
    else:  # an empty index (all removed) still saves
        bm25.index([["\u2205"]], show_progress=False)
    return bm25


def build_faiss(vectors: np.ndarray) -> tuple[Any, str]:
    """Exact below ANN_MIN_CHUNKS, IVF above (chosen by `python -m eval.bench_scale`, docs/scaling.md)."""
    from rag.vectorstore import build_faiss_index

    return build_faiss_index(vectors)


VECTORS_PART = ".vectors.f32"  # raw float32 rows while a build is written; vectors.npy at `finish`
TEXTS_PART = ".texts"  # the texts of this run's cleaned documents (`Build.keep`), until `finish`


class Build:
    """One build folder being written, in order: documents, chunks and vectors are appended batch by batch
    (a caller holds one batch at a time); `finish` makes the FAISS, keyword, indicator and signature files
    from what was written and writes the manifest last. What stays in memory for the whole build: each
    document's metadata, the chunk ids (8 bytes each, for the fingerprint) and the keyword corpus as
    token ids; at `finish`, the vectors (for FAISS) and the BM25 matrix."""

    def __init__(self, folder: Path, dim: int) -> None:
        self.folder, self.dim = folder, dim
        self.docs: list[CleanDoc] = []  # every document of the build, text on disk (StoredDoc)
        self.chunks = 0  # chunks written
        self.vectors = 0  # vector rows written
        self.keywords = Keywords()
        self._metas: dict[str, DocMeta] = {}
        self._ids: list[np.ndarray] = []  # chunk ids as uint64, for the fingerprint
        self._docs_file = (folder / "docs.jsonl").open("wb")
        self._chunks_file = (folder / "chunks.jsonl").open("wb")
        self._vectors_file = (folder / VECTORS_PART).open("wb")
        self._texts_file = (folder / TEXTS_PART).open("wb")

    # -- appending (any OSError becomes the one-line "cannot write" RagError)
    def keep(self, doc: CleanDoc) -> StoredDoc:
        """Put a cleaned document's text on disk for the rest of the run; returns it without its text."""
        data = doc.text.encode("utf-8")
        at = _guard_os(_append, "write the index into", f=self._texts_file, data=data)
        return StoredDoc(doc, partial(_read_text, self.folder / TEXTS_PART, at, len(data)))

    def add_docs(self, docs: list[CleanDoc]) -> None:
        for doc in docs:
            line = (json.dumps(doc_to_dict(doc), ensure_ascii=False) + "\n").encode("utf-8")
            at = _guard_os(_append, "write the index into", f=self._docs_file, data=line)
            self.docs.append(
                StoredDoc(doc, partial(_read_doc_text, self.folder / "docs.jsonl", at, len(line)))
            )
            self._metas[doc.doc_id] = doc.meta

    def add_chunks(self, chunks: list[Chunk]) -> None:
        lines = "".join(json.dumps(chunk_to_dict(c), ensure_ascii=False) + "\n" for c in chunks)
        _guard_os(_append, "write the index into", f=self._chunks_file, data=lines.encode("utf-8"))
        self._ids.append(np.array([int(c.chunk_id, 16) for c in chunks], dtype=np.uint64))
        self.keywords.add(chunks)
        self.chunks += len(chunks)

    def add_vectors(self, vectors: np.ndarray) -> None:
        if vectors.ndim != 2 or vectors.shape[1] != self.dim:
            raise RagError(f"vectors of shape {vectors.shape} for an index of dimension {self.dim}")
        data = np.ascontiguousarray(vectors, dtype=np.float32).tobytes()
        _guard_os(_append, "write the index into", f=self._vectors_file, data=data)
        self.vectors += len(vectors)

    def add(self, docs: list[CleanDoc], chunks: list[Chunk], vectors: np.ndarray) -> None:
        self.add_docs(docs)
        self.add_chunks(chunks)
        self.add_vectors(vectors)

    # -- reading back what was written
    def read_chunks(self, start: int = 0) -> Iterator[Chunk]:
        """The chunks written so far from row `start` on, one at a time."""
        with (self.folder / "chunks.jsonl").open(encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n >= start:
                    row = json.loads(line)
                    yield Chunk(**row, meta=self._metas[row["doc_id"]])

    def read_docs(self) -> Iterator[CleanDoc]:
        """The documents written so far, one at a time, texts included."""
        with (self.folder / "docs.jsonl").open(encoding="utf-8") as f:
            for line in f:
                yield doc_from_dict(json.loads(line))

    def fingerprint(self) -> str:
        """sha256 of the sorted chunk ids (as the manifest has always had it), from the ids kept as numbers."""
        ids = np.sort(np.concatenate(self._ids)) if self._ids else np.zeros(0, np.uint64)
        digest = hashlib.sha256()
        for lo in range(0, len(ids), 65_536):
            digest.update("".join(f"{int(v):016x}" for v in ids[lo : lo + 65_536]).encode())
        return digest.hexdigest()[:16]

    # -- finishing
    def finish(self, manifest: dict[str, Any]) -> None:
        """Make the search files from what was written and write the manifest last (a folder without one
        is unfinished). One more file in every build is one more line here."""
        _guard_os(self._finish, "write the index into", manifest=manifest)

    def _finish(self, manifest: dict[str, Any]) -> None:
        import faiss

        from rag.indicators.db import write_indicators

        if self.vectors != self.chunks:
            raise RagError(f"{self.vectors} vectors for {self.chunks} chunks: the index was not written")
        self.close()
        _write_npy(self.folder / VECTORS_PART, self.folder / "vectors.npy", (self.vectors, self.dim))
        (self.folder / TEXTS_PART).unlink(missing_ok=True)
        # Milvus builds too keep vectors.npy: the next ingest's copy
        vectors = np.load(self.folder / "vectors.npy")
        milvus = store_kind(manifest) == "milvus"
        manifest = write_store(self.folder, manifest, list(self.read_chunks()) if milvus else [], vectors)
        kind = None  # a Milvus build has no FAISS index
        if not milvus:
            faiss_index, kind = build_faiss(vectors)
            faiss.write_index(faiss_index, str(self.folder / "faiss.index"))
            del faiss_index
        del vectors
        build_bm25(self.keywords).save(str(self.folder / "bm25"))
        self.keywords = Keywords()
        indicators = write_indicators(self.folder, self.read_docs())  # indicators.sqlite (rag.indicators)
        # minhash.npz: near-duplicate signatures (rag.cleaning.dedup)
        write_signatures(self.folder, self.docs)
        _fsync_tree(self.folder)  # everything on disk before the manifest says the build is complete
        manifest = {**manifest, "faiss": kind, "chunk_count": self.chunks, "indicators": indicators}
        write_json(self.folder / "manifest.json", manifest)
        _fsync(self.folder)

    def close(self) -> None:
        for f in (self._docs_file, self._chunks_file, self._vectors_file, self._texts_file):
            f.close()


def _append(f: BinaryIO, data: bytes) -> int:
    """Append `data` to a file open for writing (flushed, so it can be read back by name); returns where
    it starts."""
    at = f.tell()
    f.write(data)
    f.flush()
    return at


def _read_text(path: Path, at: int, size: int) -> str:
    with path.open("rb") as f:
        f.seek(at)
        return f.read(size).decode("utf-8")


def _read_doc_text(path: Path, at: int, size: int) -> str:
    return str(json.loads(_read_text(path, at, size))["text"])


def _write_npy(raw: Path, target: Path, shape: tuple[int, int]) -> None:
    """vectors.npy (the same bytes `np.save` writes) from raw float32 rows, copied a block at a time."""
    with raw.open("rb") as src, target.open("wb") as out:
        header = {
            "descr": np.lib.format.dtype_to_descr(np.dtype(np.float32)),
            "fortran_order": False,
            "shape": shape,
        }
        np.lib.format.write_array_header_1_0(out, header)
        shutil.copyfileobj(src, out, 1 << 20)
    raw.unlink()


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        f.flush()
        os.fsync(f.fileno())


def write_json(path: Path, data: Any) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(json.dumps(data, ensure_ascii=False, indent=1))
        f.flush()
        os.fsync(f.fileno())


def _fsync_tree(folder: Path) -> None:
    for path in [*folder.rglob("*"), folder]:
        _fsync(path)


def _fsync(path: Path) -> None:
    """Files and folders alike: data written, directory entries written."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# ---------------------------------------------------------------- one writer at a time
class Writer:
    """Held while a process changes the index: read the live index, then commit a new build."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def read(self, expected: dict[str, Any]) -> Contents | None:
        """The live index, validated as loading validates it; None when there is none yet."""
        try:
            return read(self.settings.index_dir, expected)
        except IndexNotFoundError:
            return None

    def clean_up(self) -> int:
        """Remove builds of writers that died (call it after `read`: a damaged index is left as it is)."""
        return clean_up(self.settings.home)

    @contextmanager
    def build(self, dim: int) -> Iterator[Build]:
        """A new build folder to fill; it is removed when the block is left without `commit` (a writer
        that dies leaves it to the next writer's clean-up)."""
        builds = self.settings.home / "builds"
        folder = builds / f"{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{time.monotonic_ns() % 10**9}"
        _guard_os(folder.mkdir, "create a build folder in", parents=True)
        build = _guard_os(lambda: Build(folder, dim), "write the index into")
        try:
            yield build
        finally:
            build.close()
            if not (folder / "manifest.json").exists():
                shutil.rmtree(folder, ignore_errors=True)

    def commit(self, build: Build, manifest: dict[str, Any]) -> Path:
        """Finish the build and swap it in; the old build is kept for readers still loading it."""
        build.finish(manifest)
        _swap_in(self.settings.home, build.folder)
        return build.folder


@contextmanager
def writer(settings: Settings, notify: Notify | None = None) -> Iterator[Writer]:
    """Hold the write lock of `settings.home` (waiting for another writer with a message, up to
    `settings.lock_timeout` seconds)."""
    from filelock import FileLock, Timeout

    home = settings.home
    _prepare_home(home)
    lock = FileLock(str(home / "write.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if notify:
            notify(f"waiting for another writer of {home} to finish ({_holder(home)})…")
        try:
            lock.acquire(timeout=settings.lock_timeout)
        except Timeout:
            raise IndexBusyError(
                f"another process is still writing the index in {home} ({_holder(home)}) after "
                f"{settings.lock_timeout} s: try again later, or raise RAG_LOCK_TIMEOUT"
            ) from None
    except OSError as exc:
        raise RagError(f"cannot lock {home / 'write.lock'}: {exc.strerror or exc}") from None
    try:
        _guard_os(
            lambda: write_json(home / "write.lock.json", {"pid": os.getpid(), "since": time.time()}),
            "write to",
        )
        yield Writer(settings)
    finally:
        lock.release()


def _prepare_home(home: Path) -> None:
    if home.exists() and not home.is_dir():
        raise RagError(f"RAG_HOME={home} is a file, not a folder: point RAG_HOME at a folder")
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise RagError(f"cannot create RAG_HOME={home}: {exc.strerror or exc}") from None
    if not os.access(home, os.W_OK | os.X_OK):
        raise RagError(f"RAG_HOME={home} is read-only: point RAG_HOME at a folder you can write to")


def _guard_os(action: Callable[..., Any], what: str, **kwargs: Any) -> Any:
    try:
        return action(**kwargs)
    except OSError as exc:
        raise RagError(
            f"cannot {what} the index folder: {exc.strerror or exc} (the old index is intact)"
        ) from None


def _holder(home: Path) -> str:
    try:
        info = json.loads((home / "write.lock.json").read_text(encoding="utf-8"))
        since = time.strftime("%H:%M:%S", time.localtime(float(info["since"])))
        return f"pid {int(info['pid'])}, since {since}"
    except (OSError, ValueError, KeyError, TypeError):
        return "holder unknown"


# ---------------------------------------------------------------- swap and clean-up (under the lock)
def _swap_in(home: Path, folder: Path) -> None:
    """Point `index` at `folder` in one atomic rename, `index.previous` at the build it replaced."""
    link, previous_link = home / "index", home / "index.previous"
    if link.exists() and not link.is_symlink():  # an index folder from before symlinked builds
        shutil.move(str(link), str(folder.parent / f"legacy-{time.time_ns()}"))
    previous = os.readlink(link) if link.is_symlink() else None
    _point(link, os.path.relpath(folder, home))
    if previous and os.path.realpath(home / previous) != os.path.realpath(folder):
        _point(previous_link, previous)
    _fsync(home)  # the swap itself survives a power cut
    clean_up(home)


def _point(link: Path, target: str) -> None:
    tmp = link.with_name(f".{link.name}-{os.getpid()}.swap")
    if tmp.is_symlink():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, link)


def clean_up(home: Path) -> int:
    """Remove every build that is neither the live index nor the one before it, and stray swap links.
    Only called under the write lock: no other process is writing a build then. Returns how many
    builds were removed."""
    for stray in home.glob(".index*.swap"):
        stray.unlink(missing_ok=True)
    builds = home / "builds"
    if not builds.is_dir():
        return 0
    keep = {Path(os.path.realpath(home / name)) for name in ("index", "index.previous")}
    removed = 0
    for build in builds.iterdir():
        if Path(os.path.realpath(build)) in keep:
            continue
        removed += 1
        if build.is_dir() and not build.is_symlink():
            shutil.rmtree(build, ignore_errors=True)
        else:
            build.unlink(missing_ok=True)
    return removed
