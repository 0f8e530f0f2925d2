"""Near-duplicates with MinHash + LSH: the same decisions as the exact Jaccard, signatures kept in the index."""

from __future__ import annotations

import itertools
import random
from dataclasses import replace

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from rag.cleaning import dedup
from rag.cleaning.dedup import (
    SIGNATURES_FILE,
    compute_signature,
    duplicate_of,
    estimate,
    find_duplicates,
    is_near_duplicate,
    shingles,
    similarity,
)
from rag.ingest import ingest
from rag.settings import Settings
from tests.conftest import sample


def test_minhash_agrees_with_the_exact_jaccard_on_the_samples(clean_docs):
    docs = sorted(clean_docs.items())
    for (a, da), (b, db) in itertools.combinations(docs, 2):
        exact = similarity(shingles(da.text), shingles(db.text))
        est = estimate(compute_signature(da.text), compute_signature(db.text))
        assert abs(est[0] - exact[0]) <= 0.05, (a, b, exact, est)
        assert abs(est[1] - exact[1]) <= 0.1, (a, b, exact, est)
        near = est[0] >= dedup.JACCARD_MIN or est[1] >= dedup.CONTAINMENT_MIN
        assert near == is_near_duplicate(shingles(da.text), shingles(db.text)) == ({a, b} == {"000", "003"})


def test_the_same_decisions_as_before_on_the_samples(clean_docs):
    docs = list(clean_docs.values())
    assert find_duplicates(docs) == {clean_docs["000"].doc_id: clean_docs["003"].doc_id}
    others = [d for k, d in clean_docs.items() if k != "000"]
    assert duplicate_of(clean_docs["000"], others) == clean_docs["003"].doc_id
    for key, doc in clean_docs.items():
        rest = [d for k, d in clean_docs.items() if k not in (key, "000", "003")]
        assert duplicate_of(doc, rest) is None


def _generated(clean_docs, n: int, copies: int, seed: int = 7):
    """Reports mixed from the samples' sentences, and near-copies of some (10% of lines edited or dropped)."""
    rng = random.Random(seed)
    pool = [s for d in clean_docs.values() for s in d.text.split("。") if len(s) > 20]
    base = clean_docs["001"]
    docs = []
    for i in range(n):
        text = "。".join(rng.sample(pool, 40)) + f"。编号{i}"
        docs.append(replace(base, doc_id=f"gen{i:05d}", text=text))
    near = {}
    for j, original in enumerate(rng.sample(docs, copies)):
        lines = original.text.split("。")
        kept = [s + "改" if rng.random() < 0.05 else s for s in lines if rng.random() > 0.1]
        near[f"copy{j:04d}"] = original.doc_id
        docs.append(replace(base, doc_id=f"copy{j:04d}", text="。".join(kept)))
    return docs, near


def test_lsh_finds_every_near_copy_and_nothing_else(clean_docs):
    docs, near = _generated(clean_docs, 400, 25)
    found = find_duplicates(docs)
    assert {min(a, b): max(a, b) for a, b in found.items()} == {min(a, b): max(a, b) for a, b in near.items()}
    originals = [d for d in docs if not d.doc_id.startswith("copy")]
    copy = next(d for d in docs if d.doc_id == "copy0000")
    assert duplicate_of(copy, originals) == near["copy0000"]


def test_signatures_are_kept_in_the_index_and_old_documents_are_not_read_again(tmp_path, monkeypatch):
    settings = Settings.from_env({}, home=tmp_path)
    embedder = HashingEmbedder()
    ingest([sample(k) for k in ("001", "002", "003")], settings, embedder=embedder, progress=False)
    with np.load(settings.index_dir / SIGNATURES_FILE) as stored:
        assert len(stored["doc_ids"]) == 3 and stored["hashes"].shape == (3, dedup.NUM_PERM)
    monkeypatch.setattr(dedup, "_signatures", {})  # a new process: nothing in memory
    monkeypatch.setattr(dedup, "_existing", dedup._Existing())
    computed: list[str] = []
    real = dedup.compute_signature

    def counting(text):
        computed.append(text[:20])
        return real(text)

    monkeypatch.setattr(dedup, "compute_signature", counting)
    report = ingest([sample("000"), sample("004")], settings, embedder=embedder, progress=False)
    statuses = {f.path[-24:-21]: f.status for f in report.files}
    assert statuses == {"000": "duplicate", "004": "indexed"}
    assert len(computed) == 2  # the two new files only; 001-003 came from minhash.npz
    with np.load(settings.index_dir / SIGNATURES_FILE) as stored:
        assert len(stored["doc_ids"]) == 4


@pytest.mark.parametrize("text", ["", "短", "一二三四"])
def test_texts_without_shingles_are_nobodys_duplicate(text):
    sig = compute_signature(text)
    assert sig.size == 0 and estimate(sig, sig) == (0.0, 0.0)
