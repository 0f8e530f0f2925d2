"""The benchmark's generated library: report-like files in three formats that clean like reports."""

from __future__ import annotations

from rag.cleaning import clean_file, find_duplicates
from rag.readers import format_of


def test_generated_library_cleans_and_its_near_copies_are_found(tmp_path):
    from eval.bench_corpus import write_corpus

    counts = write_corpus(tmp_path, 60, seed=3)
    files = sorted(tmp_path.iterdir())
    assert len(files) == 60 and {format_of(f.name) for f in files} == {"txt", "html", "docx"}
    docs = {f.name: clean_file(f, 10**7) for f in files}
    for doc in docs.values():
        assert doc.meta.city and doc.meta.year and doc.meta.doc_type == "政府工作报告"
        assert "当前位置" not in doc.text and "ICP" not in doc.text
    found = find_duplicates(list(docs.values()))
    copies = {d.doc_id for name, d in docs.items() if name.startswith("copy")}
    assert counts["near_copies"] == len(copies) > 0
    assert set(found) | set(found.values()) >= copies and len(found) == len(copies)
