"""Resumable embedding: an interrupted ingest starts again from its last finished batch.

While an ingest embeds, each finished batch of vectors goes to `$RAG_HOME/checkpoint/` as one
`batch-<time>.npz` (the sha256 of each embedded text and its vector), written under a temporary name and
renamed, so a batch file is whole or absent. `signature.json` names the settings the vectors were made
with (`rag.index.settings_signature`). The next ingest with the same signature takes the vectors of texts
it finds there instead of embedding them again; a commit deletes the folder. A checkpoint of other settings
is removed, a damaged batch file ignored. Only a writer holding the write lock opens it (`rag.ingest`),
and `rag.store.clean_up` touches nothing outside builds/.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import os
import shutil
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

FOLDER = "checkpoint"
BATCH = 256  # texts per checkpointed batch: at most this many are embedded again after an interruption
Notify = Callable[[str], None]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Checkpoint:
    """The vectors an unfinished ingest of these settings already made, and the place for new ones.

    Only the vectors found on disk are held in memory (those of the interrupted run); new ones go to
    their batch file and back to the caller, so a long ingest does not gather its vectors here."""

    def __init__(self, home: Path, signature: dict[str, Any], dim: int) -> None:
        self.folder = home / FOLDER
        self.signature = json.loads(json.dumps(signature))  # as it reads back from signature.json
        self.dim = dim
        self.vectors: dict[str, np.ndarray] = {}  # found on disk, by text hash
        self.used: set[str] = set()  # hashes of the vectors found on disk that this run took
        self.files: dict[Path, list[str]] = {}  # batch file found on disk -> the hashes it holds
        self.written: list[Path] = []  # batch files of this run
        self.writable = True
        if self._same_signature():
            self._load()
        else:
            self.remove()

    def _same_signature(self) -> bool:
        try:
            return bool(json.loads((self.folder / "signature.json").read_text("utf-8")) == self.signature)
        except (OSError, ValueError):
            return False

    def _load(self) -> None:
        for path in sorted(self.folder.glob("batch-*.npz")):
            try:
                with np.load(path, allow_pickle=False) as data:
                    hashes, vectors = data["hashes"], data["vectors"]
                ok = vectors.shape == (len(hashes), self.dim) and bool(np.isfinite(vectors).all())
            except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
                ok = False
            if ok:
                self.files[path] = [str(h) for h in hashes]
                self.vectors.update(zip(self.files[path], vectors.astype(np.float32), strict=True))
            else:
                path.unlink(missing_ok=True)  # damaged: its texts are embedded again

    def has(self, text_hash: str) -> bool:
        return text_hash in self.vectors

    def take(self, text_hash: str) -> np.ndarray:
        """A vector found on disk, for this run."""
        self.used.add(text_hash)
        return self.vectors[text_hash]

    def add(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        """Keep one finished batch on disk; a checkpoint that cannot be written is given up, not fatal."""
        if not self.writable:
            return
        try:
            self._write(hashes, vectors)
        except OSError:
            self.writable = False

    def _write(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        if not (self.folder / "signature.json").is_file():
            self.folder.mkdir(parents=True, exist_ok=True)
            _write_atomic(self.folder / "signature.json", json.dumps(self.signature).encode("utf-8"))
        target = self.folder / f"batch-{time.time_ns()}.npz"
        tmp = target.with_name(f".{target.name}.tmp")
        with tmp.open("wb") as f:
            np.savez(f, hashes=np.asarray(hashes, dtype="<U64"), vectors=vectors.astype(np.float32))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
        self.written.append(target)

    def finish(self) -> int:
        """After a commit: delete this run's batches and those found on disk whose vectors are all in the
        index now, and the checkpoint when none is left. Batches of an unfinished ingest of other files
        stay for when it is run again; returns how many vectors those hold that this run did not use."""
        unused = 0
        for path in self.written:
            path.unlink(missing_ok=True)
        for path, hashes in self.files.items():
            left = sum(1 for h in hashes if h not in self.used)
            if left:
                unused += left
            else:
                path.unlink(missing_ok=True)
        if not unused:
            self.remove()
        return unused

    def remove(self) -> None:
        if self.folder.is_dir() and not self.folder.is_symlink():
            shutil.rmtree(self.folder, ignore_errors=True)
        elif self.folder.exists() or self.folder.is_symlink():
            self.folder.unlink(missing_ok=True)


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


class Progress:
    """The embedding progress of a whole run: a tqdm bar in chunks (chunks/s, time left, files done) and
    a note for `notify` after each embedded batch. `doc_ends[i]` is the position after document i's last
    chunk (chunks come document by document)."""

    def __init__(
        self, doc_ends: list[int], *, reused: int = 0, progress: bool = False, notify: Notify | None = None
    ) -> None:
        from tqdm import tqdm

        self.doc_ends, self.total = doc_ends, doc_ends[-1] if doc_ends else 0
        self.notify = notify
        self.done = self.embedded = 0
        self.start = time.monotonic()
        self.bar = tqdm(total=self.total, desc="embedding", unit="chunk", disable=not progress)
        if reused and notify:
            notify(f"resuming: {reused:,} chunks already embedded")

    def update(self, chunks: int, embedded: int) -> None:
        """`chunks` more are done, `embedded` of them embedded now (the others taken from a checkpoint)."""
        self.done += chunks
        self.embedded += embedded
        files = bisect.bisect_right(self.doc_ends, self.done)
        self.bar.set_postfix_str(f"{files}/{len(self.doc_ends)} files", refresh=False)
        self.bar.update(chunks)
        if self.notify and embedded:
            seconds = time.monotonic() - self.start
            self.notify(
                progress_note(self.done, self.total, files, len(self.doc_ends), self.embedded, seconds)
            )

    def close(self) -> None:
        self.bar.close()


def embed(
    texts: Iterable[str], embedder: Any, checkpoint: Checkpoint, progress: Progress | None = None
) -> Iterator[np.ndarray]:
    """The vectors of `texts` in order, a batch of BATCH texts at a time: those in the checkpoint taken
    from it, the others embedded and checkpointed as soon as they are done. Only one batch of texts and
    vectors is held at a time."""
    step = int(getattr(embedder, "resume_batch", BATCH))
    items = iter(texts)
    while block := list(islice(items, step)):
        hashes = [text_hash(t) for t in block]
        todo = [i for i, h in enumerate(hashes) if not checkpoint.has(h)]
        vectors = np.empty((len(block), embedder.dim), dtype=np.float32)
        if todo:
            made = np.asarray(embedder.embed_documents([block[i] for i in todo], show_progress=False))
            checkpoint.add([hashes[i] for i in todo], made.astype(np.float32))
            vectors[todo] = made
        for i, h in enumerate(hashes):
            if checkpoint.has(h):  # found on disk (`add` keeps new vectors out of memory)
                vectors[i] = checkpoint.take(h)
        if progress:
            progress.update(len(block), len(todo))
        yield vectors


def progress_note(chunks: int, total: int, files: int, all_files: int, embedded: int, seconds: float) -> str:
    """'embedding 512/2,000 chunks, 3/10 files, 14.2 chunks/s, 1:45 left': the rate and the time left
    from the chunks this run embedded (not those taken from a checkpoint)."""
    rate = embedded / seconds if seconds > 0 else 0.0
    left = f"{clock((total - chunks) / rate)} left" if rate > 0 else "time left unknown"
    return f"embedding {chunks:,}/{total:,} chunks, {files}/{all_files} files, {rate:.1f} chunks/s, {left}"


def clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
