"""Where the chunk vectors live and are searched: FAISS in-process (default) or Milvus (RAG_VECTOR_STORE=milvus).

Rows are keyed by chunk position (the order of chunks.jsonl) and carry the metadata that filters push down:
doc_id, city, year, doc_type. Both stores return (position, inner product) best first.

The FAISS index type follows the corpus size (`build_faiss_index`, measured by `python -m eval.bench_scale`,
docs/scaling.md): exact below ANN_MIN_CHUNKS, an inverted file (IVF, exact vectors, IVF_NPROBE lists probed)
above it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from rag.errors import IndexCorruptError, IndexMismatchError, RagError, SettingsError
from rag.settings import Settings
from rag.types import Chunk

REBUILD = "rebuild it from your reports with `rag ingest --rebuild DATA…`"

ANN_MIN_CHUNKS = 100_000  # exact search above it is slower than 10 ms a query on one core (docs/scaling.md)
IVF_NPROBE = 32  # lists searched per query; recall@10 >= 0.95 at 1M on clustered vectors (docs/scaling.md)
IVF_TRAIN_PER_LIST = 64  # k-means training sample per list (faiss warns below 39)
FILTER_KEYS = ("city", "year", "doc_type", "doc_id")


# ---------------------------------------------------------------- FAISS index choice
def ivf_nlist(n: int) -> int:
    """Inverted lists for n vectors: about sqrt(n), a power of two (1024 at 1M)."""
    return int(2 ** round(np.log2(max(n, 1) ** 0.5)))


def ivf_training_sample(vectors: np.ndarray, nlist: int, seed: int = 0) -> np.ndarray:
    """A fixed random sample to train k-means on (the same vectors give the same index)."""
    m = min(len(vectors), nlist * IVF_TRAIN_PER_LIST)
    rows = np.sort(np.random.default_rng(seed).choice(len(vectors), size=m, replace=False))
    return np.ascontiguousarray(vectors[rows], dtype=np.float32)


def build_faiss_index(vectors: np.ndarray) -> tuple[Any, str]:
    """The FAISS index for these vectors and its description for the manifest."""
    import faiss

    x = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = x.shape[1]
    index: Any
    if len(x) >= ANN_MIN_CHUNKS:
        nlist = ivf_nlist(len(x))
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(dim), dim, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(ivf_training_sample(x, nlist))
        index.nprobe = IVF_NPROBE  # saved with the index
        kind = f"IndexIVFFlat(nlist={nlist},nprobe={IVF_NPROBE})"
    else:
        index = faiss.IndexFlatIP(dim)
        kind = "IndexFlatIP"
    if len(x):
        index.add(x)
    return index, kind


# ---------------------------------------------------------------- the interface
class VectorStore(Protocol):
    """Chunk vectors with metadata. Filters: {"city": "常熟" | [..], "year": 2024 | [..], "doc_type": ..}."""

    kind: str

    def add(self, positions: Sequence[int], vectors: np.ndarray, chunks: Sequence[Chunk]) -> None: ...

    def delete_document(self, doc_id: str) -> int: ...

    def search(
        self,
        qvec: np.ndarray,
        k: int,
        filters: Mapping[str, Any] | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[tuple[int, float]]: ...

    def count(self) -> int: ...


def active_filters(filters: Mapping[str, Any] | None) -> dict[str, list[Any]]:
    """Filters with a value, each as a list of accepted values."""
    out: dict[str, list[Any]] = {}
    for key, value in (filters or {}).items():
        if value in (None, "", [], ()):
            continue
        if key not in FILTER_KEYS:
            raise ValueError(f"unknown filter {key!r}: use {', '.join(FILTER_KEYS)}")
        out[key] = list(value) if isinstance(value, list | tuple | set) else [value]
    return out


def filter_expression(filters: Mapping[str, Any] | None, ids: Sequence[int] | None = None) -> str:
    """A Milvus boolean expression for the filters (and chunk positions); "" when there is none."""
    parts = []
    for key, values in active_filters(filters).items():
        if key == "year":
            parts.append(f"year in {[int(v) for v in values]}")
        else:
            parts.append(f"{key} in {json.dumps([str(v) for v in values], ensure_ascii=False)}")
    if ids is not None:
        parts.append(f"pos in {[int(i) for i in ids]}")
    return " and ".join(parts)


def _meta_value(chunk: Chunk, key: str) -> Any:
    if key == "doc_id":
        return chunk.doc_id
    value = getattr(chunk.meta, key)
    if key == "year":
        return -1 if value is None else int(value)
    return value or ""


# ---------------------------------------------------------------- FAISS (in-process, the default)
class FaissStore:
    """A FAISS index over the chunk vectors; filters and id subsets are searched exactly on the subset."""

    kind = "faiss"

    def __init__(self, index: Any, vectors: np.ndarray, chunks: Sequence[Chunk]) -> None:
        self._index = index
        self._vectors = vectors
        self._chunks = list(chunks)
        self._positions = np.arange(len(self._chunks), dtype=np.int64)  # FAISS row -> chunk position

    def add(self, positions: Sequence[int], vectors: np.ndarray, chunks: Sequence[Chunk]) -> None:
        x = np.ascontiguousarray(vectors, dtype=np.float32)
        self._index.add(x)
        self._vectors = np.vstack([self._vectors, x])
        self._chunks += list(chunks)
        self._positions = np.concatenate([self._positions, np.asarray(positions, dtype=np.int64)])

    def delete_document(self, doc_id: str) -> int:
        keep = [i for i, c in enumerate(self._chunks) if c.doc_id != doc_id]
        removed = len(self._chunks) - len(keep)
        if removed:
            self._vectors = self._vectors[keep]
            self._chunks = [self._chunks[i] for i in keep]
            self._positions = self._positions[keep]
            self._index = build_faiss_index(self._vectors)[0]
        return removed

    def count(self) -> int:
        return int(self._index.ntotal)

    def search(
        self,
        qvec: np.ndarray,
        k: int,
        filters: Mapping[str, Any] | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[tuple[int, float]]:
        if not self._chunks:
            return []
        q = np.asarray(qvec, dtype=np.float32).reshape(1, -1)
        rows = self._filtered_rows(filters, ids)
        if rows is not None:  # exact scores on the subset
            scores = self._vectors[rows] @ q[0]
            order = np.argsort(-scores)[:k]
            return [(int(self._positions[rows[i]]), float(scores[i])) for i in order]
        scores, found = self._index.search(q, min(k, len(self._chunks)))
        return [
            (int(self._positions[r]), float(s)) for r, s in zip(found[0], scores[0], strict=True) if r >= 0
        ]

    def _filtered_rows(
        self, filters: Mapping[str, Any] | None, ids: Sequence[int] | None
    ) -> np.ndarray | None:
        """FAISS rows that pass the filters and the id subset (in the subset's order); None: all rows."""
        wanted = {key: {str(v) for v in values} for key, values in active_filters(filters).items()}
        if not wanted and ids is None:
            return None
        row_of = {int(p): r for r, p in enumerate(self._positions)}
        rows = range(len(self._chunks)) if ids is None else [row_of[int(i)] for i in ids if int(i) in row_of]
        return np.asarray(
            [
                r
                for r in rows
                if all(str(_meta_value(self._chunks[r], key)) in values for key, values in wanted.items())
            ],
            dtype=np.int64,
        )


# ---------------------------------------------------------------- Milvus (Lite in the index folder, or a server)
MILVUS_LITE_FILE = "milvus.db"
MILVUS_INSERT_BATCH = 2_000


class MilvusStore:
    """A Milvus collection: Milvus Lite (a file in the build folder) or a standalone/cluster server by URI.

    Metadata filters become a boolean expression evaluated inside Milvus, before the vector search."""

    kind = "milvus"

    def __init__(self, uri: str, collection: str, dim: int, *, create: bool = False) -> None:
        self.uri = uri
        self.collection = collection
        self.dim = dim
        self._client = _milvus_client(uri)
        if create:
            self._create()
        elif not self._call(self._client.has_collection, collection):
            raise IndexCorruptError(f"Milvus at {uri} has no collection {collection}: {REBUILD}")
        self._call(self._client.load_collection, collection)

    def _create(self) -> None:
        from pymilvus import DataType

        c = self._client
        if self._call(c.has_collection, self.collection):
            self._call(c.drop_collection, self.collection)
        schema = c.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("pos", DataType.INT64, is_primary=True)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=self.dim)
        schema.add_field("doc_id", DataType.VARCHAR, max_length=64)
        schema.add_field("city", DataType.VARCHAR, max_length=64)
        schema.add_field("year", DataType.INT64)
        schema.add_field("doc_type", DataType.VARCHAR, max_length=64)
        params = c.prepare_index_params()
        # exact inner product in Milvus Lite (the same hits as FAISS); the server picks its own ANN index
        params.add_index("vector", index_type="FLAT" if _is_lite(self.uri) else "AUTOINDEX", metric_type="IP")
        self._call(c.create_collection, self.collection, schema=schema, index_params=params)

    def add(self, positions: Sequence[int], vectors: np.ndarray, chunks: Sequence[Chunk]) -> None:
        x = np.asarray(vectors, dtype=np.float32)
        for lo in range(0, len(chunks), MILVUS_INSERT_BATCH):
            rows = [
                {
                    "pos": int(positions[i]),
                    "vector": x[i].tolist(),
                    **{key: _meta_value(chunks[i], key) for key in FILTER_KEYS},
                }
                for i in range(lo, min(lo + MILVUS_INSERT_BATCH, len(chunks)))
            ]
            self._call(self._client.insert, self.collection, rows)
        self._call(self._client.flush, self.collection)

    def delete_document(self, doc_id: str) -> int:
        before = self.count()  # Milvus no longer reports how many rows a delete removed
        self._call(self._client.delete, self.collection, filter=filter_expression({"doc_id": doc_id}))
        return before - self.count()

    def count(self) -> int:
        rows = self._call(
            self._client.query,
            self.collection,
            filter="",
            output_fields=["count(*)"],
            consistency_level="Strong",
        )
        return int(rows[0]["count(*)"])

    def search(
        self,
        qvec: np.ndarray,
        k: int,
        filters: Mapping[str, Any] | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[tuple[int, float]]:
        if ids is not None and not len(ids):
            return []
        q = np.asarray(qvec, dtype=np.float32).reshape(-1)
        result = self._call(
            self._client.search,
            self.collection,
            data=[q.tolist()],
            limit=k,
            filter=filter_expression(filters, ids),
            output_fields=["pos"],
            search_params={"metric_type": "IP"},
        )
        return [(int(hit["pos"]), float(hit["distance"])) for hit in result[0]]

    def close(self) -> None:
        self._client.close()

    def _call(self, method: Any, *args: Any, **kwargs: Any) -> Any:
        from pymilvus import MilvusException

        try:
            return method(*args, **kwargs)
        except MilvusException as exc:
            raise RagError(f"Milvus at {self.uri} failed: {exc.message or exc}") from None


def _is_lite(uri: str) -> bool:
    return "://" not in uri


def _milvus_client(uri: str) -> Any:
    try:
        from pymilvus import MilvusClient
    except ImportError:
        raise SettingsError(
            "RAG_VECTOR_STORE=milvus needs pymilvus and milvus-lite: pip install -e '.[scale]'"
        ) from None
    try:
        return MilvusClient(uri)
    except Exception as exc:  # pymilvus raises several unrelated types for an unreachable server
        raise RagError(f"cannot open Milvus at {uri}: {str(exc).splitlines()[0][:200]}") from None


# ---------------------------------------------------------------- builds: which store, written and opened
def signature(settings: Settings) -> dict[str, Any]:
    """The manifest entry naming the vector store; nothing for FAISS (manifests as before)."""
    if settings.vector_store == "faiss":
        return {}
    return {"vector_store": {"kind": "milvus", "uri": _server_uri(settings)}}


def _server_uri(settings: Settings) -> str | None:
    """A server URI, or None for Milvus Lite in the build folder."""
    uri = settings.milvus_uri
    return uri if uri and not _is_lite(uri) else None


def write_store(
    folder: Path, manifest: dict[str, Any], chunks: Sequence[Chunk], vectors: np.ndarray
) -> dict[str, Any]:
    """Fill the build's Milvus collection when the manifest asks for one; the manifest to write."""
    entry = manifest.get("vector_store")
    if not entry or entry.get("kind") != "milvus":
        return manifest
    uri = entry.get("uri")
    collection = "chunks" if uri is None else _collection_name(folder)
    store = MilvusStore(uri or str(folder / MILVUS_LITE_FILE), collection, int(vectors.shape[1]), create=True)
    try:
        store.add(range(len(chunks)), vectors, chunks)
        if store.count() != len(chunks):
            raise RagError(f"Milvus holds {store.count()} of {len(chunks)} vectors after the insert")
        if uri is not None:
            _drop_stale(store, folder)
    finally:
        store.close()
    return {**manifest, "vector_store": {**entry, "collection": collection}}


def store_kind(manifest: Mapping[str, Any]) -> str:
    """ "milvus" or "faiss": the store a manifest (or a settings signature) names."""
    return str((manifest.get("vector_store") or {}).get("kind", "faiss"))


def check_store(path: Path, manifest: Mapping[str, Any], expected: Mapping[str, Any]) -> None:
    """Refuse to query a build whose vectors are in another store than the settings name (checked before
    any vector is read: a Milvus build has no faiss.index, and its vectors.npy is for the next ingest)."""
    built, wanted = store_kind(manifest), store_kind(expected)
    if built == wanted and (built == "faiss" or "collection" in manifest["vector_store"]):
        return
    if wanted == "milvus":
        raise IndexMismatchError(
            f"RAG_VECTOR_STORE=milvus, but the index at {path} was built without Milvus: "
            "run `rag ingest --rebuild DATA…` with RAG_VECTOR_STORE=milvus"
        )
    raise IndexMismatchError(
        f"RAG_VECTOR_STORE=faiss, but the index at {path} was built with Milvus (it has no faiss.index): "
        "set RAG_VECTOR_STORE=milvus, or run `rag ingest --rebuild DATA…` with RAG_VECTOR_STORE=faiss"
    )


def open_store(path: Path, manifest: dict[str, Any], settings: Settings) -> MilvusStore | None:
    """The Milvus store of a loaded build when the settings ask for Milvus; None: FAISS."""
    check_store(path, manifest, signature(settings))
    if settings.vector_store == "faiss":
        return None
    entry = manifest["vector_store"]
    uri = entry.get("uri") or str(path / MILVUS_LITE_FILE)
    store = MilvusStore(uri, entry["collection"], int(manifest["model"]["dimension"]))
    if store.count() != manifest["chunk_count"]:
        raise IndexCorruptError(
            f"Milvus holds {store.count()} vectors of the index at {path}, its manifest {manifest['chunk_count']} "
            f"chunks: {REBUILD}"
        )
    return store


def _collection_name(folder: Path) -> str:
    """rag_<home>_<build>: one collection per build on a shared server, letters, digits and _ only."""
    home = hashlib.sha256(str(folder.parent.resolve()).encode()).hexdigest()[:8]
    return "rag_" + home + "_" + re.sub(r"\W", "_", folder.name)


def _drop_stale(store: MilvusStore, folder: Path) -> None:
    """Drop this RAG_HOME's collections whose build folders are gone (a server outlives builds)."""
    prefix = _collection_name(folder)[: len("rag_") + 9]
    live = {_collection_name(f) for f in folder.parent.iterdir() if f.is_dir()}
    for name in store._call(store._client.list_collections):
        if name.startswith(prefix) and name not in live:
            store._call(store._client.drop_collection, name)
