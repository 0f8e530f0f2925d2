"""Generated answers through `ask()` against a stub OpenAI-compatible endpoint: streaming, verification,
and every failure falling back to the extractive answer (fake embedder, one real report)."""

import socket
import sys

import pytest

from embeddings.fake import HashingEmbedder
from rag import Settings, ask
from rag.api import answer_to_dict
from rag.generate.client import GenerationError, complete
from rag.index import load_index
from rag.ingest import ingest
from tests.conftest import sample
from tests.llm_stub import StubLLM

QUESTION = "常熟2024年工业投资目标是多少"
ISSUE_ANSWER = "常熟2024年工业投资目标为308亿元[1][2][3]。比上年增长77.7%[1][2][3]。"
MESSAGES = [{"role": "user", "content": "hi"}]


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    settings = Settings.from_env({}, home=tmp_path_factory.mktemp("llm-home"))
    ingest([sample("001")], settings, embedder=HashingEmbedder(), progress=False)
    return settings


@pytest.fixture(scope="module")
def index(home):
    return load_index(home, embedder=HashingEmbedder())


def with_llm(settings, url, **more):
    return Settings.from_env({}, home=settings.home, llm_url=url, llm_timeout=more.pop("timeout", 10), **more)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_the_issue_stub_case_keeps_the_verified_sentence_and_removes_the_invented_rate(home, index):
    with StubLLM(ISSUE_ANSWER) as stub:
        streamed = []
        a = ask(QUESTION, index=index, settings=with_llm(home, stub.url), llm=True, on_token=streamed.append)
    assert a.mode == "generated" and a.model == "stub" and a.note is None
    assert a.text == "常熟2024年工业投资目标为308亿元[1][2][3]。"
    assert a.removed == ({"sentence": "比上年增长77.7%[1][2][3]。", "reason": "77.7% not in [1][2][3]"},)
    assert "".join(streamed) == ISSUE_ANSWER and len(streamed) > 3  # it came in pieces
    assert [c.n for c in a.citations] == [1, 2, 3] and any("308亿元" in c.quote for c in a.citations)
    assert a.short == "308亿元" and not a.refused  # the extractive span stays
    prompt = stub.requests[0]["messages"][1]["content"]
    assert "[1] " in prompt and "问题：" + QUESTION in prompt and stub.requests[0]["stream"] is True
    out = answer_to_dict(a)
    assert out["mode"] == "generated" and out["removed"][0]["reason"] == "77.7% not in [1][2][3]"


def test_without_an_endpoint_nothing_changes(home, index):
    plain = ask(QUESTION, index=index, settings=home)
    off = ask(QUESTION, index=index, settings=with_llm(home, "http://127.0.0.1:9/v1"), llm=False)
    for a in (plain, off):
        assert a.mode == "extractive" and a.removed == () and a.model is None and a.note is None
        assert a.text == plain.text and a.short == "308亿元"


def test_asking_for_the_model_without_an_endpoint_says_so(home, index):
    a = ask(QUESTION, index=index, settings=home, llm=True)
    assert a.mode == "extractive" and a.short == "308亿元" and "RAG_LLM_URL" in a.note


@pytest.mark.parametrize(
    ("mode", "says"),
    [("http500", "HTTP 500"), ("malformed", "回应格式不对"), ("empty", "空回答"), ("slow", "秒内没有")],
)
def test_endpoint_failures_fall_back_with_a_note(home, index, mode, says):
    with StubLLM("工业投资308亿元[1]。", mode=mode) as stub:
        a = ask(QUESTION, index=index, settings=with_llm(home, stub.url, timeout=1), llm=True)
    assert a.mode == "extractive" and a.short == "308亿元" and says in a.note and "抽取式答案" in a.note


def test_a_refused_connection_falls_back(home, index):
    a = ask(QUESTION, index=index, settings=with_llm(home, f"http://127.0.0.1:{free_port()}/v1"), llm=True)
    assert a.mode == "extractive" and "无法连接" in a.note


