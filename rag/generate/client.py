"""The chat-completions call to an OpenAI-compatible endpoint (Ollama, vLLM, llama.cpp, LM Studio, a hosted
API) through the official `openai` package, streamed. Every failure becomes one `GenerationError` whose
message is a short reason; the caller falls back to the extractive answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from typing import Any

from rag.errors import RagError
from rag.settings import Settings

MAX_TOKENS = 300  # a short answer: one to three sentences
TokenFn = Callable[[str], None]


class GenerationError(RagError):
    """The endpoint gave no usable answer (caught inside `ask()`, shown as a one-line note)."""


def _openai() -> Any:
    try:
        import openai
    except ImportError:
        raise GenerationError("未安装 openai 包：pip install '.[llm]'") from None
    return openai


def complete(
    messages: Sequence[dict[str, str]], settings: Settings, on_token: TokenFn | None = None
) -> tuple[str, str]:
    """(the model's whole answer, the model's name), calling `on_token` with each piece as it streams in."""
    openai = _openai()
    if not settings.llm_url:
        raise GenerationError("未配置 RAG_LLM_URL")
    client = openai.OpenAI(
        base_url=settings.llm_url,
        api_key=settings.llm_key or "not-needed",
        timeout=float(settings.llm_timeout),
        max_retries=0,
    )
    try:
        model = settings.llm_model or _first_model(client)
        return _stream(client, model, messages, settings, on_token), model
    except openai.APITimeoutError:
        raise GenerationError(f"{settings.llm_timeout} 秒内没有回答") from None
    except openai.APIConnectionError:
        raise GenerationError(f"无法连接 {settings.llm_url}") from None
    except openai.APIStatusError as exc:
        raise GenerationError(f"HTTP {exc.status_code}") from None
    except (openai.OpenAIError, json.JSONDecodeError, AttributeError, TypeError):
        raise GenerationError("回应格式不对") from None


def _first_model(client: Any) -> str:
    """The endpoint's first model, when RAG_LLM_MODEL is not set (llama.cpp and vLLM serve one)."""
    for model in client.models.list():
        return str(model.id)
    raise GenerationError("端点没有列出任何模型，请设置 RAG_LLM_MODEL")


def _stream(
    client: Any, model: str, messages: Sequence[dict[str, str]], settings: Settings, on_token: TokenFn | None
) -> str:
    deadline = time.monotonic() + settings.llm_timeout
    stream = client.chat.completions.create(
        model=model, messages=list(messages), temperature=0, max_tokens=MAX_TOKENS, stream=True
    )
    parts: list[str] = []
    for chunk in stream:
        if time.monotonic() > deadline:
            stream.close()
            raise GenerationError(f"{settings.llm_timeout} 秒内没有答完")
        piece = chunk.choices[0].delta.content if chunk.choices else None
        if piece:
            parts.append(piece)
            if on_token:
                on_token(piece)
    text = "".join(parts).strip()
    if not text:
        raise GenerationError("模型返回了空回答")
    return text
