"""Embedding backends (RAG_EMBED_BACKEND): settings, the manifest entry that keeps two backends' vectors apart,
the ONNX embedder's pooling and batching on a tiny real ONNX graph, and the export cache."""

import json
import os
import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from rag import IndexMismatchError, ModelUnavailableError, RagError, Settings, ask, build_index, load_index
from rag.index import settings_signature
from rag.settings import FAKE_MODEL
from tests.conftest import sample


# ---------------------------------------------------------------- settings and the manifest
def test_backend_setting_is_checked():
    assert Settings.from_env({}).embed_backend == "auto"
    assert Settings.from_env({"RAG_EMBED_BACKEND": "onnx-int8"}).embed_backend == "onnx-int8"
    with pytest.raises(
        RagError, match="RAG_EMBED_BACKEND='onnx8' is not one of auto, torch, onnx, onnx-int8"
    ):
        Settings.from_env({"RAG_EMBED_BACKEND": "onnx8"})
    with pytest.raises(RagError, match="RAG_DEVICE=cpu"):
        Settings.from_env({"RAG_EMBED_BACKEND": "onnx", "RAG_DEVICE": "cuda"})
    assert Settings.from_env({"RAG_DEVICE": "cuda"}).embed_backend == "auto"  # auto picks torch there


def test_one_list_of_backends():
    from embeddings import BACKENDS, ONNX_BACKENDS
    from rag.settings import EMBED_BACKENDS

    assert ("auto", *BACKENDS) == EMBED_BACKENDS
    assert ("torch", *ONNX_BACKENDS) == BACKENDS
    assert ONNX_BACKENDS == {"onnx": False, "onnx-int8": True}


class _Backend(HashingEmbedder):
    def __init__(self, backend: str) -> None:
        super().__init__()
        self.backend = backend


def test_the_signature_names_a_backend_other_than_torch(tmp_path):
    settings = Settings.from_env({}, home=tmp_path, embed_backend="torch")
    assert "backend" not in settings_signature(settings, _Backend("torch"))["model"]  # manifests as before
    assert "backend" not in settings_signature(settings, HashingEmbedder())["model"]
    assert settings_signature(settings, _Backend("onnx-int8"))["model"]["backend"] == "onnx-int8"
    # an embedder that does not say (Ray's wrapper) is what the settings load; auto: as resolved
    onnx = Settings.from_env({"RAG_EMBED_BACKEND": "onnx"})
    assert settings_signature(onnx, HashingEmbedder())["model"]["backend"] == "onnx"
    auto = Settings.from_env({}, home=tmp_path)  # no index: the default model on the CPU runs int8
    assert settings_signature(auto, HashingEmbedder())["model"]["backend"] == "onnx-int8"


def test_an_index_of_one_backend_refuses_another(tmp_path):
    settings = Settings.from_env({}, home=tmp_path / "home", embed_model=FAKE_MODEL)
    build_index([sample("001")], settings=settings, embedder=_Backend("onnx-int8"))
    assert load_index(settings, embedder=_Backend("onnx-int8")).chunks
    for other in (_Backend("torch"), _Backend("onnx")):
        with pytest.raises(IndexMismatchError, match=r"onnx-int8.*rag ingest --rebuild"):
            load_index(settings, embedder=other)
        with pytest.raises(IndexMismatchError, match="cannot add to the existing index"):
            build_index([sample("002")], settings=settings, embedder=other)
    build_index([sample("002")], settings=settings, embedder=other, rebuild=True)  # the fix the message names
    assert load_index(settings, embedder=_Backend("onnx")).chunks


# ---------------------------------------------------------------- auto
@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({}, "onnx-int8"),  # the default model on the CPU
        ({"RAG_EMBED_MODEL": "{folder}"}, "onnx-int8"),  # a local sentence-transformers folder
        ({"RAG_EMBED_MODEL": "BAAI/bge-small-zh-v1.5"}, "torch"),  # a hub name
        ({"RAG_DEVICE": "cuda"}, "torch"),
        ({"RAG_DEVICE": "mps"}, "torch"),
        ({"RAG_EMBED_MODEL": FAKE_MODEL}, "torch"),  # the test fake
        ({"RAG_EMBED_BACKEND": "torch"}, "torch"),  # explicit values are kept
        ({"RAG_EMBED_BACKEND": "onnx"}, "onnx"),
    ],
)
def test_auto_for_a_new_index(tmp_path, env, backend):
    from rag.index import resolve_backend

    (tmp_path / "model").mkdir()
    env = {k: v.format(folder=tmp_path / "model") for k, v in env.items()}
    settings = Settings.from_env(env, home=tmp_path / "home")
    assert resolve_backend(settings) == replace(settings, embed_backend=backend)  # nothing else changes


