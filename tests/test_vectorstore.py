"""Vector stores behind Index.search_dense: FAISS (default) and Milvus Lite give the same hits; filters are
pushed down; the ANN default past ANN_MIN_CHUNKS keeps recall (fake embedder, sample reports)."""

import importlib.util
import json

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings
from rag.errors import IndexMismatchError, SettingsError
from rag.index import load_index
from rag.ingest import ingest
from rag.vectorstore import FaissStore, build_faiss_index, filter_expression, ivf_nlist
from tests.conftest import DATA

HAS_MILVUS = (
    importlib.util.find_spec("pymilvus") is not None and importlib.util.find_spec("milvus_lite") is not None
)
needs_milvus = pytest.mark.skipif(
    not HAS_MILVUS,
    reason="Milvus Lite is an optional extra: pip install -e '.[scale]' (pymilvus, milvus-lite)",
)
QUERIES = ["常熟 工业投资 308亿元", "地区生产总值增长", "昆山 慢行环线", "研发投入强度", "港口货物吞吐量"]


@pytest.fixture(scope="module")
def fake():
    return HashingEmbedder()


@pytest.fixture(scope="module")
def faiss_index(tmp_path_factory, fake):
    settings = Settings.from_env({}, home=tmp_path_factory.mktemp("faiss"))
    ingest([DATA], settings, embedder=fake, progress=False)
    return load_index(settings, embedder=fake)


@pytest.fixture(scope="module")
def milvus_settings(tmp_path_factory, fake):
    if not HAS_MILVUS:
        pytest.skip("Milvus Lite is an optional extra: pip install -e '.[scale]'")
    settings = Settings.from_env({"RAG_VECTOR_STORE": "milvus"}, home=tmp_path_factory.mktemp("milvus"))
    ingest([DATA], settings, embedder=fake, progress=False)
    return settings


@pytest.fixture(scope="module")
def milvus_index(milvus_settings, fake):
    return load_index(milvus_settings, embedder=fake)


def test_settings_name_the_store():
    assert Settings.from_env({}).vector_store == "faiss"
    with pytest.raises(SettingsError, match="RAG_VECTOR_STORE"):
        Settings.from_env({"RAG_VECTOR_STORE": "qdrant"})


def test_faiss_is_the_default_store(faiss_index, fake):
    hits = faiss_index.search_dense(fake.embed_query("完成工业投资308亿元"), 5)
    assert type(faiss_index.vector_store) is FaissStore
    assert len(hits) == 5 and hits[0][1] >= hits[-1][1]
    assert "vector_store" not in faiss_index.manifest  # FAISS manifests as before


def test_faiss_filters_and_delete(faiss_index, fake):
    store = FaissStore(faiss_index._faiss, faiss_index.vectors, faiss_index.chunks)
    q = fake.embed_query("工业投资")
    hits = store.search(q, 10, filters={"city": "昆山"})
    assert hits and all(faiss_index.chunks[p].meta.city == "昆山" for p, _ in hits)
    doc = faiss_index.chunks[hits[0][0]].doc_id
    n = store.count()
    removed = store.delete_document(doc)
    assert removed > 0 and store.count() == n - removed
    assert all(faiss_index.chunks[p].doc_id != doc for p, _ in store.search(q, 50))


def test_milvus_filter_expression():
    assert filter_expression({"city": "常熟", "year": [2023, 2024], "doc_type": None}) == (
        'city in ["常熟"] and year in [2023, 2024]'
    )
    assert filter_expression(None, [3, 5]) == "pos in [3, 5]"
    with pytest.raises(ValueError, match="unknown filter"):
        filter_expression({"town": "x"})


@needs_milvus
def test_milvus_lite_build_lives_in_the_index_folder(milvus_index, faiss_index):
    entry = milvus_index.manifest["vector_store"]
    assert entry == {"kind": "milvus", "uri": None, "collection": "chunks"}
    assert (milvus_index.path / "milvus.db").exists()
    assert milvus_index.vector_store.count() == len(faiss_index.chunks)
    assert [c.chunk_id for c in milvus_index.chunks] == [c.chunk_id for c in faiss_index.chunks]


@needs_milvus
def test_milvus_gives_the_faiss_hits(milvus_index, faiss_index, fake):
    for text in QUERIES:
        q = fake.embed_query(text)
        ours, theirs = milvus_index.search_dense(q, 20), faiss_index.search_dense(q, 20)
        assert [p for p, _ in ours] == [p for p, _ in theirs], text
        assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5)


@needs_milvus
def test_milvus_pushes_filters_down(milvus_index, faiss_index, fake):
    q = fake.embed_query("工业投资")
    for filters in ({"city": "昆山"}, {"city": "常熟", "year": 2024}, {"doc_type": "五年规划建议"}):
        hits = milvus_index.vector_store.search(q, 10, filters=filters)
        assert hits, filters
        assert [p for p, _ in hits] == [p for p, _ in faiss_index.vector_store.search(q, 10, filters=filters)]
        for p, _ in hits:
            meta = milvus_index.chunks[p].meta
            assert all(str(getattr(meta, k)) == str(v) for k, v in filters.items())
    subset = list(range(0, len(milvus_index.chunks), 7))
    assert [p for p, _ in milvus_index.search_dense(q, 5, subset)] == [
        p for p, _ in faiss_index.search_dense(q, 5, subset)
    ]


