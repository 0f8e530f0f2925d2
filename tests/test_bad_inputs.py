"""Whatever a user does — odd file names, links, settings, arguments — gives one clear line, no traceback,
and loses nothing. CLI through real `rag` processes, the Python API in-process, the UI through its handlers
and HTTP. The hashing embedder (RAG_EMBED_MODEL=fake:hashing) stands in for the model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from embeddings.fake import HashingEmbedder
from rag import QuestionError, RagError, Settings, SettingsError, ask, build_index
from rag.index import load_index
from rag.settings import FAKE_MODEL
from tests.conftest import ROOT, sample

KUNSHAN = sample("004")  # the smallest report: quick to clean


def run_rag(home: Path, *args: str | bytes, **env: str) -> subprocess.CompletedProcess:
    base = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home.parent),
        "RAG_HOME": str(home),
        "RAG_EMBED_MODEL": FAKE_MODEL,
    }
    out = subprocess.run(
        [sys.executable.encode(), b"-m", b"rag", *(a if isinstance(a, bytes) else a.encode() for a in args)],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        timeout=300,
    )
    return subprocess.CompletedProcess(
        out.args, out.returncode, out.stdout.decode(errors="replace"), out.stderr.decode(errors="replace")
    )


def one_line_error(out: subprocess.CompletedProcess, *needles: str) -> None:
    assert out.returncode == 1, out
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1, out.stderr
    for needle in needles:
        assert needle in out.stderr, out.stderr


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    """A home with the 昆山 report indexed (fake embedder)."""
    home = tmp_path_factory.mktemp("bad") / "home"
    build_index([KUNSHAN], settings=Settings.from_env({}, home=home, embed_model=FAKE_MODEL))
    return home


@pytest.fixture(scope="module")
def settings(home):
    return Settings.from_env({}, home=home, embed_model=FAKE_MODEL)


# ---------------------------------------------------------------- settings, checked before any work
@pytest.mark.parametrize(
    ("env", "needles"),
    [
        ({"RAG_CHUNK_OVERLAP": "300"}, ["RAG_CHUNK_OVERLAP=300", "less than RAG_CHUNK_SIZE=300"]),
        ({"RAG_DEVICE": "gpu"}, ["RAG_DEVICE='gpu'", "cpu, cuda"]),
        ({"RAG_TOPK": "3"}, ["unknown setting RAG_TOPK", "did you mean RAG_TOP_K?"]),
        ({"RAG_MAX_FILE_MB": "lots"}, ["RAG_MAX_FILE_MB='lots' is not a whole number"]),
        ({"RAG_LOCK_TIMEOUT": "0"}, ["RAG_LOCK_TIMEOUT=0 must be positive"]),
    ],
)
def test_bad_settings_are_one_line_before_any_work(tmp_path, env, needles):
    out = run_rag(tmp_path / "home", "ingest", str(KUNSHAN), **env)
    one_line_error(out, *needles)
    assert not (tmp_path / "home").exists()


def test_cuda_without_a_gpu_is_one_line_before_any_work(tmp_path):
    out = run_rag(tmp_path / "home", "ingest", str(KUNSHAN), RAG_DEVICE="cuda")
    one_line_error(out, "RAG_DEVICE=cuda", "set RAG_DEVICE=cpu")
    assert not (tmp_path / "home" / "index").exists()


def test_rag_home_that_is_a_file(tmp_path):
    (tmp_path / "home").write_text("not a folder")
    for args in (["ingest", str(KUNSHAN)], ["ask", "昆山2022年GDP是多少"], ["info"]):
        one_line_error(run_rag(tmp_path / "home", *args), "is a file, not a folder")


def test_read_only_rag_home_fails_before_any_work(tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: False)  # root ignores chmod: pretend
    with pytest.raises(RagError, match="read-only"):
        build_index([KUNSHAN], settings=Settings.from_env({}, home=home, embed_model=FAKE_MODEL))
    assert list(home.iterdir()) == []


def test_settings_objects_are_checked_too():
    with pytest.raises(SettingsError, match="RAG_CHUNK_OVERLAP"):
        Settings(chunk_size=100, chunk_overlap=100)
    with pytest.raises(ValueError, match="RAG_TOP_K"):
        Settings(top_k=0)


def test_top_k_sets_the_hits_returned(settings):
    from dataclasses import replace

    for k in (1, 3, 12):
        answer = ask("昆山2022年地区生产总值目标", settings=replace(settings, top_k=k))
        assert len(answer.hits) == k


# ---------------------------------------------------------------- files: names, links, sizes
def test_file_names_that_are_not_utf8_are_indexed_and_shown_readably(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    gbk = os.fsdecode("昆山报告".encode("gb18030") + b".txt")  # as unpacked from a Windows zip
    Path(folder, gbk).write_bytes(KUNSHAN.read_bytes())
    Path(folder, os.fsdecode(b"\xff\xfe.txt")).write_bytes(sample("003").read_bytes())
    out = run_rag(tmp_path / "home", "ingest", str(folder), "--quiet")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert "昆山报告.txt" in out.stdout and "\\xff\\xfe.txt" in out.stdout and "2 indexed" in out.stdout
    info = json.loads(run_rag(tmp_path / "home", "info", "--json").stdout)
    assert {d["source_file"] for d in info["documents"]} == {"昆山报告.txt", "\\xff\\xfe.txt"}


def test_links_out_of_the_folder_are_not_followed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    Path(folder, "kunshan.txt").write_bytes(KUNSHAN.read_bytes())
    Path(folder, "passwd.txt").symlink_to("/etc/passwd")
    Path(folder, "loop.txt").symlink_to(folder / "loop.txt")
    Path(folder, "gone.txt").symlink_to(folder / "missing.txt")
    out = run_rag(tmp_path / "home", "ingest", str(folder), "--quiet")
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    lines = {line.split()[-1].rstrip(")"): line for line in out.stdout.splitlines()[:-1]}
    assert "passwd.txt (link leads outside" in out.stdout
    assert out.stdout.count("broken or looping link") == 2 and "1 indexed, 3 skipped" in out.stdout, lines
    info = json.loads(run_rag(tmp_path / "home", "info", "--json").stdout)
    assert [d["source_file"] for d in info["documents"]] == ["kunshan.txt"]
    direct = run_rag(tmp_path / "home", "ingest", str(folder / "loop.txt"))
    assert (
        direct.returncode == 1
        and "broken or looping link" in direct.stdout
        and "Traceback" not in direct.stderr
    )


def test_an_index_link_that_loops_is_one_line(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "index").symlink_to(home / "index")
    for args in (["info"], ["ask", "昆山GDP"], ["ingest", str(KUNSHAN)]):
        one_line_error(run_rag(home, *args), "rag ingest --rebuild DATA…")


def test_too_large_a_file_names_the_limit_in_the_units_of_the_setting(tmp_path):
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    with big.open("wb") as f:
        f.truncate(61 * 1024 * 1024)  # sparse: nothing is written
    out = run_rag(tmp_path / "home", "ingest", str(big), RAG_MAX_FILE_MB="60")
    assert out.returncode == 1 and "61.0 MB is larger than the 60 MB limit (RAG_MAX_FILE_MB)" in out.stdout


def test_a_file_named_directly_gets_the_same_type_check(tmp_path):
    odd = tmp_path / "report.xyz"
    odd.write_text("2022年昆山市政府工作报告", encoding="utf-8")
    out = run_rag(tmp_path / "home", "ingest", str(odd))
    assert out.returncode == 1 and "unsupported format: .xyz" in out.stdout and "Traceback" not in out.stderr


def test_html_named_directly_is_indexed_without_tags_or_scripts(tmp_path):
    page = tmp_path / "kunshan.html"
    page.write_text(
        "<html><head><title>2022年昆山市政府工作报告</title><script>alert('x')</script></head><body>"
        "<h1>2022年昆山市政府工作报告</h1><p>各位代表：过去一年，全市地区生产总值完成4748亿元，增长8.3%。</p>"
        "<p>2022年主要目标是：地区生产总值增长6%左右。</p></body></html>",
        encoding="utf-8",
    )
    out = run_rag(tmp_path / "home", "ingest", str(page), "--quiet")
    assert out.returncode == 0 and "1 indexed" in out.stdout, out.stderr
    text = "".join(
        c.text
        for c in load_index(Settings.from_env({}, home=tmp_path / "home", embed_model=FAKE_MODEL)).chunks
    )
    assert "4748亿元" in text and "<" not in text and "alert" not in text


# ---------------------------------------------------------------- CLI arguments
def test_a_question_that_is_not_utf8_is_one_line(home):
    one_line_error(run_rag(home, "ask", b"\xb3\xa3\xca\xec\xff"), "not valid UTF-8")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["ask", "昆山", "--year", "abc"], "invalid int value"),
        (["remove", "0000000000000000"], "no document 0000000000000000"),
        (["ingest"], "required"),
        (["eval", "--bogus"], "unrecognized arguments"),
        (["eval", "missing.jsonl"], "cannot read question file"),
    ],
)
def test_cli_mistakes_are_one_line(home, args, needle):
    one_line_error(run_rag(home, *args), needle)


def test_eval_json_is_json_only_and_writes_nothing_tracked(home, tmp_path):
    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "q1", "question": "昆山2022年地区生产总值目标", "answers": ["x"]}) + "\n")
    out = run_rag(home, "eval", "--json", str(qa))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["metrics"]["accuracy"] == 0.0  # stdout is one JSON document
    written = out.stderr.split("wrote ")[1].split(",")[0].strip()
    paths = [Path(written), *(Path(written).with_suffix(s) for s in (".json", ".png"))]
    try:
        for path in paths:
            assert path.exists() and path.parent == ROOT / "eval" / "results"
            ignored = subprocess.run(["git", "check-ignore", "-q", str(path)], cwd=ROOT, check=False)
            assert ignored.returncode == 0, f"{path} would dirty `git status`"
    finally:
        for path in paths:
            path.unlink(missing_ok=True)


# ---------------------------------------------------------------- the Python API
@pytest.mark.parametrize(
    ("kwargs", "needles"),
    [
        ({"question": 5}, ["must be a str, not int"]),
        ({"question": None}, ["must be a str, not NoneType"]),
        ({"question": "   "}, ["empty"]),
        ({"history": "常熟2024年工业投资目标是多少"}, ["history must be", "not str"]),
        ({"history": 5}, ["history must be", "not int"]),
        ({"history": [5]}, ["history must be", "got an item 5"]),
        ({"filters": ["常熟"]}, ["filters must be a dict with keys city, year, doc_type"]),
        ({"filters": "常熟"}, ["filters must be a dict"]),
        ({"filters": {"town": "常熟"}}, ["unknown filter town: the filters are city, year, doc_type"]),
        ({"filters": {"year": "abc"}}, ["filter year='abc'", "whole number"]),
        ({"filters": {"year": 2024.0}}, ["filter year=2024.0"]),
        ({"filters": {"year": True}}, ["filter year=True"]),
        ({"filters": {"city": 5}}, ["filter city=5", "'常熟'"]),
    ],
)
def test_ask_rejects_wrong_arguments_with_the_valid_choices(settings, kwargs, needles):
    call = {"question": "昆山2022年地区生产总值目标", **kwargs}
    with pytest.raises(ValueError) as caught:
        ask(call.pop("question"), settings=settings, **call)
    assert isinstance(caught.value, QuestionError)
    for needle in needles:
        assert needle in str(caught.value)


def test_ask_accepts_every_documented_form(settings):
    base = ask("昆山2022年地区生产总值目标", settings=settings)
    for filters in ({"year": 2022}, {"year": "2022"}, {"city": "昆山", "year": [2021, 2022]}, {"city": None}):
        assert ask("昆山2022年地区生产总值目标", settings=settings, filters=filters).hits
    for history in (
        ["昆山2022年GDP目标"],
        [("昆山2022年GDP目标", "…")],
        [{"role": "user", "content": "昆山"}],
        (),
    ):
        assert ask("那工业投资呢", settings=settings, history=history).question == "那工业投资呢"
    assert base.hits


def test_build_index_takes_one_path_as_one_path(tmp_path):
    report = build_index(
        str(KUNSHAN), settings=Settings.from_env({}, home=tmp_path / "h", embed_model=FAKE_MODEL)
    )
    assert [f.status for f in report.files] == ["indexed"]


def test_index_loads_with_the_fake_setting(home):
    index = load_index(Settings.from_env({}, home=home, embed_model=FAKE_MODEL))
    assert isinstance(index.embedder, HashingEmbedder)
