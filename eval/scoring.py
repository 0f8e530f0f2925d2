"""SCORING.md as pure functions: normalisation, the digit-boundary matcher, per-question scores."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_ANSWER_CHARS = 300


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def normalise(text: str) -> str:
    """NFKC (full-width digits and ％ become ASCII), t2s, all whitespace removed, Latin lower-cased."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _t2s().convert(text)
    return re.sub(r"\s+", "", text).lower()


def matches(gold: str, text: str) -> bool:
    """Gold occurs in text with digit boundaries (both sides normalised first).

    `5%以上` does not match inside `5.5%以上`, `3.7%` not inside `23.7%`, `21年` not inside `121年`.
    """
    g, t = normalise(gold), normalise(text)
    if not g:
        return False
    start = t.find(g)
    while start >= 0:
        end = start + len(g)
        before_ok = not g[0].isdigit() or start == 0 or not (t[start - 1].isdigit() or t[start - 1] == ".")
        after_ok = (
            not g[-1].isdigit()
            or end == len(t)
            or not (t[end].isdigit() or (t[end] == "." and end + 1 < len(t) and t[end + 1].isdigit()))
        )
        if before_ok and after_ok:
            return True
        start = t.find(g, start + 1)
    return False


def gold_matches(qa: Mapping[str, Any], text: str | None) -> bool:
    """ANY of `answers`, or ALL of `answers_all`."""
    if text is None:
        return False
    if qa.get("answers_all"):
        return all(matches(g, text) for g in qa["answers_all"])
    return any(matches(g, text) for g in qa.get("answers", []))


def is_unanswerable(qa: Mapping[str, Any]) -> bool:
    return not qa.get("answers") and not qa.get("answers_all")


@dataclass(frozen=True)
class QuestionScore:
    id: str
    type: str
    correct: bool
    span_correct: bool
    grounded: bool | None  # None unless correct and answerable
    refused: bool
    unanswerable: bool
    evidence_rank: int | None


def evidence_rank(qa: Mapping[str, Any], hit_texts: Sequence[str], limit: int = 10) -> int | None:
    """1-based rank of the first hit holding the evidence (or all answers_all when no evidence)."""
    evidence = normalise(qa.get("evidence") or "")
    for rank, text in enumerate(hit_texts[:limit], start=1):
        norm = normalise(text)
        if evidence and evidence in norm:
            return rank
        if not evidence and qa.get("answers_all") and all(matches(g, text) for g in qa["answers_all"]):
            return rank
    return None


def score_question(
    qa: Mapping[str, Any],
    *,
    text: str,
    short: str | None,
    refused: bool,
    quotes: Iterable[str],
    hit_texts: Sequence[str],
) -> QuestionScore:
    unanswerable = is_unanswerable(qa)
    if unanswerable:
        correct = span_correct = refused
        grounded = None
    else:
        ok_length = len(text) <= MAX_ANSWER_CHARS
        correct = not refused and ok_length and gold_matches(qa, text)
        span_correct = not refused and gold_matches(qa, short)
        grounded = gold_matches(qa, "\n".join(quotes)) if correct else None
    rank = None if unanswerable else evidence_rank(qa, hit_texts)
    return QuestionScore(
        qa["id"], qa.get("type", ""), correct, span_correct, grounded, refused, unanswerable, rank
    )


def score_answer(qa: Mapping[str, Any], answer: Any) -> QuestionScore:
    """Score a `rag.Answer` (its text, short span, refusal, cited quotes and ranked hits)."""
    return score_question(
        qa,
        text=answer.text,
        short=answer.short,
        refused=answer.refused,
        quotes=[c.quote for c in answer.citations],
        hit_texts=[h.chunk.text for h in answer.hits],
    )