def test_when_nothing_survives_the_removed_sentences_are_kept_with_the_extractive_answer(home, index):
    with StubLLM("工业投资目标为500亿元[1]。增长77.7%。") as stub:
        a = ask(QUESTION, index=index, settings=with_llm(home, stub.url), llm=True)
    assert a.mode == "extractive" and a.short == "308亿元" and "没有一句通过核验" in a.note
    assert [r["reason"] for r in a.removed] == ["500亿元 not in [1]", "no citation"]


def test_a_model_refusal_gives_the_extractive_answer(home, index):
    with StubLLM("根据所给段落无法回答这个问题。") as stub:
        a = ask(QUESTION, index=index, settings=with_llm(home, stub.url), llm=True)
    assert a.mode == "extractive" and a.short == "308亿元" and "不能回答" in a.note


def test_no_model_call_when_the_index_lacks_the_city(home, index):
    with StubLLM("无锡GDP为1万亿元[1]。") as stub:
        a = ask("无锡2023年GDP是多少", index=index, settings=with_llm(home, stub.url), llm=True)
    assert a.refused and a.mode == "extractive" and not stub.requests


def test_client_streams_and_names_the_model(home):
    with StubLLM("甲乙丙丁戊己庚辛") as stub:
        pieces = []
        text, model = complete(MESSAGES, with_llm(home, stub.url, llm_model="qwen2.5"), pieces.append)
    assert text == "甲乙丙丁戊己庚辛" and model == "qwen2.5" and pieces == ["甲乙丙丁戊", "己庚辛"]
    assert stub.requests[0]["model"] == "qwen2.5" and stub.requests[0]["temperature"] == 0


def test_without_the_openai_package_the_client_says_how_to_install_it(home, monkeypatch):
    monkeypatch.setitem(sys.modules, "openai", None)
    with pytest.raises(GenerationError, match=r"\.\[llm\]"):
        complete(MESSAGES, with_llm(home, "http://127.0.0.1:9/v1"))


@pytest.fixture
def cli_env(home, index, monkeypatch):
    """The CLI in-process over the fake index (primed in the API's cache) and a stub endpoint."""
    import rag.api

    rag.api.load_index(home, embedder=HashingEmbedder())
    with StubLLM(ISSUE_ANSWER) as stub:
        monkeypatch.setenv("RAG_LLM_URL", stub.url)
        yield stub


def test_rag_ask_llm_json_shows_mode_removed_and_model(home, cli_env, capsys):
    import json

    from rag.cli import main

    assert main(["--home", str(home.home), "ask", QUESTION, "--json", "--llm"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["mode"] == "generated" and out["model"] == "stub" and out["short"] == "308亿元"
    assert out["removed"] == [{"sentence": "比上年增长77.7%[1][2][3]。", "reason": "77.7% not in [1][2][3]"}]
    assert main(["--home", str(home.home), "ask", QUESTION, "--no-llm"]) == 0
    assert "已删除" not in capsys.readouterr().out and len(cli_env.requests) == 1
    assert main(["--home", str(home.home), "ask", QUESTION]) == 0  # RAG_LLM_URL set: used by default
    printed = capsys.readouterr().out
    assert (
        "已删除：比上年增长77.7%[1][2][3]。（77.7% not in [1][2][3]）" in printed
        and "数字与引用已核验" in printed
    )


def test_rag_eval_llm_reports_removed_sentences(home, cli_env, tmp_path, capsys):
    import json

    from eval.cli import main

    qa = tmp_path / "qa.jsonl"
    qa.write_text(json.dumps({"id": "q1", "question": QUESTION, "answers": ["308亿元"]}, ensure_ascii=False))
    assert main(["--home", str(home.home), "--llm", "--json", str(qa)]) == 0
    llm = json.loads(capsys.readouterr().out)["llm"]
    assert llm["generated"] == 1 and llm["sentences_kept"] == 1 and llm["sentences_removed"] == 1
    assert llm["removed_by_reason"] == {"number not in the cited passage": 1}
    assert main(["--home", str(home.home), "--llm", str(qa)]) == 0
    assert "removed, number not in the cited passage: 1" in capsys.readouterr().out
