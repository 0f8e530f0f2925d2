"""The index folder: build, load, search, incremental adds, atomic swaps and clear errors (fake embedder)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from embeddings.fake import HashingEmbedder
from rag import IndexCorruptError, IndexMismatchError, IndexNotFoundError, Settings
from rag.index import load_index
from rag.ingest import ingest
from tests.conftest import DATA, ROOT, sample


@pytest.fixture
def settings(tmp_path):
    return Settings.from_env({}, home=tmp_path / "home")


@pytest.fixture
def fake():
    return HashingEmbedder()


def copy(prefixes, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for p in prefixes:
        (folder / sample(p).name).write_bytes(sample(p).read_bytes())
    return folder


def statuses(report):
    return {Path(f.path).name[:3]: f.status for f in report.files}


def test_build_and_search(settings, fake):
    report = ingest([DATA], settings, embedder=fake, progress=False)
    assert statuses(report) == {
        "000": "duplicate",
        "001": "indexed",
        "002": "indexed",
        "003": "indexed",
        "004": "indexed",
    }
    index = load_index(settings, embedder=fake)
    assert len(index.chunks) == report.chunks > 100
    info = index.info()
    assert info["model"] == "fake/hashing" and len(info["documents"]) == 5
    dup = next(d for d in info["documents"] if d["duplicate_of"])
    assert dup["source_file"].startswith("000") and dup["chunks"] == 0
    hits = index.search_keyword("常熟 工业投资 308亿元", 5)
    assert "308亿元" in index.chunks[hits[0][0]].text
    dense = index.search_dense(fake.embed_query("完成工业投资308亿元"), 3)
    assert len(dense) == 3 and dense[0][1] >= dense[1][1]


def test_search_restricted_to_ids(settings, fake):
    ingest([DATA], settings, embedder=fake, progress=False)
    index = load_index(settings, embedder=fake)
    kunshan = [i for i, c in enumerate(index.chunks) if c.meta.city == "昆山"]
    for position, _ in index.search_keyword("工业投资", 10, kunshan):
        assert position in kunshan
    for position, _ in index.search_dense(fake.embed_query("工业投资"), 10, kunshan):
        assert position in kunshan


def test_rerun_is_a_no_op_and_adding_a_file_embeds_only_that_file(settings, fake, tmp_path):
    folder = copy(["001", "002"], tmp_path / "in")
    ingest([folder], settings, embedder=fake, progress=False)
    first_target = os.readlink(settings.index_dir)
    calls = fake.calls
    again = ingest([folder], settings, embedder=fake, progress=False)
    assert not again.changed and set(statuses(again).values()) == {"unchanged"}
    assert fake.calls == calls and os.readlink(settings.index_dir) == first_target
    copy(["004"], folder)
    before = load_index(settings, embedder=fake)
    added = ingest([folder], settings, embedder=fake, progress=False)
    assert statuses(added)["004"] == "indexed"
    new_chunks = next(f.chunks for f in added.files if f.status == "indexed")
    assert fake.calls - calls == new_chunks
    after = load_index(settings, embedder=fake)
    assert len(after.chunks) == len(before.chunks) + new_chunks
    assert (after.vectors[: len(before.chunks)] == before.vectors).all()


def test_near_duplicate_added_later_is_linked_not_indexed(settings, fake, tmp_path):
    ingest([copy(["003"], tmp_path / "a")], settings, embedder=fake, progress=False)
    report = ingest([copy(["000"], tmp_path / "b")], settings, embedder=fake, progress=False)
    result = report.files[0]
    assert result.status == "duplicate" and "duplicate of" in result.detail


def test_bad_file_is_skipped_and_the_rest_ingest(settings, fake, tmp_path):
    folder = copy(["004"], tmp_path / "in")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    report = ingest([folder, tmp_path / "missing.txt"], settings, embedder=fake, progress=False)
    by_name = {Path(f.path).name: f for f in report.files}
    assert by_name["004_996609613fe921f7.txt"].status == "indexed"
    assert by_name["empty.txt"].status == "skipped" and "empty" in by_name["empty.txt"].detail
    assert by_name["binary.txt"].status == "skipped" and "binary" in by_name["binary.txt"].detail
    assert by_name["photo.jpg"].status == "skipped"
    assert by_name["missing.txt"].detail == "no such file or folder"


def test_remove_document(settings, fake, tmp_path, monkeypatch):
    ingest([copy(["001", "004"], tmp_path / "in")], settings, embedder=fake, progress=False)
    index = load_index(settings, embedder=fake)
    doc_id = next(d for d in index.docs.values() if d.meta.city == "昆山").doc_id
    monkeypatch.setattr("embeddings.get_embedder", lambda *a, **k: fake)
    from rag.ingest import remove_document

    remove_document(settings, doc_id)
    after = load_index(settings, embedder=fake)
    assert doc_id not in after.docs and all(c.doc_id != doc_id for c in after.chunks)


def test_missing_index_names_the_fix(settings, fake):
    with pytest.raises(IndexNotFoundError, match="rag ingest"):
        load_index(settings, embedder=fake)


def test_other_model_is_refused_with_the_fix(settings, fake):
    ingest([copy(["004"], settings.home.parent / "in")], settings, embedder=fake, progress=False)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        load_index(settings, embedder=HashingEmbedder(dim=256, name="another/model"))
    with pytest.raises(IndexMismatchError, match="chunking"):
        load_index(Settings.from_env({}, home=settings.home, chunk_size=500), embedder=fake)


@pytest.mark.parametrize("damage", ["truncate_faiss", "drop_chunks", "bad_manifest"])
def test_damaged_index_names_the_fix(settings, fake, damage):
    ingest([copy(["004"], settings.home.parent / "in")], settings, embedder=fake, progress=False)
    folder = settings.index_dir
    if damage == "truncate_faiss":
        data = (folder / "faiss.index").read_bytes()
        (folder / "faiss.index").write_bytes(data[: len(data) // 3])
    elif damage == "drop_chunks":
        (folder / "chunks.jsonl").unlink()
    else:
        (folder / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexCorruptError, match="rebuild"):
        load_index(settings, embedder=fake)


def test_the_manifest_records_the_gazetteer_and_the_vocabulary_it_was_built_with(settings, fake, tmp_path):
    from rag import lexicon, places

    ingest([copy(["004"], tmp_path / "in")], settings, embedder=fake, progress=False)
    manifest = load_index(settings, embedder=fake).manifest
    assert manifest["gazetteer"] == places.VERSION
    assert manifest["lexicon"] == lexicon.VERSION and lexicon.VERSION.startswith("lexicon-")


def test_a_crash_mid_build_leaves_the_previous_index(settings, fake, tmp_path, monkeypatch):
    ingest([copy(["004"], tmp_path / "in")], settings, embedder=fake, progress=False)
    before = load_index(settings, embedder=fake).manifest["fingerprint"]

    def boom(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("rag.store.build_bm25", boom)
    with pytest.raises(KeyboardInterrupt):
        ingest([copy(["001"], tmp_path / "in")], settings, embedder=fake, progress=False)
    assert load_index(settings, embedder=fake).manifest["fingerprint"] == before


def test_killing_the_process_mid_build_leaves_the_previous_index(settings, fake, tmp_path):
    ingest([copy(["004"], tmp_path / "in")], settings, embedder=fake, progress=False)
    before = json.loads((settings.index_dir / "manifest.json").read_text())["fingerprint"]
    script = (
        "import os, sys, signal\n"
        "from embeddings.fake import HashingEmbedder\n"
        "from rag import Settings\n"
        "import rag.store as store\n"
        "def die(chunks):\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
        "store.build_bm25 = die\n"
        "from rag.ingest import ingest\n"
        f"ingest([{str(sample('001'))!r}], Settings.from_env({{}}, home={str(settings.home)!r}),"
        " embedder=HashingEmbedder(), progress=False)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == -9
    assert load_index(settings, embedder=fake).manifest["fingerprint"] == before
    again = ingest([sample("001")], settings, embedder=fake, progress=False)  # and the next build works
    assert again.files[0].status == "indexed"


def test_an_index_of_an_older_tokenizer_is_tokenized_again_without_embedding(settings, fake):
    folder = copy(["004"], settings.home.parent / "in")
    ingest([folder], settings, embedder=fake, progress=False)
    manifest_path = settings.index_dir / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    current = manifest["tokenizer"]
    manifest["tokenizer"] = "jieba-old"  # as an index of an earlier release records it
    manifest_path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IndexMismatchError, match=r"tokenizer .*run `rag ingest DATA"):
        load_index(settings, embedder=fake)  # a query never reads keywords of another tokenizer
    with pytest.raises(IndexMismatchError, match="--rebuild"):  # and another chunking besides needs a rebuild
        load_index(Settings.from_env({}, home=settings.home, chunk_size=500), embedder=fake)
    calls, said = fake.calls, []
    report = ingest([folder], settings, embedder=fake, progress=False, notify=said.append)
    assert report.changed and fake.calls == calls  # nothing embedded again
    assert any("jieba-old" in line for line in said)
    index = load_index(settings, embedder=fake)
    assert index.manifest["tokenizer"] == current and len(index.chunks) == manifest["chunk_count"]
    found = index.search_keyword("工业投资", 3)
    assert found and "投资" in index.chunks[found[0][0]].text
    # another model is still refused: its vectors cannot be kept
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        ingest([folder], settings, embedder=HashingEmbedder(dim=256, name="another/model"), progress=False)
