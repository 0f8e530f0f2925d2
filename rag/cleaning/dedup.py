"""Near-duplicate reports: character 5-gram shingles on the normalised clean text.

Measured on the samples (NOISE.md §5): the true duplicate pair has Jaccard 0.985, every other pair
<= 0.021 (containment <= 0.047); the thresholds below leave a wide margin on both sides.

At scale the shingle sets are summarised by MinHash signatures (128 permutations, `datasketch`), and
candidate pairs come from locality-sensitive hashing instead of comparing every pair: a new report is
compared with the few indexed reports that share a band of its signature. Jaccard is estimated from the
signatures and containment from the estimate and the set sizes, with the same thresholds. Signatures are
kept in every index build (`minhash.npz`), so adding reports never re-reads the indexed ones.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.types import CleanDoc

K = 5
JACCARD_MIN = 0.5
CONTAINMENT_MIN = 0.8
_KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z]+")

NUM_PERM = 128
SEED = 1  # datasketch's MinHash objects are only used to hold our values for MinHashLSH
# Candidates: pairs whose estimated Jaccard may reach 0.2 -- a copy holding 80% of a report 4x its size.
LSH_THRESHOLD = 0.2
SCHEME = "affine32"  # datasketch's label for 32-bit hash values
SIGNATURES_FILE = "minhash.npz"
SIGNATURE_VERSION = f"k{K}-oph{NUM_PERM}-v1"


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


# ---------------------------------------------------------------- MinHash signatures
@dataclass(frozen=True)
class Signature:
    hashes: np.ndarray  # (NUM_PERM,) uint32 minima
    size: int  # number of distinct shingles

    def minhash(self) -> Any:
        from datasketch import MinHash

        return MinHash(seed=SEED, hashvalues=self.hashes, permutations=_permutations(), scheme=SCHEME)


def _permutations() -> Any:
    """datasketch wants permutations with every MinHash; ours are unused, so made once (not per object)."""
    global _PERMUTATIONS
    if _PERMUTATIONS is None:
        from datasketch import MinHash

        _PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations
    return _PERMUTATIONS


_PERMUTATIONS: Any = None


_lock = threading.RLock()
_signatures: dict[str, Signature] = {}  # by doc_id (a hash of the raw bytes, so of the text)
_pending: list[Path] = []  # builds whose signature files are read on the first miss


_MAX_HASH = np.uint32((1 << 32) - 1)
_BIN_BITS = 7  # 2**7 = NUM_PERM bins
_LOW = np.uint32((1 << (32 - _BIN_BITS)) - 1)


def shingle_hashes(text: str, k: int = K) -> np.ndarray:
    """32-bit hashes of the distinct k-shingles of `text` (the same shingles as `shingles`), vectorised."""
    chars = "".join(_KEEP.findall(text))
    n = len(chars) - k + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    codes = np.frombuffer(chars.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    h = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            h = h * np.uint64(1_000_003) + codes[j : j + n]
        h ^= h >> np.uint64(31)
        h *= np.uint64(0x9E3779B97F4A7C15)
        h ^= h >> np.uint64(29)
    top = np.sort((h >> np.uint64(32)).astype(np.uint32))  # np.unique is ~25x slower here
    return top[np.concatenate(([True], top[1:] != top[:-1]))]


def compute_signature(text: str) -> Signature:
    """One-permutation MinHash: the hash space is cut into NUM_PERM bins and each bin keeps its smallest
    shingle hash (an empty bin borrows from the next filled one, "densification"); the share of equal
    bins of two signatures estimates their Jaccard like NUM_PERM separate permutations would, in one pass
    over the sorted hashes instead of NUM_PERM."""
    hashes = shingle_hashes(text)  # sorted, distinct
    if not len(hashes):
        return Signature(np.full(NUM_PERM, _MAX_HASH, dtype=np.uint32), 0)
    bins = hashes >> np.uint32(32 - _BIN_BITS)
    first = np.searchsorted(bins, np.arange(NUM_PERM, dtype=np.uint32))
    filled = first < len(hashes)
    filled[filled] = bins[first[filled]] == np.flatnonzero(filled)
    values = np.zeros(NUM_PERM, dtype=np.uint32)
    values[filled] = hashes[first[filled]] & _LOW
    donors = np.flatnonzero(filled)
    empty = np.flatnonzero(~filled)
    if len(empty):  # the next filled bin, circularly, and how far away it is
        at = np.searchsorted(donors, empty) % len(donors)
        distance = (donors[at] - empty) % NUM_PERM
        values[empty] = values[donors[at]] + (distance.astype(np.uint32) << np.uint32(32 - _BIN_BITS))
    return Signature(values, len(hashes))


def signature(doc: CleanDoc) -> Signature:
    """The document's signature: from memory, from an index build's file, or computed from its text."""
    with _lock:
        found = _signatures.get(doc.doc_id)
        if found is None and _pending:
            _load_pending()
            found = _signatures.get(doc.doc_id)
        if found is None:
            found = _signatures[doc.doc_id] = compute_signature(doc.text)
        return found


def estimate(a: Signature, b: Signature) -> tuple[float, float]:
    """(Jaccard, containment of the smaller set in the larger), estimated from the signatures."""
    if not a.size or not b.size:
        return 0.0, 0.0
    jaccard = float(np.mean(a.hashes == b.hashes))
    inter = jaccard * (a.size + b.size) / (1 + jaccard)
    return jaccard, min(inter / min(a.size, b.size), 1.0)


def _new_lsh() -> Any:
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)


# ---------------------------------------------------------------- decisions
def _preference(doc: CleanDoc) -> tuple[int, int]:
    """Keep the copy that needed fewer repairs, then the one with more of the report."""
    repairs = doc.report.counts.get("mojibake", 0) + doc.report.placeholders
    return (repairs, -len(doc.text))


def find_duplicates(docs: Sequence[CleanDoc]) -> dict[str, str]:
    """{duplicate doc_id: kept doc_id} over a set of documents."""
    lsh = _new_lsh()
    kept: dict[str, Signature] = {}
    dups: dict[str, str] = {}
    for doc in sorted(docs, key=_preference):
        if doc.doc_id in kept or doc.doc_id in dups:
            continue
        sig = signature(doc)
        match = _best(sig, lsh.query(sig.minhash()), kept)
        if match is None:
            kept[doc.doc_id] = sig
            lsh.insert(doc.doc_id, sig.minhash())
        else:
            dups[doc.doc_id] = match
    return dups


def _best(
    sig: Signature, candidates: Iterable[str], pool: dict[str, Signature], exclude: str = ""
) -> str | None:
    """The most similar candidate that is a near-duplicate, or None."""
    found = sorted(c for c in candidates if c != exclude and c in pool)
    if not found or not sig.size:
        return None
    # all candidates at once: many weak candidates (shared boilerplate) cost one array comparison
    others = np.stack([pool[c].hashes for c in found])
    sizes = np.array([pool[c].size for c in found], dtype=np.float64)
    jaccard = (others == sig.hashes).mean(axis=1)
    inter = jaccard * (sig.size + sizes) / (1 + jaccard)
    containment = np.minimum(inter / np.maximum(np.minimum(sizes, sig.size), 1), 1.0)
    near = ((jaccard >= JACCARD_MIN) | (containment >= CONTAINMENT_MIN)) & (sizes > 0)
    if not near.any():
        return None
    return found[int(np.argmax(np.where(near, jaccard, -1.0)))]


class _Existing:
    """An LSH index of the documents last passed to `duplicate_of`, updated by difference."""

    def __init__(self) -> None:
        self.lsh = _new_lsh()
        self.sigs: dict[str, Signature] = {}

    def sync(self, docs: Sequence[CleanDoc]) -> None:
        ids = {d.doc_id for d in docs}
        if ids == self.sigs.keys():
            return  # the usual case: the same indexed documents as the last call
        want = {d.doc_id: d for d in docs}
        for gone in self.sigs.keys() - want.keys():
            self.lsh.remove(gone)
            del self.sigs[gone]
        for doc_id in want.keys() - self.sigs.keys():
            sig = self.sigs[doc_id] = signature(want[doc_id])
            self.lsh.insert(doc_id, sig.minhash())


_existing = _Existing()


def duplicate_of(doc: CleanDoc, existing: Sequence[CleanDoc]) -> str | None:
    """The doc_id of an existing near-duplicate of `doc`, or None."""
    with _lock:
        _existing.sync(existing)
        sig = signature(doc)
        return _best(sig, _existing.lsh.query(sig.minhash()), _existing.sigs, exclude=doc.doc_id)


# ---------------------------------------------------------------- signatures in index builds
def write_signatures(folder: Path, docs: Sequence[CleanDoc]) -> int:
    """Write the signatures of `docs` into a build folder (computing only those not known yet)."""
    sigs = [signature(d) for d in docs]
    hashes = np.stack([s.hashes for s in sigs]) if sigs else np.zeros((0, NUM_PERM), np.uint32)
    with (folder / SIGNATURES_FILE).open("wb") as f:
        np.savez(
            f,
            version=np.array(SIGNATURE_VERSION),
            doc_ids=np.array([d.doc_id for d in docs], dtype="U16"),
            hashes=hashes,
            sizes=np.array([s.size for s in sigs], dtype=np.int64),
        )
    return len(sigs)


def remember_build(folder: Path) -> None:
    """A build whose signature file is read when a signature is first needed (cheap for readers)."""
    with _lock:
        if (folder / SIGNATURES_FILE).exists() and folder not in _pending:
            _pending.append(folder)


def _load_pending() -> None:
    while _pending:
        path = _pending.pop() / SIGNATURES_FILE
        try:
            with np.load(path) as data:
                if str(data["version"]) != SIGNATURE_VERSION:
                    continue
                rows = zip(data["doc_ids"], data["hashes"], data["sizes"], strict=True)
                for doc_id, hashes, size in rows:
                    _signatures.setdefault(str(doc_id), Signature(hashes.astype(np.uint32), int(size)))
        except (OSError, ValueError, KeyError):
            continue  # a missing or damaged file: the signatures are computed again from the texts
