"""Settings come from RAG_* variables; importing rag is cheap."""

import subprocess
import sys
from pathlib import Path

import pytest

from rag import RagError, Settings


def test_defaults_and_env():
    s = Settings.from_env(
        {"RAG_HOME": "/tmp/x", "RAG_TOP_K": "7", "RAG_EMBED_MODEL": "some/model", "PATH": "/"}
    )
    assert s.home == Path("/tmp/x")
    assert s.index_dir == Path("/tmp/x/index")
    assert s.top_k == 7
    assert s.embed_model == "some/model"
    assert Settings.from_env({}).home == Path(".rag")


def test_overrides_win_and_none_is_ignored():
    s = Settings.from_env({"RAG_TOP_K": "7"}, top_k=3, home=None)
    assert s.top_k == 3
    assert s.home == Path(".rag")


@pytest.mark.parametrize(
    ("key", "value"), [("RAG_TOP_K", "many"), ("RAG_CHUNK_SIZE", "0"), ("RAG_TOP_K", "-1")]
)
def test_bad_values_are_clear_errors(key, value):
    with pytest.raises(RagError, match=key):
        Settings.from_env({key: value})


def test_model_cache_is_shared_outside_the_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert Settings().models_dir == tmp_path / "baogao-wenda" / "models"
    assert Settings.from_env({"RAG_MODEL_CACHE": "/m"}).models_dir == Path("/m")


def test_import_rag_is_light():
    code = (
        "import sys, rag, rag.cli, rag.api, rag.retrieval;"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'gradio', 'jieba', 'faiss', 'transformers')"
        " if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
