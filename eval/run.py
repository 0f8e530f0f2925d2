"""Run the questions through `ask()` and score them: the data behind `rag eval`."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.metrics import by_type, percentile, summarise
from eval.scoring import QuestionScore, score_answer


@dataclass
class EvalResult:
    metrics: dict[str, Any]
    by_type: dict[str, dict[str, Any]]
    questions: list[dict[str, Any]]
    manifest: dict[str, Any] = field(default_factory=dict)
    commit: str = "unknown"
    date: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "metrics": self.metrics,
            "by_type": self.by_type,
            "questions": self.questions,
            "manifest": self.manifest,
            "commit": self.commit,
            "date": self.date,
        }


def documents_of(questions: Path) -> Path | None:
    """The documents a question set is about when they are not the sample reports in data/:
    `eval/X_docs/` beside `eval/qa_X.jsonl` (None: the sample reports)."""
    folder = Path(questions).with_name(Path(questions).stem.removeprefix("qa_") + "_docs")
    return folder if folder.is_dir() else None


def read_questions(paths: Sequence[Path]) -> list[dict[str, Any]]:
    from rag.errors import RagError

    rows: list[dict[str, Any]] = []
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise RagError(f"cannot read question file {path}: {exc.strerror or exc}") from None
        for n, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except ValueError:
                raise RagError(f"{path}:{n}: not a JSON line") from None
            if "id" not in row or "question" not in row:
                raise RagError(f"{path}:{n}: a question needs 'id' and 'question'")
            rows.append(row)
    return rows


def run_eval(questions: Sequence[dict[str, Any]], ask_fn: Callable[[str], Any]) -> EvalResult:
    """Ask every question (the first one timed apart as the cold start) and score the answers."""
    scores: list[QuestionScore] = []
    rows: list[dict[str, Any]] = []
    latencies: list[float] = []
    for qa in questions:
        started = time.perf_counter()
        answer = ask_fn(qa["question"])
        latencies.append((time.perf_counter() - started) * 1000)
        score = score_answer(qa, answer)
        scores.append(score)
        rows.append(_row(qa, answer, score))
    metrics: dict[str, Any] = summarise(scores)
    warm = latencies[1:] or latencies
    metrics.update(
        latency_p50_ms=percentile(warm, 50),
        latency_p95_ms=percentile(warm, 95),
        cold_ms=round(latencies[0], 1) if latencies else None,
    )
    return EvalResult(metrics, by_type(scores), rows)


def _row(qa: dict[str, Any], answer: Any, score: QuestionScore) -> dict[str, Any]:
    first = answer.hits[0].chunk if answer.hits else None
    return {
        "id": qa["id"],
        "type": qa.get("type", ""),
        "text": answer.text,
        "short": answer.short,
        "refused": answer.refused,
        "correct": score.correct,
        "span_correct": score.span_correct,
        "grounded": score.grounded,
        "evidence_rank": score.evidence_rank,
        "question": qa["question"],
        "expected": qa.get("answers") or qa.get("answers_all") or [],
        "top_hit": f"{first.meta.title} · {first.section}: {first.text[:60]}" if first else "",
    }
