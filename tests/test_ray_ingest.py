"""`rag ingest --ray`: cleaning, chunking and embedding on Ray Data give the build the plain ingest gives
(same chunk ids, vectors within 1e-5 — int8: cosine ≥ 0.995 —, the same report of every file). Skipped when the `scale` extra (Ray)
is not installed."""

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings
from rag.index import load_index
from rag.ingest import ingest
from tests.conftest import DATA, ROOT

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("ray") is None, reason="Ray is an optional extra: pip install -e '.[scale]'"
)


def same_build(a: Settings, b: Settings, embedder=None) -> None:
    left, right = load_index(a, embedder=embedder), load_index(b, embedder=embedder)
    assert [c.chunk_id for c in left.chunks] == [c.chunk_id for c in right.chunks]
    assert left.manifest["fingerprint"] == right.manifest["fingerprint"]
    assert left.vectors.shape == right.vectors.shape
    if left.manifest["model"].get("backend") == "onnx-int8":
        # int8 quantises each batch's activations with that batch's own scale, so a vector depends a little
        # on the texts it was embedded with: the same vectors up to that, not to the last digit
        cosines = (left.vectors * right.vectors).sum(axis=1)
        assert cosines.min() >= 0.995
    else:
        assert np.abs(left.vectors - right.vectors).max() <= 1e-5


@pytest.fixture
def local_ray():
    import ray

    from rag.ray_ingest import start_ray

    start_ray(2)
    yield
    ray.shutdown()


def test_ray_pipeline_gives_the_plain_build(tmp_path, local_ray, monkeypatch):
    """Cleaning, chunking and embedding on Ray Data; bad files among good ones are skipped with the plain
    ingest's messages, a copy is reported alike, and the build is the same."""
    from rag import ray_ingest
    from rag.ray_ingest import RayEmbedder, RayStages

    mapped = []  # the stages that went through a Ray Data map, with how many items
    ray_map = ray_ingest._ray_map
    monkeypatch.setattr(
        ray_ingest,
        "_ray_map",
        lambda rows, fn: mapped.append((getattr(fn, "func", fn), len(rows))) or ray_map(rows, fn),
    )

    reports = tmp_path / "reports"
    shutil.copytree(DATA, reports)
    (reports / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    (reports / "menu.html").write_text("<html><body>首页 | 登录 | 注册</body></html>", encoding="utf-8")
    first = sorted(DATA.glob("*.txt"))[0]
    shutil.copy(first, reports / os.fsdecode("常熟副本.txt".encode("gb18030")))  # a name that is not UTF-8
    fake = HashingEmbedder()
    plain = Settings.from_env({}, home=tmp_path / "plain")
    expected = ingest([reports], plain, embedder=fake, progress=False)
    on_ray = Settings.from_env({}, home=tmp_path / "ray")
    report = ingest(
        [reports], on_ray, embedder=RayEmbedder(on_ray, fake, ship=True), stages=RayStages(), progress=False
    )
    assert report.chunks > 100
    assert report.files == expected.files
    skipped = {Path(f.path).name: f.detail for f in report.files if f.status == "skipped"}
    assert skipped.keys() == {"broken.pdf", "menu.html"}
    assert "no report text found" in skipped["menu.html"]
    copy = next(f for f in report.files if f.path.endswith("常熟副本.txt"))
    assert (copy.status, copy.detail) == ("unchanged", "same content as another file in this run")
    indexed = [f for f in report.files if f.status == "indexed"]
    assert len(indexed) >= 3
    assert mapped == [(ray_ingest._clean_row, 8), (ray_ingest._chunk_row, len(indexed))]
    same_build(plain, on_ray, fake)


@pytest.mark.slow
def test_rag_ingest_ray_cli_with_the_real_model(tmp_path, sample_settings):
    """`rag ingest --ray data/` with the default model equals the plain ingest of data/ (the shared index)."""
    home = tmp_path / "ray"
    env = {**os.environ, "RAG_HOME": str(home)}
    env.pop("RAY_ADDRESS", None)
    done = subprocess.run(
        [sys.executable, "-m", "rag", "ingest", "--quiet", "--ray", str(DATA)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "4 indexed" in done.stdout
    same_build(sample_settings, Settings.from_env({}, home=home))
