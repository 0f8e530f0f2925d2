"""The index folder under stress: two writers at once, a damaged index, kill -9 at random points.

Real `rag ingest` processes on real reports; the hashing embedder (RAG_EMBED_MODEL=fake:hashing) stands in
for the model so that a process takes seconds.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings, store
from rag.errors import IndexCorruptError
from rag.index import load_index
from rag.ingest import ingest
from tests.conftest import ROOT, sample

A, B = sample("003"), sample("004")  # two reports without mojibake: the quickest to clean


def env_for(home: Path, **extra: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home.parent),
        "RAG_HOME": str(home),
        "RAG_EMBED_MODEL": "fake:hashing",
        **extra,
    }


def rag_process(home: Path, *args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "rag", *args],
        cwd=ROOT,
        env=env_for(home, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def rag(home: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    proc = rag_process(home, *args, **extra)
    out, err = proc.communicate(timeout=300)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def indexed(home: Path) -> set[str]:
    index = load_index(Settings.from_env({}, home=home), embedder=HashingEmbedder())
    return {d.meta.source_file for d in index.docs.values()}


def builds_left(home: Path) -> set[str]:
    live = {os.path.realpath(home / name) for name in ("index", "index.previous")}
    return {b.name for b in (home / "builds").iterdir() if os.path.realpath(b) not in live}


# ---------------------------------------------------------------- one writer at a time
def _two_writers(home: Path) -> tuple[list[subprocess.CompletedProcess], set[str]]:
    procs = [rag_process(home, "ingest", str(path), "--quiet") for path in (A, B)]
    outs = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        outs.append(subprocess.CompletedProcess(p.args, p.returncode, out, err))
    return outs, indexed(home)


def test_two_ingests_at_once_keep_both_documents_ten_times(tmp_path):
    homes = [tmp_path / f"home{i}" for i in range(10)]
    with ThreadPoolExecutor(max_workers=3) as pool:  # three homes at a time, two writers in each
        rounds = list(pool.map(_two_writers, homes))
    for home, (outs, docs) in zip(homes, rounds, strict=True):
        for out in outs:
            assert out.returncode == 0 and "1 indexed" in out.stdout, out.stderr
        assert docs == {A.name, B.name}, home
        assert builds_left(home) == set()


def test_a_second_writer_waits_with_a_message_then_gives_up_with_one(tmp_path):
    home = tmp_path / "home"
    settings = Settings.from_env({}, home=home)
    with store.writer(settings):
        out = rag(home, "ingest", str(A), "--quiet", RAG_LOCK_TIMEOUT="1")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    waiting, error = out.stderr.strip().splitlines()
    assert waiting.startswith(f"waiting for another writer of {home}") and f"pid {os.getpid()}" in waiting
    assert "another process is still writing" in error and "RAG_LOCK_TIMEOUT" in error
    assert not (home / "index").exists()


def test_a_waiting_writer_goes_on_when_the_lock_is_free(tmp_path):
    home = tmp_path / "home"
    ingest([A], Settings.from_env({}, home=home), embedder=HashingEmbedder(), progress=False)
    with store.writer(Settings.from_env({}, home=home)):
        proc = rag_process(home, "ingest", str(B), "--quiet")
        time.sleep(2)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0 and err.startswith("waiting for another writer"), err
    assert indexed(home) == {A.name, B.name}


# ---------------------------------------------------------------- a damaged index is refused, untouched
def snapshot(home: Path) -> dict[str, bytes | str]:
    state: dict[str, bytes | str] = {}
    for path in sorted(home.rglob("*")):
        key = str(path.relative_to(home))
        if key.startswith("write.lock"):
            continue  # the lock file is the writer's own, not the index
        if path.is_symlink():
            state[key] = "-> " + os.readlink(path)
        elif path.is_file():
            state[key] = path.read_bytes()
    return state


def _truncate(path: Path, keep: float) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])


def _drop_last_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:-1]), encoding="utf-8")


def _manifest_without_chunk_count(folder: Path) -> None:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    del manifest["chunk_count"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


DAMAGE = {
    "manifest missing": lambda f: (f / "manifest.json").unlink(),
    "manifest without chunk_count": _manifest_without_chunk_count,
    "dangling symlink": None,  # handled below: the link points at a build that is gone
    "chunks.jsonl one line short": lambda f: _drop_last_line(f / "chunks.jsonl"),
    "chunks.jsonl cut mid-line": lambda f: _truncate(f / "chunks.jsonl", 0.5),
    "docs.jsonl one line short": lambda f: _drop_last_line(f / "docs.jsonl"),
    "docs.jsonl cut mid-line": lambda f: _truncate(f / "docs.jsonl", 0.7),
    "vectors.npy truncated": lambda f: _truncate(f / "vectors.npy", 0.6),
    "faiss.index truncated": lambda f: _truncate(f / "faiss.index", 0.3),
}


@pytest.fixture(scope="module")
def two_doc_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("damaged") / "home"
    ingest([A], Settings.from_env({}, home=home), embedder=HashingEmbedder(), progress=False)
    ingest([B], Settings.from_env({}, home=home), embedder=HashingEmbedder(), progress=False)
    return home


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_ingest_refuses_a_damaged_index_and_leaves_it_byte_for_byte(two_doc_home, tmp_path, damage):
    home = tmp_path / "home"
    subprocess.run(["cp", "-a", str(two_doc_home), str(home)], check=True)
    if damage == "dangling symlink":
        (home / "index").unlink()
        (home / "index").symlink_to("builds/20200101-000000-1-1")
    else:
        DAMAGE[damage](Path(os.path.realpath(home / "index")))
    before = snapshot(home)
    with pytest.raises(IndexCorruptError, match="--rebuild"):  # loading says the same
        load_index(Settings.from_env({}, home=home), embedder=HashingEmbedder())
    out = rag(home, "ingest", str(sample("001")), "--quiet")
    assert out.returncode == 1 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and "rag ingest --rebuild DATA…" in out.stderr
    assert snapshot(home) == before
    ingest([A, B], Settings.from_env({}, home=home), rebuild=True, embedder=HashingEmbedder(), progress=False)
    assert indexed(home) == {A.name, B.name}  # the fix the message names works


# ---------------------------------------------------------------- kill -9 at random points
def test_kill_9_at_random_points_leaves_old_or_new_content_and_no_orphans(tmp_path):
    home = tmp_path / "home"
    settings = Settings.from_env({}, home=home)
    fake = HashingEmbedder()
    ingest([A], settings, embedder=fake, progress=False)
    started = time.monotonic()
    assert rag(home, "ingest", str(B), "--quiet").returncode == 0
    full = time.monotonic() - started  # one uninterrupted writer, start to exit
    rng = random.Random(12)
    outcomes = {"old": 0, "new": 0, "orphans removed": 0}
    for _ in range(20):
        old = indexed(home)
        if B.name in old:  # alternate the two kinds of writers: remove B, add B
            doc_id = next(
                d.doc_id
                for d in load_index(settings, embedder=fake).docs.values()
                if d.meta.source_file == B.name
            )
            proc, new = rag_process(home, "remove", doc_id), old - {B.name}
        else:
            proc, new = rag_process(home, "ingest", str(B), "--quiet"), old | {B.name}
        time.sleep(rng.uniform(0.3, 1.5) * full)
        proc.kill()
        proc.communicate(timeout=60)
        now = indexed(home)  # loads, and holds the old or the new documents
        assert now in (old, new)
        outcomes["new" if now == new else "old"] += 1
        report = ingest([], settings, embedder=fake, progress=False)  # the next writer cleans up
        outcomes["orphans removed"] += report.removed_builds
        assert builds_left(home) == set() and indexed(home) == now
    print(outcomes)  # e.g. {'old': 15, 'new': 5, 'orphans removed': 9}
    assert outcomes["orphans removed"] + outcomes["new"] > 0  # some kills landed in or after a build
