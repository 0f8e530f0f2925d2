"""Metrics over per-question scores (SCORING.md): accuracy, span accuracy, grounded, refusals, hits, latency."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from eval.scoring import QuestionScore


def _share(flags: Sequence[bool]) -> float | None:
    return round(sum(flags) / len(flags), 4) if flags else None


def percentile(values: Sequence[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 1) if values else None


def summarise(scores: Sequence[QuestionScore]) -> dict[str, float | None]:
    answerable = [s for s in scores if not s.unanswerable]
    unanswerable = [s for s in scores if s.unanswerable]
    refused = [s for s in scores if s.refused]
    ranks = [s.evidence_rank for s in answerable]
    return {
        "questions": len(scores),
        "accuracy": _share([s.correct for s in scores]),
        "span_accuracy": _share([s.span_correct for s in scores]),
        "grounded": _share([bool(s.grounded) for s in answerable if s.correct]),
        "refusal_precision": _share([s.unanswerable for s in refused]),
        "refusal_recall": _share([s.refused for s in unanswerable]),
        "wrong_refusals": sum(1 for s in answerable if s.refused),
        "hit@1": _share([r is not None and r <= 1 for r in ranks]),
        "hit@5": _share([r is not None and r <= 5 for r in ranks]),
        "mrr@10": round(sum(1.0 / r for r in ranks if r is not None and r <= 10) / len(ranks), 4)
        if ranks
        else None,
    }


def by_type(scores: Sequence[QuestionScore]) -> dict[str, dict[str, float | None]]:
    types = sorted({s.type for s in scores})
    return {t: summarise([s for s in scores if s.type == t]) for t in types}