@pytest.fixture
def backends(monkeypatch):
    """get_embedder as a hashing embedder that says which backend it was asked for (no model loads)."""
    asked = []

    def get_embedder(model, *, backend="torch", **kwargs):
        asked.append(backend)
        return _Backend(backend)

    monkeypatch.setattr("embeddings.get_embedder", get_embedder)
    return asked


def test_auto_keeps_an_old_torch_index(tmp_path, backends):
    """An index built before auto (torch, no backend in its manifest) is not rebuilt behind the user's
    back: auto loads it with torch and adds to it with torch; a rebuild moves it to int8."""
    import rag.api
    from rag.store import live_build, read_manifest

    old = Settings.from_env({}, home=tmp_path / "home", embed_backend="torch")
    build_index([sample("001")], settings=old)
    assert "backend" not in read_manifest(live_build(old.index_dir))["model"]
    auto = Settings.from_env({}, home=tmp_path / "home")
    index = load_index(auto)
    assert index.embedder.backend == "torch" and index.info()["backend"] == "torch"
    report = build_index([sample("002")], settings=auto)
    assert [f.status for f in report.files] == ["indexed"] and backends == ["torch"] * 3
    assert "backend" not in read_manifest(live_build(old.index_dir))["model"]
    assert len(load_index(auto).docs) == 2
    # an explicit backend that disagrees is still refused, also after auto loaded the same folder
    int8 = Settings.from_env({"RAG_EMBED_BACKEND": "onnx-int8"}, home=tmp_path / "home")
    with pytest.raises(IndexMismatchError, match=r"onnx-int8.*rag ingest --rebuild"):
        rag.api.load_index(int8)
    with pytest.raises(IndexMismatchError, match="cannot add to the existing index"):
        build_index([sample("003")], settings=int8)
    build_index([sample("001")], settings=auto, rebuild=True)  # a rebuild is a new index: int8
    assert read_manifest(live_build(auto.index_dir))["model"]["backend"] == "onnx-int8"
    assert (
        load_index(auto).embedder.backend == "onnx-int8" and load_index(int8).info()["backend"] == "onnx-int8"
    )


def test_auto_gets_int8_for_a_new_index_and_keeps_it(tmp_path, backends):
    auto = Settings.from_env({}, home=tmp_path / "home")
    build_index([sample("001")], settings=auto)
    build_index([sample("002")], settings=auto)
    assert load_index(auto).info()["backend"] == "onnx-int8" and set(backends) == {"onnx-int8"}
    torch = Settings.from_env({"RAG_EMBED_BACKEND": "torch"}, home=tmp_path / "home")
    with pytest.raises(IndexMismatchError, match="rag ingest --rebuild"):
        load_index(torch)


def test_auto_on_a_gpu_with_an_int8_index_says_what_to_do(tmp_path, backends):
    from rag.index import resolve_backend

    build_index([sample("001")], settings=Settings.from_env({}, home=tmp_path / "home"))
    gpu = Settings.from_env({"RAG_DEVICE": "cuda"}, home=tmp_path / "home")
    with pytest.raises(IndexMismatchError, match=r"RAG_DEVICE=cpu.*rag ingest --rebuild"):
        resolve_backend(gpu)
    assert resolve_backend(gpu, fresh=True).embed_backend == "torch"


def test_no_index_is_said_before_a_model_loads(tmp_path, backends):
    from rag import IndexNotFoundError

    with pytest.raises(IndexNotFoundError, match="rag ingest"):
        load_index(Settings.from_env({}, home=tmp_path / "home"))
    assert backends == []


