"""Benchmark: model load, ingest speed, index size, query latency, and FAISS at 100,000 chunks.

python -m eval.bench                 # everything (a few minutes on 2 cores)
python -m eval.bench --skip-scale    # only the sample reports
python -m eval.bench --scale 20000   # a smaller synthetic corpus
python -m eval.bench --library 1500  # only the generated report library (eval/bench_corpus.py)
python -m eval.bench --only-backends # only the embedding backends side by side (torch, onnx, onnx-int8)
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = [
    "常熟2024年工业投资目标是多少",
    "昆山之链(恋)慢行环线全长多少公里？",
    "苏州2021年工业投资目标是多少？",
    "“十四五”时期苏州全社会研发投入强度达到了多少？",
    "常熟港一年的货物吞吐量有多少?",
]


def _ms(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) * 1000


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def sample_run(data: Path) -> None:
    import rag
    from rag.cleaning import clean_bytes
    from rag.index import default_embedder, resolve_backend
    from rag.settings import Settings

    raws = [(f.name, f.read_bytes()) for f in sorted(data.glob("*.txt"))]
    clean_bytes(raws[0][1], raws[0][0])  # dictionaries load once per process
    t0 = time.perf_counter()
    for name, raw in raws:
        clean_bytes(raw, name)
    took = time.perf_counter() - t0
    print(
        f"clean {len(raws)} files (warm):       {took:8.2f} s   ({sum(len(r) for _, r in raws) / took / 1e6:.2f} MB/s)"
    )
    with tempfile.TemporaryDirectory() as home:
        settings = Settings.from_env(home=Path(home))
        t0 = time.perf_counter()
        embedder = default_embedder(settings)  # what the ingest below runs (RAG_EMBED_BACKEND)
        embedder.embed_query("预热")
        print(
            f"cold model load:            {time.perf_counter() - t0:8.2f} s   "
            f"({settings.embed_model}, {resolve_backend(settings).embed_backend})"
        )
        t0 = time.perf_counter()
        report = rag.build_index([data], settings=settings)
        took = time.perf_counter() - t0
        print(
            f"ingest {len(report.files)} files:            {took:8.2f} s   ({report.chunks / took:.1f} chunks/s)"
        )
        size = sum(f.stat().st_size for f in settings.index_dir.resolve().rglob("*") if f.is_file())
        print(f"index on disk:              {size / 1e6:8.2f} MB  ({report.chunks} chunks)")
        times = []
        for q in QUESTIONS * 10:
            t0 = time.perf_counter()
            embedder.embed_query(q)
            times.append(time.perf_counter() - t0)
        print(f"query embedding p50 / p95:  {_ms(times, 50):8.1f} / {_ms(times, 95):.1f} ms")
        index = rag.load_index(settings)
        times = []
        for q in QUESTIONS * 10:
            t0 = time.perf_counter()
            rag.ask(q, index=index, settings=settings)
            times.append(time.perf_counter() - t0)
        print(f"warm ask() p50 / p95:       {_ms(times, 50):8.1f} / {_ms(times, 95):.1f} ms")
        t0 = time.perf_counter()
        env = {**os.environ, "RAG_HOME": str(settings.home)}
        subprocess.run(
            [sys.executable, "-m", "rag", "ask", QUESTIONS[0]], env=env, check=True, capture_output=True
        )
        print(
            f"first answer, new process:  {time.perf_counter() - t0:8.2f} s   (imports, model and index load)"
        )


def _ask(index: Any, settings: Any, question: str) -> Any:
    import rag

    return rag.ask(question, index=index, settings=settings)


def _sample_texts(data: Path) -> list[str]:
    """What the embedder sees of the sample reports' chunks, in index order."""
    from rag.chunking import chunk_document, index_text
    from rag.cleaning import clean_bytes
    from rag.settings import Settings

    settings = Settings.from_env()
    texts: list[str] = []
    for f in sorted(data.glob("*.txt")):
        doc = clean_bytes(f.read_bytes(), f.name)
        chunks = chunk_document(doc, size=settings.chunk_size, overlap=settings.chunk_overlap)
        texts += [index_text(c) for c in chunks]
    return texts


