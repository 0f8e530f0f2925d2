"""UI handlers and HTML without a server, with a stub ask() returning hand-made answers (fast)."""

from itertools import pairwise
from pathlib import Path

import pytest

from rag import IndexNotFoundError, QuestionError, Settings
from rag.types import Answer, Chunk, Citation, DocMeta, Hit
from ui.app import _choices, _filters, build_app, check_upload, ingest_uploads, respond
from ui.render import answer_html, documents_table, format_sources, highlight

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
    "q",
    "报告中没有找到这个问题的答案。最接近的内容：“为高质量发展蓄势赋能”[1]",
    None,
    True,
    (CITE,),
    (Hit(CHUNK, 1.0, 1),),
    {},
)
INFO = {
    "documents": [
        {
            "doc_id": "x",
            "source_file": "000.txt",
            "chunks": 0,
            "duplicate_of": "y",
            "meta": {"title": "T", "city": "苏州", "year": 2021, "doc_type": "政府工作报告"},
            "cleaning": {"pinyin": 5, "mojibake": 0},
        },
        {
            "doc_id": "y",
            "source_file": "001.txt",
            "chunks": 40,
            "duplicate_of": None,
            "meta": {"title": "U", "city": "常熟", "year": 2024, "doc_type": "政府工作报告"},
            "cleaning": {},
        },
    ]
}


class StubAsk:
    def __init__(self, answer=ANSWER, error=None):
        self.answer, self.error, self.calls = answer, error, []

    def __call__(self, question, **kwargs):
        self.calls.append((question, kwargs))
        if self.error:
            raise self.error
        return self.answer


def _run(*args, **kwargs):
    return list(respond(*args, delay=0, **kwargs))


# ------------------------------------------------------------------ sources panel and answer HTML
def test_sources_highlight_quote_and_answer_span():
    html = format_sources(ANSWER)
    assert 'id="src-1"' in html and "[1] 2024年常熟市人民政府工作报告 · 常熟 · 2024年" in html
    assert "2024年工作安排 &gt; 一、" in html  # the section, escaped
    assert '<mark>为高质量发展蓄势赋能，完成工业投资<strong class="answer">308亿元</strong>。</mark>' in html
    assert html.count("<mark>") == 1
    assert "坚持扩产投产，<mark>" in html  # the rest of the chunk is shown around the quote
    assert "其他检索结果" in html and "280亿元" in html


def test_document_text_is_escaped():
    html = format_sources(ANSWER)
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_highlight_falls_back_to_searching_the_quote():
    shifted = Citation(1, "d1", "T", None, None, "", QUOTE, "c1", 5, 5 + len(QUOTE), 0.5)  # offsets off
    out = highlight(CHUNK_TEXT, 1000, shifted, "308亿元")
    assert '<mark>为高质量发展蓄势赋能，完成工业投资<strong class="answer">308亿元</strong>。</mark>' in out
    missing = Citation(1, "d1", "T", None, None, "", "不在这里<i>", "c1", 0, 5, 0.5)
    assert highlight(CHUNK_TEXT, 1000, missing, None) == "<mark>不在这里&lt;i&gt;</mark>"


def test_answer_markers_link_to_sources_and_text_is_escaped():
    answer = Answer("q", "308亿元 <script>alert(1)</script> [1][2]", "308亿元", False, (CITE,), (), {})
    out = answer_html(answer)
    assert '<a href="#src-1" class="cite">[1]</a><a href="#src-2" class="cite">[2]</a>' in out
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_refusal_is_plain_and_shows_what_was_nearest():
    html = format_sources(REFUSAL)
    assert "报告中没有找到这个问题的答案" in html and "最接近的内容" in html
    assert 'id="src-1"' in html and "<mark>" in html
    assert "refusal" in answer_html(REFUSAL) and "报告中没有找到" in answer_html(REFUSAL)
    empty = Answer("q", "报告中没有找到这个问题的答案。", None, True, (), (), {})
    assert "报告中没有找到" in format_sources(empty) and "src-" not in format_sources(empty)


def test_empty_sources_panel():
    assert "提问后" in format_sources(None)


# ------------------------------------------------------------------ chat handler
def test_respond_streams_and_passes_history_and_filters():
    stub = StubAsk()
    history = [
        {"role": "user", "content": "常熟2024年工业投资目标是多少"},
        {"role": "assistant", "content": "308亿元"},
    ]
    steps = _run("那2023年呢？", history, "常熟", "2024", "全部", ask_fn=stub)
    assert len(steps) > 3  # a placeholder, then the answer in growing pieces
    contents = [s[0][-1]["content"] for s in steps[1:]]
    assert all(len(a) <= len(b) for a, b in pairwise(contents))
    final_history, sources = steps[-1]
    assert [m["role"] for m in final_history] == ["user", "assistant", "user", "assistant"]
    assert final_history[-2]["content"] == "那2023年呢？"
    final = final_history[-1]["content"]
    assert "308亿元" in final and '<a href="#src-1" class="cite">[1]</a>' in final and "▌" not in final
    assert "<mark>" in sources
    question, kwargs = stub.calls[0]
    assert question == "那2023年呢？"
    assert kwargs["history"] == ["常熟2024年工业投资目标是多少"]
    assert kwargs["filters"] == {"city": "常熟", "year": 2024}


def test_respond_reads_history_in_gradio_part_format():
    stub = StubAsk()
    history = [{"role": "user", "content": [{"type": "text", "text": "常熟2024年工业投资目标是多少"}]}]
    _run("那2023年呢？", history, ask_fn=stub)
    assert stub.calls[0][1]["history"] == ["常熟2024年工业投资目标是多少"]
    assert stub.calls[0][1]["filters"] == {}


