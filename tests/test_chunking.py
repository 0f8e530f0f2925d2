"""Chunks are verbatim slices with section paths, and never cut a fact apart."""

import itertools
import re
import unicodedata

import pytest

from eval.scoring import normalise
from rag.chunking import chunk_document, index_text
from rag.tokenize import tokenize


@pytest.fixture(scope="module")
def chunks(clean_docs):
    return {k: chunk_document(d, size=300, overlap=80) for k, d in clean_docs.items()}


def test_chunks_are_verbatim_slices_with_unique_ids(clean_docs, chunks):
    for key, doc in clean_docs.items():
        for c in chunks[key]:
            assert doc.text[c.start : c.end] == c.text
            assert c.doc_id == doc.doc_id and c.meta == doc.meta
            assert len(c.text) <= 300 + 20  # a short heading line may ride along
    ids = [c.chunk_id for cs in chunks.values() for c in cs]
    assert len(ids) == len(set(ids))


def test_chunk_ids_are_content_hashes(clean_docs):
    again = chunk_document(clean_docs["004"], size=300, overlap=80)
    assert [c.chunk_id for c in again] == [
        c.chunk_id for c in chunk_document(clean_docs["004"], size=300, overlap=80)
    ]


def test_every_evidence_span_lies_whole_in_some_chunk(chunks, questions):
    texts = [normalise(c.text) for cs in chunks.values() for c in cs]
    with_evidence = [q for q in questions if q["evidence"]]
    held = [q["id"] for q in with_evidence if any(normalise(q["evidence"]) in t for t in texts)]
    print(f"evidence held whole by a chunk: {len(held)}/{len(with_evidence)}")
    # ks22-20's evidence keeps the page's ASCII quotes ("鹿路通"); the clean text writes “鹿路通”.
    assert len(held) >= len(with_evidence) - 1


def test_numbers_and_quoted_names_are_never_cut(chunks):
    for cs in chunks.values():
        for a, b in itertools.pairwise(cs):
            if b.start >= a.end:  # a boundary between chunks, not an overlap
                continue
            assert not re.search(r"\d$", a.text) or not re.match(r"^[\d.%]", b.text)
    for cs in chunks.values():
        for c in cs:
            assert c.text.count("“") - c.text.count("”") in (-1, 0, 1)


def test_section_paths(chunks):
    plan = [c for c in chunks["001"] if "完成工业投资308亿元" in c.text]
    assert plan and plan[0].section.startswith("2024年工作安排 > 一、")
    review = [c for c in chunks["001"] if "完成工业投资超280亿元" in c.text]
    assert review and review[0].section.startswith("2023年工作回顾")


def test_index_text_carries_title_year_and_section(chunks):
    c = chunks["004"][3]
    assert index_text(c).startswith("2022年昆山市政府工作报告 2022年")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("常熟2024年工业投资目标是多少", {"常熟", "2024", "工业投资"}),
        ("“十四五”时期", {"十四五"}),
        ("规上工业总产值增长5.5%以上", {"规上工业", "5.5%"}),
        ("ＧＤＰ增速", {"gdp"}),
    ],
)
def test_tokenizer_keeps_report_terms(text, expected):
    tokens = set(tokenize(text))
    assert expected <= tokens, tokens
    assert (
        "的" not in tokens
        and "多少" not in tokens
        and not any(unicodedata.category(t[0])[0] == "P" for t in tokens)
    )


def test_a_tables_rows_stay_in_one_chunk_with_their_header():
    from rag.cleaning.pipeline import clean_bytes

    rows = "\n".join(f"| {name} | {i}号楼 | 0512-6{i}000000 |" for i, name in enumerate(["张伟", "李娜"]))
    text = (
        "某某股份有限公司2024年年度报告摘要\n"
        "一、公司基本情况。公司主要从事精密零部件的研发和制造，产品销往国内外多个地区。\n"
        "| 联系人和联系方式 | 董事会秘书 | 证券事务代表 |\n|---|---|---|\n" + rows + "\n"
        "二、主要会计数据。报告期内公司营业收入和利润均保持增长，经营活动现金流量充足。\n"
    )
    doc = clean_bytes(text.encode(), "table.txt")
    table = [c for c in chunk_document(doc, size=300, overlap=80) if "张伟" in c.text]
    # each short row used to be joined to the next line, the header left in a chunk of its own
    assert len(table) == 1 and "董事会秘书" in table[0].text and "李娜" in table[0].text
    assert "营业收入" not in table[0].text  # the paragraph after the table is its own


def test_a_table_cut_across_chunks_keeps_its_caption_and_header():
    from rag.cleaning.pipeline import clean_bytes

    items = [
        "教育",
        "科学技术",
        "文化旅游",
        "卫生健康",
        "节能环保",
        "农林水",
        "交通运输",
        "住房保障",
        "城乡社区",
    ]
    rows = "\n".join(f"{name}\t{i + 1}.25\t重点保障{name}领域项目建设" for i, name in enumerate(items))
    caption = "全县一般公共预算支出安排42.15亿元，主要支出科目安排如下（单位：亿元）："
    text = f"某县2026年预算草案的报告\n二、2026年预算草案\n{caption}\n\n科目\t2026年预算数\t主要安排方向\n{rows}\n"
    doc = clean_bytes(text.encode(), "budget.txt")
    chunks = chunk_document(doc, size=150, overlap=30)
    assert all(doc.text[c.start : c.end] == c.text for c in chunks)
    header = next(line for line in doc.text.split("\n") if line.startswith("科目"))
    first = next(c for c in chunks if header in c.text)
    assert first.text.startswith(caption) and not first.table_head  # the caption rides with the table
    assert any(caption in c.text and header not in c.text for c in chunks)  # and has its own passage too
    cut = [c for c in chunks if "城乡社区" in c.text and header not in c.text]
    assert cut and cut[0].table_head == f"{caption}\n{header}"
    assert header in index_text(cut[0])
    assert all(not c.table_head for c in chunks if not c.text.lstrip().startswith(tuple(items)))