def backend_run(data: Path, chunks: int = 320, rounds: int = 3) -> None:
    """The embedding backends side by side in one sitting: passage chunks/s on the same sample chunks
    (rounds interleaved, so a busy machine slows them alike; best round and median), cosine of each
    backend's vectors to torch fp32's, then evidence hit@1/hit@5 of the public questions (eval/qa_dev.jsonl)
    on an index of data/ built with each backend."""
    import rag
    from embeddings import BACKENDS, get_embedder
    from eval.cli import DEFAULT_QA, retrieval_table
    from eval.run import read_questions, run_eval
    from rag.settings import Settings

    texts = _sample_texts(data)[:chunks]
    settings = Settings.from_env()
    print(f"\nembedding backends: {len(texts)} sample chunks, batch {settings.batch_size}, {rounds} rounds")
    embedders = {}
    for backend in BACKENDS:
        t0 = time.perf_counter()
        embedders[backend] = get_embedder(
            settings.embed_model,
            models_dir=settings.models_dir,
            batch_size=settings.batch_size,
            backend=backend,
        )
        embedders[backend].embed_documents(texts[:8])
        print(f"  {backend:10s} load (export on first use) {time.perf_counter() - t0:6.1f} s", flush=True)
    rates: dict[str, list[float]] = {b: [] for b in BACKENDS}
    vectors: dict[str, np.ndarray] = {}
    for _ in range(rounds):
        for backend, embedder in embedders.items():
            t0 = time.perf_counter()
            vectors[backend] = embedder.embed_documents(texts)
            rates[backend].append(len(texts) / (time.perf_counter() - t0))
    questions = read_questions([DEFAULT_QA])
    print(
        "| backend | chunks/s best (median) | × torch | cosine to torch mean / min | dense hit@1 / hit@5 | "
        "hybrid hit@1 / hit@5 | answers: evidence hit@1 / hit@5, accuracy | ingest of data/, chunks/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for backend in BACKENDS:
        cos = (vectors[backend] * vectors["torch"]).sum(axis=1)
        best, median = max(rates[backend]), float(np.median(rates[backend]))
        with tempfile.TemporaryDirectory() as home:
            s = Settings.from_env(home=Path(home), embed_backend=backend, top_k=10)
            t0 = time.perf_counter()
            report = rag.build_index([data], settings=s, progress=False)
            ingest = report.chunks / (time.perf_counter() - t0)
            index = rag.load_index(s)
            sides = retrieval_table(index, questions)
            metrics = run_eval(questions, partial(_ask, index, s)).metrics
        d, h = sides["dense"], sides["hybrid"]
        print(
            f"| {backend} | {best:.1f} ({median:.1f}) | {best / max(rates['torch']):.2f} | "
            f"{cos.mean():.4f} / {cos.min():.4f} | {d['hit@1']:.3f} / {d['hit@5']:.3f} | "
            f"{h['hit@1']:.3f} / {h['hit@5']:.3f} | {metrics['hit@1']:.3f} / {metrics['hit@5']:.3f}, "
            f"{metrics['accuracy']:.3f} | {ingest:.1f} |",
            flush=True,
        )


def scale_run(n: int, dim: int = 384, queries: int = 200) -> None:
    import faiss

    from rag.index import HNSW_MIN_CHUNKS, build_faiss

    rng = np.random.default_rng(0)
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    probes = vectors[rng.integers(0, n, queries)] + 0.05 * rng.standard_normal((queries, dim)).astype(
        np.float32
    )
    print(
        f"\nsynthetic corpus: {n:,} chunks x {dim} dims (the index switches to HNSW at {HNSW_MIN_CHUNKS:,})"
    )
    exact = faiss.IndexFlatIP(dim)
    exact.add(vectors)
    _, truth = exact.search(probes, 10)
    for name, make in (("IndexFlatIP", faiss.IndexFlatIP), ("HNSW (auto)", None)):
        before = _rss_mb()
        t0 = time.perf_counter()
        if make is None:
            index, name = build_faiss(vectors) if n >= HNSW_MIN_CHUNKS else (_hnsw(vectors), "IndexHNSWFlat")
        else:
            index = make(dim)
            index.add(vectors)
        build = time.perf_counter() - t0
        times = []
        for probe in probes:
            t0 = time.perf_counter()
            _, found = index.search(probe.reshape(1, -1), 10)
            times.append(time.perf_counter() - t0)
        _, found = index.search(probes, 10)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth, strict=True)])
        print(
            f"{name:32s} build {build:6.2f} s  +{max(_rss_mb() - before, 0):6.0f} MB peak RSS  "
            f"search p50 {_ms(times, 50):6.2f} ms  p95 {_ms(times, 95):6.2f} ms  recall@10 {recall:.3f}"
        )


