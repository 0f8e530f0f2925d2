"""Write an evaluation as Markdown, JSON and a PNG chart under eval/results/."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

from eval.run import EvalResult

METRIC_ROWS = [
    "accuracy",
    "span_accuracy",
    "grounded",
    "refusal_precision",
    "refusal_recall",
    "wrong_refusals",
    "hit@1",
    "hit@5",
    "mrr@10",
    "latency_p50_ms",
    "latency_p95_ms",
    "cold_ms",
]


def git_commit(root: Path) -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    return out.stdout.strip() or "unknown"


def _fmt(value: Any) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) and value <= 1.0 else str(value)


def markdown(result: EvalResult) -> str:
    model = result.manifest.get("model", {}).get("name", "?")
    lines = [
        f"# Evaluation — {result.date}",
        "",
        f"model `{model}` · index `{result.manifest.get('fingerprint', '?')}` · commit `{result.commit}` · "
        f"{result.metrics.get('questions')} questions",
        "",
        "| metric | overall | " + " | ".join(result.by_type) + " |",
        "|---|---|" + "---|" * len(result.by_type),
    ]
    for key in METRIC_ROWS:
        per_type = " | ".join(_fmt(result.by_type[t].get(key)) for t in result.by_type)
        lines.append(f"| {key} | {_fmt(result.metrics.get(key))} | {per_type} |")
    failures = [q for q in result.questions if not q["correct"]]
    lines += ["", f"## Failures ({len(failures)})", ""]
    if failures:
        lines += [
            "| id | question | expected | got | evidence rank | retrieval's first hit |",
            "|---|---|---|---|---|---|",
        ]
        for q in failures:
            got = "（拒答）" if q["refused"] else (q["short"] or q["text"][:40])
            cells = [
                q["id"],
                q["question"],
                "、".join(q["expected"]) or "（应拒答）",
                got,
                str(q["evidence_rank"] or "–"),
                q["top_hit"][:60],
            ]
            lines.append("| " + " | ".join(c.replace("|", "｜") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def chart(result: EvalResult, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    types = list(result.by_type)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    values = [result.by_type[t]["accuracy"] or 0 for t in types]
    left.bar(types, values, color="#3b7dd8")
    left.axhline(result.metrics["accuracy"] or 0, color="#d8553b", linestyle="--", label="overall")
    left.set_ylim(0, 1.05)
    left.set_title("accuracy by question type")
    left.legend()
    names = ["latency_p50_ms", "latency_p95_ms", "cold_ms"]
    values = [result.metrics.get(n) or 0 for n in names]
    right.bar(["p50 warm", "p95 warm", "cold first"], values, color="#5aa469")
    if min(values) > 0:
        right.set_yscale("log")
    right.set_title("ask() latency (ms)")
    fig.suptitle(f"{result.manifest.get('model', {}).get('name', '')} · {result.date} · {result.commit}")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(result: EvalResult, out_dir: Path) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{result.commit}"
    paths = {
        "json": out_dir / f"{stamp}.json",
        "md": out_dir / f"{stamp}.md",
        "png": out_dir / f"{stamp}.png",
    }
    paths["json"].write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    paths["md"].write_text(markdown(result), encoding="utf-8")
    chart(result, paths["png"])
    for kind, path in paths.items():
        shutil.copyfile(path, out_dir / f"latest.{kind}")
    return paths