def test_rag_info_names_the_backend(tmp_path, monkeypatch, capsys):
    from rag.cli import main

    home = tmp_path / "home"
    build_index([sample("001")], settings=Settings.from_env({}, home=home), embedder=_Backend("onnx-int8"))
    monkeypatch.setenv("RAG_EMBED_MODEL", FAKE_MODEL)  # the hashing embedder; auto follows the index
    assert main(["--home", str(home), "info"]) == 0
    assert "backend: onnx-int8" in capsys.readouterr().out.splitlines()[0]
    assert main(["--home", str(home), "info", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["backend"] == "onnx-int8"


def test_a_hub_name_cannot_run_on_onnx(tmp_path):
    from embeddings import get_embedder

    with pytest.raises(ModelUnavailableError, match="local sentence-transformers folder"):
        get_embedder("BAAI/bge-small-zh-v1.5", models_dir=tmp_path, backend="onnx")


# ---------------------------------------------------------------- pooling
def test_mean_pooling_counts_only_real_tokens():
    from embeddings.ort import pool

    tokens = np.array([[[1.0, 0.0], [3.0, 2.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    assert np.allclose(pool(tokens, mask, "mean"), [[2.0, 1.0]])
    assert np.allclose(pool(tokens, mask, "cls"), [[1.0, 0.0]])


@pytest.mark.parametrize(
    ("config", "mode"),
    [
        ({"pooling_mode_mean_tokens": True}, "mean"),
        ({"pooling_mode_cls_token": True, "pooling_mode_mean_tokens": False}, "cls"),
        ({"pooling_mode_max_tokens": True}, None),
        ({}, None),
    ],
)
def test_pooling_mode_is_read_from_the_folder(tmp_path, config, mode):
    from embeddings.ort import pooling_mode

    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps(config))
    if mode is None:
        with pytest.raises(ModelUnavailableError, match="RAG_EMBED_BACKEND=torch"):
            pooling_mode(tmp_path)
    else:
        assert pooling_mode(tmp_path) == mode


# ---------------------------------------------------------------- the ONNX embedder on a tiny graph
WORDS = ["<pad>", "<unk>", "query:", "passage:", "工业", "投资", "目标", "308", "亿元", "昆山"]


def _tiny_folder(tmp_path):
    """A sentence-transformers-like folder: a word-level tokenizer and an ONNX graph whose token
    embeddings are rows of a fixed table (Gather), so the expected vectors are known."""
    onnx = pytest.importorskip("onnx")
    pytest.importorskip("onnxruntime")
    from onnx import TensorProto, helper, numpy_helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    folder = tmp_path / "tiny"
    (folder / "1_Pooling").mkdir(parents=True)
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.WhitespaceSplit()
    tokenizer.save(str(folder / "tokenizer.json"))
    table = np.random.default_rng(0).standard_normal((len(WORDS), 4)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["token_embeddings"])],
        "tiny",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["batch", "sequence"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["batch", "sequence"]),
        ],
        [helper.make_tensor_value_info("token_embeddings", TensorProto.FLOAT, ["batch", "sequence", 4])],
        [numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(folder / "model.onnx"))
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": 4, "pooling_mode_mean_tokens": True})
    )
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps({"prompts": {"query": "query: ", "passage": "passage: "}})
    )
    (folder / "sentence_bert_config.json").write_text(json.dumps({"max_seq_length": 4}))
    (folder / "tokenizer_config.json").write_text(json.dumps({"pad_token": "<pad>"}))
    return folder, table


def _expected(table, words):
    ids = [WORDS.index(w) for w in words][:4]  # max_seq_length 4
    v = table[ids].mean(axis=0)
    return v / np.linalg.norm(v)


def test_onnx_embedder_prompts_pools_and_keeps_the_order(tmp_path):
    from embeddings.ort import OnnxEmbedder

    folder, table = _tiny_folder(tmp_path)
    texts = ["工业 投资 目标", "308 亿元", "昆山", "工业 投资 目标 308 亿元"]  # the last is truncated
    for batch in (1, 2, 32):
        e = OnnxEmbedder(folder, folder / "model.onnx", name="tiny", backend="onnx", batch_size=batch)
        docs = e.embed_documents(texts)
        assert docs.shape == (4, 4) and docs.dtype == np.float32
        for text, vector in zip(texts, docs, strict=True):
            assert np.allclose(vector, _expected(table, ["passage:", *text.split()]), atol=1e-6), text
        assert np.allclose(e.embed_query("昆山"), _expected(table, ["query:", "昆山"]), atol=1e-6)
    assert e.embed_documents([]).shape == (0, 4)
    assert (e.name, e.dim, e.backend, e.query_prompt, e.passage_prompt) == (
        "tiny",
        4,
        "onnx",
        "query: ",
        "passage: ",
    )


def test_a_damaged_onnx_file_is_a_clear_error(tmp_path):
    from embeddings.ort import OnnxEmbedder

    folder, _ = _tiny_folder(tmp_path)
    (folder / "model.onnx").write_bytes(b"not a model")
    with pytest.raises(ModelUnavailableError, match="export it again"):
        OnnxEmbedder(folder, folder / "model.onnx", name="tiny", backend="onnx")


# ---------------------------------------------------------------- the export cache
@pytest.fixture
def fake_export(monkeypatch):
    """Exports that write a marker instead of tracing a model; counts them."""
    calls = []

    def export(folder, dest):
        calls.append("fp32")
        dest.write_text("fp32")

    def quantise(source, dest):
        calls.append("int8")
        dest.write_text("int8 of " + source.read_text())

    monkeypatch.setattr("embeddings.onnx_export._check_installed", lambda: None)
    monkeypatch.setattr("embeddings.onnx_export._export_fused", export)
    monkeypatch.setattr("embeddings.onnx_export._quantise", quantise)
    return calls


def test_the_export_is_made_once_and_redone_when_the_model_changes(tmp_path, fake_export):
    from embeddings.onnx_export import onnx_path

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"weights")
    int8 = onnx_path(folder, tmp_path / "models", int8=True)
    assert int8.read_text() == "int8 of fp32" and fake_export == ["fp32", "int8"]
    assert onnx_path(folder, tmp_path / "models", int8=False).read_text() == "fp32"
    assert onnx_path(folder, tmp_path / "models", int8=True) == int8 and fake_export == ["fp32", "int8"]
    (folder / "model.safetensors").write_bytes(b"other weights")  # e.g. the model converted again
    onnx_path(folder, tmp_path / "models", int8=True)
    assert fake_export == ["fp32", "int8", "fp32", "int8"]
    assert not [p for p in int8.parent.iterdir() if p.name.startswith(".export-")]  # no leftovers


