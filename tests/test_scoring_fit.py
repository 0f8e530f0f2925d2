"""The CMRC metric, and the fitted scoring table: reproducible fitting, a model file that fits the code."""

from __future__ import annotations

import json

import pytest

from eval.cmrc2018 import em_f1, load_split, sample
from rag.answer import scoring
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("prediction", "gold", "em", "f1"),
    [
        ("光荣和ω-force", "光荣和ω-force", 1.0, 1.0),
        ("光荣和ω-force。", "光荣和ω-force", 1.0, 1.0),  # punctuation does not count
        ("村雨城", "任天堂游戏谜之村雨城", 0.0, 2 * 1.0 * 0.3 / 1.3),  # 3 of 10 tokens
        ("2009年", "2009年", 1.0, 1.0),
        ("1511年", "2009年", 0.0, 2 * 0.5 * 0.5 / 1.0),  # 「1511」 and 「2009」 are one token each
        ("", "晋国", 0.0, 0.0),
        (None, "晋国", 0.0, 0.0),
    ],
)
def test_cmrc_em_f1(prediction: str | None, gold: str, em: float, f1: float) -> None:
    got_em, got_f1 = em_f1(prediction, [gold])
    assert got_em == em
    assert got_f1 == pytest.approx(f1)


def test_the_best_gold_answer_counts() -> None:
    assert em_f1("村雨城", ["任天堂游戏谜之村雨城", "村雨城"]) == (1.0, 1.0)


def test_the_cmrc_sample_is_seeded() -> None:
    _, questions = load_split("trial")
    assert [q.id for q in sample(questions, 20)] == [q.id for q in sample(questions, 20)]
    assert len({q.doc for q in questions}) == 256


def _rows() -> list:
    from eval.train import Row

    rows = []
    for i in range(40):  # two sets, candidates whose bigram overlap and prior decide
        good = i % 3 != 0
        for j, (overlap, prior) in enumerate([(0.9, 0.6), (0.3, 0.2), (0.1, 0.05)]):
            x = {"bigrams": overlap, "log_prior": prior, "kind=name": 1.0}
            rows.append(Row(f"set{i % 2}", f"q{i}", good, x, int(good and j == 0)))
    return rows


def test_fitting_is_reproducible() -> None:
    pytest.importorskip("sklearn")
    from eval.train import cross_validate, fit

    assert fit(_rows()) == fit(_rows())
    assert cross_validate(_rows()) == cross_validate(_rows())
    weights, _ = fit(_rows())
    assert weights["bigrams"] > 0  # the overlap that marks the right candidate gets a positive weight


def test_the_ranking_is_fitted_pairwise_and_reproducibly() -> None:
    pytest.importorskip("scipy")
    from eval.train import Row, fit_ranking
    from rag.answer.scoring import ranked_value

    rows = []
    for i in range(
        30
    ):  # the prior prefers a wrong candidate by a little; the right one shares the question's words
        rows.append(Row(f"set{i % 2}", f"q{i}", True, {"log_prior": -1.0, "bigrams": 0.8}, 1))
        rows.append(Row(f"set{i % 2}", f"q{i}", True, {"log_prior": -0.8, "bigrams": 0.1}, 0))
    weights = fit_ranking(rows)
    assert weights == fit_ranking(rows)
    assert weights["bigrams"] > 0.2 / 0.7  # enough overlap to outweigh the prior's small preference
    right, wrong = rows[0].x, rows[1].x
    assert ranked_value(weights, right) > ranked_value(weights, wrong)
    flipped = [Row(r.group, r.qid, True, r.x, 1 - r.label) for r in rows]
    assert fit_ranking(flipped)["bigrams"] == 0.0  # never negative: more overlap never ranks lower


def test_the_committed_model_fits_the_code() -> None:
    model = json.loads((ROOT / "rag" / "data" / "answer_model.json").read_text())
    assert 0.0 < model["threshold"] < 1.0
    fixed = {
        "log_prior",
        "relevance",
        "log_context",
        "log_wording",
        "log_subject",
        "bigrams",
        "rare_chars",
        "rare_pairs",
        "rare_triples",
        "prior_margin",
        "prior_top",
        "bigram_margin",
        "rank_inv",
        "dense_inv",
        "keyword_inv",
        "log_span",
        "report",
        "away",
        "counterpart",
    }
    names = set(model["weights"])
    assert fixed <= names
    assert all(n in fixed or n.startswith(("kind=", "how=")) for n in names)
    assert scoring.load_model() == model
    overlaps = {k: v for k, v in model["ranking"].items() if k in scoring.RANKING}
    assert set(overlaps) == set(scoring.RANKING) and min(overlaps.values()) >= 0
    assert all(k in scoring.RANKING or k.startswith(scoring.RANKED) for k in model["ranking"])


def test_the_fitted_cues_move_the_way_they_say() -> None:
    """Every named cue (city/year/section, a list question's clause that lists) has a fitted weight in the
    ranking, of the sign fit.CUE_SIGNS names."""
    from rag.answer.fit import CUE_SIGNS

    ranking = scoring.load_model()["ranking"]
    assert set(CUE_SIGNS) <= set(ranking)
    for cue, sign in CUE_SIGNS.items():
        assert ranking[cue] * sign >= 0, cue
    assert ranking["ctx:elsewhere"] < 0 and ranking["ctx:year not held"] < 0


