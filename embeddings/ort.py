"""A sentence-transformers folder run by onnxruntime (RAG_EMBED_BACKEND=onnx or onnx-int8), without torch.

The graph (`embeddings.onnx_export`) returns token embeddings; this module does what the folder's
sentence-transformers modules do around it: the prompt before the text, the folder's `tokenizer.json`
truncated to `max_seq_length`, mean (or CLS) pooling over the attention mask as `1_Pooling/config.json`
says, then L2 normalisation. With the fp32 graph the vectors equal the torch ones (cosine ≥ 0.99999).
Texts are embedded longest first in batches of `batch_size`, so a batch pads little.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from embeddings.base import normalise
from rag.errors import ModelUnavailableError


class OnnxEmbedder:
    def __init__(
        self, folder: Path, model_file: Path, *, name: str, backend: str, batch_size: int = 32
    ) -> None:
        folder = Path(folder)
        self.name = name
        self.backend = backend  # recorded in the index manifest (`rag.index.settings_signature`)
        self.batch_size = batch_size
        config = _read_json(folder / "config_sentence_transformers.json")
        prompts = dict(config.get("prompts") or {})
        self.query_prompt: str = prompts.get("query") or ""
        self.passage_prompt: str = prompts.get("passage") or prompts.get("document") or ""
        self.pooling = pooling_mode(folder)
        self.dim = int(_read_json(folder / "1_Pooling" / "config.json")["word_embedding_dimension"])
        self._tokenizer = _tokenizer(folder)
        self._session = _session(model_file)

    def embed_documents(self, texts: Sequence[str], *, show_progress: bool = False) -> np.ndarray:
        return self._encode(list(texts), self.passage_prompt, show_progress)

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([text], self.query_prompt, False)[0]

    def _encode(self, texts: list[str], prompt: str, show_progress: bool) -> np.ndarray:
        from tqdm import tqdm

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        with tqdm(total=len(texts), desc="embedding", unit="chunk", disable=not show_progress) as bar:
            for start in range(0, len(order), self.batch_size):
                part = order[start : start + self.batch_size]
                out[part] = self._batch([prompt + texts[i] for i in part])
                bar.update(len(part))
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (tokens,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask})
        return normalise(pool(tokens, mask, self.pooling))


def pool(tokens: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    """(batch, seq, dim) token embeddings → (batch, dim): the mean over real tokens, or the first token."""
    if mode == "cls":
        return np.asarray(tokens[:, 0], dtype=np.float32)
    weights = mask[..., None].astype(np.float32)
    return (tokens * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)


def pooling_mode(folder: Path) -> str:
    config = _read_json(Path(folder) / "1_Pooling" / "config.json")
    modes = [
        k.removeprefix("pooling_mode_") for k, v in config.items() if k.startswith("pooling_mode_") and v
    ]
    mode = {"mean_tokens": "mean", "cls_token": "cls"}.get(modes[0]) if len(modes) == 1 else None
    if mode is None:
        raise ModelUnavailableError(
            f"{folder}: the ONNX backend pools by mean or CLS token, this model by {modes or 'nothing'}: "
            "set RAG_EMBED_BACKEND=torch"
        )
    return mode


def _tokenizer(folder: Path) -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    st_config = _read_json(folder / "sentence_bert_config.json")
    max_length = int(st_config.get("max_seq_length") or 512)
    tokenizer.enable_truncation(max_length=max_length)
    special = _read_json(folder / "tokenizer_config.json").get("pad_token") or "<pad>"
    pad = special if isinstance(special, str) else special.get("content", "<pad>")
    pad_id = tokenizer.token_to_id(pad)
    if pad_id is None:
        raise ModelUnavailableError(f"{folder}/tokenizer.json has no padding token {pad!r}")
    tokenizer.enable_padding(pad_id=pad_id, pad_token=pad)
    return tokenizer


def _session(model_file: Path) -> Any:
    """An onnxruntime CPU session; OMP_NUM_THREADS, when set, caps its threads as it caps torch's."""
    import onnxruntime as ort
    from onnxruntime.capi import onnxruntime_pybind11_state as state

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.intra_op_num_threads = _threads()
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # no warnings about nodes placed on the CPU
    try:
        return ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
    except (OSError, state.Fail, state.InvalidProtobuf, state.NoSuchFile, state.InvalidGraph) as exc:
        raise ModelUnavailableError(
            f"cannot load {model_file} ({type(exc).__name__}: {str(exc)[:200]}): delete its folder to "
            "export it again, or set RAG_EMBED_BACKEND=torch"
        ) from None


def _threads() -> int:
    raw = os.environ.get("OMP_NUM_THREADS", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else 0  # 0: onnxruntime's default, one per core


def _read_json(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(f"{path} is unreadable ({exc})") from None