def test_an_interrupted_export_leaves_nothing_half_written(tmp_path, monkeypatch, fake_export):
    from embeddings.onnx_export import onnx_path

    def boom(folder, dest):
        dest.write_text("half")
        raise KeyboardInterrupt

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"weights")
    monkeypatch.setattr("embeddings.onnx_export._export_fused", boom)
    with pytest.raises(KeyboardInterrupt):
        onnx_path(folder, tmp_path / "models", int8=False)
    (cache,) = (tmp_path / "models" / "onnx").iterdir()
    assert sorted(os.listdir(cache)) == [".export.lock"]


def test_a_folder_without_weights_is_refused(tmp_path, fake_export):
    from embeddings.onnx_export import onnx_path

    with pytest.raises(ModelUnavailableError, match="RAG_EMBED_BACKEND=torch"):
        onnx_path(tmp_path, tmp_path / "models", int8=False)


def test_the_install_exports_what_auto_runs_once(tmp_path, monkeypatch, fake_export, capsys):
    """`python -m embeddings.onnx_export` (make install): the int8 graph of a local folder, once."""
    from embeddings.onnx_export import main

    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "model.safetensors").write_bytes(b"weights")
    monkeypatch.setenv("RAG_MODEL_CACHE", str(tmp_path / "models"))
    monkeypatch.setenv("RAG_EMBED_MODEL", str(folder))
    assert main([]) == 0 and main([]) == 0
    assert fake_export == ["fp32", "int8"]
    assert "model-int8.onnx (onnx-int8" in capsys.readouterr().out
    monkeypatch.setenv("RAG_EMBED_MODEL", "BAAI/bge-small-zh-v1.5")  # auto runs torch: nothing to do
    assert main([]) == 0 and "nothing to export" in capsys.readouterr().out
    monkeypatch.setenv("RAG_EMBED_BACKEND", "onnx")
    assert main([]) == 1 and "local sentence-transformers folder" in capsys.readouterr().err


# ---------------------------------------------------------------- the real model (slow)
SENTENCES = [
    "常熟2024年工业投资目标是多少",
    "蘇州古城保護更新累計有多少項特色做法在全國推廣？",
    "ＧＤＰ增速５％以上，Ｒ＆Ｄ投入强度4.15%左右",
    "The quick brown fox jumps over the lazy dog.",
    "  多个   空格  café naïve ﬁ ①②",
]