@needs_milvus
def test_milvus_store_deletes_a_document(tmp_path, faiss_index, fake):
    from rag.vectorstore import MilvusStore

    store = MilvusStore(str(tmp_path / "m.db"), "chunks", fake.dim, create=True)
    chunks = faiss_index.chunks
    store.add(range(len(chunks)), faiss_index.vectors, chunks)
    doc = chunks[0].doc_id
    assert store.delete_document(doc) == sum(c.doc_id == doc for c in chunks)
    assert store.count() == sum(c.doc_id != doc for c in chunks)
    store.close()


@needs_milvus
def test_loading_a_faiss_build_with_milvus_settings_is_a_clear_error(faiss_index, fake):
    settings = Settings.from_env({"RAG_VECTOR_STORE": "milvus"}, home=faiss_index.path.parent.parent)
    with pytest.raises(IndexMismatchError, match="built without Milvus"):
        load_index(settings, embedder=fake)


@needs_milvus
def test_a_milvus_query_holds_no_dense_copy(milvus_index, fake):
    """A Milvus build has no faiss.index, and loading it reads neither FAISS nor vectors.npy."""
    assert not (milvus_index.path / "faiss.index").exists()
    assert (milvus_index.path / "vectors.npy").exists()  # the next ingest's copy of the old vectors
    assert milvus_index.vectors is None and milvus_index._faiss is None
    assert milvus_index.manifest["faiss"] is None
    assert len(milvus_index.search_dense(fake.embed_query("工业投资"), 3)) == 3


@needs_milvus
def test_loading_a_milvus_build_with_faiss_settings_is_a_clear_error(milvus_settings, fake):
    settings = Settings.from_env({}, home=milvus_settings.home)
    with pytest.raises(IndexMismatchError, match="built with Milvus"):
        load_index(settings, embedder=fake)


@needs_milvus
def test_milvus_adds_carry_the_old_vectors(tmp_path, faiss_index, fake):
    """An add to a Milvus build that a reader holds open gives the hits of a FAISS build of all files."""
    files = sorted(DATA.glob("*.txt"))
    settings = Settings.from_env({"RAG_VECTOR_STORE": "milvus"}, home=tmp_path)
    ingest(files[:2], settings, embedder=fake, progress=False)
    reader = load_index(settings, embedder=fake)
    ingest(files[2:], settings, embedder=fake, progress=False)
    after = load_index(settings, embedder=fake)
    assert sorted(c.chunk_id for c in after.chunks) == sorted(c.chunk_id for c in faiss_index.chunks)
    for text in QUERIES:
        q = fake.embed_query(text)
        ours, theirs = after.search_dense(q, 10), faiss_index.search_dense(q, 10)
        assert [after.chunks[p].chunk_id for p, _ in ours] == [
            faiss_index.chunks[p].chunk_id for p, _ in theirs
        ]
        assert np.allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5)
    reader.vector_store.close()
    after.vector_store.close()


def test_ann_default_past_the_switch_point(monkeypatch):
    """Past ANN_MIN_CHUNKS the default index is IVF with its nprobe saved; recall stays high on clustered data."""
    import faiss

    monkeypatch.setattr("rag.vectorstore.ANN_MIN_CHUNKS", 5_000)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(50, 64)).astype(np.float32)
    x = centres[rng.integers(50, size=20_000)] + rng.normal(0, 0.3, size=(20_000, 64)).astype(np.float32)
    x /= np.linalg.norm(x, axis=1, keepdims=True)
    index, kind = build_faiss_index(x)
    assert kind == f"IndexIVFFlat(nlist={ivf_nlist(20_000)},nprobe=32)"
    reread = faiss.deserialize_index(faiss.serialize_index(index))
    assert faiss.extract_index_ivf(reread).nprobe == 32
    q = x[:100] + rng.normal(0, 0.05, size=(100, 64)).astype(np.float32)
    exact = faiss.IndexFlatIP(64)
    exact.add(x)
    truth, found = exact.search(q, 10)[1], reread.search(q, 10)[1]
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(truth, found, strict=True)])
    assert recall >= 0.95
    assert json.dumps(kind)  # goes into the manifest as today


@needs_milvus
@pytest.mark.slow
def test_milvus_lite_end_to_end_with_the_real_model(tmp_path):
    """`RAG_VECTOR_STORE=milvus rag ingest data/ && rag ask …` gives 308亿元 with the citation FAISS gives."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {**os.environ, "RAG_HOME": str(tmp_path / "home"), "RAG_VECTOR_STORE": "milvus"}
    question = "常熟2024年工业投资目标是多少"

    def rag(*args: str, extra: dict | None = None) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "rag", *args],
            cwd=ROOT,
            env={**env, **(extra or {})},
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    # its own FAISS index of the same files: the session's sample index may hold a report a UI test uploaded
    faiss = {"RAG_HOME": str(tmp_path / "faiss"), "RAG_VECTOR_STORE": "faiss"}
    rag("ingest", "--quiet", str(DATA), extra=faiss)
    rag("ingest", "--quiet", str(DATA))
    assert (tmp_path / "home" / "index" / "milvus.db").exists()
    ours = json.loads(rag("ask", "--json", question))
    theirs = json.loads(rag("ask", "--json", question, extra=faiss))
    assert ours["short"] == "308亿元"
    first = ("doc_id", "chunk_id", "start", "end", "quote")
    assert [c[k] for c in ours["citations"] for k in first] == [
        c[k] for c in theirs["citations"] for k in first
    ]
    assert [h["chunk_id"] for h in ours["hits"]] == [h["chunk_id"] for h in theirs["hits"]]
