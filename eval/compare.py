"""`rag eval --compare OLD.json`: what changed, metric by metric and question by question."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from rag.errors import RagError


def load(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise RagError(f"cannot read earlier results {path}: {exc}") from None


def compare(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    lines = []
    for key, value in new["metrics"].items():
        before = old.get("metrics", {}).get(key)
        if before != value:
            lines.append(f"{key}: {before} -> {value}")
    old_q = {q["id"]: q for q in old.get("questions", [])}
    for q in new["questions"]:
        was = old_q.get(q["id"])
        if was is None:
            lines.append(f"+ {q['id']} new question ({'right' if q['correct'] else 'wrong'})")
        elif was["correct"] != q["correct"]:
            change = "fixed" if q["correct"] else "broken"
            lines.append(
                f"{change}: {q['id']} {q['question']}  was {was.get('short')!r}, now {q.get('short')!r}"
            )
    return lines or ["no change"]
