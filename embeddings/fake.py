"""A deterministic hashing embedder for fast tests: character 1-3-grams into a fixed number of buckets."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from embeddings.base import normalise


class HashingEmbedder:
    query_prompt = ""
    passage_prompt = ""

    def __init__(self, dim: int = 256, name: str = "fake/hashing") -> None:
        self.dim = dim
        self.name = name
        self.calls = 0  # how many texts were embedded: tests check that adds re-embed nothing old

    def _vector(self, text: str) -> np.ndarray:
        vec = np.zeros(self.dim, dtype=np.float32)
        for n in (1, 2, 3):
            for i in range(len(text) - n + 1):
                digest = hashlib.blake2b(text[i : i + n].encode(), digest_size=8).digest()
                vec[int.from_bytes(digest, "little") % self.dim] += 1.0
        return vec

    def embed_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        self.calls += len(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return normalise(np.stack([self._vector(t) for t in texts]))

    def embed_query(self, text: str) -> np.ndarray:
        return normalise(self._vector(text))