def _real_texts(clean_docs):
    from rag.chunking import chunk_document, index_text

    chunks = [c for doc in clean_docs.values() for c in chunk_document(doc, size=300, overlap=80)]
    long_text = next(doc.text for doc in clean_docs.values())[:3000]  # past 512 tokens: truncated alike
    return [*SENTENCES, long_text, *[index_text(c) for c in chunks[::10]]]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("backend", "mean_at_least", "min_at_least"), [("onnx", 0.99999, 0.9999), ("onnx-int8", 0.993, 0.985)]
)
def test_onnx_vectors_agree_with_torch(clean_docs, backend, mean_at_least, min_at_least):
    """fp32 ONNX is the same model (measured cosine 1.000000); int8 moves the vectors a little (measured
    on 320 sample chunks: mean 0.997, min 0.995)."""
    from embeddings import get_embedder

    settings = Settings.from_env({})
    torch_side = get_embedder(settings.embed_model, models_dir=settings.models_dir)
    onnx_side = get_embedder(settings.embed_model, models_dir=settings.models_dir, backend=backend)
    texts = _real_texts(clean_docs)
    passages = (onnx_side.embed_documents(texts) * torch_side.embed_documents(texts)).sum(axis=1)
    queries = np.array([onnx_side.embed_query(t) @ torch_side.embed_query(t) for t in texts[:12]])
    print(
        f"{backend}: passages mean {passages.mean():.6f} min {passages.min():.6f}; queries min {queries.min():.6f}"
    )
    assert passages.mean() >= mean_at_least and queries.mean() >= mean_at_least
    assert passages.min() >= min_at_least and queries.min() >= min_at_least
    assert (onnx_side.name, onnx_side.dim, onnx_side.query_prompt, onnx_side.passage_prompt) == (
        torch_side.name,
        torch_side.dim,
        torch_side.query_prompt,
        torch_side.passage_prompt,
    )


@pytest.mark.slow
def test_real_indexes_of_two_backends_do_not_mix(sample_settings, tmp_path):
    from rag.index import load_index as load_checked  # rag.load_index keeps one index per folder and model

    assert load_checked(sample_settings).manifest["model"]["backend"] == "onnx-int8"  # auto, a new index
    with pytest.raises(IndexMismatchError, match=r"backend.*onnx-int8.*rag ingest --rebuild"):
        load_checked(replace(sample_settings, embed_backend="torch"))
    # an index built with torch (every index before auto): auto answers from it and adds to it with torch
    old = Settings.from_env({}, home=tmp_path / "home", embed_backend="torch")
    build_index([sample("001")], settings=old)
    auto = replace(old, embed_backend="auto")
    index = load_checked(auto)
    assert "backend" not in index.manifest["model"] and index.embedder.backend == "torch"
    assert [f.status for f in build_index([sample("002")], settings=auto).files] == ["indexed"]
    index = load_checked(auto)
    assert "backend" not in index.manifest["model"] and len(index.docs) == 2
    assert ask("常熟2024年工业投资目标是多少", index=index, settings=auto).short == "308亿元"
    int8 = replace(old, embed_backend="onnx-int8")
    with pytest.raises(IndexMismatchError, match="rag ingest --rebuild"):
        load_checked(int8)
    with pytest.raises(IndexMismatchError, match="cannot add to the existing index"):
        build_index([sample("003")], settings=int8)


@pytest.mark.slow
def test_asking_an_int8_index_loads_no_torch(sample_settings):
    code = (
        "import sys, rag; a = rag.ask('常熟2024年工业投资目标是多少'); "
        "print(a.short, rag.load_index().info()['backend'], 'torch' in sys.modules)"
    )
    env = {**os.environ, "RAG_HOME": str(sample_settings.home)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.split() == ["308亿元", "onnx-int8", "False"]


def test_a_cached_embedder_embeds_in_the_batches_asked_this_time(monkeypatch, tmp_path):
    from types import SimpleNamespace

    import embeddings

    made = []

    def create(model, *, models_dir, device, batch_size, backend):
        made.append(model)
        return SimpleNamespace(batch_size=batch_size)

    monkeypatch.setattr(embeddings, "_create", create)
    monkeypatch.setattr(embeddings, "_loaded", {})
    first = embeddings.get_embedder("m", models_dir=tmp_path, batch_size=8)
    again = embeddings.get_embedder("m", models_dir=tmp_path, batch_size=64)
    assert again is first and made == ["m"]  # loaded once
    assert again.batch_size == 64