def library_run(n: int, *, embed_3x: bool = False, real: bool = True) -> None:
    """A generated library of `n` report files (and 3n): ingest with the real model, detection of
    near-duplicates, the same at 3x with the hashing embedder (the model's share is estimated)."""
    from eval.bench_corpus import dedup_generated, dedup_run, write_corpus

    print(f"\ngenerated report library (eval/bench_corpus.py): {n} and {3 * n} files", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "1x", Path(tmp) / "3x"
        print("1x:", write_corpus(small, n), flush=True)
        print("3x:", write_corpus(large, 3 * n, seed=31), flush=True)
        run = [sys.executable, "-m", "eval.bench_corpus"]
        if real:
            subprocess.run([*run, str(small), "--ingest", "real"], check=True)
        subprocess.run([*run, str(small), "--ingest", "hashing"], check=True)
        subprocess.run([*run, str(large), "--ingest", "hashing"], check=True)
        if embed_3x:
            subprocess.run([*run, str(large), "--ingest", "real"], check=True)
        else:
            print(
                "3x with the real model: skipped (embedding dominates and grows linearly; see the 1x chunks/s)"
            )
        dedup_run(small, f"{n} files")
        dedup_run(large, f"{3 * n} files")
    dedup_generated(10_000)


def _hnsw(vectors: np.ndarray):  # type: ignore[no-untyped-def]
    import faiss

    index = faiss.IndexHNSWFlat(vectors.shape[1], 32, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efSearch = 128
    index.add(vectors)
    return index


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--scale", type=int, default=100_000)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-model", action="store_true", help="only the synthetic FAISS run")
    parser.add_argument("--library", type=int, default=1500, help="files in the generated report library")
    parser.add_argument("--only-library", action="store_true", help="only the generated report library")
    parser.add_argument("--skip-library", action="store_true")
    parser.add_argument("--embed-3x", action="store_true", help="also embed the 3x library (long)")
    parser.add_argument("--no-model", action="store_true", help="library: the hashing embedder only")
    parser.add_argument("--only-backends", action="store_true", help="only the embedding backends compared")
    parser.add_argument("--backend-chunks", type=int, default=320, help="sample chunks timed per backend")
    parser.add_argument("--backend-rounds", type=int, default=3, help="timed rounds per backend, interleaved")
    args = parser.parse_args()
    if args.only_backends:
        backend_run(args.data, args.backend_chunks, args.backend_rounds)
        return
    if args.only_library:
        library_run(args.library, embed_3x=args.embed_3x, real=not args.no_model)
        return
    if not args.skip_model:
        sample_run(args.data)
        backend_run(args.data, args.backend_chunks, args.backend_rounds)
    if not args.skip_scale:
        scale_run(args.scale)
    if not args.skip_library:
        library_run(args.library, embed_3x=args.embed_3x, real=not args.no_model)


if __name__ == "__main__":
    main()
