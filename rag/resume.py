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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

FOLDER = "checkpoint"
BATCH = 256  # texts per checkpointed batch: at most this many are embedded again after an interruption
Notify = Callable[[str], None]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Checkpoint:
    """The vectors an unfinished ingest of these settings already made, and the place for new ones."""

    def __init__(self, home: Path, signature: dict[str, Any], dim: int) -> None:
        self.folder = home / FOLDER
        self.signature = json.loads(json.dumps(signature))  # as it reads back from signature.json
        self.dim = dim
        self.vectors: dict[str, np.ndarray] = {}
        self.used: set[str] = set()  # hashes of the texts this run asked for
        self.files: dict[Path, list[str]] = {}  # batch file -> the hashes it holds
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

    def add(self, hashes: Sequence[str], vectors: np.ndarray) -> None:
        """Keep one finished batch on disk; a checkpoint that cannot be written is given up, not fatal."""
        self.vectors.update(zip(hashes, vectors, strict=True))
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
        self.files[target] = list(hashes)

    def finish(self) -> int:
        """After a commit: delete the batches whose vectors are all in the index now, and the checkpoint
        when none is left. Batches of an unfinished ingest of other files stay for when it is run again;
        returns how many vectors those hold that this run did not use."""
        unused = 0
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


def embed(
    texts: list[str],
    embedder: Any,
    checkpoint: Checkpoint,
    *,
    doc_ends: list[int],
    progress: bool = False,
    notify: Notify | None = None,
) -> np.ndarray:
    """(len(texts), dim) vectors: those in the checkpoint taken from it, the others embedded in batches,
    each batch checkpointed as soon as it is done. `doc_ends[i]` is the position after document i's last
    text (texts come document by document), for the files-done count of the progress notes."""
    from tqdm import tqdm

    hashes = [text_hash(t) for t in texts]
    checkpoint.used.update(hashes)
    todo = [i for i, h in enumerate(hashes) if h not in checkpoint.vectors]
    reused = len(texts) - len(todo)
    if reused and notify:
        notify(f"resuming: {reused:,} chunks already embedded")
    step = int(getattr(embedder, "resume_batch", BATCH))
    start = time.monotonic()
    with tqdm(total=len(texts), initial=reused, desc="embedding", unit="chunk", disable=not progress) as bar:
        for n in range(0, len(todo), step):
            part = todo[n : n + step]
            vectors = embedder.embed_documents([texts[i] for i in part], show_progress=False)
            checkpoint.add([hashes[i] for i in part], np.asarray(vectors, dtype=np.float32))
            bar.update(len(part))
            if notify:
                done, files = n + len(part), bisect.bisect_right(doc_ends, part[-1] + 1)
                seconds = time.monotonic() - start
                notify(progress_note(reused + done, len(texts), files, len(doc_ends), done, seconds))
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.stack([checkpoint.vectors[h] for h in hashes])


def progress_note(chunks: int, total: int, files: int, all_files: int, embedded: int, seconds: float) -> str:
    """'embedding 512/2,000 chunks, 3/10 files, 14.2 chunks/s, 1:45 left': the rate and the time left
    from the chunks this run embedded (not those taken from a checkpoint)."""
    rate = embedded / seconds if seconds > 0 else 0.0
    left = f"{_clock((total - chunks) / rate)} left" if rate > 0 else "time left unknown"
    return f"embedding {chunks:,}/{total:,} chunks, {files}/{all_files} files, {rate:.1f} chunks/s, {left}"


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"
