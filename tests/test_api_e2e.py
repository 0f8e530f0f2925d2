"""End to end with the real default model on the sample reports (slow)."""

import json
import threading

import pytest

import rag
from eval.scoring import evidence_rank
from rag.api import answer_to_dict
from rag.query import parse_query
from rag.retrieval import dense_ranking

pytestmark = pytest.mark.slow


def test_mission_question_and_its_follow_up(sample_settings):
    first = rag.ask("常熟2024年工业投资目标是多少", settings=sample_settings)
    assert first.short == "308亿元" and not first.refused
    cite = first.citations[0]
    assert cite.city == "常熟" and cite.year == 2024 and "常熟" in cite.title
    assert "308亿元" in cite.quote and cite.section.startswith("2024年工作安排")
    doc = rag.load_index(sample_settings).docs[cite.doc_id]
    assert doc.text[cite.start : cite.end] == cite.quote
    follow = rag.ask("那2023年呢？", settings=sample_settings, history=["常熟2024年工业投资目标是多少"])
    assert follow.short == "超280亿元" and follow.citations[0].doc_id == cite.doc_id
    messages = [
        {"role": "user", "content": "常熟2024年工业投资目标是多少"},
        {"role": "assistant", "content": "308亿元"},
    ]
    assert rag.ask("那2023年呢？", settings=sample_settings, history=messages).short == "超280亿元"


@pytest.mark.parametrize(
    ("question", "history", "says"),
    [
        ("昆山呢？", ["常熟2024年工业投资目标是多少"], "报告库里昆山只有2022年政府工作报告"),
        ("无锡2023年GDP是多少？", [], "报告库里没有无锡的报告"),
    ],
)
def test_a_refusal_says_which_reports_the_city_has(sample_settings, question, history, says):
    a = rag.ask(question, settings=sample_settings, history=history)
    assert a.refused and says in a.text


def test_filters_narrow_the_search(sample_settings):
    a = rag.ask("工业投资目标是多少", settings=sample_settings, filters={"city": "苏州", "year": 2021})
    assert all(h.chunk.meta.city == "苏州" and h.chunk.meta.year == 2021 for h in a.hits)
    assert a.short == "1700亿元"


@pytest.mark.parametrize(
    "question",
    [
        "",
        "   ",
        "？？！！。。",
        "😀🎉",
        "What is the GDP growth target of Changshu?",
        '" OR 1=1 --',
        "*",
        "NEAR(",
        "常熟工业投资" * 1000,
    ],
)
def test_odd_questions_get_a_clear_answer_or_error(sample_settings, question):
    try:
        a = rag.ask(question, settings=sample_settings)
    except rag.QuestionError as exc:
        assert "空" in str(exc)
        return
    assert len(a.text) <= 300 and a.text
    json.dumps(answer_to_dict(a), ensure_ascii=False)


def test_no_index_yet_is_a_clear_error(tmp_path):
    with pytest.raises(rag.IndexNotFoundError, match="rag ingest"):
        rag.ask("常熟2024年工业投资目标是多少", settings=rag.Settings.from_env({}, home=tmp_path))


def test_concurrent_questions_get_their_own_answers(sample_settings):
    cases = {
        "常熟2024年工业投资目标是多少": "308亿元",
        "昆山之链(恋)慢行环线全长多少公里?": "56公里",
        "苏州2021年工业投资目标是多少？": "1700亿元",
        "常熟港一年的货物吞吐量有多少?": "6250万吨",
    }
    results: dict[str, str | None] = {}

    def run(q):
        results[q] = rag.ask(q, settings=sample_settings).short

    threads = [threading.Thread(target=run, args=(q,)) for q in list(cases) * 3]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == cases


def test_dense_only_search_finds_most_evidence(sample_index, questions):
    answerable = [q for q in questions if q["answers"] or q["answers_all"]]
    ranks = [
        evidence_rank(
            q,
            [
                sample_index.chunks[i].text
                for i in dense_ranking(sample_index, parse_query(q["question"]).text, 5)
            ],
        )
        for q in answerable
    ]
    share = sum(1 for r in ranks if r is not None) / len(answerable)
    print(f"dense-only evidence in top 5: {share:.3f} of {len(answerable)} answerable questions")
    # 0.75 on the machines of sessions 1-10; 0.675 on session 11's, where the int8 ONNX vectors lose one question
    # that torch's keep (cs24-26 at rank 6; torch 0.700, the session's starting code the same 0.675): the floor is
    # a diagnostic of the dense side with one question of margin for the CPU's int8 kernels (hybrid search, which
    # answers, has the evidence of 95% of them in its top 5 here)
    assert share >= 0.65
