"""Shared fixtures: the sample reports, their clean documents, and a real index (built once, slow tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.fake import HashingEmbedder

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def sample(prefix: str) -> Path:
    return next(DATA.glob(f"{prefix}_*.txt"))


class Interrupted(HashingEmbedder):
    """The hashing embedder, stopped like Ctrl-C after `batches` calls."""

    def __init__(self, batches: int, name: str = "fake/hashing") -> None:
        super().__init__(name=name)
        self.batches = batches

    def embed_documents(self, texts, *, show_progress=False):
        if self.batches == 0:
            raise KeyboardInterrupt
        self.batches -= 1
        return super().embed_documents(texts, show_progress=show_progress)


@pytest.fixture(scope="session")
def clean_docs():
    from rag.cleaning import clean_file

    return {p.name[:3]: clean_file(p, max_bytes=10**8) for p in sorted(DATA.glob("*.txt"))}


@pytest.fixture(scope="session")
def questions():
    return [
        json.loads(line) for line in (ROOT / "eval" / "qa_dev.jsonl").read_text(encoding="utf-8").splitlines()
    ]


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory):
    """Settings whose RAG_HOME holds a real index of data/ with the default model (slow tests only)."""
    from rag import Settings, build_index

    settings = Settings.from_env(home=tmp_path_factory.mktemp("rag-home"))
    build_index([DATA], settings=settings)
    return settings


@pytest.fixture(scope="session")
def sample_index(sample_settings):
    from rag import load_index

    return load_index(sample_settings)


@pytest.fixture(scope="session")
def server_url(sample_settings, tmp_path_factory):
    """`rag serve` on a free loopback port over the sample index (slow tests only)."""
    import os
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "RAG_HOME": str(sample_settings.home), "GRADIO_ANALYTICS_ENABLED": "False"}
    log = (tmp_path_factory.mktemp("serve") / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            break
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"rag serve exited with {proc.returncode}") from None
            time.sleep(1)
    else:
        proc.kill()
        raise RuntimeError("rag serve did not start in 120 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)
