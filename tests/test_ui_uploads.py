"""Uploads through the UI: concurrent users, files of one name, Gradio's temporary copies, the HTTP size
limit and readable errors from /ask. Real ingest of real reports; the hashing embedder stands in for the model."""

from __future__ import annotations

import shutil
import socket
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from rag import Settings, build_index
from rag.index import load_index
from rag.settings import FAKE_MODEL
from tests.conftest import sample
from ui.app import fraction_of, handle_upload, ingest_uploads, zh_error, zh_note

A, B = sample("003"), sample("004")


def settings_for(home: Path, **kw) -> Settings:
    return Settings.from_env({}, home=home, embed_model=FAKE_MODEL, **kw)


def titles(settings: Settings) -> set[str]:
    return {d.meta.source_file for d in load_index(settings).docs.values()}


def test_two_concurrent_uploads_are_both_indexed(tmp_path):
    for attempt in range(3):
        settings = settings_for(tmp_path / f"home{attempt}")
        with ThreadPoolExecutor(max_workers=2) as pool:
            outs = list(pool.map(ingest_uploads, [[str(A)], [str(B)]], [settings] * 2, [build_index] * 2))
        assert all(out.startswith("✅ 已索引") for out in outs), outs
        assert titles(settings) == {A.name, B.name}


def test_two_files_of_one_name_are_both_kept_and_indexed(tmp_path):
    settings = settings_for(tmp_path / "home")
    first, second = tmp_path / "1" / "报告.txt", tmp_path / "2" / "报告.txt"
    for path, source in ((first, A), (second, B)):
        path.parent.mkdir()
        shutil.copyfile(source, path)
    ingest_uploads([str(first)], settings, build_index)
    out = ingest_uploads([str(second)], settings, build_index)
    assert out.startswith("✅ 已索引 报告.txt")
    kept = sorted((settings.home / "uploads").rglob("*.txt"))
    assert [p.name for p in kept] == ["报告.txt", "报告.txt"]
    assert {p.read_bytes() for p in kept} == {A.read_bytes(), B.read_bytes()}
    assert len(load_index(settings).docs) == 2
    again = ingest_uploads([str(first)], settings, build_index)  # the same file again: kept once
    assert again.startswith("➖ 已存在") and len(list((settings.home / "uploads").rglob("*.txt"))) == 2
    rebuilt = build_index([settings.home / "uploads"], settings=settings, rebuild=True)  # originals suffice
    assert sorted(f.status for f in rebuilt.files) == ["indexed", "indexed"]


def test_progress_per_file_and_temporary_copies_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADIO_TEMP_DIR", str(tmp_path / "gradio"))
    temp = []
    for source in (A, B):
        copy = tmp_path / "gradio" / source.stem / source.name
        copy.parent.mkdir(parents=True)
        shutil.copyfile(source, copy)
        temp.append(str(copy))
    notes: list[str] = []
    out = handle_upload(temp, settings_for(tmp_path / "home"), build_index, notes.append)
    assert out.count("✅ 已索引") == 2
    assert f"清洗 1/2：{A.name}" in notes
    assert any(n.startswith(f"清洗 2/2：{B.name}，") for n in notes)  # with files/s and the time left
    assert any(n.startswith("向量化 2 份文件") for n in notes)
    assert not any(Path(p).exists() for p in temp) and list((tmp_path / "gradio").iterdir()) == []


