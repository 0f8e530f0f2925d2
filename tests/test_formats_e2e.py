"""Each format end to end: ingest -> ask -> the cited quote is in the original file's text.

The fast test uses the hashing embedder; the slow one the real default model (308亿元 from every format)."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest

import rag
from embeddings.fake import HashingEmbedder
from rag.cleaning import clean_bytes
from rag.ingest import ingest
from rag.readers import extract
from rag.settings import Settings
from tests.conftest import sample
from tests.format_fixtures import EXPECTED, FORMATS, QUESTION, html_page, write_docx


def _files(folder: Path) -> dict[str, Path]:
    page = folder / "changshu.html"
    page.write_text(html_page(), encoding="utf-8")
    pdf = folder / "changshu.pdf"
    shutil.copy(FORMATS / "changshu_2024.pdf", pdf)
    txt = folder / "changshu.txt"
    shutil.copy(sample("001"), txt)
    return {"html": page, "pdf": pdf, "docx": write_docx(folder / "changshu.docx"), "txt": txt}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _original_text(path: Path) -> str:
    data = path.read_bytes()
    text = extract(data, path.name).text
    if text is None:  # a text file: its clean text is what is cited
        return clean_bytes(data, path.name).text
    return text


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return _files(tmp_path_factory.mktemp("format-files"))


def _ask_each(files: dict[str, Path], root: Path, embedder) -> dict[str, rag.Answer]:
    answers = {}
    for kind, path in files.items():
        settings = Settings.from_env({}, home=root / kind)
        report = ingest([path], settings, embedder=embedder, progress=False)
        (result,) = report.files
        assert (result.status, result.format) == ("indexed", kind)
        index = rag.load_index(settings, embedder=embedder)
        answers[kind] = rag.ask(QUESTION, index=index, settings=settings)
    return answers


def _check(answer: rag.Answer, path: Path) -> None:
    assert answer.short == EXPECTED and not answer.refused
    cite = answer.citations[0]
    assert EXPECTED in cite.quote and cite.city == "常熟" and cite.year == 2024
    assert _plain(cite.quote) in _plain(_original_text(path))


def test_each_format_end_to_end_with_the_hashing_embedder(files, tmp_path):
    for kind, answer in _ask_each(files, tmp_path, HashingEmbedder()).items():
        _check(answer, files[kind])


def test_a_mixed_folder_reports_each_files_format(files, tmp_path):
    (files["txt"].parent / "notes.xyz").write_text("x")
    settings = Settings.from_env({}, home=tmp_path / "mixed")
    report = ingest([files["txt"].parent], settings, embedder=HashingEmbedder(), progress=False)
    by_format = {f.format: (f.status, f.detail) for f in report.files}
    assert by_format[".xyz"] == ("skipped", "unsupported format: .xyz")
    # the same report four times: one is indexed, the others are its duplicates
    statuses = sorted(by_format[k][0] for k in ("html", "pdf", "docx", "txt"))
    assert statuses.count("indexed") == 1 and statuses.count("duplicate") == 3


@pytest.mark.slow
def test_each_format_answers_the_mission_question_with_the_real_model(files, tmp_path):
    from rag.index import default_embedder

    embedder = default_embedder(Settings.from_env({}, home=tmp_path))
    for kind, answer in _ask_each(files, tmp_path, embedder).items():
        _check(answer, files[kind])
