"""Any sentence-transformers model (a hub name where the hub is reachable, or a local folder)."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import ModelUnavailableError

PROGRESS_STEP = 256  # texts per step of the progress bar (sentence-transformers batches within a step)


class SentenceTransformerEmbedder:
    backend = "torch"  # recorded in the index manifest as no entry (`rag.index.settings_signature`)

    def __init__(
        self, model: str, *, device: str = "cpu", batch_size: int = 32, name: str | None = None
    ) -> None:
        self.name = name or model
        self.batch_size = batch_size
        self._model = _load(model, device)
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dim = int(dimension())
        prompts = dict(getattr(self._model, "prompts", {}) or {})
        self.query_prompt: str = prompts.get("query") or ""
        self.passage_prompt: str = prompts.get("passage") or prompts.get("document") or ""
        self._lock = threading.Lock()

    def _encode(self, texts: list[str], prompt: str, show_progress: bool) -> np.ndarray:
        if not show_progress or len(texts) <= PROGRESS_STEP:
            return self._encode_batch(texts, prompt)
        return self._encode_with_progress(texts, prompt)

    def _encode_batch(self, texts: list[str], prompt: str) -> np.ndarray:
        with self._lock:  # torch modules are not re-entrant across threads for one model
            vectors = self._model.encode(
                texts,
                prompt=prompt or None,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def _encode_with_progress(self, texts: list[str], prompt: str) -> np.ndarray:
        """Longest texts first (as sentence-transformers sorts within one call, here across all of them),
        in steps of PROGRESS_STEP, with a bar in chunks: chunks/s and a time left a person can read."""
        from tqdm import tqdm

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        with tqdm(total=len(texts), desc="embedding", unit="chunk") as bar:
            for start in range(0, len(order), PROGRESS_STEP):
                part = order[start : start + PROGRESS_STEP]
                out[part] = self._encode_batch([texts[i] for i in part], prompt)
                bar.update(len(part))
        return out

    def embed_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return self._encode(list(texts), self.passage_prompt, show_progress)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], self.query_prompt, False)[0]


def _load(model: str, device: str) -> Any:
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every start of `rag ask`

    local = Path(model).expanduser()
    try:
        if local.is_dir():
            return SentenceTransformer(str(local), device=device, local_files_only=True)
        return SentenceTransformer(model, device=device)
    except (OSError, ValueError, RuntimeError) as exc:
        raise ModelUnavailableError(
            f"cannot load embedding model {model!r} ({type(exc).__name__}: {str(exc)[:200]}). "
            "Without access to the Hugging Face hub, set RAG_EMBED_MODEL to a local sentence-transformers "
            "folder, or unset it to use the bundled default."
        ) from None
