"""UI handlers without a server, with a stub ask()."""

from pathlib import Path

import pytest

from rag import QuestionError, Settings
from rag.types import Answer, Chunk, Citation, DocMeta, Hit
from ui.app import _filters, check_upload, ingest_uploads, respond
from ui.render import answer_html, documents_table, format_sources

META = DocMeta("2024年常熟市人民政府工作报告", "常熟", 2024, "政府工作报告", None, None, "001.txt")
CHUNK_TEXT = "坚持扩产投产，为高质量发展蓄势赋能，完成工业投资308亿元。强化项目招引。<b>x</b>"
CHUNK = Chunk("c1", "d1", CHUNK_TEXT, 1000, 1000 + len(CHUNK_TEXT), "2024年工作安排 > 一、", META)
QUOTE = "为高质量发展蓄势赋能，完成工业投资308亿元。"
START = 1000 + CHUNK_TEXT.index(QUOTE)
CITE = Citation(1, "d1", META.title, "常熟", 2024, CHUNK.section, QUOTE, "c1", START, START + len(QUOTE), 0.9)
OTHER = Chunk("c2", "d1", "完成工业投资超280亿元、连续5年苏州第一。", 50, 70, "2023年工作回顾", META)
ANSWER = Answer(
    "q",
    f"308亿元。依据：“{QUOTE}”[1]（{META.title}）",
    "308亿元",
    False,
    (CITE,),
    (Hit(CHUNK, 1.0, 1), Hit(OTHER, 0.5, 2)),
    {},
)
REFUSAL = Answer(
    "q", "报告中没有找到这个问题的答案。最接近的内容：“…”[1]", None, True, (CITE,), (Hit(CHUNK, 1.0, 1),), {}
)


class StubAsk:
    def __init__(self, answer=ANSWER, error=None):
        self.answer, self.error, self.calls = answer, error, []

    def __call__(self, question, **kwargs):
        self.calls.append((question, kwargs))
        if self.error:
            raise self.error
        return self.answer


def test_sources_highlight_quote_and_answer_and_escape_html():
    html = format_sources(ANSWER)
    assert 'id="src-1"' in html and "[1] 2024年常熟市人民政府工作报告 · 常熟 · 2024年" in html
    assert '<mark>为高质量发展蓄势赋能，完成工业投资<strong class="answer">308亿元</strong>。</mark>' in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert "其他检索结果" in html and "280亿元" in html


def test_answer_markers_link_to_sources_and_text_is_escaped():
    answer = Answer("q", "308亿元 <script>alert(1)</script> [1]", "308亿元", False, (CITE,), (), {})
    out = answer_html(answer)
    assert '<a href="#src-1" class="cite">[1]</a>' in out and "<script>" not in out


def test_refusal_is_plain():
    assert "报告中没有找到答案" in format_sources(REFUSAL)
    assert 'class="refusal"' in answer_html(REFUSAL)


def test_respond_streams_and_passes_history_and_filters():
    stub = StubAsk()
    history = [
        {"role": "user", "content": "常熟2024年工业投资目标是多少"},
        {"role": "assistant", "content": "308亿元"},
    ]
    steps = list(respond("那2023年呢？", history, "常熟", "2024", "全部", ask_fn=stub))
    assert len(steps) > 2  # streamed
    assert steps[0][0][-1]["content"].startswith("⏳ 正在检索")  # at once, before the answer
    final_history, sources = steps[-1]
    assert (
        final_history[-1]["content"].startswith("308亿元") and 'href="#src-1"' in final_history[-1]["content"]
    )
    assert "<mark>" in sources
    question, kwargs = stub.calls[0]
    assert question == "那2023年呢？"
    assert kwargs["history"] == ["常熟2024年工业投资目标是多少"]
    assert kwargs["filters"] == {"city": "常熟", "year": 2024}


def test_errors_become_chat_messages():
    stub = StubAsk(error=QuestionError("问题是空的"))
    history, _ = list(respond("", [], ask_fn=stub))[-1]
    assert history[-1]["content"] == "⚠️ 问题是空的"


