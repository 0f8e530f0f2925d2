"""`rag eval --llm`: what the verifier did to the generated answers — kept, removed and why, fallbacks."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from rag.generate.prompts import NOTES
from rag.generate.verify import sentences

REASON_KINDS = (
    ("not in", "number not in the cited passage"),
    ("no citation", "no citation"),
    ("out of range", "citation out of range"),
)


def llm_summary(answers: Sequence[Any]) -> dict[str, Any]:
    """Counts over the answers of one run: modes, sentences kept and removed (by reason), fallback notes."""
    generated = [a for a in answers if a.mode == "generated"]
    removed = [r for a in answers for r in a.removed]
    reasons = Counter(_kind(r["reason"]) for r in removed)
    fallbacks = Counter(_note_kind(a.note) for a in answers if a.mode != "generated" and a.note)
    kept = sum(len(sentences(a.text)) for a in generated)
    return {
        "questions": len(answers),
        "generated": len(generated),
        "extractive": len(answers) - len(generated),
        "sentences_kept": kept,
        "sentences_removed": len(removed),
        "removed_share": round(len(removed) / (kept + len(removed)), 3) if kept + len(removed) else 0.0,
        "removed_by_reason": dict(reasons.most_common()),
        "fallbacks": dict(fallbacks.most_common()),
        "model": next((a.model for a in answers if a.model), None),
    }


def _kind(reason: str) -> str:
    return next((label for key, label in REASON_KINDS if key in reason), reason)


def _note_kind(note: str) -> str:
    for kind, text in NOTES.items():
        if note == text or note.startswith(text.split("{")[0]):
            return kind if kind != "failed" else note
    return note


def llm_text(summary: dict[str, Any]) -> str:
    lines = [
        f"## generated answers ({summary['model'] or 'no model'})",
        f"- questions: {summary['questions']}; generated: {summary['generated']}; "
        f"extractive (fallback): {summary['extractive']}",
        f"- sentences kept: {summary['sentences_kept']}; removed: {summary['sentences_removed']} "
        f"({summary['removed_share']:.1%})",
    ]
    lines += [f"- removed, {reason}: {n}" for reason, n in summary["removed_by_reason"].items()]
    lines += [f"- fallback, {kind}: {n}" for kind, n in summary["fallbacks"].items()]
    return "\n".join(lines)
