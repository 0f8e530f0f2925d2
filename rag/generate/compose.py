"""A generated answer: number the passages, ask the model, verify, and fall back to the extractive answer."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace

from rag.generate import prompts
from rag.generate.client import GenerationError, TokenFn, complete
from rag.generate.verify import verify
from rag.settings import Settings
from rag.types import Answer, Citation, Hit

MAX_TEXT_CHARS = 300  # as the extractive answer: whole sentences up to this length


def passage_text(hit: Hit) -> str:
    """A passage as the model sees it (without its number): heading line, then the text."""
    meta = hit.chunk.meta
    return prompts.PASSAGE.format(
        title=meta.title,
        city=meta.city or "城市不明",
        year=f"{meta.year}年" if meta.year else "年份不明",
        section=hit.chunk.section or "无章节",
        text=hit.chunk.text,
    )


def messages(question: str, passages: Sequence[Hit]) -> list[dict[str, str]]:
    numbered = "\n\n".join(
        prompts.NUMBERED.format(n=n, passage=passage_text(h)) for n, h in enumerate(passages, 1)
    )
    return [
        {"role": "system", "content": prompts.SYSTEM},
        {"role": "user", "content": prompts.USER.format(passages=numbered, question=question)},
    ]


def fallback(extractive: Answer, note: str, **changes: object) -> Answer:
    return replace(extractive, mode="extractive", note=note, **changes)  # type: ignore[arg-type]


def generate(
    question: str,
    extractive: Answer,
    passages: Sequence[Hit],
    settings: Settings,
    on_token: TokenFn | None = None,
) -> Answer:
    """The verified generated answer, or `extractive` with a one-line note saying why not."""
    if not passages:
        return fallback(extractive, prompts.NOTES["failed"].format(reason="没有检索到段落"))
    started = time.perf_counter()
    try:
        raw, model = complete(messages(question, passages), settings, on_token)
    except GenerationError as exc:
        return fallback(extractive, prompts.NOTES["failed"].format(reason=exc))
    timings = {**extractive.timings_ms, "generate": (time.perf_counter() - started) * 1000}
    verdict = verify(raw, [passage_text(h) for h in passages])
    if verdict.refused:
        return fallback(extractive, prompts.NOTES["refused"], model=model, timings_ms=timings)
    kept = _fit(verdict.kept)
    if not kept:
        return fallback(
            extractive,
            prompts.NOTES["nothing_kept"],
            model=model,
            removed=verdict.removed,
            timings_ms=timings,
        )
    return replace(
        extractive,
        text="".join(kept),
        refused=False,
        citations=tuple(_citation(n, passages[n - 1]) for n in verdict.cited),
        mode="generated",
        removed=verdict.removed,
        model=model,
        note=None,
        timings_ms=timings,
    )


def _fit(sentences: Sequence[str]) -> list[str]:
    kept: list[str] = []
    for s in sentences:
        if sum(map(len, kept)) + len(s) > MAX_TEXT_CHARS:
            break
        kept.append(s)
    return kept


def _citation(n: int, hit: Hit) -> Citation:
    c = hit.chunk
    return Citation(
        n,
        c.doc_id,
        c.meta.title,
        c.meta.city,
        c.meta.year,
        c.section,
        c.text,
        c.chunk_id,
        c.start,
        c.end,
        hit.score,
    )


def answer_with_model(
    question: str,
    extractive: Answer,
    hits: Sequence[Hit],
    settings: Settings,
    *,
    coverage: str | None = None,
    on_token: TokenFn | None = None,
) -> Answer:
    """The hook of `ask()`: no model call when the index holds no report for the city or year asked
    about (`coverage`), or when no endpoint is configured; otherwise `generate`."""
    if extractive.refused and coverage:
        return fallback(extractive, prompts.NOTES["coverage"])
    if not settings.llm_url:
        return fallback(extractive, prompts.NOTES["failed"].format(reason="未配置 RAG_LLM_URL"))
    return generate(question, extractive, hits[: settings.llm_passages], settings, on_token)
