"""Near-duplicate reports: character 5-gram shingles on the normalised clean text.

Measured on the samples (NOISE.md §5): the true duplicate pair has Jaccard 0.985, every other pair
<= 0.021 (containment <= 0.047); the thresholds below leave a wide margin on both sides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.types import CleanDoc

K = 5
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
_KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z]+")


def shingles(text: str, k: int = K) -> set[str]:
    chars = "".join(_KEEP.findall(text))
    return {chars[i : i + k] for i in range(max(len(chars) - k + 1, 0))}


def similarity(a: set[str], b: set[str]) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger)."""
    if not a or not b:
        return 0.0, 0.0
    inter = len(a & b)
    return inter / len(a | b), inter / min(len(a), len(b))


def is_near_duplicate(a: set[str], b: set[str]) -> bool:
    jaccard, containment = similarity(a, b)
    return jaccard >= JACCARD_MIN or containment >= CONTAINMENT_MIN


def _preference(doc: CleanDoc) -> tuple[int, int]:
    """Keep the copy that needed fewer repairs, then the one with more of the report."""
    repairs = doc.report.counts.get("mojibake", 0) + doc.report.placeholders
    return (repairs, -len(doc.text))


def find_duplicates(docs: Sequence[CleanDoc]) -> dict[str, str]:
    """{duplicate doc_id: kept doc_id} over a set of documents."""
    sets = {doc.doc_id: shingles(doc.text) for doc in docs}
    ordered = sorted(docs, key=_preference)
    kept: list[CleanDoc] = []
    dups: dict[str, str] = {}
    for doc in ordered:
        match = next((k for k in kept if is_near_duplicate(sets[doc.doc_id], sets[k.doc_id])), None)
        if match is None:
            kept.append(doc)
        else:
            dups[doc.doc_id] = match.doc_id
    return dups


def duplicate_of(doc: CleanDoc, existing: Sequence[CleanDoc]) -> str | None:
    """The doc_id of an existing near-duplicate of `doc`, or None."""
    mine = shingles(doc.text)
    for other in existing:
        if other.doc_id != doc.doc_id and is_near_duplicate(mine, shingles(other.text)):
            return other.doc_id
    return None
