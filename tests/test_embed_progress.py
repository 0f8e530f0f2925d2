"""The sentence-transformers embedder's progress path: same vectors in the input order, a bar in chunks."""

from __future__ import annotations

import threading

import numpy as np

from embeddings import st
from embeddings.fake import HashingEmbedder


class _Model:
    """Stands in for a SentenceTransformer: the hashing embedder's vectors, and the calls it got."""

    def __init__(self) -> None:
        self.fake = HashingEmbedder(dim=16)
        self.calls: list[int] = []

    def encode(self, texts, **kwargs):
        self.calls.append(len(texts))
        return self.fake.embed_documents(texts)


def _embedder() -> st.SentenceTransformerEmbedder:
    embedder = object.__new__(st.SentenceTransformerEmbedder)
    embedder.name, embedder.dim, embedder.batch_size = "stub", 16, 32
    embedder.query_prompt = embedder.passage_prompt = ""
    embedder._model, embedder._lock = _Model(), threading.Lock()
    return embedder


def test_progress_keeps_the_order_and_reports_chunks(capsys):
    texts = [f"第{i}段：完成工业投资{i}亿元" + "。" * (i % 17) for i in range(600)]
    embedder = _embedder()
    plain = embedder.embed_documents(texts)
    shown = embedder.embed_documents(texts, show_progress=True)
    assert np.allclose(plain, shown) and shown.shape == (600, 16)
    assert embedder._model.calls == [600, 256, 256, 88]
    err = capsys.readouterr().err
    assert "embedding" in err and "600/600" in err and "chunk/s" in err
