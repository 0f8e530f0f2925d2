"""Extraction precision of `rag.indicators` on a hand-checked sample of rows.

    python -m eval.indicator_precision            # prints the figure (and every disagreement)

`eval/indicators_checked.jsonl` holds rows drawn at random from the sample reports in data/ (round 1: 120
rows, seed 15; round 2: 50 more, seed 2026, drawn after the fixes round 1 led to) and checked by hand
against the report text: whether the span is a figure at all, and its value, unit, kind (target / result /
estimate) and period. A row is right when all of them agree with the check. Each round's figure as first
checked is printed too: the current figure is measured on rows that drove fixes.
Rows the extractor no longer gives are counted apart: a dropped non-figure is a fix, a dropped figure a loss.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = ROOT / "eval" / "indicators_checked.jsonl"
FIELDS = ("value", "unit", "kind", "period_start", "period_end")


def measure(verbose: bool = False) -> tuple[int, int, int, int]:
    """(right, judged, dropped non-figures, dropped figures) of the current extractor on the checked rows."""
    from rag.cleaning import clean_file
    from rag.indicators.extract import extract
    from rag.indicators.numbers import fmt

    checked = [json.loads(line) for line in CHECKED.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = {}
    for source in sorted({c["doc"] for c in checked}):
        doc = clean_file(ROOT / "data" / source, max_bytes=10**8)
        for r in extract(doc):
            rows[(doc.doc_id, r.span_start)] = r
    right = wrong = dropped_fixed = dropped_lost = 0
    for c in checked:
        row = rows.get((c["doc_id"], c["span_start"]))
        if row is None:
            dropped_fixed += not c["figure"]
            dropped_lost += c["figure"]
            continue
        got: dict[str, object] = {"value": fmt(row.value), "unit": row.unit, "kind": row.kind}
        got |= {"period_start": row.period_start, "period_end": row.period_end}
        if c["figure"] and all(got[f] == c[f] for f in FIELDS):
            right += 1
        else:
            wrong += 1
            if verbose:
                print(
                    f"wrong: {c['text']} in 「{c['context']}」: got {got}, checked { ({f: c[f] for f in FIELDS}) }"
                )
    return right, right + wrong, dropped_fixed, dropped_lost


def at_check() -> dict[int, tuple[int, int]]:
    """Per round of checking: (right, rows) of the extractor as it was when the round was checked."""
    out: dict[int, tuple[int, int]] = {}
    for line in CHECKED.read_text(encoding="utf-8").splitlines():
        c = json.loads(line)
        was = c["extracted_at_check"]
        ok = c["figure"] and all(was[f] == c[f] for f in FIELDS)
        right, total = out.get(c["round"], (0, 0))
        out[c["round"]] = (right + ok, total + 1)
    return out


def main() -> int:
    for n, (ok, total) in sorted(at_check().items()):
        print(f"round {n}, as first checked: {ok}/{total} = {ok / total:.3f}")
    right, total, dropped_fixed, dropped_lost = measure(verbose=True)
    checked = CHECKED.read_text(encoding="utf-8").splitlines()
    print(f"precision {right}/{total} = {right / total:.3f} on {len(checked)} hand-checked rows")
    print(f"no longer extracted: {dropped_fixed} non-figures (fixed), {dropped_lost} figures (lost)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
