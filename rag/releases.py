"""What ingest does with a near-duplicate (detection is `rag.cleaning.dedup`'s): link it to the indexed copy,
or — when it is a corrected re-release — index it in place of that copy.

The newer copy wins: the later date when both reports state one, else the one that needed fewer repairs
(mojibake, placeholders), else the copy being added now, since it differs from the indexed one. A copy whose
clean text equals the indexed one is always a plain duplicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from rag.cleaning import duplicate_of, find_duplicates
from rag.types import CleanDoc


@dataclass
class Plan:
    added: list[CleanDoc] = field(default_factory=list)  # to index
    duplicates: list[tuple[CleanDoc, str]] = field(
        default_factory=list
    )  # (new doc, indexed doc_id it copies)
    replaced: dict[str, CleanDoc] = field(
        default_factory=dict
    )  # indexed doc_id -> the re-release replacing it


def repairs(doc: CleanDoc) -> int:
    return doc.report.counts.get("mojibake", 0) + doc.report.placeholders


def is_newer(new: CleanDoc, old: CleanDoc) -> bool:
    """True when `new`, a near-duplicate of the indexed `old`, should replace it."""
    if new.text == old.text:
        return False
    if new.meta.date and old.meta.date and new.meta.date != old.meta.date:
        return new.meta.date > old.meta.date
    if repairs(new) != repairs(old):
        return repairs(new) < repairs(old)
    return True


def plan(new: list[CleanDoc], indexed: list[CleanDoc]) -> Plan:
    """Sort the new documents: within this run first, then against the index."""
    within = find_duplicates(new)
    by_id = {d.doc_id: d for d in indexed}
    result = Plan()
    linked: dict[str, str] = {}  # new doc_id -> indexed doc_id it duplicates
    for doc in new:
        if doc.doc_id in within:
            continue
        other = duplicate_of(doc, list(by_id.values()))
        if other is None:
            result.added.append(doc)
        elif other not in result.replaced and is_newer(doc, by_id[other]):
            result.added.append(doc)
            result.replaced[other] = doc
        else:
            linked[doc.doc_id] = result.replaced[other].doc_id if other in result.replaced else other
    for doc in new:
        if doc.doc_id in within:
            kept = within[doc.doc_id]
            result.duplicates.append((doc, linked.get(kept, kept)))
        elif doc.doc_id in linked:
            result.duplicates.append((doc, linked[doc.doc_id]))
    return result


def relink(records: list[dict[str, Any]], old: str, new: str) -> None:
    """The replaced copy and its duplicates become duplicates of the re-release (records kept, so that
    adding the old file again is a no-op)."""
    for record in records:
        if record["doc_id"] == old or record.get("duplicate_of") == old:
            record["duplicate_of"] = new
            record["meta"] = {**record["meta"], "duplicate_of": new}
            record["chunks"] = 0


def without(records: list[dict[str, Any]], doc_id: str) -> list[dict[str, Any]]:
    """Records left after removing `doc_id`: its duplicates go too, through any chain of links."""
    gone = {doc_id}
    while True:
        more = {r["doc_id"] for r in records if r.get("duplicate_of") in gone} - gone
        if not more:
            return [r for r in records if r["doc_id"] not in gone]
        gone |= more
