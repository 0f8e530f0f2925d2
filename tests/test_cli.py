"""The `rag` command: one-line errors and exit code 1 for anything a user can cause."""

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, sample


def rag(*args, home, timeout=300):
    env = {"RAG_HOME": str(home), "PATH": "/usr/bin:/bin", "HOME": str(home)}
    import os

    env["XDG_CACHE_HOME"] = os.environ.get("XDG_CACHE_HOME", str(home / "cache"))
    return subprocess.run(
        [sys.executable, "-m", "rag", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["bogus"], "invalid choice"),
        (["ask"], "required"),
        (["ask", "常熟2024年工业投资目标是多少"], "rag ingest"),
        (["info"], "rag ingest"),
        (["clean", "missing.txt"], "cannot read"),
    ],
)
def test_user_errors_are_one_line(tmp_path, args, message):
    out = rag(*args, home=tmp_path)
    assert out.returncode == 1
    assert message in out.stderr and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def test_clean_json(tmp_path):
    out = rag("clean", str(sample("001")), "--json", home=tmp_path)
    data = json.loads(out.stdout)
    assert set(data) == {"doc_id", "text", "meta", "report"}
    assert data["meta"]["city"] == "常熟" and data["meta"]["speaker"] == "秦猛"


def test_clean_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    out = rag("clean", str(empty), home=tmp_path)
    assert out.returncode == 1 and "empty" in out.stderr


@pytest.mark.slow
def test_ingest_ask_info_eval(tmp_path):
    out = rag("ingest", "data/", "--quiet", home=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "duplicate" in out.stdout and "4 indexed" in out.stdout
    again = rag("ingest", "data/", "--quiet", home=tmp_path)
    assert "5 unchanged" in again.stdout
    answer = json.loads(rag("ask", "常熟2024年工业投资目标是多少", "--json", home=tmp_path).stdout)
    assert {"question", "text", "short", "refused", "citations", "hits", "timings_ms"} <= set(answer)
    assert answer["short"] == "308亿元" and answer["hits"][0]["chunk_id"]
    info = json.loads(rag("info", "--json", home=tmp_path).stdout)
    assert info["model"] and len(info["documents"]) == 5 and info["chunks"] > 100
    ev = rag("eval", "--json", "--no-write", home=tmp_path)
    assert ev.returncode == 0, ev.stderr
    metrics = json.loads(ev.stdout)["metrics"]
    assert {
        "accuracy",
        "span_accuracy",
        "grounded",
        "refusal_precision",
        "refusal_recall",
        "hit@1",
        "hit@5",
        "mrr@10",
        "latency_p50_ms",
        "latency_p95_ms",
        "cold_ms",
    } <= set(metrics)