def test_upload_progress_counts_files_chunks_and_time_left(tmp_path, monkeypatch):
    """While an upload embeds, the panel reads chunks done/total, files done/total, chunks/s and the time
    left, and the bar moves with the chunks."""
    import re

    from rag import resume

    monkeypatch.setattr(resume, "BATCH", 50)
    settings = settings_for(tmp_path / "home")
    notes: list[str] = []
    ingest_uploads([str(A), str(B)], settings, build_index, notes.append)
    total = load_index(settings).manifest["chunk_count"]
    shown = re.compile(r"向量化 ([\d,]+)/([\d,]+) 片段，(\d)/2 份文件完成，[\d.]+ 片段/秒(，约剩 \d+:\d\d)?")
    steps = [shown.fullmatch(n) for n in notes if n.startswith("向量化 ") and "/" in n]
    assert all(steps) and len(steps) == -(-total // 50)
    assert [int(m[1].replace(",", "")) for m in steps] == [
        min(total, 50 * k) for k in range(1, len(steps) + 1)
    ]
    assert steps[-1][3] == "2" and steps[0][3] in "01"
    assert any(m[4] for m in steps[:-1])  # an ETA while chunks are left
    assert [fraction_of(m[0]) for m in steps][-1] == 1.0
    assert notes[-1] == f"写入索引（共 {total:,} 个片段）…"


def test_upload_progress_while_cleaning_shows_files_per_second_and_time_left(tmp_path):
    """Before each file is cleaned the panel reads files done/total, its name, files/s and the time left
    (from the files already done; the first file has no rate yet), and the bar moves with the files."""
    import re

    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(4):  # four different files: each is cleaned
        text = sample("004").read_text(encoding="utf-8") + f"\n附件{n}：本报告另附说明。"
        (folder / f"报告{n}.txt").write_text(text, encoding="utf-8")
    notes: list[str] = []
    files = sorted(str(p) for p in folder.iterdir())
    ingest_uploads(files, settings_for(tmp_path / "home"), build_index, notes.append)
    cleaning = [n for n in notes if n.startswith("清洗 ")]
    assert cleaning[0] == "清洗 1/4：报告0.txt"
    shown = re.compile(r"清洗 (\d)/4：(报告\d\.txt)，([\d.]+) 份/秒，约剩 (\d+):(\d\d)")
    later = [shown.fullmatch(n) for n in cleaning[1:]]
    assert all(later) and [m[1] for m in later] == ["2", "3", "4"], cleaning
    assert [m[2] for m in later] == ["报告1.txt", "报告2.txt", "报告3.txt"]
    assert all(float(m[3]) > 0 for m in later)
    assert [fraction_of(n) for n in cleaning] == [0.25, 0.5, 0.75, 1.0]


def test_progress_notes_read_in_chinese_with_a_bar_fraction():
    assert zh_note("resuming: 1,234 chunks already embedded") == "续上次中断的任务：1,234 个片段已向量化"
    note = zh_note("embedding 1,500/2,000 chunks, 3/10 files, 14.2 chunks/s, 0:35 left")
    assert note == "向量化 1,500/2,000 片段，3/10 份文件完成，14.2 片段/秒，约剩 0:35"
    assert fraction_of(note) == 0.75 and fraction_of(zh_note("cleaning 1/4: 报告.pdf")) == 0.25
    note = zh_note("cleaning 3/10: 报告, 第二版.pdf, 2.5 files/s, 0:03 left")
    assert note == "清洗 3/10：报告, 第二版.pdf，2.5 份/秒，约剩 0:03" and fraction_of(note) == 0.3
    assert fraction_of("等待另一个上传或建索引的任务完成…") is None


def test_a_failed_ingest_is_reported_in_chinese_and_the_upload_is_kept(tmp_path):
    settings = settings_for(tmp_path / "home")
    build_index([A], settings=settings)
    (Path(load_index(settings).path) / "manifest.json").unlink()
    out = ingest_uploads([str(B)], settings, build_index)
    assert out.startswith("❌ 建索引失败，原索引不受影响：索引已损坏") and "rag ingest --rebuild" in out
    assert [p.name for p in (settings.home / "uploads").rglob("*.txt")] == [B.name]


# ---------------------------------------------------------------- over HTTP
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import gradio as gr

    from ui.app import build_app, launch_options

    settings = settings_for(tmp_path_factory.mktemp("http") / "home", max_file_mb=1)
    build_index([B], settings=settings)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = build_app(settings=settings)
    app.queue().launch(
        server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, **launch_options(settings)
    )
    yield f"http://127.0.0.1:{port}/", settings
    app.close()
    assert gr is not None


def test_http_uploads_over_the_limit_are_refused(server, tmp_path):
    import httpx

    url, _ = server
    big = b"x" * (1024 * 1024 + 1)
    refused = httpx.post(url + "gradio_api/upload", files={"files": ("big.txt", big)}, timeout=60)
    assert refused.status_code == 413
    small = httpx.post(url + "gradio_api/upload", files={"files": ("small.txt", b"ok")}, timeout=60)
    assert small.status_code == 200


@pytest.mark.parametrize("question", [5, "   "])
def test_http_ask_with_a_wrong_argument_gives_a_readable_error(server, question):
    from gradio_client import Client

    url, _ = server
    with pytest.raises(Exception) as caught:
        Client(url, verbose=False).predict(question, api_name="/ask")
    assert "问题" in str(caught.value) and "upstream" not in str(caught.value)


def test_http_ask_still_answers(server):
    from gradio_client import Client

    url, _ = server
    out = Client(url, verbose=False).predict("昆山2022年地区生产总值目标", api_name="/ask")
    assert out["hits"] and out["question"] == "昆山2022年地区生产总值目标"


def test_errors_read_in_chinese():
    from rag.errors import IndexBusyError, IndexNotFoundError, QuestionError

    assert zh_error(IndexNotFoundError("no index at x")).startswith("还没有索引")
    assert zh_error(IndexBusyError("another process")).startswith("另一个上传")
    assert zh_error(QuestionError("问题是空的")) == "问题是空的"
    assert zh_error(QuestionError("unknown filter town")).startswith("输入有误")
