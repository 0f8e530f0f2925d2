"""Ingest in batches (rag.ingest, rag.store.Build): the same build as one batch, never more than one batch
of documents' texts held, a bad file late in the run skipped alone, an interruption leaves the old index.
Real cleaning and chunking of the sample reports; the hashing embedder stands in for the model."""

from __future__ import annotations

import gc
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings
from rag import resume as resume_module
from rag.index import load_index
from rag.ingest import LocalStages, ingest
from rag.types import CleanDoc
from tests.conftest import DATA, Interrupted

BUILD_FILES = ("chunks.jsonl", "docs.jsonl", "vectors.npy")


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The sample reports (000 and 003 are near-duplicates), generated report-like files (.txt, .html,
    .docx; eval/bench_corpus.py) and one more near-copy placed last, so duplicate decisions cross batches."""
    from eval.bench_corpus import write_corpus

    folder = tmp_path_factory.mktemp("reports")
    write_corpus(folder, 14, chars=600)
    for path in sorted(DATA.glob("*.txt")):
        shutil.copy(path, folder / path.name)
    first = sorted(DATA.glob("*.txt"))[1].read_text(encoding="utf-8")
    (folder / "zz_copy.txt").write_text(first + "\n附：本报告另有说明。", encoding="utf-8")
    return folder


def build_of(settings: Settings) -> Path:
    return settings.index_dir.resolve()


def manifest_of(settings: Settings) -> dict:
    manifest = json.loads((build_of(settings) / "manifest.json").read_text(encoding="utf-8"))
    manifest.pop("built_at")
    return manifest


def test_several_batches_give_the_build_of_one(tmp_path, reports):
    one = Settings.from_env({}, home=tmp_path / "one")
    many = Settings.from_env({}, home=tmp_path / "many")
    first = ingest([reports], one, embedder=HashingEmbedder(), progress=False, batch_docs=10_000)
    second = ingest([reports], many, embedder=HashingEmbedder(), progress=False, batch_docs=2)
    assert first.files == second.files
    assert {f.status for f in first.files} == {"indexed", "duplicate"}
    for name in BUILD_FILES:  # same chunks, same documents, same vectors, byte for byte
        assert (build_of(one) / name).read_bytes() == (build_of(many) / name).read_bytes(), name
    assert manifest_of(one) == manifest_of(many)
    a = load_index(one, embedder=HashingEmbedder())
    b = load_index(many, embedder=HashingEmbedder())
    assert a.manifest["fingerprint"] == b.manifest["fingerprint"] and len(a.chunks) == first.chunks


def test_an_add_in_batches_gives_the_build_of_one(tmp_path, reports):
    """Adding to an index: the old documents come first, then the new ones, batch size notwithstanding."""
    homes = [Settings.from_env({}, home=tmp_path / name) for name in ("one", "many")]
    for settings, batch in zip(homes, (10_000, 1), strict=True):
        ingest([DATA], settings, embedder=HashingEmbedder(), progress=False, batch_docs=batch)
        ingest([reports], settings, embedder=HashingEmbedder(), progress=False, batch_docs=batch)
    for name in BUILD_FILES:
        assert (build_of(homes[0]) / name).read_bytes() == (build_of(homes[1]) / name).read_bytes(), name
    assert manifest_of(homes[0]) == manifest_of(homes[1])


class Watching(LocalStages):
    """Local stages that count, at every step, the clean documents alive in the process (texts held)."""

    def __init__(self, baseline: int) -> None:
        self.baseline = baseline
        self.alive: list[int] = []
        self.chunked: list[int] = []

    def count(self) -> None:
        gc.collect()
        self.alive.append(sum(type(o) is CleanDoc for o in gc.get_objects()) - self.baseline)

    def clean(self, files, max_bytes):
        for outcome in super().clean(files, max_bytes):
            self.count()
            yield outcome

    def chunk(self, docs, size, overlap):
        self.chunked.append(len(docs))
        self.count()
        return super().chunk(docs, size, overlap)


def test_an_ingest_never_holds_more_than_a_batch_of_texts(tmp_path, reports):
    gc.collect()
    stages = Watching(sum(type(o) is CleanDoc for o in gc.get_objects()))
    settings = Settings.from_env({}, home=tmp_path / "home")
    report = ingest(
        [reports], settings, embedder=HashingEmbedder(), progress=False, stages=stages, batch_docs=3
    )
    indexed = sum(f.status == "indexed" for f in report.files)
    assert indexed >= 10 and stages.chunked == [3] * (indexed // 3) + ([indexed % 3] if indexed % 3 else [])
    assert max(stages.alive) <= 3 + 1, stages.alive  # one batch, and the file being cleaned
    assert len(stages.alive) == len(report.files) + len(stages.chunked)


def test_a_bad_file_late_in_the_run_is_skipped_and_the_others_ingest(tmp_path, reports):
    folder = tmp_path / "in"
    shutil.copytree(reports, folder)
    (folder / "zzz_broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    settings = Settings.from_env({}, home=tmp_path / "home")
    report = ingest([folder], settings, embedder=HashingEmbedder(), progress=False, batch_docs=2)
    skipped = [f for f in report.files if f.status == "skipped"]
    assert [Path(f.path).name for f in skipped] == ["zzz_broken.pdf"] and skipped[0].detail
    indexed = {Path(f.path).name for f in report.files if f.status == "indexed"}
    assert {
        d.meta.source_file for d in load_index(settings, embedder=HashingEmbedder()).docs.values()
    } == indexed
    assert len(indexed) >= 10


def test_an_interrupted_batched_ingest_keeps_the_old_index_and_resumes(tmp_path, reports, monkeypatch):
    monkeypatch.setattr(resume_module, "BATCH", 8)
    settings = Settings.from_env({}, home=tmp_path / "home")
    reference = Settings.from_env({}, home=tmp_path / "reference")
    for home in (settings, reference):
        ingest([DATA], home, embedder=HashingEmbedder(), progress=False)
    before = load_index(settings, embedder=HashingEmbedder()).manifest["fingerprint"]
    straight = HashingEmbedder()
    ingest([reports], reference, embedder=straight, progress=False, batch_docs=2)
    with pytest.raises(KeyboardInterrupt):
        ingest([reports], settings, embedder=Interrupted(3), progress=False, batch_docs=2)
    assert load_index(settings, embedder=HashingEmbedder()).manifest["fingerprint"] == before
    builds = {p.name for p in (settings.home / "builds").iterdir()}
    assert builds == {build_of(settings).name}  # the unfinished build is gone, the old one serves
    again = HashingEmbedder()
    ingest([reports], settings, embedder=again, progress=False, batch_docs=3)
    assert (
        straight.calls > 4 * 8 and again.calls == straight.calls - 3 * 8
    )  # what was embedded before the interruption is not redone
    for name in BUILD_FILES:
        assert (build_of(settings) / name).read_bytes() == (build_of(reference) / name).read_bytes()


def test_the_cli_bars_show_files_and_chunks_per_second_and_time_left(tmp_path, capsys):
    settings = Settings.from_env({}, home=tmp_path / "home")
    ingest([DATA], settings, embedder=HashingEmbedder(), progress=True)
    err = capsys.readouterr().err
    assert "cleaning" in err and "file/s" in err and "5/5" in err
    assert "embedding" in err and "chunk/s" in err and "4/4 files" in err  # 003 is a near-duplicate of 000
    assert "<" in err  # tqdm's time left


def test_vectors_written_in_batches_load_as_np_save_writes_them(tmp_path):
    settings = Settings.from_env({}, home=tmp_path / "home")
    ingest([DATA], settings, embedder=HashingEmbedder(), progress=False, batch_docs=1)
    path = build_of(settings) / "vectors.npy"
    vectors = np.load(path)
    copy = tmp_path / "copy.npy"
    np.save(copy, vectors)
    assert copy.read_bytes() == path.read_bytes()
    assert not list(build_of(settings).glob(".*"))  # no part files left in a finished build
