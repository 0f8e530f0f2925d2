"""The single-machine ceiling: FAISS flat, HNSW, IVF and IVF-PQ (+ Milvus Lite) on clustered 384-d vectors.

python -m eval.bench_scale                         # 100k, 300k, 1M (about 15 minutes on 2 busy cores)
python -m eval.bench_scale --sizes 20000 --milvus 20000   # a quick look
python -m eval.bench_scale --default-only --sizes 1000000 # only what `build_faiss` builds

The vectors are realistic rather than uniform: every synthetic vector is a point between two real passage
vectors of the sample reports (the default model) plus Gaussian noise, normalised, so that the corpus has the
clusters and the near-duplicates of real reports. Queries are drawn the same way (never from the corpus).
Recall@10 is measured against exact search (IndexFlatIP) of the same corpus. Run it alone:
`flock /tmp/heavy.lock .venv/bin/python -m eval.bench_scale` (it holds both cores).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
DIM = 384
K = 10
NOISE = 0.01  # per-dimension sigma: a query's nearest neighbour at cos ~0.96 (real chunks: 0.98, overlapping)


# ---------------------------------------------------------------- data
def seed_vectors(path: Path | None) -> np.ndarray:
    """Passage vectors of the sample reports' chunks with the default model: `path` (a vectors.npy of an
    index of data/), else a cached copy, else an index of data/ built now (about a minute)."""
    from rag.settings import Settings

    settings = Settings.from_env()
    cache = settings.models_dir.parent / "bench_scale_seeds.npy"
    if path is None and cache.exists():
        return np.load(cache)
    if path is None:
        from rag.api import build_index

        with tempfile.TemporaryDirectory() as home:
            build_index([ROOT / "data"], settings=Settings.from_env(home=Path(home)))
            vectors = np.load(Path(home) / "index" / "vectors.npy")
    else:
        vectors = np.load(path)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.save(cache, vectors)
    return vectors


def synthetic(seeds: np.ndarray, n: int, rng: np.random.Generator, batch: int = 200_000) -> np.ndarray:
    """n normalised points between two random seed vectors, plus noise."""
    out = np.empty((n, seeds.shape[1]), dtype=np.float32)
    for lo in range(0, n, batch):
        m = min(batch, n - lo)
        a = seeds[rng.integers(len(seeds), size=m)]
        b = seeds[rng.integers(len(seeds), size=m)]
        t = rng.uniform(0.0, 0.5, size=(m, 1)).astype(np.float32)
        x = a + t * (b - a) + rng.normal(0.0, NOISE, size=a.shape).astype(np.float32)
        out[lo : lo + m] = x / np.linalg.norm(x, axis=1, keepdims=True)
    return out


def exact_top(corpus: np.ndarray, queries: np.ndarray) -> np.ndarray:
    import faiss

    flat = faiss.IndexFlatIP(corpus.shape[1])
    flat.add(corpus)
    return np.asarray(flat.search(queries, K)[1])


# ---------------------------------------------------------------- measuring
def _ids(index: Any, queries: np.ndarray) -> np.ndarray:
    """The ids of the K nearest vectors of each query."""
    return index.search(queries, K)[1]


def measure(
    search: Callable[[np.ndarray], np.ndarray], queries: np.ndarray, truth: np.ndarray
) -> tuple[float, float, float]:
    """p50 ms, p95 ms (one query at a time, as `rag ask` searches) and recall@10."""
    import faiss

    faiss.omp_set_num_threads(1)  # one query on one core, as a server answers concurrent questions
    search(queries[:1])  # warm
    took, found = [], []
    for q in queries:
        t0 = time.perf_counter()
        ids = search(q[None, :])
        took.append(time.perf_counter() - t0)
        found.append(ids[0])
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    recall = float(np.mean([len(set(f[:K]) & set(t)) / K for f, t in zip(found, truth, strict=True)]))
    return float(np.percentile(took, 50) * 1000), float(np.percentile(took, 95) * 1000), recall


def faiss_bytes(index: Any) -> int:
    import faiss

    with tempfile.NamedTemporaryFile(dir=os.environ.get("TMPDIR")) as f:
        faiss.write_index(index, f.name)
        return os.path.getsize(f.name)


def faiss_candidates(
    n: int, default_only: bool, slow_max: int
) -> Iterator[tuple[str, Callable[[np.ndarray], Any], list]]:
    """(name, build(vectors) -> index, [(param label, setter)]) for each index family."""
    import faiss

    from rag.vectorstore import build_faiss_index

    def default(x: np.ndarray) -> Any:
        return build_faiss_index(x)[0]

    yield "default (build_faiss)", default, [("as built", lambda index: None)]
    if default_only:
        return
    yield "Flat", lambda x: _added(faiss.IndexFlatIP(DIM), x), [("exact", lambda index: None)]

    nlist = _nlist(n)

    def ivf_flat(x: np.ndarray) -> Any:
        index = faiss.IndexIVFFlat(faiss.IndexFlatIP(DIM), DIM, nlist, faiss.METRIC_INNER_PRODUCT)
        return _trained(index, x, nlist)

    probes = [p for p in (16, 32, 64) if p < nlist]
    yield f"IVF{nlist},Flat", ivf_flat, [(f"nprobe={p}", _set("nprobe", p)) for p in probes]
    if n > slow_max:  # HNSW and PQ training take minutes on two cores: measured up to --slow-max
        return

    def hnsw(x: np.ndarray) -> Any:
        index = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 40
        return _added(index, x)

    yield "HNSW M=32 efC=40", hnsw, [(f"efSearch={ef}", _set("hnsw.efSearch", ef)) for ef in (64, 128)]

    def ivf_pq(x: np.ndarray) -> Any:
        ivf = faiss.IndexIVFPQ(faiss.IndexFlatIP(DIM), DIM, nlist, 48, 8, faiss.METRIC_INNER_PRODUCT)
        _trained(ivf, x, nlist)
        return faiss.IndexRefineFlat(ivf, faiss.swig_ptr(x))  # re-ranks with the exact vectors

    def pq_params(p: int, kf: int) -> tuple[str, Callable[[Any], None]]:
        def apply(index: Any) -> None:
            ivf: Any = faiss.downcast_index(index.base_index)
            ivf.nprobe = p
            index.k_factor = kf

        return f"nprobe={p} refine x{kf}" if kf > 1 else f"nprobe={p} no refine", apply

    yield (
        f"IVF{nlist},PQ48 (+refine)",
        ivf_pq,
        [pq_params(32, 1), pq_params(32, 16)],
    )


def _nlist(n: int) -> int:
    from rag.vectorstore import ivf_nlist

    return ivf_nlist(n)


def _added(index: Any, x: np.ndarray) -> Any:
    index.add(x)
    return index


def _trained(index: Any, x: np.ndarray, nlist: int) -> Any:
    from rag.vectorstore import ivf_training_sample

    index.train(ivf_training_sample(x, nlist))
    index.add(x)
    return index


def _set(path: str, value: int) -> Callable[[Any], None]:
    def apply(index: Any) -> None:
        import faiss

        target = faiss.downcast_index(index)
        *parents, last = path.split(".")
        for p in parents:
            target = getattr(target, p)
        setattr(target, last, value)

    return apply


def bench_faiss(
    corpus: np.ndarray, queries: np.ndarray, truth: np.ndarray, default_only: bool, slow_max: int
) -> None:
    n = len(corpus)
    for name, build, params in faiss_candidates(n, default_only, slow_max):
        t0 = time.perf_counter()
        index = build(corpus)
        built = time.perf_counter() - t0
        size = faiss_bytes(index) if "refine" not in name else _refine_bytes(index, n)
        kind = getattr(index, "bench_kind", "")
        for label, setter in params:
            setter(index)
            m = 50 if name == "Flat" and n > 100_000 else len(queries)  # exact search: 0.1 s a query at 1M
            p50, p95, recall = measure(partial(_ids, index), queries[:m], truth[:m])
            shown = f"{name} {kind}".strip() if label == "as built" else name
            row(n, shown, label if label != "as built" else _describe(index), built, size, p50, p95, recall)
        del index


def _describe(index: Any) -> str:
    import faiss

    index = faiss.downcast_index(index)
    if isinstance(index, faiss.IndexIVF):
        return f"IVF{index.nlist} nprobe={index.nprobe}"
    if isinstance(index, faiss.IndexHNSW):
        return f"HNSW efSearch={index.hnsw.efSearch}"
    return type(index).__name__


def _refine_bytes(index: Any, n: int) -> int:
    import faiss

    return faiss_bytes(faiss.downcast_index(index.base_index)) + n * DIM * 4


def bench_milvus(corpus: np.ndarray, queries: np.ndarray, truth: np.ndarray) -> None:
    try:
        from pymilvus import MilvusClient
    except ImportError:
        print("(Milvus Lite skipped: `pip install -e '.[scale]'` installs pymilvus and milvus-lite)")
        return
    n = len(corpus)
    indexes: tuple[tuple[str, dict[str, Any]], ...] = (("FLAT", {}),)
    for index_type, params in indexes:  # Milvus Lite's IVF_FLAT: no faster here (docs/scaling.md)
        with tempfile.TemporaryDirectory() as tmp:
            client = MilvusClient(str(Path(tmp) / "bench.db"))
            t0 = time.perf_counter()
            client.create_collection("bench", dimension=DIM, metric_type="IP", auto_id=False)
            client.release_collection("bench")
            client.drop_index("bench", "vector")
            for lo in range(0, n, 10_000):
                rows = [{"id": i, "vector": v} for i, v in enumerate(corpus[lo : lo + 10_000].tolist(), lo)]
                client.insert("bench", rows)
            prepared = client.prepare_index_params()
            prepared.add_index("vector", index_type=index_type, metric_type="IP", params=params)
            client.create_index("bench", prepared)
            client.load_collection("bench")
            built = time.perf_counter() - t0
            size = sum(f.stat().st_size for f in Path(tmp).rglob("*") if f.is_file())
            probes = [0]
            for p in probes:
                search_params = {"metric_type": "IP", "params": {"nprobe": p} if p else {}}

                def search(q: np.ndarray, sp: dict = search_params, c: Any = client) -> np.ndarray:
                    res = c.search("bench", q.tolist(), limit=K, search_params=sp, output_fields=["id"])
                    return np.asarray([[hit["id"] for hit in res[0]]])

                p50, p95, recall = measure(search, queries[:30], truth[:30])  # ~0.3 s and more a query
                label = f"nprobe={p}" if p else "exact"
                row(n, f"Milvus Lite {index_type}", label, built, size, p50, p95, recall)
            client.close()


# ---------------------------------------------------------------- output
def header() -> None:
    print(
        f"| {'vectors':>9} | {'index':<28} | {'search params':<22} | build s | MB on disk | p50 ms | p95 ms | recall@10 |"
    )
    print(f"|{'-' * 11}|{'-' * 30}|{'-' * 24}|--------:|-----------:|-------:|-------:|----------:|")


def row(
    n: int, name: str, label: str, built: float, size: int, p50: float, p95: float, recall: float
) -> None:
    print(
        f"| {n:>9,} | {name:<28} | {label:<22} | {built:7.1f} | {size / 2**20:10.0f} | {p50:6.2f} | "
        f"{p95:6.2f} | {recall:9.3f} |",
        flush=True,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[100_000, 300_000, 1_000_000]
    )
    parser.add_argument(
        "--seeds", type=Path, help="vectors.npy of an index of data/ (default: cached or built)"
    )
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--milvus", type=int, default=100_000, help="corpus size for Milvus Lite (0: skip)")
    parser.add_argument("--slow-max", type=int, default=100_000, help="largest size for HNSW and IVF-PQ")
    parser.add_argument("--default-only", action="store_true", help="only the index `build_faiss` chooses")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    seeds = seed_vectors(args.seeds)
    rng = np.random.default_rng(16)
    queries = synthetic(seeds, args.queries, np.random.default_rng(1616))
    print(
        f"{len(seeds)} seed vectors (sample chunks, default model); {args.queries} queries; k={K}; {os.cpu_count()} CPUs\n"
    )
    header()
    for n in sorted(set(args.sizes) | ({args.milvus} if args.milvus else set())):
        corpus = synthetic(seeds, n, rng)
        truth = exact_top(corpus, queries)
        if n in args.sizes:
            bench_faiss(corpus, queries, truth, args.default_only, args.slow_max)
        if n == args.milvus:
            bench_milvus(corpus, queries, truth)
        del corpus
    print(f"\ntotal {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
