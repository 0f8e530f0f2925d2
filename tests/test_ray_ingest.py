"""`rag ingest --ray`: embedding on Ray Data gives the build the plain ingest gives (same chunk ids, vectors
within 1e-5). Skipped when the `scale` extra (Ray) is not installed."""

import importlib.util
import os
import subprocess
import sys

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
    assert np.abs(left.vectors - right.vectors).max() <= 1e-5


@pytest.fixture
def local_ray():
    import ray

    from rag.ray_ingest import start_ray

    start_ray(2)
    yield
    ray.shutdown()


def test_ray_embedding_gives_the_plain_build(tmp_path, local_ray):
    from rag.ray_ingest import RayEmbedder

    fake = HashingEmbedder()
    plain = Settings.from_env({}, home=tmp_path / "plain")
    ingest([DATA], plain, embedder=fake, progress=False)
    on_ray = Settings.from_env({}, home=tmp_path / "ray")
    ray_embedder = RayEmbedder(on_ray, fake, ship=True)
    report = ingest([DATA], on_ray, embedder=ray_embedder, progress=False)
    assert report.chunks > 100
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