def test_user_text_is_escaped_in_the_answer():
    answer = Answer("q", "报告中没有找到 <img src=x onerror=alert(1)>", None, True, (), (), {})
    final = _run("<img src=x onerror=alert(1)>", [], ask_fn=StubAsk(answer))[-1][0][-1]["content"]
    assert "<img" not in final and "&lt;img" in final


def test_rag_errors_become_chat_messages():
    stub = StubAsk(error=QuestionError("问题是空的"))
    history, sources = _run("", [], ask_fn=stub)[-1]
    assert "出错了：问题是空的" in history[-1]["content"] and "Traceback" not in history[-1]["content"]
    assert "提问后" in sources
    missing = StubAsk(error=IndexNotFoundError("还没有索引：请先运行 rag ingest"))
    assert "还没有索引" in _run("q", [], ask_fn=missing)[-1][0][-1]["content"]


def test_unexpected_errors_do_not_show_a_traceback():
    history, _ = _run("q", [], ask_fn=StubAsk(error=ValueError("boom at line 3")))[-1]
    assert "出错了" in history[-1]["content"] and "boom" not in history[-1]["content"]


def test_filters():
    assert _filters("全部", "全部", "全部") == {}
    assert _filters(None, None, None) == {}
    assert _filters("苏州", "2021", "政府工作报告") == {
        "city": "苏州",
        "year": 2021,
        "doc_type": "政府工作报告",
    }


def test_filter_choices_come_from_the_index_info():
    cities, years, types = _choices(INFO)
    assert cities == ["全部", "常熟"]  # the duplicate document does not add 苏州
    assert years == ["全部", "2024"] and types == ["全部", "政府工作报告"]
    assert _choices({"documents": []}) == (["全部"], ["全部"], ["全部"])


# ------------------------------------------------------------------ documents tab and upload
def test_upload_checks(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("2025年太仓市人民政府工作报告", encoding="utf-8")
    md = tmp_path / "a.MD"
    md.write_text("# 报告", encoding="utf-8")
    utf16 = tmp_path / "u.txt"
    utf16.write_bytes("2025年太仓市人民政府工作报告".encode("utf-16"))
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"%PDF")
    noext = tmp_path / "README"
    noext.write_text("x", encoding="utf-8")
    limit = 1024 * 1024
    assert check_upload(ok, limit) is None and check_upload(md, limit) is None
    assert check_upload(utf16, limit) is None
    assert "太大" in check_upload(big, limit)
    assert "二进制" in check_upload(binary, limit)
    assert ".txt" in check_upload(pdf, limit) and ".pdf" in check_upload(pdf, limit)
    assert "无扩展名" in check_upload(noext, limit)


class _Report:
    files = (type("F", (), {"path": "a.txt", "status": "indexed", "detail": "标题", "chunks": 3})(),)


def test_ingest_uploads_refuses_bad_files_and_reports_each_file(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("报告", encoding="utf-8")
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"%PDF")
    binary = tmp_path / "b.md"
    binary.write_bytes(b"PK\x03\x04\x00\x00")
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    calls, steps = [], []

    def build(paths, settings):
        calls.append(paths)
        return _Report()

    settings = Settings.from_env({}, home=tmp_path / "home", max_file_mb=1)
    out = ingest_uploads(
        [str(ok), str(pdf), str(binary), str(big)], settings, build, lambda *a, **k: steps.append(a)
    )
    assert "拒收 c.pdf：只接受 .txt / .md" in out
    assert "拒收 b.md：看起来是二进制文件" in out
    assert "拒收 big.txt：文件太大" in out
    assert "已索引 a.txt：标题，3 个片段" in out
    assert calls == [[tmp_path / "home" / "uploads" / "a.txt"]]  # only the accepted file is indexed
    assert steps and steps[-1][0] == 1.0


def test_ingest_uploads_builds_nothing_when_all_are_refused(tmp_path):
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(b"%PDF")

    def build(paths, settings):
        raise AssertionError("nothing to build")

    out = ingest_uploads([pdf], Settings.from_env({}, home=tmp_path / "home"), build)
    assert out.startswith("拒收 c.pdf")


def test_ingest_uploads_reports_a_failed_build(tmp_path):
    ok = tmp_path / "a.txt"
    ok.write_text("报告", encoding="utf-8")

    def build(paths, settings):
        raise IndexNotFoundError("索引坏了")

    out = ingest_uploads([ok], Settings.from_env({}, home=tmp_path / "home"), build)
    assert "建索引失败" in out and "索引坏了" in out


@pytest.mark.parametrize("missing", [None, []])
def test_ingest_uploads_without_files(missing, tmp_path):
    assert "请选择" in ingest_uploads(
        missing, Settings.from_env({}, home=Path(tmp_path)), lambda *a, **k: None
    )


def test_documents_table():
    assert documents_table(INFO) == [
        ["T", "苏州", 2021, "政府工作报告", 0, "y", "pinyin 5", "000.txt"],
        ["U", "常熟", 2024, "政府工作报告", 40, "", "", "001.txt"],
    ]


# ------------------------------------------------------------------ the Blocks app
def test_build_app_without_an_index_exposes_the_ask_api(tmp_path):
    app = build_app(ask_fn=StubAsk(), settings=Settings.from_env({}, home=tmp_path))
    names = [getattr(fn, "api_name", None) for fn in app.fns.values()]
    assert "ask" in names
    ask_fn = next(fn for fn in app.fns.values() if fn.api_name == "ask")
    result = ask_fn.fn("常熟2024年工业投资目标是多少")
    assert result["short"] == "308亿元" and result["citations"][0]["n"] == 1