def test_cmrc_open_and_reader_modes_run_end_to_end(tmp_path) -> None:
    """A few trial paragraphs indexed with the hashing embedder: both modes answer and score."""
    from embeddings.fake import HashingEmbedder
    from eval.cmrc2018 import reader_fn, run_open, run_reader, summary_open, summary_reader, write_documents
    from rag.api import ask, build_index, load_index
    from rag.settings import Settings

    docs, questions = load_split("trial")
    names = sorted(docs)[:4]
    write_documents({n: docs[n] for n in names}, tmp_path / "docs")
    settings = Settings.from_env(home=tmp_path / "home")
    embedder = HashingEmbedder()
    build_index([tmp_path / "docs"], settings=settings, embedder=embedder)
    index = load_index(settings, embedder=embedder)
    asked = [q for q in questions if q.doc in names][:8]
    opened = summary_open(list(run_open(asked, lambda t: ask(t, index=index, settings=settings))))
    read = summary_reader(list(run_reader(asked, reader_fn(index, settings))))
    assert opened["questions"] == read["questions"] == len(asked) == 8
    assert opened["doc_hit@5"] > 0.5  # the paragraph asked about is found
    assert read["no_answer"] < 1.0 and read["f1"] > 0  # reader mode always names a span


def test_a_rare_pair_of_the_question_weighs_more_than_one_every_sentence_has() -> None:
    from rag.answer.candidates import Rarity
    from rag.query import parse_query

    passages = ["猴面包树是一种大树。猴面包树的果实可以吃。猴面包树又被称为笨蛋水果。猴面包树生长在非洲。"]
    rarity = Rarity(parse_query("为什么称猴面包树为笨蛋水果？"), passages)
    named = rarity.coverage("猴面包树又被称为笨蛋水果。")
    common = rarity.coverage("猴面包树生长在非洲。")
    assert named["rare_pairs"] > 0.5 > 0.1 > common["rare_pairs"] > 0.0  # 猴面包树 is in all four
    assert rarity.coverage("完全无关的句子。") == {"rare_chars": 0.0, "rare_pairs": 0.0, "rare_triples": 0.0}


def test_the_place_and_year_asked_about_carry_no_rarity() -> None:
    """A report names its place and year in a few sentences (its venue line): they must not pull them up."""
    from rag.answer.candidates import Rarity
    from rag.query import parse_query

    passages = ["现将青海省2024年预算提请会议审议。其中，税收收入286.3亿元。非税收入100亿元。"]
    rarity = Rarity(parse_query("青海2024年税收收了多少？"), passages)
    assert rarity.coverage("现将青海省2024年预算提请会议审议。")["rare_pairs"] == 0.0
    assert rarity.coverage("其中，税收收入286.3亿元。")["rare_pairs"] > 0.0


def test_the_threshold_sits_in_the_middle_of_a_flat_optimum() -> None:
    from eval.train import choose_threshold

    # one set: three answerable questions right at 0.9, 0.8, 0.7 and one unanswerable at 0.05 — any
    # threshold in (0.05, 0.7] is best; its middle is taken, not the edge of a refusal (0.06)
    best = {"s/a": (True, 0.9, 1), "s/b": (True, 0.8, 1), "s/c": (True, 0.7, 1), "s/u": (False, 0.05, 0)}
    assert 0.35 <= choose_threshold(best) <= 0.40


def test_the_threshold_in_use_stays_while_the_data_cannot_tell_a_better_one() -> None:
    from eval.train import choose_threshold

    # three sets whose flat optima differ (right answers down to 0.3, 0.5 and 0.7, an unanswerable at 0.05 in
    # each): over resampled sets the optimum's middle moves between them, and a threshold in use inside that
    # spread stays; one outside it (0.9 refuses right answers of every set) gives way to the middle
    best = {}
    for s, low in (("a", 0.3), ("b", 0.5), ("c", 0.7)):
        best |= {f"{s}/r1": (True, 0.95, 1), f"{s}/r2": (True, low, 1), f"{s}/u": (False, 0.05, 0)}
    middle = choose_threshold(best)
    assert choose_threshold(best, kept=middle + 0.03) == middle + 0.03
    assert choose_threshold(best, kept=0.9) == middle
    assert choose_threshold(best, kept=None) == middle


def test_a_wrong_answer_costs_more_than_a_refusal(monkeypatch: pytest.MonkeyPatch) -> None:
    from eval import train

    # one right answer sure (0.9) and one unsure (0.2) among two wrong ones between (0.4, 0.3): answering down to
    # 0.2 is as accurate as can be, but it says two wrong figures; refusing below 0.4 loses one right answer
    best = {"s/r1": (True, 0.9, 1), "s/r2": (True, 0.2, 1), "s/w1": (True, 0.4, 0), "s/w2": (True, 0.3, 0)}
    monkeypatch.setattr(train, "WRONG_COST", 0.0)
    assert train.choose_threshold(best) <= 0.2
    monkeypatch.setattr(train, "WRONG_COST", 1.0)
    assert train.choose_threshold(best) > 0.4


def test_only_a_places_report_counts_as_a_report() -> None:
    """A news article about a place gets the place as its city, but the report-only checks (the misfit
    refusal, the report-side refusal inputs) are for the kinds of report, not for 「其他」."""
    from rag.types import Chunk, DocMeta, Hit

    def report_input(doc_type: str) -> float:
        meta = DocMeta("标题", "景德镇", 2024, doc_type, None, None, "a.txt")
        hit = Hit(Chunk("c", "d", "正文", 0, 2, "", meta), 1.0, 1)
        return scoring.features("number", hit, {"prior": 0.5})["report"]

    assert report_input("政府工作报告") == 1.0
    assert report_input("统计公报") == 1.0
    assert report_input("其他") == 0.0