def test_filters():
    assert _filters("全部", "全部", "全部") == {}
    assert _filters("苏州", "2021", "政府工作报告") == {
        "city": "苏州",
        "year": 2021,
        "doc_type": "政府工作报告",
    }


def test_upload_checks(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("2025年太仓市人民政府工作报告", encoding="utf-8")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2_000_000)
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"%PDF\x00\x01")  # a binary format the readers take
    image = tmp_path / "d.png"
    image.write_bytes(b"\x89PNG")
    assert check_upload(ok, 10**6) is None
    assert "太大" in check_upload(big, 10**6)
    assert "二进制" in check_upload(binary, 10**6)
    assert check_upload(pdf, 10**6) is None
    assert ".png" in check_upload(image, 10**6) and ".pdf" in check_upload(image, 10**6)


def test_ingest_uploads_reports_each_file(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("报告", encoding="utf-8")
    pdf = tmp_path / "c.xls"  # not a format the readers take
    pdf.write_bytes(b"%PDF")
    calls = []

    class Report:
        files = (type("F", (), {"path": "a.txt", "status": "indexed", "detail": "标题", "chunks": 3})(),)

    def build(paths, settings):
        calls.append(paths)
        return Report()

    out = ingest_uploads([str(ok), str(pdf)], Settings.from_env({}, home=tmp_path / "home"), build)
    assert "❌ c.xls" in out and "✅ 已索引 a.txt：标题，3 个片段" in out
    sha = __import__("hashlib").sha256("报告".encode()).hexdigest()
    assert calls == [[tmp_path / "home" / "uploads" / sha / "a.txt"]]  # content-addressed


def test_documents_table():
    info = {
        "documents": [
            {
                "doc_id": "x",
                "source_file": "000.txt",
                "chunks": 0,
                "duplicate_of": "y",
                "meta": {"title": "T", "city": "苏州", "year": 2021, "doc_type": "政府工作报告"},
                "cleaning": {"pinyin": 5, "mojibake": 0},
            }
        ]
    }
    assert documents_table(info) == [["T", "苏州", 2021, "政府工作报告", 0, "y", "pinyin 5", "000.txt"]]


@pytest.mark.parametrize("missing", [None, []])
def test_ingest_uploads_without_files(missing, tmp_path):
    assert "请选择" in ingest_uploads(
        missing, Settings.from_env({}, home=Path(tmp_path)), lambda *a, **k: None
    )


def test_build_app_without_an_index(tmp_path):
    from ui.app import build_app

    app = build_app(ask_fn=StubAsk(), settings=Settings.from_env({}, home=tmp_path))
    assert app is not None


def test_the_sources_panel_explains_the_answer():
    from dataclasses import replace

    why = {
        "role": "chosen",
        "short": "308亿元",
        "quote": "完成工业投资308亿元",
        "title": "2024年常熟市人民政府工作报告",
        "prior": 0.91,
        "probability": 0.8,
        "confidence": 0.95,
        "threshold": 0.37,
        "factors": {"relevance": 1.2, "kind=number": -0.4},
    }
    html = format_sources(replace(ANSWER, explain=(why,)))
    assert "为什么是这个答案" in html and "relevance +1.20" in html and "kind=number -0.40" in html
    assert "为什么是这个答案" not in format_sources(ANSWER)
    assert "为什么是这个答案" not in answer_html(replace(ANSWER, explain=(why,)))  # the chat stays short


def test_rag_ask_explain_text_names_each_factor():
    from dataclasses import replace

    from rag.cli import explain_text

    why = {
        "role": "chosen",
        "confidence": 0.95,
        "threshold": 0.01,
        "short": "308亿元",
        "quote": "完成工业投资308亿元",
        "title": "2024年常熟市人民政府工作报告",
        "prior": 0.91,
        "probability": 0.8,
        "factors": {"relevance": 1.2},
    }
    text = explain_text(replace(ANSWER, explain=(why,)))
    assert "308亿元" in text and "把握 0.95" in text and "relevance +1.200" in text
    assert "没有候选答案" in explain_text(ANSWER)
