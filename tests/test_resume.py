"""Resumable ingest: an interrupted ingest keeps the old index, and the next one embeds only what is left
(rag/resume.py). Real cleaning and chunking of the sample reports; the hashing embedder stands in."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings
from rag import resume as resume_module
from rag.index import load_index
from rag.ingest import ingest
from rag.resume import FOLDER, progress_note
from rag.settings import FAKE_MODEL
from tests.conftest import DATA, ROOT, Interrupted, sample

STEP = 50  # texts per checkpointed batch in these tests (the sample reports make 345 chunks)


@pytest.fixture(autouse=True)
def small_batches(monkeypatch):
    monkeypatch.setattr(resume_module, "BATCH", STEP)


def home_settings(path: Path) -> Settings:
    return Settings.from_env({}, home=path)


def same_index(a: Settings, b: Settings) -> None:
    left, right = load_index(a, embedder=HashingEmbedder()), load_index(b, embedder=HashingEmbedder())
    assert [c.chunk_id for c in left.chunks] == [c.chunk_id for c in right.chunks]
    assert np.array_equal(left.vectors, right.vectors)
    assert left.manifest["fingerprint"] == right.manifest["fingerprint"]


@pytest.fixture(scope="module")
def straight(tmp_path_factory) -> tuple[Settings, int]:
    """The sample reports ingested without interruption, and how many chunks that embedded."""
    settings = home_settings(tmp_path_factory.mktemp("straight"))
    fake = HashingEmbedder()
    ingest([DATA], settings, embedder=fake, progress=False)
    return settings, fake.calls


def interrupt(settings: Settings, batches: int, name: str = "fake/hashing") -> None:
    with pytest.raises(KeyboardInterrupt):
        ingest([DATA], settings, embedder=Interrupted(batches, name), progress=False)


def test_an_interrupted_ingest_keeps_the_old_index_and_resumes(tmp_path):
    settings, reference = home_settings(tmp_path / "home"), home_settings(tmp_path / "reference")
    for home in (settings, reference):
        ingest([sample("004")], home, embedder=HashingEmbedder(), progress=False)
    uninterrupted = HashingEmbedder()
    ingest([DATA], reference, embedder=uninterrupted, progress=False)
    before = load_index(settings, embedder=HashingEmbedder()).manifest["fingerprint"]
    interrupt(settings, batches=3)
    assert load_index(settings, embedder=HashingEmbedder()).manifest["fingerprint"] == before
    assert len(list((settings.home / FOLDER).glob("batch-*.npz"))) == 3

    fake, notes = HashingEmbedder(), []
    ingest([DATA], settings, embedder=fake, progress=False, notify=notes.append)
    assert fake.calls == uninterrupted.calls - 3 * STEP  # only what the interrupted run had not embedded
    assert f"resuming: {3 * STEP:,} chunks already embedded" in notes
    same_index(settings, reference)
    assert not (settings.home / FOLDER).exists()  # a commit deletes the checkpoint


def test_a_killed_ingest_resumes(tmp_path, straight):
    settings = home_settings(tmp_path / "home")
    script = (
        "import os, signal\n"
        "from embeddings.fake import HashingEmbedder\n"
        "from rag import Settings, resume\n"
        "from rag.ingest import ingest\n"
        "class Dies(HashingEmbedder):\n"
        "    left = 2\n"
        "    def embed_documents(self, texts, *, show_progress=False):\n"
        "        if self.left == 0:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "        self.left -= 1\n"
        "        return super().embed_documents(texts)\n"
        f"resume.BATCH = {STEP}\n"
        f"ingest([{str(DATA)!r}], Settings.from_env({{}}, home={str(settings.home)!r}),"
        " embedder=Dies(), progress=False)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == -9, proc.stderr.decode()[-2000:]
    fake = HashingEmbedder()
    ingest([DATA], settings, embedder=fake, progress=False)
    assert fake.calls == straight[1] - 2 * STEP
    same_index(settings, straight[0])


@pytest.mark.parametrize("damage", ["truncated", "garbage", "wrong_shape", "signature"])
def test_a_damaged_checkpoint_is_ignored(tmp_path, straight, damage):
    settings = home_settings(tmp_path / "home")
    interrupt(settings, batches=3)
    folder = settings.home / FOLDER
    first = sorted(folder.glob("batch-*.npz"))[0]
    lost = STEP  # chunks embedded again
    if damage == "truncated":
        first.write_bytes(first.read_bytes()[:100])
    elif damage == "garbage":
        first.write_bytes(b"not a numpy file")
    elif damage == "wrong_shape":
        with first.open("wb") as f:
            np.savez(f, hashes=np.array(["x"] * STEP), vectors=np.zeros((STEP, 3)))
    else:
        (folder / "signature.json").write_text("{broken", encoding="utf-8")
        lost = 3 * STEP  # a checkpoint whose settings are unknown is not used at all
    fake = HashingEmbedder()
    ingest([DATA], settings, embedder=fake, progress=False)
    assert fake.calls == straight[1] - 3 * STEP + lost
    same_index(settings, straight[0])


def test_a_checkpoint_of_another_embedder_is_not_used(tmp_path, straight):
    settings = home_settings(tmp_path / "home")
    interrupt(settings, batches=3, name="fake/other-model")
    fake = HashingEmbedder()
    ingest([DATA], settings, embedder=fake, progress=False)
    assert fake.calls == straight[1]  # same texts, but another model's vectors: all embedded again
    same_index(settings, straight[0])


def test_a_checkpoint_of_other_files_outlives_a_small_ingest(tmp_path, straight):
    """Adding one other file after an interrupted ingest does not throw its vectors away."""
    settings = home_settings(tmp_path / "home")
    interrupt(settings, batches=3)
    other = tmp_path / "other" / "report.txt"
    other.parent.mkdir()
    other.write_text(sample("004").read_text(encoding="utf-8") + "\n本报告另附说明。", encoding="utf-8")
    notes: list[str] = []
    ingest([other], settings, embedder=HashingEmbedder(), progress=False, notify=notes.append)
    assert any(n.startswith("kept 150 embedded chunks") for n in notes), notes
    fake = HashingEmbedder()
    ingest([DATA], settings, embedder=fake, progress=False)
    assert fake.calls <= straight[1] - 3 * STEP
    assert not (settings.home / FOLDER).exists()


def test_cli_says_it_resumes(tmp_path, capsys, monkeypatch):
    from rag.cli import main

    home = tmp_path / "home"
    # the model the command names: RAG_EMBED_BACKEND=auto picks the backend (kept in the checkpoint) by it
    interrupt(Settings.from_env({}, home=home, embed_model=FAKE_MODEL), batches=2)
    monkeypatch.setenv("RAG_EMBED_MODEL", FAKE_MODEL)
    assert main(["--home", str(home), "ingest", "--quiet", str(DATA)]) == 0
    assert f"resuming: {2 * STEP:,} chunks already embedded" in capsys.readouterr().err


def test_progress_note_counts_the_rate_of_this_run_only():
    note = progress_note(chunks=600, total=2000, files=3, all_files=10, embedded=100, seconds=10.0)
    assert note == "embedding 600/2,000 chunks, 3/10 files, 10.0 chunks/s, 2:20 left"
    assert progress_note(0, 10, 0, 1, 0, 0.0).endswith("time left unknown")
    assert progress_note(0, 100_000, 0, 1, 10, 1.0).endswith("2:46:40 left")
