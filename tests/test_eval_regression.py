"""The full public evaluation on the sample index must not fall below the recorded floor (slow)."""

import json

import pytest

from eval.run import run_eval
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_public_evaluation_stays_above_the_floor(sample_settings, sample_index, questions):
    import rag

    floor = json.loads((ROOT / "eval" / "floor.json").read_text())["accuracy"]
    result = run_eval(questions, lambda q: rag.ask(q, index=sample_index, settings=sample_settings))
    m = result.metrics
    print(json.dumps(m, ensure_ascii=False))
    assert m["accuracy"] >= floor
    assert m["grounded"] == 1.0
    assert m["refusal_recall"] >= 0.8 and m["wrong_refusals"] <= 2


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("qa_more.jsonl", "accuracy_more"),
        ("qa_blind.jsonl", "accuracy_blind"),
        ("qa_blind2.jsonl", "accuracy_blind2"),
        ("qa_blind3.jsonl", "accuracy_blind3"),
        ("qa_blind4.jsonl", "accuracy_blind4"),
        ("qa_blind5.jsonl", "accuracy_blind5"),
        ("qa_blind6.jsonl", "accuracy_blind6"),
        ("qa_compare.jsonl", "accuracy_compare"),
        ("qa_places.jsonl", "accuracy_places"),
        ("qa_blind7.jsonl", "accuracy_blind7"),
    ],
)
def test_other_question_sets_stay_above_their_floors(sample_settings, sample_index, name, key):
    import rag
    from eval.run import read_questions

    floor = json.loads((ROOT / "eval" / "floor.json").read_text())[key]
    more = read_questions([ROOT / "eval" / name])
    result = run_eval(more, lambda q: rag.ask(q, index=sample_index, settings=sample_settings))
    print(json.dumps(result.metrics, ensure_ascii=False))
    assert result.metrics["accuracy"] >= floor


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("qa_blind8.jsonl", "accuracy_blind8"),
        ("qa_blind9.jsonl", "accuracy_blind9"),
        ("qa_blind10.jsonl", "accuracy_blind10"),
        ("qa_blind11.jsonl", "accuracy_blind11"),
        ("qa_blind12.jsonl", "accuracy_blind12"),
        ("qa_blind13.jsonl", "accuracy_blind13"),
        ("qa_blind14.jsonl", "accuracy_blind14"),
        ("qa_blind15.jsonl", "accuracy_blind15"),
        ("qa_blind16.jsonl", "accuracy_blind16"),
        ("qa_blind17.jsonl", "accuracy_blind17"),
        ("qa_blind18.jsonl", "accuracy_blind18"),
        ("qa_blind19.jsonl", "accuracy_blind19"),
        ("qa_blind20.jsonl", "accuracy_blind20"),
        ("qa_blind21.jsonl", "accuracy_blind21"),
        ("qa_blind22.jsonl", "accuracy_blind22"),
        ("qa_blind23.jsonl", "accuracy_blind23"),
        ("qa_blind24.jsonl", "accuracy_blind24"),
        ("qa_blind25.jsonl", "accuracy_blind25"),
        ("qa_blind26.jsonl", "accuracy_blind26"),
        ("qa_blind27.jsonl", "accuracy_blind27"),
        ("qa_blind28.jsonl", "accuracy_blind28"),
        ("qa_blind29.jsonl", "accuracy_blind29"),
        ("qa_blind30.jsonl", "accuracy_blind30"),
        ("qa_blind31.jsonl", "accuracy_blind31"),
        ("qa_blind32.jsonl", "accuracy_blind32"),
        ("qa_blind33.jsonl", "accuracy_blind33"),
        ("qa_blind34.jsonl", "accuracy_blind34"),
        ("qa_blind35.jsonl", "accuracy_blind35"),
        ("qa_blind36.jsonl", "accuracy_blind36"),
        ("qa_blind37.jsonl", "accuracy_blind37"),
        ("qa_blind38.jsonl", "accuracy_blind38"),
        ("qa_blind39.jsonl", "accuracy_blind39"),
        ("qa_blind40.jsonl", "accuracy_blind40"),
        ("qa_blind41.jsonl", "accuracy_blind41"),
        ("qa_blind42.jsonl", "accuracy_blind42"),
        ("qa_blind43.jsonl", "accuracy_blind43"),
        ("qa_blind44.jsonl", "accuracy_blind44"),
        ("qa_blind45.jsonl", "accuracy_blind45"),
        ("qa_blind46.jsonl", "accuracy_blind46"),
        ("qa_blind47.jsonl", "accuracy_blind47"),
        ("qa_blind48.jsonl", "accuracy_blind48"),
        ("qa_blind49.jsonl", "accuracy_blind49"),
        ("qa_blind50.jsonl", "accuracy_blind50"),
        ("qa_blind51.jsonl", "accuracy_blind51"),
        ("qa_blind52.jsonl", "accuracy_blind52"),
        ("qa_blind53.jsonl", "accuracy_blind53"),
        ("qa_blind54.jsonl", "accuracy_blind54"),
        ("qa_blind55.jsonl", "accuracy_blind55"),
        ("qa_blind56.jsonl", "accuracy_blind56"),
        ("qa_blind57.jsonl", "accuracy_blind57"),
        ("qa_blind58.jsonl", "accuracy_blind58"),
        ("qa_blind59.jsonl", "accuracy_blind59"),
        ("qa_blind60.jsonl", "accuracy_blind60"),
        ("qa_blind61.jsonl", "accuracy_blind61"),
        ("qa_blind62.jsonl", "accuracy_blind62"),
        ("qa_blind63.jsonl", "accuracy_blind63"),
        ("qa_blind64.jsonl", "accuracy_blind64"),
        ("qa_blind65.jsonl", "accuracy_blind65"),
        ("qa_blind66.jsonl", "accuracy_blind66"),
        ("qa_blind67.jsonl", "accuracy_blind67"),
        ("qa_blind68.jsonl", "accuracy_blind68"),
        ("qa_blind69.jsonl", "accuracy_blind69"),
        ("qa_blind70.jsonl", "accuracy_blind70"),
        ("qa_blind71.jsonl", "accuracy_blind71"),
        ("qa_blind72.jsonl", "accuracy_blind72"),
        ("qa_blind73.jsonl", "accuracy_blind73"),
        ("qa_blind74.jsonl", "accuracy_blind74"),
        ("qa_blind75.jsonl", "accuracy_blind75"),
        ("qa_blind76.jsonl", "accuracy_blind76"),
        ("qa_blind77.jsonl", "accuracy_blind77"),
        ("qa_blind78.jsonl", "accuracy_blind78"),
        ("qa_blind79.jsonl", "accuracy_blind79"),
    ],
)
def test_sets_about_their_own_documents_stay_above_their_floors(tmp_path_factory, name, key):
    """A set written over documents of other places and kinds (eval/X_docs/) is asked of an index of them."""
    import rag
    from eval.run import documents_of, read_questions
    from rag.settings import Settings

    path = ROOT / "eval" / name
    settings = Settings.from_env(home=tmp_path_factory.mktemp(path.stem))
    rag.build_index([documents_of(path)], settings=settings, progress=False)
    index = rag.load_index(settings)
    floor = json.loads((ROOT / "eval" / "floor.json").read_text())[key]
    result = run_eval(read_questions([path]), lambda q: rag.ask(q, index=index, settings=settings))
    print(json.dumps(result.metrics, ensure_ascii=False))
    assert result.metrics["accuracy"] >= floor
