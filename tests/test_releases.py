"""Near-duplicates on ingest: a corrected re-release replaces the indexed copy and says so; an older or
dirtier copy is linked; `rag remove` leaves no record behind. Real reports, hashing embedder."""

from __future__ import annotations

from pathlib import Path

import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings
from rag.index import load_index
from rag.ingest import ingest, remove_document
from rag.releases import without
from tests.conftest import sample

KUNSHAN = sample("004")
OLD_FIGURE, NEW_FIGURE = "引进超亿美元外资项目10个", "引进超亿美元外资项目12个"


@pytest.fixture
def settings(tmp_path):
    return Settings.from_env({}, home=tmp_path / "home")


def add(settings, *paths):
    return ingest(list(paths), settings, embedder=HashingEmbedder(), progress=False)


def index(settings):
    return load_index(settings, embedder=HashingEmbedder())


def records(settings):
    return {r["source_file"]: r for r in index(settings).manifest["documents"]}


def corrected(tmp_path: Path) -> Path:
    text = KUNSHAN.read_text(encoding="utf-8")
    assert text.count(OLD_FIGURE) == 1
    path = tmp_path / "fixed" / "昆山2022报告（更正）.txt"
    path.parent.mkdir()
    path.write_text(text.replace(OLD_FIGURE, NEW_FIGURE), encoding="utf-8")
    return path


def test_a_corrected_re_release_replaces_the_indexed_copy(settings, tmp_path):
    old_id = add(settings, KUNSHAN).files[0].doc_id
    fixed = corrected(tmp_path)
    result = add(settings, fixed).files[0]
    assert result.status == "indexed" and f"replaces {old_id} ({KUNSHAN.name}" in result.detail
    idx = index(settings)
    assert list(idx.docs) == [result.doc_id]
    text = "".join(c.text for c in idx.chunks)
    assert NEW_FIGURE in text and OLD_FIGURE not in text
    assert records(settings)[KUNSHAN.name]["duplicate_of"] == result.doc_id  # the old file is remembered
    again = add(settings, KUNSHAN).files[0]
    assert again.status == "unchanged" and again.detail == f"duplicate of {result.doc_id}"


def test_a_cleaner_copy_replaces_a_repaired_one_but_not_the_other_way_round(settings):
    dirty, clean = sample("000"), sample("003")  # the same 2021 苏州 report; 000 needed 19 mojibake repairs
    dirty_id = add(settings, dirty).files[0].doc_id
    result = add(settings, clean).files[0]
    assert result.status == "indexed" and f"replaces {dirty_id}" in result.detail
    assert list(index(settings).docs) == [result.doc_id]
    other = Settings.from_env({}, home=settings.home.parent / "other")
    add(other, clean)
    assert add(other, dirty).files[0].status == "duplicate"


def test_remove_leaves_no_record_and_the_file_can_be_added_again(settings, tmp_path):
    fixed = corrected(tmp_path)
    add(settings, KUNSHAN)
    new_id = add(settings, fixed).files[0].doc_id  # the old copy is now a record pointing at the new one
    remove_document(settings, new_id, embedder=HashingEmbedder())
    assert index(settings).manifest["documents"] == []
    assert add(settings, KUNSHAN).files[0].status == "indexed"


def test_removal_follows_chains_of_duplicate_records():
    rows = [
        {"doc_id": "z", "duplicate_of": None},
        {"doc_id": "y", "duplicate_of": "z"},
        {"doc_id": "x", "duplicate_of": "y"},  # a chain written by an earlier version
        {"doc_id": "w", "duplicate_of": None},
    ]
    assert without(rows, "z") == [{"doc_id": "w", "duplicate_of": None}]
    assert [r["doc_id"] for r in without(rows, "y")] == ["z", "w"]
