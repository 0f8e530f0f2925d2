"""run_eval and the written reports, with a stub ask()."""

import json

from eval.compare import compare
from eval.report import write
from eval.run import run_eval
from rag.types import Answer, Chunk, Citation, DocMeta, Hit

META = DocMeta("2024年常熟市人民政府工作报告", "常熟", 2024, "政府工作报告", None, None, "001.txt")
QUESTIONS = [
    {
        "id": "a",
        "type": "numeric",
        "question": "常熟2024年工业投资目标是多少",
        "answers": ["308亿元"],
        "answers_all": [],
        "evidence": "完成工业投资308亿元",
    },
    {
        "id": "b",
        "type": "numeric",
        "question": "PM2.5浓度",
        "answers": ["33微克"],
        "answers_all": [],
        "evidence": "33微克",
    },
    {
        "id": "c",
        "type": "unanswerable",
        "question": "七普人口",
        "answers": [],
        "answers_all": [],
        "evidence": "",
    },
]


def stub(question: str) -> Answer:
    chunk = Chunk("c1", "d", "为高质量发展蓄势赋能，完成工业投资308亿元。", 0, 24, "2024年工作安排", META)
    hit = Hit(chunk, 1.0, 1)
    if "工业投资" in question:
        cite = Citation(1, "d", META.title, "常熟", 2024, "", "完成工业投资308亿元。", "c1", 11, 24, 1.0)
        return Answer(question, "308亿元。依据…", "308亿元", False, (cite,), (hit,), {})
    if "PM2.5" in question:
        return Answer(question, "35微克", "35微克", False, (), (hit,), {})
    return Answer(question, "报告中没有找到", None, True, (), (hit,), {})


def test_metrics_and_files(tmp_path):
    result = run_eval(QUESTIONS, stub)
    m = result.metrics
    assert m["accuracy"] == round(2 / 3, 4) and m["span_accuracy"] == round(2 / 3, 4)
    assert m["grounded"] == 1.0 and m["refusal_recall"] == 1.0 and m["refusal_precision"] == 1.0
    assert m["hit@1"] == 0.5 and m["hit@5"] == 0.5 and m["mrr@10"] == 0.5
    assert m["cold_ms"] is not None and m["latency_p50_ms"] is not None
    assert set(result.by_type) == {"numeric", "unanswerable"}
    result.date, result.commit = "2026-01-01 00:00", "abc"
    paths = write(result, tmp_path)
    data = json.loads(paths["json"].read_text(encoding="utf-8"))
    assert {"metrics", "by_type", "questions", "manifest", "commit"} <= set(data)
    assert {"id", "text", "short", "refused", "correct", "evidence_rank"} <= set(data["questions"][0])
    md = paths["md"].read_text(encoding="utf-8")
    assert "| accuracy | 0.667 |" in md and "| b | PM2.5浓度 | 33微克 | 35微克 |" in md
    assert paths["png"].read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "latest.json").exists()


def test_compare_lists_what_changed():
    old = run_eval(QUESTIONS, stub).to_json()
    new = json.loads(json.dumps(old))
    new["questions"][1]["correct"] = True
    new["metrics"]["accuracy"] = 1.0
    lines = compare(old, new)
    assert any(line.startswith("accuracy:") for line in lines)
    assert any(line.startswith("fixed: b") for line in lines)


def test_a_set_with_its_own_documents_is_found_and_sets_about_different_documents_are_refused(tmp_path):
    import pytest

    from eval.cli import own_index_home
    from eval.run import documents_of
    from rag.errors import RagError

    (tmp_path / "qa_town.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "qa_plain.jsonl").write_text("", encoding="utf-8")
    assert documents_of(tmp_path / "qa_town.jsonl") is None  # no folder yet: the sample reports
    (tmp_path / "town_docs").mkdir()
    assert documents_of(tmp_path / "qa_town.jsonl") == tmp_path / "town_docs"
    assert documents_of(tmp_path / "qa_plain.jsonl") is None
    assert own_index_home([tmp_path / "qa_plain.jsonl"]) is None
    with pytest.raises(RagError, match="one at a time"):
        own_index_home([tmp_path / "qa_town.jsonl", tmp_path / "qa_plain.jsonl"])
